// [github] as a GitHub App: the JWT it signs (checked with libcrypto
// against the public key), the installations it learns, the installation
// tokens it exchanges and renews on the fake clock, the token each
// repository's requests carry, and that no key, JWT or token reaches a
// result, a message or a recording.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "net/jwt.hpp"
#include "net/recording.hpp"
#include "sources/github_app.hpp"
#include "support/fake_github_app.hpp"
#include "support/source_harness.hpp"
#include "util/redact.hpp"

namespace odometer {
namespace {

using std::chrono::system_clock;
using testing::FakeGithubApp;
using testing::FakeTransport;

constexpr const char* k_api = "https://api.github.com";

const testing::RsaKeyPair& app_key() {
  static const testing::RsaKeyPair key = testing::generate_rsa_key();
  return key;
}

std::int64_t unix_seconds(system_clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The base64 body of a PEM, the part that is the secret.
std::string pem_body_line(const std::string& pem) {
  const auto start = pem.find('\n') + 1;
  return pem.substr(start, pem.find('\n', start) - start);
}

TEST(GithubAppJwt, HeaderAndClaimsAreRightAndTheSignatureVerifiesWithThePublicKey) {
  const auto now = FakeTransport::default_start();
  const auto jwt = sign_app_jwt(app_key().private_pem, "424242", now);
  ASSERT_TRUE(jwt.ok()) << jwt.error().message;
  const auto verified = testing::verify_jwt(*jwt, app_key().public_pem);
  ASSERT_TRUE(verified.valid);
  EXPECT_EQ(verified.header, R"({"alg":"RS256","typ":"JWT"})");
  EXPECT_EQ(verified.claims, "{\"iat\":" + std::to_string(unix_seconds(now) - 60) + ",\"exp\":" +
                                 std::to_string(unix_seconds(now) + 540) + ",\"iss\":\"424242\"}");
  // Another key's public half does not verify it, nor does a changed claim.
  EXPECT_FALSE(testing::verify_jwt(*jwt, testing::generate_rsa_key().public_pem).valid);
  std::string tampered = *jwt;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_FALSE(testing::verify_jwt(tampered, app_key().public_pem).valid);
}

TEST(GithubAppJwt, AKeyThatIsNotAnRsaPrivateKeyIsAnErrorThatQuotesNothing) {
  const std::string not_a_key =
      "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n";
  for (const std::string& pem : {not_a_key, app_key().public_pem, std::string()}) {
    const auto jwt = sign_app_jwt(pem, "1", FakeTransport::default_start());
    ASSERT_FALSE(jwt.ok());
    EXPECT_EQ(jwt.error().message, "the GitHub App's private key is not an RSA private key in PEM");
    EXPECT_EQ(jwt.error().code, ErrorCode::invalid);
  }
}

TEST(GithubAppJwt, Base64urlHasNoPaddingAndTheUrlAlphabet) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
}

TEST(GithubAppParse, TheSamplesAreRead) {
  const auto installations = parse_installations(
      testing::api_sample("github-app/installations.json"), "https://x/app/installations");
  ASSERT_TRUE(installations.ok()) << installations.error().message;
  EXPECT_EQ(*installations,
            (std::vector<GithubInstallation>{{12345678, "acme"}, {23456789, "acme-labs"}}));
  const auto token = parse_installation_token(
      testing::api_sample("github-app/installation-token.json"), "https://x/t");
  ASSERT_TRUE(token.ok()) << token.error().message;
  EXPECT_EQ(token->token, "ghs_EXAMPLEexampleEXAMPLEexample0000");
  EXPECT_EQ(token->expires_at.to_string(), "2026-12-01T21:00:00Z");
}

TEST(GithubAppParse, ABadTokenAnswerNamesTheFieldAndNeverTheToken) {
  const auto bad = parse_installation_token(R"({"token":"ghs_ab cd","expires_at":"x"})", "U");
  testing::expect_parse_error(bad, "U", "$.token: is not a token");
  EXPECT_FALSE(contains(bad.error().message, "ghs_ab"));
  testing::expect_parse_error(parse_installation_token(R"({"token":"t","expires_at":"x"})", "U"),
                              "U", "$.expires_at");
  testing::expect_parse_error(parse_installations(R"([{"id":1,"account":{}}])", "U"), "U",
                              "$[0].account");
}

// An App against the fake, through a real HttpClient on the fake clock.
struct AppWorld {
  FakeTransport* transport = nullptr;
  std::unique_ptr<FakeGithubApp> github;
  std::unique_ptr<FakeTransport> fake;
  std::unique_ptr<HttpClient> http;
  // Answers a request itself when it gives a response (a broken server).
  std::function<std::optional<Response>(const Request&)> first;

