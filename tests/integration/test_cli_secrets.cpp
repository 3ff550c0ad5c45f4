// No secret reaches anything odometer writes, end to end: the real binary
// collects as a GitHub App (its PEM key in an environment variable) from a
// fake GitHub on 127.0.0.1, with GITHUB_TOKEN set as well and a PostgreSQL
// store whose URL holds a password, records the run, renders every output,
// and then every file under the test's folder and all that was printed is
// searched for the token, the URL's password, each line of the key, every
// JWT the fake received and every installation token it issued. The fake
// echoes the JWT and the installation token back in an ETag and in a body
// (and the unused GITHUB_TOKEN in a body), so the redaction is exercised,
// not merely never needed.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "net/http.hpp"
#include "support/fake_github_app.hpp"
#include "support/local_server.hpp"
#include "support/postgres.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::every_file;
using testing::FakeGithubApp;
using testing::run_odometer;
using testing::TempDir;
using testing::TestDatabase;
using testing::write_file;

constexpr std::string_view k_token = "ghp_SecretsEndToEnd0123456789abcdefXYZ";
constexpr std::string_view k_store_password = "StorePassw0rdEndToEnd42";
constexpr std::string_view k_key_env = "ODOMETER_TEST_APP_KEY";

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

std::string bearer_of(const httplib::Request& request) {
  const std::string value = request.get_header_value("Authorization");
  return value.starts_with("Bearer ") ? value.substr(7) : "";
}

// FakeGithubApp behind an HTTP server on 127.0.0.1, on the real clock (the
// binary signs its JWTs with it). It keeps every JWT it was sent, and echoes
// what it received: the App's installation listing carries the JWT in its
// ETag and in a body field, the listing of acme's repositories the
// installation token (and the GITHUB_TOKEN odometer never sent) likewise.
class FakeGithubAppServer {
public:
  explicit FakeGithubAppServer(const std::string& public_pem)
      : m_app(public_pem, [] { return std::chrono::system_clock::now(); }) {
    const auto handle = [this](const httplib::Request& req, httplib::Response& res) {
      answer(req, res);
    };
    m_server.http().Get(".*", handle);
    m_server.http().Post(".*", handle);
  }

  // Stopped before the members its handlers use are gone.
  ~FakeGithubAppServer() { stop(); }
  FakeGithubAppServer(const FakeGithubAppServer&) = delete;
  FakeGithubAppServer& operator=(const FakeGithubAppServer&) = delete;

  void start() { m_server.start(); }
  void stop() { m_server.stop(); }
  std::string api() const { return m_server.url(); }

  std::set<std::string> jwts() const {
    const std::lock_guard lock(m_mutex);
    return m_jwts;
  }
  std::vector<std::string> installation_tokens() const {
    std::vector<std::string> tokens;
    for (const auto& issued : m_app.issued()) {
      tokens.push_back(issued.token);
    }
    return tokens;
  }
  // How many answers echoed a JWT / an installation token.
  std::size_t jwt_echoes() const {
    const std::lock_guard lock(m_mutex);
    return m_jwt_echoes;
  }
  std::size_t token_echoes() const {
    const std::lock_guard lock(m_mutex);
    return m_token_echoes;
  }

private:
  void answer(const httplib::Request& req, httplib::Response& res) {
    Request request;
    request.method = req.method;
    request.url = api() + req.target;
    request.body = req.body;
    for (const auto& [name, value] : req.headers) {
      request.headers.push_back(Header{name, value});
    }
    Response response = m_app.answer(request);
    const std::string bearer = bearer_of(req);
    const bool installations = req.target.starts_with("/app/installations?");
    const bool repositories = req.target.starts_with("/orgs/acme/repos");
    if (response.status == 200 && (installations || repositories)) {
      const std::lock_guard lock(m_mutex);
      ++(installations ? m_jwt_echoes : m_token_echoes);
      std::string echo = "you sent " + bearer;
      if (repositories) {
        echo += ", and GITHUB_TOKEN is " + std::string(k_token);
      }
      res.set_header("ETag", "\"" + bearer + "\"");
      // A field odometer does not read, in the first object of the body.
      const auto brace = response.body.find('{');
      response.body.insert(brace + 1, R"("description":")" + echo + R"(",)");
    }
    if (req.target.starts_with("/app/")) {
      const std::lock_guard lock(m_mutex);
      m_jwts.insert(bearer);
    }
    for (const auto& header : response.headers) {
      res.set_header(header.name, header.value);
    }
    res.status = response.status;
    res.set_content(response.body, "application/json; charset=utf-8");
  }

  FakeGithubApp m_app;
  testing::LocalServer m_server;
  mutable std::mutex m_mutex;
  std::set<std::string> m_jwts;
  std::size_t m_jwt_echoes = 0;
  std::size_t m_token_echoes = 0;
};

// The base64 lines of a PEM key: the key itself, line by line.
std::vector<std::string> key_lines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream in(pem);
  for (std::string line; std::getline(in, line);) {
    if (line.size() > 20 && !line.starts_with("-----")) {
      lines.push_back(line);
    }
  }
  return lines;
}

