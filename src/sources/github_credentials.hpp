#pragma once

// Which credential reads which repository when [github] has several
// (docs/scale.md): the [github] table's own token or App, and the entries
// of [[github.credentials]], each a token from a named environment
// variable or a GitHub App, each with what it is `for`.
//
// Every repository is read by exactly one credential, the most specific
// that is for it:
//   1. an entry whose `for` names the repository ("acme/app");
//   2. an entry whose `for` names its owner ("acme");
//   3. an App without `for` (the table's own App too) installed on the owner;
//   4. a token without `for`: the table's token and the entries' tokens
//      without `for`.
// Where several are for it at one level, the repository's name decides
// (util/shard.hpp's hash), so two tokens `for` one org split it in two
// stable halves and each half spends its own token's rate limit. An org's
// listing goes out the same way, by the org's name. With nothing for it, a
// repository is read without a token: public data only, its traffic
// skipped with the variable to set. With the table's own App and nothing
// else for it, the App's missing installation is the repository's error.
//
// The tokens themselves go to the HttpClient as named credentials
// (HttpClient::set_credential) and never leave it; this class hands out
// names.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "net/client.hpp"
#include "sources/github_app.hpp"
#include "sources/github_config.hpp"
#include "sources/source.hpp"

namespace odometer {

// The secrets of a [github] table as the source read them at load.
struct GithubSecrets {
  std::optional<std::string> token;            // [github] token_env's first that is set
  std::optional<Result<std::string>> app_key;  // [github] app's private key, if an App
  // One per [[github.credentials]] entry, in order: its token (nullopt:
  // the variable is not set) or its App's key.
  std::vector<std::optional<std::string>> tokens;
  std::vector<std::optional<Result<std::string>>> keys;
};

// Reads every secret of config from the environment (and the key files).
GithubSecrets read_github_secrets(const GithubConfig& config, const GetEnv& getenv);

// How the requests about one repository (or one account's listing) go out.
struct GithubRoute {
  std::string credential;      // the HttpClient credential; "" the client's own token
  bool authenticated = false;  // false: without a token, public data only
  std::string missing;         // when not authenticated: "no token (set A or B)"
};

class GithubCredentials {
public:
  GithubCredentials(const GithubConfig& config, const GithubSecrets& secrets);
  ~GithubCredentials();
  GithubCredentials(const GithubCredentials&) = delete;
  GithubCredentials& operator=(const GithubCredentials&) = delete;

  // Hands the entries' tokens to http and learns where every App is
  // installed. An error when the table's own App cannot (the source cannot
  // run then); an entry's App that cannot is a failed problem naming it,
  // and the repositories it is for fail with that reason.
  Status start(HttpClient& http, std::vector<EntityProblem>& problems);

  // After start(): the route for "owner/repo", or for an account's listing; an App's
  // token is exchanged or renewed first. An error when the App that is for
  // it is not installed on the owner or its token cannot be had.
  Result<GithubRoute> route(HttpClient& http, std::string_view name);

  // Whether any repository can be read with a token.
  bool any_token() const;

private:
  struct Credential;
  // The credential that is for `lower` (a lower-case name), or nullptr.
  Credential* choose(const std::string& lower, const std::string& owner);
  Result<GithubRoute> route_with(HttpClient& http, Credential& credential, std::string_view owner);

  std::vector<std::unique_ptr<Credential>> m_credentials;
  std::map<std::string, Credential*> m_chosen;  // lower-case name -> choose(), once
  std::string m_host;                           // the API's: where the tokens may go
  std::string m_no_token;                       // "no token (set GITHUB_TOKEN or GH_TOKEN)"
  bool m_table_app = false;
};

}  // namespace odometer