  explicit AppWorld(const std::string& public_pem) {
    github = std::make_unique<FakeGithubApp>(public_pem, [this] { return fake->now(); });
    fake = std::make_unique<FakeTransport>([this](const Request& request) {
      if (first) {
        if (auto response = first(request)) {
          return *response;
        }
      }
      return github->answer(request);
    });
    ClientOptions options;
    options.jitter_seed = 7;
    // The run lasts past an installation token's hour on the fake clock;
    // budget_seconds bounds a whole run, so it must cover that.
    options.budget = std::chrono::hours(2);
    http = std::make_unique<HttpClient>(*fake, options);
  }

  int posts() const {
    int count = 0;
    for (const auto& request : fake->requests()) {
      count += request.method == "POST" ? 1 : 0;
    }
    return count;
  }
};

TEST(GithubApp, ListsInstallationsExchangesTokensAndRenewsThemBeforeExpiry) {
  AppWorld world(app_key().public_pem);
  GithubApp app(k_api, FakeGithubApp::app_id, app_key().private_pem, std::nullopt);
  ASSERT_TRUE(app.discover(*world.http).ok());
  EXPECT_EQ(app.installations(),
            (std::vector<GithubInstallation>{{11, "acme"}, {22, "acme-labs"}}));

  const auto acme = app.credential_for(*world.http, "ACME");  // GitHub ignores case
  ASSERT_TRUE(acme.ok()) << acme.error().message;
  EXPECT_EQ(world.posts(), 1);
  // Within the hour, less the margin: the same token, no new exchange.
  world.fake->sleep_for(std::chrono::minutes(54));
  ASSERT_TRUE(app.credential_for(*world.http, "acme").ok());
  EXPECT_EQ(world.posts(), 1);
  // Less than five minutes left: renewed.
  world.fake->sleep_for(std::chrono::minutes(2));
  ASSERT_TRUE(app.credential_for(*world.http, "acme").ok());
  EXPECT_EQ(world.posts(), 2);

  const auto labs = app.credential_for(*world.http, "acme-labs");
  ASSERT_TRUE(labs.ok());
  EXPECT_NE(*labs, *acme);
  const auto issued = world.github->issued();
  ASSERT_EQ(issued.size(), 3U);
  EXPECT_EQ(issued[0].installation, 11U);
  EXPECT_EQ(issued[1].installation, 11U);
  EXPECT_EQ(issued[2].installation, 22U);
  EXPECT_EQ(world.github->refused(), 0);

  // The renewed token is the one requests now carry; the fake accepts it
  // for acme's repositories only.
  Request request;
  request.url = std::string(k_api) + "/repos/acme/app";
  request.credential = *acme;
  EXPECT_TRUE(world.http->fetch(request).ok());
  request.url = std::string(k_api) + "/repos/acme-labs/tool";
  EXPECT_EQ(world.http->fetch(request).response.status, 401);
  request.credential = *labs;
  EXPECT_TRUE(world.http->fetch(request).ok());

  const auto none = app.credential_for(*world.http, "elsewhere");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().message, "no installation of the GitHub App 424242 is on elsewhere");
  EXPECT_EQ(none.error().code, ErrorCode::not_found);
}

// An App on more accounts than a page holds: every page is read, so the
// accounts of the last ones are found too.
TEST(GithubApp, EveryPageOfInstallationsIsRead) {
  AppWorld world(app_key().public_pem);
  world.github->add_installations(205);
  GithubApp app(k_api, FakeGithubApp::app_id, app_key().private_pem, std::nullopt);
  ASSERT_TRUE(app.discover(*world.http).ok());
  ASSERT_EQ(app.installations().size(), 207U);
  EXPECT_EQ(app.installations().front(), (GithubInstallation{1000, "other-0"}));
  EXPECT_EQ(app.installations().back(), (GithubInstallation{22, "acme-labs"}));
  std::vector<std::string> urls;
  for (const auto& request : world.fake->requests()) {
    urls.push_back(request.url);
  }
  const std::string listing = std::string(k_api) + "/app/installations?per_page=100";
  EXPECT_EQ(urls, (std::vector<std::string>{listing, listing + "&page=2", listing + "&page=3"}));
  EXPECT_TRUE(app.credential_for(*world.http, "acme-labs").ok());
}

// A server whose pages link back to one already read must not keep the
// run going round.
TEST(GithubApp, InstallationPagesThatLinkBackAreAnError) {
  AppWorld world(app_key().public_pem);
  const std::string listing = std::string(k_api) + "/app/installations?per_page=100";
  world.first = [&](const Request& request) -> std::optional<Response> {
    if (request.url != listing) {
      return std::nullopt;
    }
    return testing::make_response(200, "[]", {{"link", "<" + listing + ">; rel=\"next\""}});
  };
  GithubApp app(k_api, FakeGithubApp::app_id, app_key().private_pem, std::nullopt);
  const Status found = app.discover(*world.http);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().message, listing + ": the link header leads back to a page already read");
  EXPECT_TRUE(app.installations().empty());
}

