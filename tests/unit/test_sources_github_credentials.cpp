// Several GitHub credentials in one run ([[github.credentials]],
// github_credentials.hpp): which credential each repository's requests go
// out with, what a missing token does, each credential's own rate-limit
// budget learnt from GET /rate_limit, and the config's problems.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "sources/github_parse.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using testing::FakeRegistry;
using testing::make_response;
using testing::run_source;

constexpr std::string_view k_api = "https://api.github.com";

std::string repo_object(const std::string& full_name) {
  const std::string name = full_name.substr(full_name.find('/') + 1);
  return R"({"id":1,"name":")" + name + R"(","full_name":")" + full_name +
         R"(","private":false,"fork":false,"archived":false,"stargazers_count":3,)"
         R"("forks_count":1})";
}

// The repository object and quiet answers for every endpoint of full_name.
void serve(FakeRegistry& github, const std::string& full_name) {
  const std::string base = std::string(k_api) + "/repos/" + full_name;
  github.json(base, repo_object(full_name));
  github.json(base + "/traffic/clones?per=day", R"({"count":0,"uniques":0,"clones":[]})");
  github.json(base + "/traffic/views?per=day", R"({"count":0,"uniques":0,"views":[]})");
  github.json(base + "/traffic/popular/referrers", "[]");
  github.json(base + "/traffic/popular/paths", "[]");
  github.json(base + "/releases?per_page=100&page=1", "[]");
}

GetEnv env_of(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

std::string authorization(const Request& request) {
  for (const auto& header : request.headers) {
    if (header.name == "Authorization") {
      return header.value;
    }
  }
  return "";
}

// The Authorization headers each repository's requests carried.
std::map<std::string, std::set<std::string>> tokens_by_repository(
    const std::vector<Request>& requests) {
  std::map<std::string, std::set<std::string>> out;
  const std::string prefix = std::string(k_api) + "/repos/";
  for (const auto& request : requests) {
    if (!request.url.starts_with(prefix)) {
      continue;
    }
    const std::string rest = request.url.substr(prefix.size());
    const auto second_slash = rest.find('/', rest.find('/') + 1);
    out[rest.substr(0, second_slash)].insert(authorization(request));
  }
  return out;
}

std::string rate_limit(int limit, int remaining) {
  return R"({"resources":{"core":{"limit":)" + std::to_string(limit) + R"(,"used":0,"remaining":)" +
         std::to_string(remaining) + R"(,"reset":1777723200}},"rate":{}})";
}

Response limited(int limit, int remaining, std::string body) {
  return make_response(200, std::move(body),
                       {{"x-ratelimit-limit", std::to_string(limit)},
                        {"x-ratelimit-remaining", std::to_string(remaining)},
                        {"x-ratelimit-reset", "1777723200"}});
}

constexpr std::string_view k_three_owners = R"([github]
repos = ["acme/app", "other/tool", "third/lib"]

[[github.credentials]]
token_env = "ACME_TOKEN"
for = ["acme"]

[[github.credentials]]
token_env = "TOOL_TOKEN"
for = ["Other/Tool"]
)";

TEST(GithubCredentials, EachRepositoryGoesOutWithTheCredentialThatIsForIt) {
  FakeRegistry github;
  for (const auto* name : {"acme/app", "other/tool", "third/lib"}) {
    serve(github, name);
  }
  const auto run = run_source("github", k_three_owners, github,
                              env_of({{"GITHUB_TOKEN", "ghp_default_token"},
                                      {"ACME_TOKEN", "ghp_acme_token"},
                                      {"TOOL_TOKEN", "ghp_tool_token"}}));
  EXPECT_EQ(run.result.state, SourceState::ok) << run.result.reason;
  const auto tokens = tokens_by_repository(run.requests);
  EXPECT_EQ(tokens.at("acme/app"), std::set<std::string>{"Bearer ghp_acme_token"});
  EXPECT_EQ(tokens.at("other/tool"), std::set<std::string>{"Bearer ghp_tool_token"});
  EXPECT_EQ(tokens.at("third/lib"), std::set<std::string>{"Bearer ghp_default_token"});
}

