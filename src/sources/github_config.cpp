#include "sources/github_config.hpp"

#include <algorithm>
#include <utility>

#include "sources/github_schedule.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[github]";
constexpr std::string_view k_default_api = "https://api.github.com";
constexpr std::array<std::string_view, 19> k_keys{"org",
                                                  "user",
                                                  "repos",
                                                  "api",
                                                  "token_env",
                                                  "include_forks",
                                                  "include_archived",
                                                  "include_private",
                                                  "include",
                                                  "exclude",
                                                  "metrics",
                                                  "rate_limit_share",
                                                  "safety_days",
                                                  "forks_daily_budget",
                                                  "app_id",
                                                  "private_key_path",
                                                  "private_key_env",
                                                  "installation_id",
                                                  "credentials"};
constexpr std::string_view k_credential_where = "[[github.credentials]]";
constexpr std::array<std::string_view, 6> k_credential_keys{
    "token_env", "app_id", "private_key_path", "private_key_env", "installation_id", "for"};
constexpr std::array<std::string_view, 2> k_default_token_env{"GITHUB_TOKEN", "GH_TOKEN"};
// Only when named: the first run of either reads a repository's whole past,
// and the star history endpoint is missing on older Enterprise servers.
constexpr std::array<GithubMetric, 2> k_opt_in_metrics{GithubMetric::stars_daily,
                                                       GithubMetric::forks_daily};

// GitHub owner and repository names: letters, digits, '.', '-', '_'. Keeping
// to them means a name from the config can go into a URL path as is.
bool is_github_name(std::string_view name) {
  return is_plain_name(name, ".-_");
}

bool is_repository_name(std::string_view entry) {
  const auto slash = entry.find('/');
  return slash != std::string_view::npos && is_github_name(entry.substr(0, slash)) &&
         is_github_name(entry.substr(slash + 1));
}

// GitHub does not tell names apart by case: "ACME/App" is acme/app.
constexpr NameRule k_repository_rule{
    .what = "\"owner/name\"", .valid = is_repository_name, .canonical = ascii_lowercase};

bool is_account_or_repository(std::string_view entry) {
  return is_github_name(entry) || is_repository_name(entry);
}

// What a credential is for: an account ("acme") or a repository ("acme/app").
constexpr NameRule k_target_rule{.what = "an account or \"owner/name\"",
                                 .valid = is_account_or_repository,
                                 .canonical = ascii_lowercase};

std::optional<std::string> read_account(const toml::table& table, std::string_view key,
                                        ConfigProblems& problems) {
  auto value = read_string(table, key, k_where, problems);
  if (value && !is_github_name(*value)) {
    problems.add(*table.get(key), std::string(k_where) + " " + std::string(key) + " \"" + *value +
                                      "\" is not a GitHub account name");
    return std::nullopt;
  }
  return value;
}

std::vector<std::string> read_token_env(const toml::table& table, ConfigProblems& problems) {
  auto names = read_strings(table, "token_env", k_where, problems);
  if (!names) {
    return {k_default_token_env.begin(), k_default_token_env.end()};
  }
  if (names->empty()) {
    problems.add(*table.get("token_env"),
                 std::string(k_where) + " token_env must name at least one variable");
  }
  for (std::size_t i = 0; i < names->size(); ++i) {
    if ((*names)[i].empty()) {
      problems.add(list_item_node(table, "token_env", i),
                   std::string(k_where) + " token_env has an empty variable name");
    }
  }
  return std::move(*names);
}

std::array<bool, k_github_metric_names.size()> read_metrics(const toml::table& table,
                                                            ConfigProblems& problems) {
  std::array<bool, k_github_metric_names.size()> out{};
  const auto metrics = read_strings(table, "metrics", k_where, problems);
  if (!metrics) {
    out.fill(true);
    for (const GithubMetric metric : k_opt_in_metrics) {
      out[static_cast<std::size_t>(metric)] = false;
    }
    return out;
  }
  if (metrics->empty()) {
    problems.add(*table.get("metrics"),
                 std::string(k_where) + " metrics must name at least one metric");
  }
  for (std::size_t i = 0; i < metrics->size(); ++i) {
    const std::string& metric = (*metrics)[i];
    const auto* known =
        std::find(k_github_metric_names.begin(), k_github_metric_names.end(), metric);
    if (known == k_github_metric_names.end()) {
      std::string message = std::string(k_where) + " unknown metric \"" + metric + "\"";
      if (const auto suggestion = closest_match(metric, k_github_metric_names)) {
        message += "; did you mean \"" + std::string(*suggestion) + "\"?";
      }
      problems.add(list_item_node(table, "metrics", i), message);
      continue;
    }
    out[static_cast<std::size_t>(known - k_github_metric_names.begin())] = true;
  }
  return out;
}