TEST(GithubApp, AJwtSignedWithAnotherKeyIsRefused) {
  AppWorld world(testing::generate_rsa_key().public_pem);
  GithubApp app(k_api, FakeGithubApp::app_id, app_key().private_pem, std::nullopt);
  const Status found = app.discover(*world.http);
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.error().message,
            std::string("GET ") + k_api + "/app/installations?per_page=100: HTTP 401");
  EXPECT_TRUE(app.installations().empty());
  EXPECT_EQ(world.github->refused(), 1);
}

TEST(GithubApp, ANamedInstallationIsAskedForAlone) {
  AppWorld world(app_key().public_pem);
  GithubApp app(k_api, FakeGithubApp::app_id, app_key().private_pem, 22);
  ASSERT_TRUE(app.discover(*world.http).ok());
  EXPECT_EQ(app.installations(), (std::vector<GithubInstallation>{{22, "acme-labs"}}));
  EXPECT_EQ(world.fake->requests().at(0).url, std::string(k_api) + "/app/installations/22");
  EXPECT_TRUE(app.credential_for(*world.http, "acme-labs").ok());
  EXPECT_FALSE(app.credential_for(*world.http, "acme").ok());
}

constexpr std::string_view k_app_config = R"([github]
api = "https://api.github.com"
org = "acme"
repos = ["acme-labs/tool"]
app_id = 424242
private_key_env = "ODOMETER_APP_KEY"
metrics = ["clones", "releases", "stars"]
)";

struct AppRun {
  SourceResult result;
  std::vector<Request> requests;
  std::vector<FakeGithubApp::Issued> issued;
  int refused = 0;
  std::string recorded;  // every file the recording wrote, concatenated
};

AppRun run_app_source(const std::filesystem::path& record_dir,
                      std::string_view config = k_app_config) {
  AppRun run;
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const GetEnv getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "ODOMETER_APP_KEY") {
      return app_key().private_pem;
    }
    return std::nullopt;
  };
  const auto source = testing::source_maker("github")(*root["github"].as_table(), getenv, problems);
  EXPECT_TRUE(problems.empty()) << testing::join_lines(problems.messages());
  if (!source) {
    return run;
  }
  EXPECT_EQ(source->missing_requirement(), std::nullopt);
  EXPECT_FALSE(source->secret().has_value());
  AppWorld world(app_key().public_pem);
  const Timestamp now = *Timestamp::parse(testing::k_harness_now);
  auto recorder = make_recording_transport(*world.fake, record_dir, {}, now);
  EXPECT_TRUE(recorder.ok());
  HttpClient http(**recorder, ClientOptions{});
  const Ledger stored;
  SourceContext context{http, now, stored, nullptr};
  run.result = source->collect(context);
  run.requests = world.fake->requests();
  run.issued = world.github->issued();
  run.refused = world.github->refused();
  for (const auto& entry : std::filesystem::directory_iterator(record_dir)) {
    run.recorded += testing::read_file(entry.path());
  }
  return run;
}