// database's URL as role, with the password in the URL's user-info
// (postgresql://role:PASSWORD@/db?host=...) rather than in its query.
std::string user_info_url(const TestDatabase& database, const std::string& role) {
  std::string url = database.url_for(role, std::string(k_store_password));
  const std::string query_password = "password=" + std::string(k_store_password);
  const auto at = url.find(query_password);
  if (at == std::string::npos) {
    ADD_FAILURE() << "the test server's URL has no password parameter: " << url;
    return url;
  }
  url.erase(at - 1, query_password.size() + 1);  // with its '?' or '&'
  if (const auto query = url.find('?'); query == std::string::npos) {
    if (const auto amp = url.find('&'); amp != std::string::npos) {
      url[amp] = '?';  // the first parameter was the password
    }
  }
  const std::string scheme = "postgresql:///";
  EXPECT_TRUE(url.starts_with(scheme)) << url;
  return "postgresql://" + role + ":" + std::string(k_store_password) + "@/" +
         url.substr(scheme.size());
}

TEST(CliSecrets, NoFileOrOutputOfACollectAsAnAppWithATokenAndAStorePasswordHoldsASecret) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  const std::string role = testing::unique_name("collector");
  ASSERT_TRUE(database.exec("CREATE ROLE " + role + " LOGIN PASSWORD '" +
                            std::string(k_store_password) + "'; GRANT CREATE, USAGE ON SCHEMA " +
                            "public TO " + role));
  const std::string store = user_info_url(database, role);

  const testing::RsaKeyPair key = testing::generate_rsa_key();
  FakeGithubAppServer github(key.public_pem);
  ASSERT_NO_FATAL_FAILURE(github.start());
  setenv(std::string(k_key_env).c_str(), key.private_pem.c_str(), 1);
  setenv("GITHUB_TOKEN", std::string(k_token).c_str(), 1);
  setenv("NO_PROXY", "127.0.0.1", 1);
  setenv("no_proxy", "127.0.0.1", 1);

  TempDir dir;
  const auto config = dir / "odometer.toml";
  write_file(config, "[ledger]\nstore = \"" + store + "\"\n\n[github]\norg = \"acme\"\napi = \"" +
                         github.api() + "\"\napp_id = " + FakeGithubApp::app_id +
                         "\nprivate_key_env = \"" + std::string(k_key_env) +
                         "\"\nmetrics = [\"clones\", \"releases\", \"stars\", \"forks\"]\n\n" +
                         "[outputs]\nseed_cache = \"site/installs-cache.json\"\n" +
                         "seed_public = \"site/installs.json\"\n");
  std::filesystem::create_directories(dir / "site");

  std::vector<CommandResult> runs;
  runs.push_back(run_odometer({"collect", "--config", config.string()}));
  runs.push_back(run_odometer(
      {"collect", "--config", config.string(), "--record", (dir / "recording").string()}));
  runs.push_back(run_odometer({"render", "--config", config.string()}));
  unsetenv(std::string(k_key_env).c_str());
  unsetenv("GITHUB_TOKEN");
  github.stop();
  for (const auto& run : runs) {
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  }
  // The App was used for real, and the fake echoed what it was sent.
  EXPECT_GE(github.jwts().size(), 1U);
  EXPECT_GE(github.installation_tokens().size(), 2U);
  EXPECT_GE(github.jwt_echoes(), 1U);
  EXPECT_GE(github.token_echoes(), 1U);
  EXPECT_TRUE(contains(runs[0].out, ":[redacted]@")) << "the store is named, its password hidden\n"
                                                     << runs[0].out;

  std::vector<std::string> secrets{std::string(k_token), std::string(k_store_password)};
  const auto lines = key_lines(key.private_pem);
  ASSERT_GE(lines.size(), 10U);
  secrets.insert(secrets.end(), lines.begin(), lines.end());
  for (const auto& jwt : github.jwts()) {
    ASSERT_GT(jwt.size(), 20U);
    secrets.push_back(jwt);
  }
  for (const auto& token : github.installation_tokens()) {
    secrets.push_back(token);
  }

  // What odometer wrote: the ledger's companions, the recording, the outputs.
  // The config is the test's own input and holds the store URL.
  auto files = every_file(dir.path());
  std::erase_if(files, [&](const auto& file) { return file.first == config; });
  std::set<std::string> names;
  for (const auto& [path, text] : files) {
    names.insert(std::filesystem::relative(path, dir.path()).string());
  }
  for (const auto* expected :
       {"odometer-store.etags.json", "odometer-store.last-run.json", "recording/recording.json",
        "odometer-out/dashboard.html", "odometer-out/counters.json", "odometer-out/ledger.csv",
        "odometer-out/summary.txt", "site/installs-cache.json", "site/installs.json"}) {
    EXPECT_TRUE(names.contains(expected)) << expected << " was not written";
  }
  EXPECT_GT(files.size(), 15U);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    files.emplace_back("stdout of run " + std::to_string(i), runs[i].out);
    files.emplace_back("stderr of run " + std::to_string(i), runs[i].err);
  }
  for (const auto& [path, text] : files) {
    for (const auto& secret : secrets) {
      EXPECT_FALSE(contains(text, secret)) << path << " holds " << secret.substr(0, 12) << "…";
    }
  }
  // The echoes reached the recording, hidden.
  bool redacted_echo = false;
  for (const auto& [path, text] : files) {
    redacted_echo = redacted_echo || contains(text, "you sent [redacted]");
  }
  EXPECT_TRUE(redacted_echo);
}

}  // namespace
}  // namespace odometer
