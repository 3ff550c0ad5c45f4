#pragma once

// A fake of GitHub's App endpoints and of the repositories two
// installations cover, answered in memory through a FakeTransport (whose
// clock is fake, so a token's hour passes instantly). It refuses what
// GitHub refuses: a JWT whose RS256 signature does not verify with the
// App's public key (checked with libcrypto), a JWT that is expired, not yet
// valid, lives longer than 10 minutes or names another issuer; an
// installation token that is unknown, expired, or belongs to another
// installation than the one on the repository's owner.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "net/http.hpp"

namespace odometer::testing {

// A fresh 2048-bit RSA key pair, PEM-encoded.
struct RsaKeyPair {
  std::string private_pem;
  std::string public_pem;
};
RsaKeyPair generate_rsa_key();

// The decoded header and claims of a JWT whose signature verifies with
// public_pem; empty strings when it does not verify or is not a JWT.
struct VerifiedJwt {
  bool valid = false;
  std::string header;  // the JSON text
  std::string claims;
};
VerifiedJwt verify_jwt(const std::string& jwt, const std::string& public_pem);

class FakeGithubApp {
public:
  static constexpr const char* app_id = "424242";
  // Installation 11 is on "acme" (repositories acme/app, acme/lib), 22 on
  // "acme-labs" (acme-labs/tool).
  FakeGithubApp(std::string public_pem, std::function<std::chrono::system_clock::time_point()> now);

  Response answer(const Request& request);

  // count more installations, on accounts other-0, other-1, ... with no
  // repositories, listed before the two: they push those to a later page.
  // Before the first request.
  void add_installations(std::size_t count);

  // Every installation token handed out, in order, and the installation each is for.
  struct Issued {
    std::string token;
    std::uint64_t installation = 0;
    std::chrono::system_clock::time_point expires_at;
  };
  std::vector<Issued> issued() const;
  // How many requests were refused with 401.
  int refused() const;

private:
  struct FakeInstallation {
    std::uint64_t id;
    std::string account;
    std::vector<std::string> repositories;
  };

  bool valid_jwt(const Request& request, std::string& why) const;
  Response installations_page(const std::string& url) const;
  Response repository_request(const Request& request, const std::string& path);

  std::vector<FakeInstallation> m_installations{{11, "acme", {"app", "lib"}},
                                                {22, "acme-labs", {"tool"}}};

  std::string m_public_pem;
  std::function<std::chrono::system_clock::time_point()> m_now;
  mutable std::mutex m_mutex;
  std::vector<Issued> m_issued;
  int m_refused = 0;
};

}  // namespace odometer::testing