std::string bearer_of(const Request& request) {
  for (const auto& header : request.headers) {
    if (header.name == "Authorization") {
      return header.value;
    }
  }
  return "";
}

TEST(GithubSourceAsApp, EachRepositoryUsesTheTokenOfTheInstallationOnItsOwner) {
  testing::TempDir dir;
  const AppRun run = run_app_source(dir.path() / "recording");
  EXPECT_EQ(run.result.state, SourceState::ok) << run.result.reason;
  EXPECT_TRUE(run.result.problems.empty());
  EXPECT_EQ(run.result.entities, 3U);
  EXPECT_EQ(run.refused, 0);
  std::vector<std::string> observed;
  for (const auto& observation : run.result.observations) {
    observed.push_back(testing::describe_observation(observation));
  }
  const std::string all = testing::join_lines(testing::sorted_lines(observed));
  for (const std::string repo : {"acme/app", "acme/lib", "acme-labs/tool"}) {
    EXPECT_TRUE(contains(all, "github:clones:" + repo + " daily 2026-05-01 3")) << all;
    EXPECT_TRUE(contains(all, "github:release-downloads:" + repo + " cumulative")) << all;
  }
  // One exchange per installation; every acme-labs request with its token.
  ASSERT_EQ(run.issued.size(), 2U);
  for (const auto& request : run.requests) {
    if (contains(request.url, "/repos/acme-labs/")) {
      const auto& labs = run.issued[0].installation == 22 ? run.issued[0] : run.issued[1];
      EXPECT_EQ(bearer_of(request), "Bearer " + labs.token) << request.url;
    }
  }
}

// The same App as a [[github.credentials]] entry for acme-labs only: its
// repositories go with that installation's token; acme, which nothing is
// for, is asked for without any token (the fake, which knows only
// installation tokens, refuses it), never with the App's.
TEST(GithubSourceAsApp, AnAppEntryReadsOnlyWhatItIsFor) {
  testing::TempDir dir;
  const AppRun run = run_app_source(dir.path() / "recording", R"([github]
api = "https://api.github.com"
repos = ["acme-labs/tool", "acme/app"]
metrics = ["clones", "releases", "stars"]

[[github.credentials]]
app_id = 424242
private_key_env = "ODOMETER_APP_KEY"
for = ["acme-labs"]
)");
  ASSERT_EQ(run.issued.size(), 1U);
  EXPECT_EQ(run.issued[0].installation, 22U);
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].entity, "acme/app");
  EXPECT_EQ(run.result.problems[0].reason, "GET https://api.github.com/repos/acme/app: HTTP 401");
  EXPECT_TRUE(std::any_of(
      run.result.observations.begin(), run.result.observations.end(),
      [](const Observation& o) { return o.key.str() == "github:clones:acme-labs/tool"; }));
  for (const auto& request : run.requests) {
    if (contains(request.url, "/repos/acme-labs/")) {
      EXPECT_EQ(bearer_of(request), "Bearer " + run.issued[0].token) << request.url;
    } else if (contains(request.url, "/repos/acme/")) {
      EXPECT_EQ(bearer_of(request), "") << request.url;
      EXPECT_FALSE(contains(request.url, "/traffic/")) << request.url;
    }
  }
}

TEST(GithubSourceAsApp, TheKeyTheJwtAndTheTokensAreInNoResultAndNoRecording) {
  testing::TempDir dir;
  const AppRun run = run_app_source(dir.path() / "recording");
  ASSERT_EQ(run.issued.size(), 2U);
  ASSERT_FALSE(run.recorded.empty());
  std::vector<std::string> secrets{pem_body_line(app_key().private_pem), "eyJ"};
  for (const auto& issued : run.issued) {
    secrets.push_back(issued.token);
  }
  std::string results = run.result.reason;
  for (const auto& problem : run.result.problems) {
    results += problem.reason;
  }
  for (const auto& secret : secrets) {
    EXPECT_FALSE(contains(run.recorded, secret)) << secret;
    EXPECT_FALSE(contains(results, secret)) << secret;
  }
  // The exchange was recorded, with its token redacted.
  EXPECT_TRUE(contains(run.recorded, R"(\"token\":\"[redacted]\")")) << run.recorded;
}

