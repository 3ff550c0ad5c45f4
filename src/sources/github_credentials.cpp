#include "sources/github_credentials.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

#include "util/redact.hpp"
#include "util/shard.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

// A client credential never set: requests naming it carry no token at all,
// not even the client's own.
constexpr std::string_view k_anonymous = "github-anonymous";

}  // namespace

// One credential of the run: a token (by its client credential name) or
// an App, and what it is for.
struct GithubCredentials::Credential {
  std::string name;                   // a token's client credential; "" the client's own
  std::optional<std::string> token;   // a token's value; nullopt when its variable is unset
  std::string variables;              // "ACME_TOKEN": what to set when it is missing
  std::unique_ptr<GithubApp> app;     // or an App
  std::optional<std::string> failed;  // why the App's installations could not be learnt
  std::string label;                  // "GitHub App 123": for an App's problems
  bool has_for = false;
  std::vector<std::string> accounts;      // lower case
  std::vector<std::string> repositories;  // lower case
};

GithubSecrets read_github_secrets(const GithubConfig& config, const GetEnv& getenv) {
  // Each token is known to every sink from the moment it is read
  // (util/redact.hpp).
  const auto read_token = [&](const std::vector<std::string>& names) {
    auto token = token_from(names, getenv);
    if (token) {
      remember_secret(*token);
    }
    return token;
  };
  GithubSecrets secrets;
  secrets.token = read_token(config.token_env);
  if (config.app) {
    secrets.app_key = github_app_key(*config.app, getenv);
  }
  for (const auto& entry : config.credentials) {
    secrets.tokens.push_back(entry.token_env ? read_token({*entry.token_env}) : std::nullopt);
    secrets.keys.push_back(entry.app ? std::optional(github_app_key(*entry.app, getenv))
                                     : std::nullopt);
  }
  return secrets;
}

GithubCredentials::GithubCredentials(const GithubConfig& config, const GithubSecrets& secrets)
    : m_host(url_host(config.api)),
      m_no_token("no token (set " + join_or(config.token_env) + ")"),
      m_table_app(config.app.has_value()) {
  const auto app_of = [&](const GithubAppConfig& app, const std::string& key) {
    return std::make_unique<GithubApp>(config.api, app.app_id, key, app.installation_id);
  };
  if (config.app) {
    auto credential = std::make_unique<Credential>();
    credential->label = "GitHub App " + config.app->app_id;
    if (secrets.app_key && *secrets.app_key) {
      credential->app = app_of(*config.app, **secrets.app_key);
    } else {
      credential->failed = secrets.app_key ? secrets.app_key->error().message : "no private key";
    }
    m_credentials.push_back(std::move(credential));
  } else if (secrets.token) {
    auto credential = std::make_unique<Credential>();
    credential->token = secrets.token;  // the client's own: ClientOptions::token
    m_credentials.push_back(std::move(credential));
  }
  for (std::size_t i = 0; i < config.credentials.size(); ++i) {
    const GithubCredentialConfig& entry = config.credentials[i];
    auto credential = std::make_unique<Credential>();
    credential->has_for = !entry.accounts.empty() || !entry.repositories.empty();
    credential->accounts = entry.accounts;
    credential->repositories = entry.repositories;
    if (entry.app) {
      credential->label = "GitHub App " + entry.app->app_id;
      const auto& key = secrets.keys.at(i);
      if (key && *key) {
        credential->app = app_of(*entry.app, **key);
      } else {
        credential->failed = key ? key->error().message : "no private key";
      }
    } else {
      credential->name = "github-token-" + *entry.token_env;
      credential->variables = *entry.token_env;
      credential->token = secrets.tokens.at(i);
    }
    m_credentials.push_back(std::move(credential));
  }
}

GithubCredentials::~GithubCredentials() = default;

Status GithubCredentials::start(HttpClient& http, std::vector<EntityProblem>& problems) {
  for (std::size_t i = 0; i < m_credentials.size(); ++i) {
    Credential& credential = *m_credentials[i];
    if (credential.token && !credential.name.empty()) {
      http.set_credential(credential.name, *credential.token, m_host);
    }
    if (credential.app) {
      if (auto found = credential.app->discover(http); !found) {
        credential.failed = found.error().message;
      }
    }
    if (credential.failed && i == 0 && m_table_app) {
      return make_error(*credential.failed);
    }
    if (credential.failed) {
      problems.push_back(EntityProblem{credential.label, SourceState::failed, *credential.failed});
    }
  }
  return {};
}

bool GithubCredentials::any_token() const {
  return std::any_of(m_credentials.begin(), m_credentials.end(), [](const auto& credential) {
    return credential->token.has_value() || credential->app != nullptr;
  });
}

Result<GithubRoute> GithubCredentials::route_with(HttpClient& http, Credential& credential,
                                                  std::string_view owner) {
  if (credential.app != nullptr && !credential.failed) {
    TRY_ASSIGN(std::string name, credential.app->credential_for(http, owner));
    return GithubRoute{std::move(name), true, {}};
  }
  if (credential.failed) {
    return make_error(credential.label + ": " + *credential.failed);
  }
  if (!credential.token) {
    return GithubRoute{std::string(k_anonymous), false,
                       "no token (set " + credential.variables + ")"};
  }
  return GithubRoute{credential.name, true, {}};
}

GithubCredentials::Credential* GithubCredentials::choose(const std::string& lower,
                                                         const std::string& owner) {
  const auto has = [](const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
  };
  // The levels of the header, most specific first.
  const std::array<std::function<bool(const Credential&)>, 4> levels{
      [&](const Credential& c) { return has(c.repositories, lower); },
      [&](const Credential& c) { return has(c.accounts, owner); },
      [&](const Credential& c) {
        return !c.has_for && c.app != nullptr && !c.failed && c.app->installed_on(owner);
      },
      [&](const Credential& c) { return !c.has_for && c.app == nullptr && c.token.has_value(); },
  };
  for (const auto& is_for : levels) {
    std::vector<Credential*> candidates;
    for (const auto& credential : m_credentials) {
      if (is_for(*credential)) {
        candidates.push_back(credential.get());
      }
    }
    if (!candidates.empty()) {
      return candidates[share_of(lower, static_cast<std::uint32_t>(candidates.size()))];
    }
  }
  if (m_table_app && m_credentials.front()->app != nullptr) {
    return m_credentials.front().get();  // its error says no installation is on the owner
  }
  return nullptr;
}

Result<GithubRoute> GithubCredentials::route(HttpClient& http, std::string_view name) {
  std::string lower = ascii_lowercase(name);
  std::string owner = lower.substr(0, lower.find('/'));
  // Which credential is for a name is settled once start() has learnt the
  // installations; only an App's token is asked for again, when due.
  auto [chosen, fresh] = m_chosen.try_emplace(lower, nullptr);
  if (fresh) {
    chosen->second = choose(lower, owner);
  }
  if (chosen->second == nullptr) {
    return GithubRoute{std::string(k_anonymous), false, m_no_token};
  }
  return route_with(http, *chosen->second, owner);
}

}  // namespace odometer