TEST(GithubCredentials, AMissingTokenSkipsTheTrafficOfWhatItIsForAndSendsNoOtherToken) {
  FakeRegistry github;
  for (const auto* name : {"acme/app", "other/tool", "third/lib"}) {
    serve(github, name);
  }
  const auto run =
      run_source("github", k_three_owners, github,
                 env_of({{"GITHUB_TOKEN", "ghp_default_token"}, {"TOOL_TOKEN", "ghp_tool_token"}}));
  const auto tokens = tokens_by_repository(run.requests);
  EXPECT_EQ(tokens.at("acme/app"), std::set<std::string>{""});
  bool skipped = false;
  for (const auto& problem : run.result.problems) {
    skipped |= problem.entity == "acme/app" &&
               problem.reason == "traffic skipped: no token (set ACME_TOKEN)";
  }
  EXPECT_TRUE(skipped);
  for (const auto& request : run.requests) {
    EXPECT_FALSE(request.url.starts_with(std::string(k_api) + "/repos/acme/app/traffic"))
        << request.url;
  }

  const toml::table root = toml::parse(k_three_owners, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const auto source = testing::source_maker("github")(
      *root["github"].as_table(), env_of({{"TOOL_TOKEN", "ghp_tool_token"}}), problems);
  ASSERT_TRUE(source);
  EXPECT_EQ(source->missing_requirement(),
            "no GitHub token: set ACME_TOKEN (a [[github.credentials]] entry)");
}

// A config naming acme/repo-0 .. repo-(N-1), each served by github, and
// two tokens (ONE and TWO) both for acme.
std::string two_tokens_for_acme(int repositories, FakeRegistry& github) {
  std::string config = "[github]\nrepos = [";
  for (int i = 0; i < repositories; ++i) {
    const std::string name = "acme/repo-" + std::to_string(i);
    config += (i > 0 ? ", \"" : "\"") + name + "\"";
    serve(github, name);
  }
  return config + R"(]
[[github.credentials]]
token_env = "ONE"
for = ["acme"]
[[github.credentials]]
token_env = "TWO"
for = ["acme"]
)";
}

TEST(GithubCredentials, TokensForOneAccountSplitItsRepositoriesTheSameWayEveryRun) {
  FakeRegistry github;
  const std::string config = two_tokens_for_acme(40, github);
  const auto env = env_of({{"ONE", "ghp_token_one"}, {"TWO", "ghp_token_two"}});
  const auto first = tokens_by_repository(run_source("github", config, github, env).requests);
  const auto second = tokens_by_repository(run_source("github", config, github, env).requests);
  EXPECT_EQ(first, second);
  std::map<std::string, int> repositories_per_token;
  for (const auto& [repository, tokens] : first) {
    ASSERT_EQ(tokens.size(), 1U) << repository << " went out with two tokens";
    ++repositories_per_token[*tokens.begin()];
  }
  EXPECT_EQ(first.size(), 40U);
  EXPECT_GT(repositories_per_token["Bearer ghp_token_one"], 5);
  EXPECT_GT(repositories_per_token["Bearer ghp_token_two"], 5);
}

// ONE has no points left this hour; TWO has plenty. ONE's repositories are
// deferred, TWO's are read: one credential's limit never holds up another's.
TEST(GithubCredentials, EachCredentialSpendsItsOwnRateLimit) {
  FakeRegistry github;
  const std::string config = two_tokens_for_acme(20, github);
  const std::string url = std::string(k_api) + "/rate_limit";
  github.on_token("ghp_token_one", url, limited(5000, 40, rate_limit(5000, 40)));
  github.on_token("ghp_token_two", url, limited(5000, 4000, rate_limit(5000, 4000)));
  const auto run = run_source("github", config, github,
                              env_of({{"ONE", "ghp_token_one"}, {"TWO", "ghp_token_two"}}));
  EXPECT_EQ(run.result.state, SourceState::ok) << run.result.reason;

  // GET /rate_limit went out once per token before any traffic request,
  // never conditionally. ONE's 40 left are inside the 100 kept in reserve.
  std::set<std::string> asked;
  bool traffic_seen = false;
  for (const auto& request : run.requests) {
    traffic_seen |= request.url.find("/traffic/") != std::string::npos;
    if (request.url == std::string(k_api) + "/rate_limit") {
      EXPECT_FALSE(traffic_seen);
      EXPECT_EQ(request.answer, Answer::live);
      EXPECT_TRUE(asked.insert(authorization(request)).second);
    }
  }
  EXPECT_EQ(asked, (std::set<std::string>{"Bearer ghp_token_one", "Bearer ghp_token_two"}));
  const auto tokens = tokens_by_repository(run.requests);
  std::set<std::string> deferred;
  for (const auto& problem : run.result.deferred) {
    EXPECT_EQ(problem.reason, "deferred: rate limit budget, never read");
    deferred.insert(problem.entity);
  }
  ASSERT_FALSE(deferred.empty());
  for (const auto& [repository, sent] : tokens) {
    const bool traffic_read = std::any_of(run.requests.begin(), run.requests.end(), [&](auto& r) {
      return r.url == std::string(k_api) + "/repos/" + repository + "/traffic/clones?per=day";
    });
    EXPECT_EQ(traffic_read, !deferred.contains(repository)) << repository;
    EXPECT_EQ(deferred.contains(repository), sent.contains("Bearer ghp_token_one")) << repository;
  }
}

