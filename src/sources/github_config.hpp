#pragma once

// The [github] table as the source runs it (github.cpp): which account to
// list and how to filter it, the repositories named explicitly, the API
// base, where the token comes from and which metrics to collect. Keys:
// docs/configuration.md.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.hpp"

namespace odometer {

// The metrics a config may ask for, in the order of k_github_metric_names.
enum class GithubMetric : std::size_t {
  clones,
  views,
  referrers,
  paths,
  stars,
  forks,
  releases,
  stars_daily,
  forks_daily
};
inline constexpr std::array<std::string_view, 9> k_github_metric_names{
    "clones", "views",    "referrers",   "paths",      "stars",
    "forks",  "releases", "stars-daily", "forks-daily"};

// [github] as a GitHub App (docs/scale.md): app_id and one of
// private_key_path or private_key_env, optionally installation_id.
struct GithubAppConfig {
  std::string app_id;                           // the App ID or client ID: the JWT's issuer
  std::optional<std::string> private_key_path;  // a relative one is of the config's folder
  std::optional<std::string> private_key_env;
  std::optional<std::uint64_t> installation_id;
};

// One [[github.credentials]] entry (docs/scale.md): a token from an
// environment variable or a GitHub App, and what it is for.
struct GithubCredentialConfig {
  std::optional<std::string> token_env;   // a token from this variable, or
  std::optional<GithubAppConfig> app;     // a GitHub App
  std::vector<std::string> accounts;      // `for`, lower case: "acme"
  std::vector<std::string> repositories;  // `for`, lower case: "acme/app"
};

struct GithubConfig {
  std::optional<std::string> org;
  std::optional<std::string> user;
  std::vector<std::string> repos;  // "owner/name", validated, each once in any case
  std::string api;                 // without a trailing '/'
  std::vector<std::string> token_env;
  bool include_forks = false;
  bool include_archived = false;
  bool include_private = false;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::array<bool, k_github_metric_names.size()> metrics{};
  // The schedule under the rate limit (github_schedule.hpp): the share of
  // each hour's requests a run may spend, and the days kept in hand before
  // a repository's due day.
  double rate_limit_share = 0.98;
  std::int32_t safety_days = 2;
  std::size_t forks_daily_budget = 100;  // requests of forks-daily in one run, at least 2
  std::optional<GithubAppConfig> app;    // set: the App's installation tokens, not a token
  std::vector<GithubCredentialConfig> credentials;  // more, each with what it is for

  bool wants(GithubMetric metric) const { return metrics[static_cast<std::size_t>(metric)]; }
  bool wants_traffic() const {
    return wants(GithubMetric::clones) || wants(GithubMetric::views) ||
           wants(GithubMetric::referrers) || wants(GithubMetric::paths);
  }
};

// Reads [github], recording every problem with its line (unknown keys,
// wrong types, bad names, an org and a user both, no org, user or repos);
// nullopt if it recorded any.
std::optional<GithubConfig> read_github_config(const toml::table& table, ConfigProblems& problems);

// The App's private key (PEM) from its file or its environment variable;
// an error naming the file or the variable (never quoting the key) when it
// cannot be read or is empty.
Result<std::string> github_app_key(const GithubAppConfig& app, const GetEnv& getenv);

// The value of the first of names that getenv gives and that is not
// empty; nullopt when there is none (or no getenv).
std::optional<std::string> token_from(const std::vector<std::string>& names, const GetEnv& getenv);

}  // namespace odometer