// rate_limit_share: a number in (0, 1]; safety_days: a whole number of
// days the schedule keeps in hand, below the 12 a read lasts.
void read_schedule(const toml::table& table, GithubConfig& config, ConfigProblems& problems) {
  if (const toml::node* node = table.get("rate_limit_share")) {
    const auto share = node->value<double>();
    if (!share || !(*share > 0.0 && *share <= 1.0)) {
      problems.add(*node, std::string(k_where) +
                              " rate_limit_share must be a number above 0 and at most 1 (the "
                              "share of each hour's requests a run may use, e.g. 0.98)");
    } else {
      config.rate_limit_share = *share;
    }
  }
  if (const auto days = read_integer(table, "safety_days", k_where, problems)) {
    if (*days < 0 || *days >= k_traffic_read_interval) {
      problems.add(*table.get("safety_days"), std::string(k_where) + " safety_days must be 0 to " +
                                                  std::to_string(k_traffic_read_interval - 1));
    } else {
      config.safety_days = static_cast<std::int32_t>(*days);
    }
  }
}

// app_id (a number or a client ID) and where its key is; nullopt without
// app_id, with a problem for each key that needs it.
std::optional<GithubAppConfig> read_app(const toml::table& table, std::string_view where,
                                        ConfigProblems& problems) {
  GithubAppConfig app;
  const toml::node* id = table.get("app_id");
  if (id != nullptr && id->is_integer() && id->as_integer()->get() > 0) {
    app.app_id = std::to_string(id->as_integer()->get());
  } else if (id != nullptr) {
    const auto text = read_string(table, "app_id", where, problems);
    if (text && !is_plain_name(*text, ".-_")) {
      problems.add(*id,
                   std::string(where) + " app_id \"" + *text + "\" is not an App ID or client ID");
    }
    app.app_id = text.value_or("");
  }
  if (auto path = read_path(table, "private_key_path", where, problems)) {
    app.private_key_path = path->string();
  }
  app.private_key_env = read_string(table, "private_key_env", where, problems);
  if (const toml::node* installation = table.get("installation_id")) {
    const auto value = read_integer(table, "installation_id", where, problems);
    if (value && *value <= 0) {
      problems.add(*installation,
                   std::string(where) + " installation_id must be a positive integer");
    } else if (value) {
      app.installation_id = static_cast<std::uint64_t>(*value);
    }
  }
  if (id == nullptr) {
    for (const auto* key : {"private_key_path", "private_key_env", "installation_id"}) {
      if (const toml::node* node = table.get(key)) {
        problems.add(*node, std::string(where) + " " + key + " needs app_id");
      }
    }
    return std::nullopt;
  }
  const bool path = table.contains("private_key_path");
  if (path && table.contains("private_key_env")) {
    problems.add(*table.get("private_key_env"),
                 std::string(where) + " has both private_key_path and private_key_env; use one");
  } else if (!path && !table.contains("private_key_env")) {
    problems.add(*id, std::string(where) + " app_id needs private_key_path or private_key_env");
  }
  return app;
}

// One [[github.credentials]] entry: token_env or an App, and `for`.
std::optional<GithubCredentialConfig> read_credential(const toml::table& table,
                                                      ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  check_keys(table, k_credential_where, k_credential_keys, problems);
  GithubCredentialConfig credential;
  credential.token_env = read_string(table, "token_env", k_credential_where, problems);
  if (credential.token_env && credential.token_env->empty()) {
    problems.add(*table.get("token_env"),
                 std::string(k_credential_where) + " token_env is an empty variable name");
  }
  credential.app = read_app(table, k_credential_where, problems);
  if (credential.token_env.has_value() == credential.app.has_value() &&
      problems.messages().size() == before) {
    problems.add(table, std::string(k_credential_where) +
                            " needs token_env (a token) or app_id (a GitHub App), not both");
  }
  const auto targets = read_names(table, "for", k_credential_where, k_target_rule, problems);
  for (const auto& target : targets.value_or(std::vector<std::string>{})) {
    (target.find('/') == std::string::npos ? credential.accounts : credential.repositories)
        .push_back(ascii_lowercase(target));
  }
  if (problems.messages().size() != before) {
    return std::nullopt;
  }
  return credential;
}