// A GitHub Enterprise server without rate limits answers GET /rate_limit
// with 404: the run goes on, budgeted by the answers' headers if any.
TEST(GithubCredentials, ARateLimitEndpointThatIsMissingLeavesTheBudgetToTheHeaders) {
  FakeRegistry github;
  serve(github, "acme/app");
  const auto run = run_source("github", "[github]\nrepos = [\"acme/app\"]\n", github,
                              env_of({{"GITHUB_TOKEN", "ghp_default_token"}}));
  EXPECT_EQ(run.result.state, SourceState::ok) << run.result.reason;
  EXPECT_TRUE(run.result.deferred.empty());
  EXPECT_EQ(run.urls().front(), "GET https://api.github.com/repos/acme/app");
}

TEST(GithubCredentials, EveryBadEntryIsNamedWithItsLine) {
  const auto problems = testing::config_problems("github", R"([github]
org = "acme"

[[github.credentials]]
token_env = "A"
app_id = 12
private_key_env = "KEY"

[[github.credentials]]
for = ["acme"]

[[github.credentials]]
token_env = "B"
for = ["not a name", "acme"]
colour = "blue"
)");
  const std::string all = testing::join_lines(problems);
  EXPECT_EQ(problems.size(), 4U) << all;
  EXPECT_NE(all.find("odometer.toml:4: "), std::string::npos) << all;
  EXPECT_NE(all.find("odometer.toml:9: "), std::string::npos) << all;
  EXPECT_NE(all.find("needs token_env (a token) or app_id (a GitHub App), not both"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("\"not a name\" is not an account or \"owner/name\""), std::string::npos)
      << all;
  EXPECT_NE(all.find("colour"), std::string::npos) << all;

  EXPECT_EQ(testing::config_problems("github", "[github]\norg = \"acme\"\ncredentials = \"A\"\n"),
            std::vector<std::string>{
                "odometer.toml:3: [github] credentials must be [[github.credentials]] tables, at "
                "least one"});
}

TEST(GithubRateLimit, ReadsTheRestBudgetOfTheSample) {
  const auto limit =
      parse_rate_limit(testing::api_sample("github-app/rate-limit.json"), "https://x/rate_limit");
  ASSERT_TRUE(limit.ok()) << limit.error().message;
  EXPECT_EQ(limit->limit, 5000U);
  EXPECT_EQ(limit->remaining, 3688U);
  EXPECT_EQ(limit->reset, 1764625200U);
}

TEST(GithubRateLimit, RefusesHostileBodiesNamingThePath) {
  const std::string url = "https://x/rate_limit";
  const std::string sample = testing::api_sample("github-app/rate-limit.json");
  for (const auto& hostile : testing::common_hostile_bodies(sample)) {
    testing::expect_parse_error(parse_rate_limit(hostile.body, url), url, hostile.part);
  }
  testing::expect_parse_error(parse_rate_limit(R"({"rate":{}})", url), url,
                              "$: missing field \"resources\"");
  testing::expect_parse_error(
      parse_rate_limit(testing::replace_once(sample, "\"remaining\": 3688", "\"remaining\": -1"),
                       url),
      url, "$.resources.core.remaining");
  testing::expect_parse_error(
      parse_rate_limit(testing::replace_once(sample, "\"remaining\": 3688", "\"remaining\": 9999"),
                       url),
      url, "$.resources.core.remaining: is above the limit");
}

}  // namespace
}  // namespace odometer
