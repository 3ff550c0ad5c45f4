#pragma once

// A GitHub App as [github] uses it: the App speaks as itself with a JWT
// it signs (net/jwt.hpp) to list where it is installed and to exchange
// that JWT for one installation token per installation; every request about
// a repository then goes out with the token of the installation on the
// repository's owner. Tokens live one hour, so a token is renewed when
// less than k_token_renewal_margin of it is left: a run that waits out a
// rate limit must not send a request with a token that expires in flight.
//
// The private key, the JWT and the tokens never leave this file and the
// HttpClient: each is registered with the client as a named credential
// (HttpClient::set_credential), which attaches it to the API host only and
// redacts it from every message; requests name the credential, not the
// secret. A token exchange's answer is marked Answer::credential, so a
// recording keeps no token and no cache keeps the answer.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/timestamp.hpp"
#include "net/client.hpp"

namespace odometer {

// Renew an installation token when it expires within this.
inline constexpr std::chrono::minutes k_token_renewal_margin{5};

struct GithubInstallation {
  std::uint64_t id = 0;
  std::string account;  // the login of the org or user it is installed on
  bool operator==(const GithubInstallation&) const = default;
};

// GET /app/installations: one entry per installation; an error naming the
// URL and the JSON path of the first bad field.
Result<std::vector<GithubInstallation>> parse_installations(std::string_view body,
                                                            std::string_view url);
// GET /app/installations/{id}: one installation.
Result<GithubInstallation> parse_installation(std::string_view body, std::string_view url);

struct InstallationToken {
  std::string token;  // any length: GitHub's token formats vary
  Timestamp expires_at;
};

// POST /app/installations/{id}/access_tokens; an error names the URL and
// the field, never the token.
Result<InstallationToken> parse_installation_token(std::string_view body, std::string_view url);

class GithubApp {
public:
  // api without a trailing '/'; issuer is the App ID or client ID; pem the
  // private key (kept here, never copied into a message).
  GithubApp(std::string api, std::string issuer, std::string pem,
            std::optional<std::uint64_t> installation_id);

  // Learns the installations: the configured one, or every one the App
  // has (every page of the listing). An error names the URL (an unusable
  // key, a refused JWT, a bad body, pages that link back); nothing is
  // learnt then.
  Status discover(HttpClient& http);
  const std::vector<GithubInstallation>& installations() const { return m_installations; }
  // Whether one of those installations is on owner (an org or user).
  bool installed_on(std::string_view owner) const;

  // The name of the client credential for requests about owner's
  // repositories, its token exchanged first or renewed when it expires
  // within the margin (by http's clock). An error when no installation is on
  // owner, or the exchange fails. Not thread-safe: one run asks from one
  // thread.
  Result<std::string> credential_for(HttpClient& http, std::string_view owner);

private:
  Result<std::string> sign_jwt(HttpClient& http);
  std::vector<GithubInstallation>::const_iterator installation_on(std::string_view owner) const;

  std::string m_api;
  std::string m_issuer;
  std::string m_pem;
  std::optional<std::uint64_t> m_installation_id;
  std::vector<GithubInstallation> m_installations;
  std::map<std::uint64_t, Timestamp> m_expires_at;  // installation -> its token's expiry
};

}  // namespace odometer