TEST(GithubAppConfig, TheKeysThatNeedEachOtherSaySo) {
  EXPECT_EQ(testing::config_problems("github", "[github]\norg = \"a\"\napp_id = 1\n"),
            std::vector<std::string>{
                "odometer.toml:3: [github] app_id needs private_key_path or private_key_env"});
  EXPECT_EQ(
      testing::config_problems("github", "[github]\norg = \"a\"\nprivate_key_path = \"k.pem\"\n"),
      std::vector<std::string>{"odometer.toml:3: [github] private_key_path needs app_id"});
  EXPECT_EQ(testing::config_problems("github",
                                     "[github]\norg = \"a\"\napp_id = \"Iv1.abc\"\n"
                                     "private_key_path = \"k\"\nprivate_key_env = \"K\"\n"
                                     "installation_id = 0\n"),
            (std::vector<std::string>{
                "odometer.toml:5: [github] has both private_key_path and private_key_env; use one",
                "odometer.toml:6: [github] installation_id must be a positive integer"}));
}

TEST(GithubAppConfig, AKeyThatCannotBeReadMakesTheSourceUnableToRunNamingTheFile) {
  const toml::table root = toml::parse(
      "[github]\norg = \"a\"\napp_id = 1\nprivate_key_path = \"/nonexistent/app.pem\"\n",
      std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const auto source =
      testing::source_maker("github")(*root["github"].as_table(), GetEnv(), problems);
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->missing_requirement(),
            "/nonexistent/app.pem: the GitHub App's private key file is missing or empty");
}

// As every path in the config: a run from another folder (a workflow step
// with its own working directory) reads the same key.
TEST(GithubAppConfig, ARelativeKeyPathIsOfTheConfigsFolder) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "site");
  const toml::table root =
      toml::parse("[github]\norg = \"a\"\napp_id = 1\nprivate_key_path = \"keys/app.pem\"\n",
                  (dir / "site/odometer.toml").string());
  const auto missing = [&] {
    ConfigProblems problems("odometer.toml");
    const auto source =
        testing::source_maker("github")(*root["github"].as_table(), GetEnv(), problems);
    EXPECT_TRUE(problems.empty());
    return source == nullptr ? std::string("no source")
                             : source->missing_requirement().value_or("");
  };
  EXPECT_EQ(missing(), (dir / "site/keys/app.pem").string() +
                           ": the GitHub App's private key file is missing or empty");
  std::filesystem::create_directories(dir / "site/keys");
  testing::write_file(dir / "site/keys/app.pem", app_key().private_pem);
  EXPECT_EQ(missing(), "");
}

TEST(GithubAppConfig, AnEmptyKeyPathIsAConfigProblem) {
  EXPECT_EQ(testing::config_problems(
                "github", "[github]\norg = \"a\"\napp_id = 1\nprivate_key_path = \"\"\n"),
            std::vector<std::string>{"odometer.toml:4: [github] private_key_path is empty"});
}

// Found by the end-to-end secrets test (test_cli_secrets): with an App the
// token of token_env is not sent, so secret() does not name it and it was
// known to no sink; a server echoing it put it in a recording.
TEST(GithubAppConfig, ATokenInTheEnvironmentIsHiddenEvenWhenTheAppSpeaksForTheRun) {
  const std::string token = "ghp_UnusedBesideTheApp0123456789";
  ASSERT_FALSE(holds_secret(token));
  const toml::table root = toml::parse(k_app_config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const GetEnv getenv = [&](const std::string& name) -> std::optional<std::string> {
    if (name == "ODOMETER_APP_KEY") {
      return app_key().private_pem;
    }
    return name == "GITHUB_TOKEN" ? std::optional<std::string>(token) : std::nullopt;
  };
  const auto source = testing::source_maker("github")(*root["github"].as_table(), getenv, problems);
  ASSERT_NE(source, nullptr);
  EXPECT_FALSE(source->secret().has_value()) << "the token is still never sent";
  EXPECT_TRUE(holds_secret("echoed: " + token));
  EXPECT_EQ(hide_secrets("echoed: " + token), "echoed: [redacted]");
}

}  // namespace
}  // namespace odometer
