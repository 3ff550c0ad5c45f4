#include "sources/github_app.hpp"

#include <algorithm>
#include <iterator>
#include <set>
#include <utility>

#include "net/jwt.hpp"
#include "sources/github_parse.hpp"
#include "util/json_reader.hpp"
#include "util/json_text.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

std::string installation_credential(std::uint64_t id) {
  return "github-installation-" + std::to_string(id);
}

Result<GithubInstallation> read_installation(const JsonReader& reader, element value,
                                             const std::string& path) {
  TRY_ASSIGN(const auto fields, reader.object_of(value, path));
  GithubInstallation out;
  TRY_ASSIGN(const Count id, reader.count(fields, "id", path));
  out.id = static_cast<std::uint64_t>(id);
  TRY_ASSIGN(const auto account_field, reader.field(fields, "account", path));
  TRY_ASSIGN(const auto account, reader.object_of(account_field, path + ".account"));
  TRY_ASSIGN(const auto login, reader.string(account, "login", path + ".account"));
  if (login.empty()) {
    return reader.fail(path + ".account.login", "is empty");
  }
  out.account = std::string(login);
  return out;
}

Request app_request(std::string method, std::string url, std::string credential) {
  Request request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.credential = std::move(credential);
  request.headers = {{"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"}};
  return request;
}

Timestamp now_of(HttpClient& http) {
  return Timestamp::from_unix_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(http.now().time_since_epoch()).count());
}

}  // namespace

Result<std::vector<GithubInstallation>> parse_installations(std::string_view body,
                                                            std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto items, reader.array_of(root, "$"));
  std::vector<GithubInstallation> out;
  std::size_t index = 0;
  for (const element item : items) {
    TRY_ASSIGN(auto installation, read_installation(reader, item, json_index_path("$", index++)));
    out.push_back(std::move(installation));
  }
  return out;
}

Result<GithubInstallation> parse_installation(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  return read_installation(reader, root, "$");
}

Result<InstallationToken> parse_installation_token(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto token, reader.string(top, "token", "$"));
  // Never quoted in an error: the text is a secret even when malformed.
  if (token.empty() || token.find_first_of(" \t\r\n\"\\") != std::string_view::npos) {
    return reader.fail("$.token", "is not a token");
  }
  TRY_ASSIGN(const auto expires_text, reader.string(top, "expires_at", "$"));
  auto expires_at = Timestamp::parse(expires_text);
  if (!expires_at) {
    return reader.fail("$.expires_at", expires_at.error().message);
  }
  return InstallationToken{std::string(token), *expires_at};
}

GithubApp::GithubApp(std::string api, std::string issuer, std::string pem,
                     std::optional<std::uint64_t> installation_id)
    : m_api(std::move(api)),
      m_issuer(std::move(issuer)),
      m_pem(std::move(pem)),
      m_installation_id(installation_id) {}

Result<std::string> GithubApp::sign_jwt(HttpClient& http) {
  // A new JWT for each use: it lives 9 minutes, and signing costs less
  // than tracking when one expires.
  TRY_ASSIGN(std::string jwt, sign_app_jwt(m_pem, m_issuer, http.now()));
  // One name per App: two Apps of one run never send each other's JWT.
  std::string credential = "github-app-jwt-" + m_issuer;
  http.set_credential(credential, std::move(jwt), url_host(m_api));
  return credential;
}

Status GithubApp::discover(HttpClient& http) {
  if (m_installation_id) {
    TRY_ASSIGN(const std::string jwt, sign_jwt(http));
    const std::string url = m_api + "/app/installations/" + std::to_string(*m_installation_id);
    const Fetched fetched = http.fetch(app_request("GET", url, jwt));
    if (!fetched.ok()) {
      return fetched.error;
    }
    TRY_ASSIGN(auto one, parse_installation(fetched.response.body, url));
    m_installations = {std::move(one)};
    return {};
  }
  // Every page: an App installed on more accounts than one page holds
  // must not lose the rest. Page by page (an App is seldom on thousands),
  // each with a fresh JWT, which lives only minutes.
  const std::string first =
      m_api + "/app/installations?per_page=" + std::to_string(k_github_page_size);
  std::vector<GithubInstallation> all;
  std::set<std::string> seen;
  for (std::string url = first;;) {
    TRY(note_page_read(seen, url, first));
    TRY_ASSIGN(const std::string jwt, sign_jwt(http));
    const Fetched fetched = http.fetch(app_request("GET", url, jwt));
    if (!fetched.ok()) {
      return fetched.error;
    }
    TRY_ASSIGN(auto page, parse_installations(fetched.response.body, url));
    std::move(page.begin(), page.end(), std::back_inserter(all));
    const auto link = fetched.response.header("link");
    const auto next = link ? parse_link_next(*link) : std::nullopt;
    if (!next) {
      break;
    }
    url = resolve_url(url, *next);
  }
  m_installations = std::move(all);
  return {};
}

bool GithubApp::installed_on(std::string_view owner) const {
  return installation_on(owner) != m_installations.end();
}

std::vector<GithubInstallation>::const_iterator GithubApp::installation_on(
    std::string_view owner) const {
  return std::find_if(m_installations.begin(), m_installations.end(),
                      [&](const GithubInstallation& installation) {
                        return ascii_lowercase(installation.account) == ascii_lowercase(owner);
                      });
}

Result<std::string> GithubApp::credential_for(HttpClient& http, std::string_view owner) {
  const auto found = installation_on(owner);
  if (found == m_installations.end()) {
    return make_error(
        "no installation of the GitHub App " + m_issuer + " is on " + std::string(owner),
        ErrorCode::not_found);
  }
  const std::string credential = installation_credential(found->id);
  const auto known = m_expires_at.find(found->id);
  const Timestamp now = now_of(http);
  const auto margin = std::chrono::duration_cast<std::chrono::seconds>(k_token_renewal_margin);
  if (known != m_expires_at.end() &&
      known->second.unix_seconds() - now.unix_seconds() > margin.count()) {
    return credential;
  }
  TRY_ASSIGN(const std::string jwt, sign_jwt(http));
  const std::string url =
      m_api + "/app/installations/" + std::to_string(found->id) + "/access_tokens";
  Request request = app_request("POST", url, jwt);
  request.answer = Answer::credential;
  const Fetched fetched = http.fetch(request);
  if (!fetched.ok()) {
    return fetched.error;
  }
  TRY_ASSIGN(auto token, parse_installation_token(fetched.response.body, url));
  http.set_credential(credential, std::move(token.token), url_host(m_api));
  m_expires_at[found->id] = token.expires_at;
  return credential;
}

}  // namespace odometer