// Every entry of `credentials`. Two entries may be for the same account:
// they share its repositories (github_credentials.hpp).
std::vector<GithubCredentialConfig> read_credentials(const toml::table& table,
                                                     ConfigProblems& problems) {
  std::vector<GithubCredentialConfig> out;
  const toml::node* node = table.get("credentials");
  if (node == nullptr) {
    return out;
  }
  const toml::array* list = node->as_array();
  if (list == nullptr || list->empty() || !list->is_array_of_tables()) {
    problems.add(*node, std::string(k_where) +
                            " credentials must be [[github.credentials]] tables, at least one");
    return out;
  }
  for (const toml::node& item : *list) {
    if (auto credential = read_credential(*item.as_table(), problems)) {
      out.push_back(std::move(*credential));
    }
  }
  return out;
}

}  // namespace

std::optional<GithubConfig> read_github_config(const toml::table& table, ConfigProblems& problems) {
  // problems may hold other tables' messages already: only new ones count.
  const std::size_t before = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  GithubConfig config;

  config.org = read_account(table, "org", problems);
  config.user = read_account(table, "user", problems);
  if (config.org && config.user) {
    problems.add(*table.get("user"),
                 std::string(k_where) + " has both org and user; use one (and repos for more)");
  }
  config.repos = read_names(table, "repos", k_where, k_repository_rule, problems)
                     .value_or(std::vector<std::string>{});
  // Keyed on presence: a wrong type is reported already, not as missing.
  // An empty repos is a typo unless an org or user lists the repositories.
  const toml::node* repos = table.get("repos");
  if (!table.contains("org") && !table.contains("user")) {
    if (repos == nullptr) {
      problems.add(table, std::string(k_where) + " needs org, user or repos");
    } else if (const auto* list = repos->as_array(); list != nullptr && list->empty()) {
      problems.add(*repos, std::string(k_where) + " repos must name at least one");
    }
  }

  config.api =
      read_api_url(table, k_where, k_default_api, "https://ghe.example.com/api/v3", problems);
  config.token_env = read_token_env(table, problems);
  config.include_forks = read_bool(table, "include_forks", k_where, problems).value_or(false);
  config.include_archived = read_bool(table, "include_archived", k_where, problems).value_or(false);
  config.include_private = read_bool(table, "include_private", k_where, problems).value_or(false);
  config.include =
      read_strings(table, "include", k_where, problems).value_or(std::vector<std::string>{});
  config.exclude =
      read_strings(table, "exclude", k_where, problems).value_or(std::vector<std::string>{});
  config.metrics = read_metrics(table, problems);
  read_schedule(table, config, problems);
  if (auto budget = read_integer(table, "forks_daily_budget", k_where, problems)) {
    // A day's forks can straddle two pages: one request could never finish it.
    if (*budget < 2) {
      problems.add(
          *table.get("forks_daily_budget"),
          std::string(k_where) + " forks_daily_budget must be at least 2 (requests a run)");
    } else {
      config.forks_daily_budget = static_cast<std::size_t>(*budget);
    }
  }
  config.app = read_app(table, k_where, problems);
  config.credentials = read_credentials(table, problems);

  if (problems.messages().size() != before) {
    return std::nullopt;
  }
  return config;
}

Result<std::string> github_app_key(const GithubAppConfig& app, const GetEnv& getenv) {
  if (app.private_key_env) {
    auto value = getenv ? getenv(*app.private_key_env) : std::nullopt;
    if (!value || value->empty()) {
      return make_error("the GitHub App's private key: environment variable " +
                            *app.private_key_env + " is not set",
                        ErrorCode::not_found);
    }
    return std::move(*value);
  }
  const std::string path = app.private_key_path.value_or("");
  TRY_ASSIGN(auto text, read_file_if_exists(path));
  if (!text || text->empty()) {
    return make_error(path + ": the GitHub App's private key file is missing or empty",
                      ErrorCode::not_found);
  }
  return std::move(*text);
}

std::optional<std::string> token_from(const std::vector<std::string>& names, const GetEnv& getenv) {
  if (!getenv) {
    return std::nullopt;
  }
  for (const auto& name : names) {
    if (auto value = getenv(name); value && !value->empty()) {
      return value;
    }
  }
  return std::nullopt;
}

}  // namespace odometer
