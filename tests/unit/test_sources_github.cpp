// The [github] source, driven through a real HttpClient over a FakeTransport
// that plays GitHub: listing pagination and filters, the exact observations,
// the token rules (none → traffic skipped and no Authorization anywhere;
// one → on every API request, attached by the client), per-repository
// failures that store nothing of the bad response, release pagination,
// GitHub Enterprise URLs, and config problems reported all at once.

#include "support/source_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "support/fake_transport.hpp"

namespace odometer {
namespace {

using testing::FakeTransport;
using testing::make_response;

constexpr std::string_view k_now = "2026-05-02T12:00:00Z";
constexpr std::string_view k_no_token = "traffic skipped: no token (set GITHUB_TOKEN or GH_TOKEN)";
constexpr std::string_view k_no_push = "traffic skipped: no push access (HTTP 403)";

// GitHub as a table of URL → response; anything else is a 404.
class FakeGithub {
public:
  void on(const std::string& url, Response response) { m_routes[url] = std::move(response); }
  void json(const std::string& url, std::string body, std::vector<Header> headers = {}) {
    on(url, make_response(200, std::move(body), std::move(headers)));
  }
  Response answer(const Request& request) const {
    const auto it = m_routes.find(request.url);
    if (it == m_routes.end()) {
      return make_response(404, R"({"message":"Not Found"})");
    }
    return it->second;
  }

private:
  std::map<std::string, Response> m_routes;
};

// Forwards to a FakeTransport and records which requests went out together.
class BatchRecorder final : public Transport {
public:
  explicit BatchRecorder(FakeTransport& inner) : m_inner(inner) {}
  std::vector<Response> send(const std::vector<Request>& requests) override {
    std::vector<std::string> urls;
    urls.reserve(requests.size());
    for (const auto& request : requests) {
      urls.push_back(request.url);
    }
    m_batches.push_back(std::move(urls));
    return m_inner.send(requests);
  }
  std::chrono::system_clock::time_point now() override { return m_inner.now(); }
  void sleep_for(std::chrono::milliseconds duration) override { m_inner.sleep_for(duration); }
  const std::vector<std::vector<std::string>>& batches() const { return m_batches; }

private:
  FakeTransport& m_inner;
  std::vector<std::vector<std::string>> m_batches;
};

struct RepoJson {
  std::string full_name;
  Count stars = 0;
  Count forks = 0;
  bool fork = false;
  bool archived = false;
  bool is_private = false;
};

std::string repo_object(const RepoJson& repo) {
  const std::string name = repo.full_name.substr(repo.full_name.find('/') + 1);
  const auto flag = [](bool value) { return value ? "true" : "false"; };
  return R"({"id":1,"name":")" + name + R"(","full_name":")" + repo.full_name + R"(","private":)" +
         flag(repo.is_private) + R"(,"fork":)" + flag(repo.fork) + R"(,"archived":)" +
         flag(repo.archived) + R"(,"stargazers_count":)" + std::to_string(repo.stars) +
         R"(,"watchers_count":0,"forks_count":)" + std::to_string(repo.forks) + "}";
}

std::string repo_list(const std::vector<RepoJson>& repos) {
  std::string out = "[";
  for (const auto& repo : repos) {
    out += (out.size() > 1 ? "," : "") + repo_object(repo);
  }
  return out + "]";
}

struct DayJson {
  std::string day;  // YYYY-MM-DD
  int count = 0;
  int uniques = 0;
};

std::string traffic(std::string_view field, const std::vector<DayJson>& days) {
  int count = 0;
  int uniques = 0;
  std::string list;
  for (const auto& day : days) {
    count += day.count;
    uniques += day.uniques;
    list += (list.empty() ? "" : ",") + std::string(R"({"timestamp":")") + day.day +
            R"(T00:00:00Z","count":)" + std::to_string(day.count) + R"(,"uniques":)" +
            std::to_string(day.uniques) + "}";
  }
  return R"({"count":)" + std::to_string(count) + R"(,"uniques":)" + std::to_string(uniques) +
         R"(,")" + std::string(field) + R"(":[)" + list + "]}";
}

std::string releases(const std::vector<std::vector<int>>& assets_per_release) {
  std::string out = "[";
  int id = 1;
  for (const auto& assets : assets_per_release) {
    out += (out.size() > 1 ? "," : "") + std::string(R"({"id":)") + std::to_string(id++) +
           R"(,"tag_name":"v1","assets":[)";
    for (std::size_t i = 0; i < assets.size(); ++i) {
      out += (i > 0 ? "," : "") + std::string(R"({"name":"a.tgz","download_count":)") +
             std::to_string(assets[i]) + "}";
    }
    out += "]}";
  }
  return out + "]";
}

// Serves quiet answers for every per-repository endpoint of full_name.
void serve_quiet(FakeGithub& github, const std::string& api, const std::string& full_name) {
  const std::string base = api + "/repos/" + full_name;
  github.json(base + "/traffic/clones?per=day", traffic("clones", {}));
  github.json(base + "/traffic/views?per=day", traffic("views", {}));
  github.json(base + "/traffic/popular/referrers", "[]");
  github.json(base + "/traffic/popular/paths", "[]");
  github.json(base + "/releases?per_page=100&page=1", "[]");
}

// Serves the repository object and quiet endpoints, for a `repos` entry.
void serve_repo(FakeGithub& github, const std::string& api, const RepoJson& repo) {
  github.json(api + "/repos/" + repo.full_name, repo_object(repo));
  serve_quiet(github, api, repo.full_name);
}

std::string describe(const Observation& observation) {
  std::string out = observation.key.str() + " " + std::string(to_string(observation.kind)) + " " +
                    observation.day.to_string() + " " + std::to_string(observation.value);
  if (observation.additivity == Additivity::non_additive) {
    out += " non-additive";
  }
  if (observation.floor) {
    out += " floor";
  }
  if (observation.at) {
    out += " at " + observation.at->to_string();
  }
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string gauge(const std::string& key, int value) {
  return key + " gauge 2026-05-02 " + std::to_string(value) + " at " + std::string(k_now);
}

std::string cumulative(const std::string& key, int value) {
  return key + " cumulative 2026-05-02 " + std::to_string(value);
}

struct Outcome {
  std::unique_ptr<Source> source;
  SourceResult result;
  std::vector<Request> requests;
  std::vector<std::vector<std::string>> batches;
  std::vector<std::pair<std::size_t, std::size_t>> progress;

  std::vector<std::string> observations() const {
    std::vector<std::string> out;
    for (const auto& observation : result.observations) {
      out.push_back(describe(observation));
    }
    return sorted(std::move(out));
  }
  bool has_key_starting(std::string_view prefix) const {
    return std::any_of(result.observations.begin(), result.observations.end(),
                       [&](const Observation& o) { return o.key.str().starts_with(prefix); });
  }
};

GetEnv env_of(std::map<std::string, std::string> variables) {
  return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
    const auto it = variables.find(name);
    return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

std::unique_ptr<Source> make_source(std::string_view config, const GetEnv& getenv) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  auto source = testing::source_maker("github")(*root["github"].as_table(), getenv, problems);
  EXPECT_TRUE(problems.empty()) << join(problems.messages());
  return source;
}

Outcome run(std::string_view config, const FakeGithub& github,
            std::map<std::string, std::string> env = {}) {
  Outcome outcome;
  outcome.source = make_source(config, env_of(std::move(env)));
  if (!outcome.source) {
    ADD_FAILURE() << "no source";
    return outcome;
  }
  FakeTransport fake([&github](const Request& request) { return github.answer(request); });
  BatchRecorder recorder(fake);
  ClientOptions options;
  options.jitter_seed = 7;
  if (const auto secret = outcome.source->secret()) {
    options.token = secret->token;
    options.token_host = secret->host;
  }
  HttpClient http(recorder, options);
  const Ledger stored;
  SourceContext context{http, *Timestamp::parse(k_now), stored,
                        [&outcome](std::size_t done, std::size_t total) {
                          outcome.progress.emplace_back(done, total);
                        }};
  outcome.result = outcome.source->collect(context);
  outcome.requests = fake.requests();
  outcome.batches = recorder.batches();
  // Everything reported must be accepted by the ledger as it is.
  Ledger ledger;
  for (const auto& observation : outcome.result.observations) {
    const Status ok = ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return outcome;
}

std::optional<std::string> header(const Request& request, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& h : request.headers) {
    std::string lower = h.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == name) {
      EXPECT_FALSE(found.has_value()) << "two " << name << " headers on " << request.url;
      found = h.value;
    }
  }
  return found;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------- an org of three pages

const std::string k_api = "https://api.github.com";
const std::string k_page1 = k_api + "/orgs/acme/repos?per_page=100&type=all";
const std::string k_page2 = k_api + "/organizations/42/repos?per_page=100&type=all&page=2";
const std::string k_page3 = k_api + "/organizations/42/repos?per_page=100&type=all&page=3";

constexpr std::string_view k_org_config = R"([github]
org = "acme"
include = ["*a*", "docs-*"]
exclude = ["sandbox-*"]
)";

FakeGithub acme() {
  FakeGithub github;
  github.json(k_page1,
              repo_list({{"acme/alpha", 5, 1},
                         {"acme/beta-fork", 50, 5, true},
                         {"acme/old", 40, 4, false, true}}),
              {{"link", "<" + k_page2 + ">; rel=\"next\", <" + k_page3 + ">; rel=\"last\""}});
  github.json(k_page2,
              repo_list({{"acme/gamma", 3, 0},
                         {"acme/internal-tools", 30, 3, false, false, true},
                         {"acme/web", 20, 2}}),
              {{"link", "<" + k_page1 + ">; rel=\"prev\", <" + k_page3 + ">; rel=\"next\", <" +
                            k_page3 + ">; rel=\"last\", <" + k_page1 + ">; rel=\"first\""}});
  github.json(
      k_page3,
      repo_list({{"acme/docs-site", 7, 1}, {"acme/delta", 0, 0}, {"acme/sandbox-data", 1, 1}}),
      {{"link", "<" + k_page2 + ">; rel=\"prev\", <" + k_page1 + ">; rel=\"first\""}});
  for (const auto* name : {"acme/alpha", "acme/gamma", "acme/docs-site", "acme/delta"}) {
    serve_quiet(github, k_api, name);
  }
  const std::string alpha = k_api + "/repos/acme/alpha";
  github.json(alpha + "/traffic/clones?per=day",
              traffic("clones", {{"2026-04-30", 7, 3}, {"2026-05-01", 4, 2}}));
  github.json(alpha + "/traffic/views?per=day", traffic("views", {{"2026-05-01", 30, 10}}));
  github.json(alpha + "/traffic/popular/referrers",
              R"([{"referrer":"Google","count":9,"uniques":4}])");
  github.json(alpha + "/traffic/popular/paths",
              R"([{"path":"/acme/alpha","title":"acme/alpha","count":20,"uniques":5}])");
  github.json(alpha + "/releases?per_page=100&page=1", releases({{10, 5}}));
  github.json(k_api + "/repos/acme/gamma/releases?per_page=100&page=1", releases({{60}, {40}}));
  return github;
}

TEST(GithubSource, OrgListingFollowsPagesFiltersAndObservesExactly) {
  const Outcome outcome = run(k_org_config, acme(), {{"GITHUB_TOKEN", "ghp_test"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_TRUE(outcome.result.problems.empty());
  EXPECT_EQ(outcome.result.entities, 4U);
  const std::vector<std::string> expected = sorted({
      gauge("github:stars:acme/alpha", 5),
      gauge("github:forks:acme/alpha", 1),
      "github:clones:acme/alpha daily 2026-04-30 7",
      "github:clones:acme/alpha daily 2026-05-01 4",
      "github:clone-uniques:acme/alpha daily 2026-04-30 3 non-additive",
      "github:clone-uniques:acme/alpha daily 2026-05-01 2 non-additive",
      "github:views:acme/alpha daily 2026-05-01 30",
      "github:view-uniques:acme/alpha daily 2026-05-01 10 non-additive",
      gauge("github:referrer:acme/alpha/Google", 9),
      gauge("github:referrer-uniques:acme/alpha/Google", 4),
      gauge("github:path:acme/alpha/acme/alpha", 20),
      gauge("github:path-uniques:acme/alpha/acme/alpha", 5),
      cumulative("github:release-downloads:acme/alpha", 15),
      gauge("github:stars:acme/gamma", 3),
      gauge("github:forks:acme/gamma", 0),
      cumulative("github:release-downloads:acme/gamma", 100),
      gauge("github:stars:acme/docs-site", 7),
      gauge("github:forks:acme/docs-site", 1),
      cumulative("github:release-downloads:acme/docs-site", 0),
      gauge("github:stars:acme/delta", 0),
      gauge("github:forks:acme/delta", 0),
      cumulative("github:release-downloads:acme/delta", 0),
  });
  EXPECT_EQ(outcome.observations(), expected);

  // The first listing page, then the two it names as next and last
  // together, GitHub's free rate-limit reading, then every per-repository
  // request in one concurrent round; nothing for the filtered repositories.
  ASSERT_EQ(outcome.batches.size(), 4U);
  EXPECT_EQ(outcome.batches[0], std::vector<std::string>{k_page1});
  EXPECT_EQ(outcome.batches[1], (std::vector<std::string>{k_page2, k_page3}));
  EXPECT_EQ(outcome.batches[2], std::vector<std::string>{k_api + "/rate_limit"});
  EXPECT_EQ(outcome.batches[3].size(), 20U);
  for (const auto& request : outcome.requests) {
    for (const auto* filtered : {"beta-fork", "/old", "internal-tools", "/web", "sandbox"}) {
      EXPECT_FALSE(contains(request.url, filtered)) << request.url;
    }
  }
  const std::vector<std::pair<std::size_t, std::size_t>> progress{{1, 4}, {2, 4}, {3, 4}, {4, 4}};
  EXPECT_EQ(outcome.progress, progress);
}

TEST(GithubSource, IncludeFlagsKeepForksArchivedAndPrivate) {
  const Outcome outcome = run(R"([github]
org = "acme"
include_forks = true
include_archived = true
include_private = true
metrics = ["stars"]
)",
                              acme(), {{"GITHUB_TOKEN", "ghp_test"}});
  EXPECT_EQ(outcome.result.entities, 9U);
  const std::vector<std::string> expected = sorted({
      gauge("github:stars:acme/alpha", 5),
      gauge("github:stars:acme/beta-fork", 50),
      gauge("github:stars:acme/old", 40),
      gauge("github:stars:acme/gamma", 3),
      gauge("github:stars:acme/internal-tools", 30),
      gauge("github:stars:acme/web", 20),
      gauge("github:stars:acme/docs-site", 7),
      gauge("github:stars:acme/delta", 0),
      gauge("github:stars:acme/sandbox-data", 1),
  });
  EXPECT_EQ(outcome.observations(), expected);
  // Stars come with the listing: no further request at all.
  EXPECT_EQ(outcome.requests.size(), 3U);
}

TEST(GithubSource, WithoutATokenTrafficIsSkippedPerRepositoryAndTheRestCollected) {
  const Outcome outcome = run(k_org_config, acme(), {{"GITHUB_TOKEN", ""}});
  ASSERT_TRUE(outcome.source->missing_requirement().has_value());
  EXPECT_EQ(*outcome.source->missing_requirement(),
            "no GitHub token: set GITHUB_TOKEN or GH_TOKEN");
  EXPECT_FALSE(outcome.source->secret().has_value());
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.result.entities, 4U);
  ASSERT_EQ(outcome.result.problems.size(), 4U);
  for (const auto& problem : outcome.result.problems) {
    EXPECT_EQ(problem.state, SourceState::skipped);
    EXPECT_EQ(problem.reason, k_no_token);
  }
  EXPECT_EQ(outcome.result.problems[0].entity, "acme/alpha");
  EXPECT_EQ(outcome.result.problems[3].entity, "acme/delta");
  const std::vector<std::string> expected = sorted({
      gauge("github:stars:acme/alpha", 5),
      gauge("github:forks:acme/alpha", 1),
      cumulative("github:release-downloads:acme/alpha", 15),
      gauge("github:stars:acme/gamma", 3),
      gauge("github:forks:acme/gamma", 0),
      cumulative("github:release-downloads:acme/gamma", 100),
      gauge("github:stars:acme/docs-site", 7),
      gauge("github:forks:acme/docs-site", 1),
      cumulative("github:release-downloads:acme/docs-site", 0),
      gauge("github:stars:acme/delta", 0),
      gauge("github:forks:acme/delta", 0),
      cumulative("github:release-downloads:acme/delta", 0),
  });
  EXPECT_EQ(outcome.observations(), expected);
  EXPECT_EQ(outcome.requests.size(), 3U + 4U);
  for (const auto& request : outcome.requests) {
    EXPECT_FALSE(header(request, "authorization").has_value()) << request.url;
    EXPECT_FALSE(contains(request.url, "/traffic/")) << request.url;
  }
}

// The first page named page 2 as the last, but the org grew while the
// pages were read: page 2 now links a third, which is followed on its own.
TEST(GithubSource, AListingThatGrowsWhileReadIsFollowedPastItsLastPage) {
  FakeGithub github = acme();
  github.json(k_page1,
              repo_list({{"acme/alpha", 5, 1},
                         {"acme/beta-fork", 50, 5, true},
                         {"acme/old", 40, 4, false, true}}),
              {{"link", "<" + k_page2 + ">; rel=\"next\", <" + k_page2 + ">; rel=\"last\""}});
  const Outcome outcome = run(k_org_config, github, {{"GITHUB_TOKEN", "ghp_x"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.result.entities, 4U);
  ASSERT_GE(outcome.batches.size(), 3U);
  EXPECT_EQ(outcome.batches[1], std::vector<std::string>{k_page2});
  EXPECT_EQ(outcome.batches[2], std::vector<std::string>{k_page3});
}

// Links whose pages differ in more than page= (a cursor) are followed one
// by one, never guessed.
TEST(GithubSource, ListingLinksOfAnotherShapeAreFollowedOneByOne) {
  FakeGithub github = acme();
  const std::string cursor = k_api + "/orgs/acme/repos?per_page=100&after=Y3Vyc29y";
  github.json(k_page1,
              repo_list({{"acme/alpha", 5, 1},
                         {"acme/beta-fork", 50, 5, true},
                         {"acme/old", 40, 4, false, true}}),
              {{"link", "<" + cursor + ">; rel=\"next\", <" + k_page3 + ">; rel=\"last\""}});
  github.json(cursor,
              repo_list({{"acme/gamma", 3, 0},
                         {"acme/internal-tools", 30, 3, false, false, true},
                         {"acme/web", 20, 2}}),
              {{"link", "<" + k_page3 + ">; rel=\"next\""}});
  const Outcome outcome = run(k_org_config, github, {{"GITHUB_TOKEN", "ghp_x"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.result.entities, 4U);
  ASSERT_GE(outcome.batches.size(), 3U);
  EXPECT_EQ(outcome.batches[1], std::vector<std::string>{cursor});
  EXPECT_EQ(outcome.batches[2], std::vector<std::string>{k_page3});
}

TEST(GithubSource, WithATokenEveryApiRequestCarriesIt) {
  const Outcome outcome =
      run(k_org_config, acme(), {{"GITHUB_TOKEN", ""}, {"GH_TOKEN", "gho_second"}});
  EXPECT_FALSE(outcome.source->missing_requirement().has_value());
  ASSERT_TRUE(outcome.source->secret().has_value());
  EXPECT_EQ(outcome.source->secret()->token, "gho_second");
  EXPECT_EQ(outcome.source->secret()->host, "api.github.com");
  EXPECT_EQ(outcome.requests.size(), 3U + 1U + 20U);  // listing, rate_limit, repositories
  for (const auto& request : outcome.requests) {
    EXPECT_EQ(header(request, "authorization"), "Bearer gho_second") << request.url;
  }
}

TEST(GithubSource, TheFirstNonEmptyConfiguredVariableWins) {
  const auto getenv = env_of({{"GITHUB_TOKEN", "ghp_default"}, {"ODOMETER_GH", "ghp_mine"}});
  const auto mine = make_source(
      "[github]\nuser = \"someone\"\ntoken_env = [\"NOPE\", \"ODOMETER_GH\"]\n", getenv);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->secret()->token, "ghp_mine");
  const auto none =
      make_source("[github]\nuser = \"someone\"\ntoken_env = \"ODOMETER_GH\"\n", env_of({}));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->missing_requirement(), "no GitHub token: set ODOMETER_GH");
  const auto defaults = make_source("[github]\nuser = \"someone\"\n", getenv);
  EXPECT_EQ(defaults->secret()->token, "ghp_default");
}

TEST(GithubSource, UserListingUsesTheUsersEndpoint) {
  FakeGithub github;
  github.json(k_api + "/users/someone/repos?per_page=100", repo_list({{"someone/dots", 2, 0}}));
  const Outcome outcome = run("[github]\nuser = \"someone\"\nmetrics = [\"stars\"]\n", github, {});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{gauge("github:stars:someone/dots", 2)});
  // Only stars asked for: no traffic, so nothing to skip.
  EXPECT_TRUE(outcome.result.problems.empty());
}

TEST(GithubSource, ARepositoryOnTwoListingPagesIsCollectedOnce) {
  FakeGithub github;
  const std::string page2 = k_api + "/user/7/repos?per_page=100&page=2";
  github.json(k_api + "/users/someone/repos?per_page=100", repo_list({{"someone/dots", 2, 0}}),
              {{"link", "<" + page2 + ">; rel=\"next\""}});
  github.json(page2, repo_list({{"someone/dots", 3, 0}, {"someone/vim", 1, 0}}));
  const Outcome outcome = run("[github]\nuser = \"someone\"\nmetrics = [\"stars\"]\n", github, {});
  EXPECT_EQ(outcome.result.entities, 2U);
  const std::vector<std::string> expected =
      sorted({gauge("github:stars:someone/dots", 2), gauge("github:stars:someone/vim", 1)});
  EXPECT_EQ(outcome.observations(), expected);
}

// ---------------------------------------------------------------- per-repository failures

constexpr std::string_view k_pair_config = R"([github]
repos = ["acme/alpha", "acme/beta"]
)";

FakeGithub pair() {
  FakeGithub github;
  serve_repo(github, k_api, {"acme/alpha", 5, 1});
  serve_repo(github, k_api, {"acme/beta", 8, 2});
  github.json(k_api + "/repos/acme/alpha/traffic/clones?per=day",
              traffic("clones", {{"2026-04-30", 7, 3}, {"2026-05-01", 4, 2}}));
  github.json(k_api + "/repos/acme/alpha/traffic/views?per=day",
              traffic("views", {{"2026-05-01", 30, 10}}));
  github.json(k_api + "/repos/acme/beta/traffic/clones?per=day",
              traffic("clones", {{"2026-05-01", 11, 6}}));
  github.json(k_api + "/repos/acme/beta/releases?per_page=100&page=1", releases({{3}}));
  return github;
}

TEST(GithubSource, ExplicitRepositoriesAreFetchedTogether) {
  const Outcome outcome = run(k_pair_config, pair(), {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.result.entities, 2U);
  ASSERT_EQ(outcome.batches.size(), 3U);
  EXPECT_EQ(outcome.batches[0],
            (std::vector<std::string>{k_api + "/repos/acme/alpha", k_api + "/repos/acme/beta"}));
  EXPECT_EQ(outcome.batches[1], std::vector<std::string>{k_api + "/rate_limit"});
  EXPECT_EQ(outcome.batches[2].size(), 10U);
  // alpha: stars, forks, 2 clone days x 2, 1 view day x 2, releases; beta: stars, forks,
  // 1 clone day x 2, releases.
  EXPECT_EQ(outcome.observations().size(), 14U);
}

TEST(GithubSource, OnlyTheConfiguredMetricsAreRequested) {
  const Outcome outcome = run(R"([github]
repos = ["acme/alpha", "acme/beta"]
metrics = ["clones", "releases"]
)",
                              pair(), {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  ASSERT_EQ(outcome.batches.size(), 3U);
  const std::vector<std::string> expected_urls{
      k_api + "/repos/acme/alpha/traffic/clones?per=day",
      k_api + "/repos/acme/alpha/releases?per_page=100&page=1",
      k_api + "/repos/acme/beta/traffic/clones?per=day",
      k_api + "/repos/acme/beta/releases?per_page=100&page=1"};
  EXPECT_EQ(outcome.batches[2], expected_urls);
  const std::vector<std::string> expected = sorted({
      "github:clones:acme/alpha daily 2026-04-30 7",
      "github:clones:acme/alpha daily 2026-05-01 4",
      "github:clone-uniques:acme/alpha daily 2026-04-30 3 non-additive",
      "github:clone-uniques:acme/alpha daily 2026-05-01 2 non-additive",
      cumulative("github:release-downloads:acme/alpha", 0),
      "github:clones:acme/beta daily 2026-05-01 11",
      "github:clone-uniques:acme/beta daily 2026-05-01 6 non-additive",
      cumulative("github:release-downloads:acme/beta", 3),
  });
  EXPECT_EQ(outcome.observations(), expected);
}

// The pair behind an hourly limit of `limit` of which `remaining` are left:
// every answer counts one and carries the x-ratelimit headers. stored
// holds what the schedule knows of earlier reads.
Outcome run_under_limit(const FakeGithub& github, const Ledger& stored, int limit, int remaining) {
  Outcome outcome;
  outcome.source = make_source(k_pair_config, env_of({{"GITHUB_TOKEN", "ghp_pair"}}));
  std::mutex mutex;
  FakeTransport fake([&](const Request& request) {
    Response response = github.answer(request);
    const std::lock_guard lock(mutex);
    remaining = std::max(remaining - 1, 0);
    response.headers.push_back({"x-ratelimit-limit", std::to_string(limit)});
    response.headers.push_back({"x-ratelimit-remaining", std::to_string(remaining)});
    response.headers.push_back({"x-ratelimit-reset", "1777726800"});
    return response;
  });
  ClientOptions options;
  options.jitter_seed = 7;
  options.token = outcome.source->secret()->token;
  options.token_host = outcome.source->secret()->host;
  HttpClient http(fake, options);
  SourceContext context{http, *Timestamp::parse(k_now), stored,
                        [&outcome](std::size_t done, std::size_t total) {
                          outcome.progress.emplace_back(done, total);
                        }};
  outcome.result = outcome.source->collect(context);
  outcome.requests = fake.requests();
  return outcome;
}

Ledger read_on(const std::string& entity, const std::string& day) {
  Ledger ledger;
  EXPECT_TRUE(ledger
                  .observe(Observation{
                      .key = *SeriesKey::make("github", "traffic-read", entity),
                      .kind = Kind::gauge,
                      .day = *Day::parse(day),
                      .value = std::stoll(day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2))})
                  .ok());
  return ledger;
}

// Room for one repository's five requests after the two lookups (and the
// 2% kept for other use): beta, never read, goes first; alpha, read on
// 04-25, is due by 05-07 and waits, costing nothing, with its due day.
TEST(GithubSource, OverTheBudgetTheLeastUrgentRepositoryIsDeferredWithItsDueDay) {
  const Outcome outcome = run_under_limit(pair(), read_on("acme/alpha", "2026-04-25"), 100, 10);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_TRUE(outcome.result.problems.empty()) << outcome.result.problems[0].reason;
  ASSERT_EQ(outcome.result.deferred.size(), 1U);
  EXPECT_EQ(outcome.result.deferred[0].entity, "acme/alpha");
  EXPECT_EQ(outcome.result.deferred[0].reason, "deferred: rate limit budget, due by 2026-05-07");
  for (const auto& request : outcome.requests) {
    EXPECT_EQ(request.url.find("/repos/acme/alpha/"), std::string::npos) << request.url;
  }
  EXPECT_EQ(outcome.requests.size(), 2U + 1U + 5U);  // repositories, rate_limit, beta
  // beta's read is recorded for the next run's schedule; alpha keeps its stars.
  EXPECT_TRUE(outcome.has_key_starting("github:traffic-read:acme/beta"));
  EXPECT_FALSE(outcome.has_key_starting("github:traffic-read:acme/alpha"));
  EXPECT_TRUE(outcome.has_key_starting("github:stars:acme/alpha"));
  EXPECT_FALSE(outcome.has_key_starting("github:release-downloads:acme/alpha"));
  ASSERT_FALSE(outcome.progress.empty());
  EXPECT_EQ(outcome.progress.back(), std::make_pair(std::size_t{2}, std::size_t{2}));
}

// Room for one a run: beta, overdue since 05-01, is read; alpha, due by
// 05-02, would be read tomorrow at this pace, after GitHub drops 04-20:
// a warning naming it now.
TEST(GithubSource, ARepositoryWhoseTurnComesAfterItsDueDayIsAWarning) {
  Ledger stored = read_on("acme/alpha", "2026-04-20");
  ASSERT_TRUE(stored.merge(read_on("acme/beta", "2026-04-19")).ok());
  const Outcome outcome = run_under_limit(pair(), stored, 100, 10);
  ASSERT_EQ(outcome.result.deferred.size(), 1U);
  EXPECT_EQ(outcome.result.deferred[0].entity, "acme/alpha");
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_EQ(outcome.result.problems[0].entity, "acme/alpha");
  EXPECT_EQ(outcome.result.problems[0].state, SourceState::skipped);
  EXPECT_EQ(outcome.result.problems[0].reason,
            "at risk: traffic last read 2026-04-20 is due by 2026-05-02, but at this run's pace "
            "its turn comes 2026-05-03; GitHub drops 2026-04-20 before then");
}

// Enough for both: both read, most urgent first, and both reads recorded.
TEST(GithubSource, WithinTheBudgetEveryRepositoryIsReadAndItsReadDayRecorded) {
  const Outcome outcome = run_under_limit(pair(), read_on("acme/alpha", "2026-04-25"), 5000, 4990);
  EXPECT_TRUE(outcome.result.deferred.empty());
  EXPECT_EQ(outcome.requests.size(), 2U + 1U + 10U);
  EXPECT_EQ(outcome.requests[2].url, k_api + "/rate_limit");
  EXPECT_EQ(outcome.requests[3].url, k_api + "/repos/acme/beta/traffic/clones?per=day");
  const auto read = std::find_if(
      outcome.result.observations.begin(), outcome.result.observations.end(),
      [](const Observation& o) { return o.key.str() == "github:traffic-read:acme/alpha"; });
  ASSERT_NE(read, outcome.result.observations.end());
  EXPECT_EQ(read->value, 20260502);
  EXPECT_EQ(read->kind, Kind::gauge);
}

TEST(GithubSource, TrafficForbiddenForOneRepositorySkipsThatOneOnly) {
  FakeGithub github = pair();
  for (const auto* path : {"/traffic/clones?per=day", "/traffic/views?per=day",
                           "/traffic/popular/referrers", "/traffic/popular/paths"}) {
    github.on(k_api + "/repos/acme/beta" + path,
              make_response(403, R"({"message":"Must have push access to repository"})",
                            {{"x-ratelimit-remaining", "4999"}}));
  }
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_EQ(outcome.result.problems[0].entity, "acme/beta");
  EXPECT_EQ(outcome.result.problems[0].state, SourceState::skipped);
  EXPECT_EQ(outcome.result.problems[0].reason, k_no_push);
  const std::vector<std::string> expected = sorted({
      gauge("github:stars:acme/alpha", 5),
      gauge("github:forks:acme/alpha", 1),
      "github:clones:acme/alpha daily 2026-04-30 7",
      "github:clones:acme/alpha daily 2026-05-01 4",
      "github:clone-uniques:acme/alpha daily 2026-04-30 3 non-additive",
      "github:clone-uniques:acme/alpha daily 2026-05-01 2 non-additive",
      "github:views:acme/alpha daily 2026-05-01 30",
      "github:view-uniques:acme/alpha daily 2026-05-01 10 non-additive",
      cumulative("github:release-downloads:acme/alpha", 0),
      gauge("github:stars:acme/beta", 8),
      gauge("github:forks:acme/beta", 2),
      cumulative("github:release-downloads:acme/beta", 3),
  });
  EXPECT_EQ(outcome.observations(), expected);
}

struct BadBody {
  std::string name;
  std::string body;
  std::string_view problem;
};

class GithubBadBody : public ::testing::TestWithParam<BadBody> {};

TEST_P(GithubBadBody, FailsThatRepositoryAndStoresNothingOfTheResponse) {
  const std::string url = k_api + "/repos/acme/alpha/traffic/clones?per=day";
  FakeGithub github = pair();
  github.json(url, GetParam().body);
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_EQ(outcome.result.reason, "1 of 2 repositories failed");
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  const EntityProblem& problem = outcome.result.problems[0];
  EXPECT_EQ(problem.entity, "acme/alpha");
  EXPECT_EQ(problem.state, SourceState::failed);
  EXPECT_TRUE(problem.reason.starts_with(url + ": ")) << problem.reason;
  EXPECT_TRUE(contains(problem.reason, GetParam().problem)) << problem.reason;
  // Not even the valid first day of the bad response.
  EXPECT_FALSE(outcome.has_key_starting("github:clones:acme/alpha"));
  EXPECT_FALSE(outcome.has_key_starting("github:clone-uniques:acme/alpha"));
  const auto observed = outcome.observations();
  for (const auto& line : {std::string("github:views:acme/alpha daily 2026-05-01 30"),
                           gauge("github:stars:acme/alpha", 5),
                           std::string("github:clones:acme/beta daily 2026-05-01 11"),
                           cumulative("github:release-downloads:acme/beta", 3)}) {
    EXPECT_NE(std::find(observed.begin(), observed.end(), line), observed.end()) << line;
  }
}

const std::string k_good_clones = traffic("clones", {{"2026-04-30", 7, 3}, {"2026-05-01", 4, 2}});

std::string with(std::string text, std::string_view from, std::string_view to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

INSTANTIATE_TEST_SUITE_P(
    Bodies, GithubBadBody,
    ::testing::Values(
        BadBody{"truncated", k_good_clones.substr(0, k_good_clones.find("2026-05-01") + 4),
                "invalid JSON"},
        BadBody{"truncated_after_first_day",
                k_good_clones.substr(0, k_good_clones.find(R"(,{"timestamp":"2026-05-01)") + 1),
                "invalid JSON"},
        BadBody{"negative", with(k_good_clones, R"("count":4,)", R"("count":-5,)"),
                "$.clones[1].count: count -5 is negative"},
        BadBody{"absurd", with(k_good_clones, R"("count":4,)", R"("count":1e30,)"),
                "$.clones[1].count: expected a whole number"},
        BadBody{"string", with(k_good_clones, R"("count":4,)", R"("count":"12",)"),
                "$.clones[1].count: expected a whole number, got a string"},
        BadBody{"missing_field", with(k_good_clones, R"("uniques":2)", R"("x":2)"),
                "$.clones[1]: missing field \"uniques\""},
        BadBody{"html", "<html><body>Sign in to GitHub</body></html>", "got an HTML page"},
        BadBody{"empty", "", "empty body"},
        BadBody{"null", "null", "$: expected an object, got null"}),
    [](const ::testing::TestParamInfo<BadBody>& param_info) { return param_info.param.name; });

TEST(GithubSource, AFailedRequestFailsThatRepositoryNamingTheUrlAndStatus) {
  FakeGithub github = pair();
  const std::string url = k_api + "/repos/acme/beta/traffic/popular/paths";
  github.on(url, make_response(404, R"({"message":"Not Found"})"));
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_EQ(outcome.result.problems[0].entity, "acme/beta");
  EXPECT_EQ(outcome.result.problems[0].reason, "GET " + url + ": HTTP 404");
}

TEST(GithubSource, ARateLimitIsAFailureWithTheResetTimeNeverAZero) {
  FakeGithub github = pair();
  const std::string url = k_api + "/repos/acme/alpha/traffic/views?per=day";
  // Spent until 14:00 UTC, past the client's five-minute budget.
  github.on(url, make_response(403, R"({"message":"API rate limit exceeded"})",
                               {{"x-ratelimit-remaining", "0"},
                                {"x-ratelimit-reset", std::to_string(1777723200 + 7200)}}));
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  const EntityProblem& problem = outcome.result.problems[0];
  EXPECT_EQ(problem.entity, "acme/alpha");
  EXPECT_EQ(problem.state, SourceState::failed);
  EXPECT_TRUE(contains(problem.reason, url)) << problem.reason;
  EXPECT_TRUE(contains(problem.reason, "rate limited until 14:00 UTC")) << problem.reason;
  EXPECT_FALSE(outcome.has_key_starting("github:views:acme/alpha"));
  EXPECT_FALSE(outcome.has_key_starting("github:view-uniques:acme/alpha"));
}

TEST(GithubSource, AStrangersReferrerThatMakesNoValidKeyIsSkipped) {
  FakeGithub github = pair();
  github.json(k_api + "/repos/acme/alpha/traffic/popular/referrers",
              R"([{"referrer":"evil\u001b[31m","count":3,"uniques":1},)"
              R"({"referrer":"Google","count":2,"uniques":2}])");
  github.json(k_api + "/repos/acme/alpha/traffic/popular/paths",
              R"([{"path":"no-slash","title":"x","count":4,"uniques":1},)"
              R"({"path":"/bad\u0000path","title":"x","count":1,"uniques":1}])");
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  ASSERT_EQ(outcome.result.problems.size(), 2U);
  for (const auto& problem : outcome.result.problems) {
    EXPECT_EQ(problem.entity, "acme/alpha");
    EXPECT_EQ(problem.state, SourceState::skipped);
    EXPECT_TRUE(contains(problem.reason, "control character")) << problem.reason;
    // The stranger's text is not repeated in the message.
    EXPECT_FALSE(contains(problem.reason, "\x1b")) << problem.reason;
  }
  EXPECT_TRUE(outcome.result.problems[0].reason.starts_with("referrer skipped: "));
  EXPECT_TRUE(outcome.result.problems[1].reason.starts_with("path skipped: "));
  const auto observed = outcome.observations();
  for (const auto& line : {gauge("github:referrer:acme/alpha/Google", 2),
                           gauge("github:referrer-uniques:acme/alpha/Google", 2),
                           gauge("github:path:acme/alpha/no-slash", 4),
                           gauge("github:path-uniques:acme/alpha/no-slash", 1)}) {
    EXPECT_NE(std::find(observed.begin(), observed.end(), line), observed.end()) << line;
  }
}

TEST(GithubSource, ReleasePagesAreFollowedAndEveryAssetSummed) {
  FakeGithub github = pair();
  const std::string page2 = k_api + "/repositories/1/releases?per_page=100&page=2";
  github.json(k_api + "/repos/acme/alpha/releases?per_page=100&page=1", releases({{10, 5}, {}}),
              {{"link", "<" + page2 + ">; rel=\"next\", <" + page2 + ">; rel=\"last\""}});
  github.json(
      page2, releases({{1000}, {7, 0}}),
      {{"link", "<" + k_api + "/repos/acme/alpha/releases?per_page=100&page=1>; rel=\"prev\""}});
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  const auto observed = outcome.observations();
  // 10 + 5 on the first page, 1000 + 7 + 0 on the second.
  for (const auto& line : {cumulative("github:release-downloads:acme/alpha", 1022),
                           cumulative("github:release-downloads:acme/beta", 3)}) {
    EXPECT_NE(std::find(observed.begin(), observed.end(), line), observed.end()) << line;
  }
  ASSERT_EQ(outcome.batches.size(), 4U);
  EXPECT_EQ(outcome.batches[3], std::vector<std::string>{page2});
  const std::vector<std::pair<std::size_t, std::size_t>> progress{{1, 2}, {2, 2}};
  EXPECT_EQ(outcome.progress, progress);
}

TEST(GithubSource, AFailedReleasePageStoresNoReleaseFigure) {
  FakeGithub github = pair();
  const std::string page2 = k_api + "/repositories/1/releases?per_page=100&page=2";
  github.json(k_api + "/repos/acme/alpha/releases?per_page=100&page=1", releases({{10, 5}}),
              {{"link", "<" + page2 + ">; rel=\"next\""}});
  github.json(page2, with(releases({{1000}}), "1000", "-5"));
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_TRUE(outcome.result.problems[0].reason.starts_with(page2 + ": $[0].assets[0]"))
      << outcome.result.problems[0].reason;
  EXPECT_FALSE(outcome.has_key_starting("github:release-downloads:acme/alpha"));
  EXPECT_TRUE(outcome.has_key_starting("github:release-downloads:acme/beta"));
}

TEST(GithubSource, AReleaseLinkThatLoopsFailsInsteadOfSpinning) {
  FakeGithub github = pair();
  const std::string page1 = k_api + "/repos/acme/alpha/releases?per_page=100&page=1";
  github.json(page1, releases({{10}}), {{"link", "<" + page1 + ">; rel=\"next\""}});
  const Outcome outcome = run(k_pair_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_TRUE(contains(outcome.result.problems[0].reason, "leads back"))
      << outcome.result.problems[0].reason;
  EXPECT_FALSE(outcome.has_key_starting("github:release-downloads:acme/alpha"));
}

// ---------------------------------------------------------------- listing and explicit repos

TEST(GithubSource, AListingFailureFailsTheWholeSource) {
  FakeGithub github = acme();
  github.on(k_page2, make_response(404, R"({"message":"Not Found"})"));
  const Outcome outcome = run(k_org_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_EQ(outcome.result.reason, "GET " + k_page2 + ": HTTP 404");
  EXPECT_TRUE(outcome.result.observations.empty());
}

TEST(GithubSource, AnUnreadableListingPageFailsTheWholeSource) {
  FakeGithub github = acme();
  github.json(k_page3, "[{\"id\":1,\"name\":\"delta\",\"full_na");
  const Outcome outcome = run(k_org_config, github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_TRUE(outcome.result.reason.starts_with(k_page3 + ": invalid JSON"))
      << outcome.result.reason;
  EXPECT_TRUE(outcome.result.observations.empty());
}

TEST(GithubSource, ExplicitRepositoriesWinOverFiltersAndAreNotFetchedTwice) {
  FakeGithub github = acme();
  const Outcome outcome = run(R"([github]
org = "acme"
exclude = ["*"]
repos = ["acme/beta-fork", "ACME/Alpha", "acme/ghost"]
metrics = ["stars"]
)",
                              github, {{"GITHUB_TOKEN", "ghp_pair"}});
  EXPECT_EQ(outcome.result.entities, 3U);
  const std::vector<std::string> expected =
      sorted({gauge("github:stars:acme/beta-fork", 50), gauge("github:stars:acme/alpha", 5)});
  EXPECT_EQ(outcome.observations(), expected);
  // Only the repository that was not in the listing is asked for.
  ASSERT_EQ(outcome.batches.size(), 3U);  // two of listing pages, then the one not listed
  EXPECT_EQ(outcome.batches[2], std::vector<std::string>{k_api + "/repos/acme/ghost"});
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_EQ(outcome.result.problems[0].entity, "acme/ghost");
  EXPECT_EQ(outcome.result.problems[0].reason, "GET " + k_api + "/repos/acme/ghost: HTTP 404");
}

TEST(GithubSource, EnterpriseApiBaseIsUsedForEveryUrl) {
  const std::string api = "https://ghe.example.com/api/v3";
  FakeGithub github;
  const std::string page2 = api + "/organizations/3/repos?per_page=100&type=all&page=2";
  github.json(api + "/orgs/team/repos?per_page=100&type=all", repo_list({{"team/app", 4, 1}}),
              {{"link", "<" + page2 + ">; rel=\"next\""}});
  github.json(page2, repo_list({{"team/lib", 1, 0}}));
  serve_quiet(github, api, "team/app");
  serve_quiet(github, api, "team/lib");
  serve_repo(github, api, {"other/tool", 9, 9});
  github.json(api + "/repos/team/app/traffic/clones?per=day",
              traffic("clones", {{"2026-05-01", 2, 1}}));
  const Outcome outcome = run(R"([github]
api = "https://ghe.example.com/api/v3/"
org = "team"
repos = ["other/tool"]
)",
                              github, {{"GITHUB_TOKEN", "ghe_token"}});
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.result.entities, 3U);
  EXPECT_EQ(outcome.source->secret()->host, "ghe.example.com");
  EXPECT_EQ(outcome.requests.size(), 2U + 1U + 1U + 3U * 5U);  // with rate_limit
  for (const auto& request : outcome.requests) {
    EXPECT_TRUE(request.url.starts_with(api + "/")) << request.url;
    EXPECT_FALSE(contains(request.url, "api.github.com")) << request.url;
    EXPECT_EQ(header(request, "authorization"), "Bearer ghe_token") << request.url;
  }
  const auto observed = outcome.observations();
  for (const auto& line :
       {std::string("github:clones:team/app daily 2026-05-01 2"), gauge("github:stars:team/lib", 1),
        gauge("github:stars:other/tool", 9)}) {
    EXPECT_NE(std::find(observed.begin(), observed.end(), line), observed.end()) << line;
  }
}

// ---------------------------------------------------------------- config problems

std::vector<std::string> problems_of(std::string_view config,
                                     const std::vector<std::string>& earlier = {}) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  for (const auto& message : earlier) {
    problems.add(message);
  }
  auto source = testing::source_maker("github")(*root["github"].as_table(), env_of({}), problems);
  EXPECT_EQ(source == nullptr, problems.messages().size() > earlier.size());
  return problems.messages();
}

TEST(GithubConfig, EveryProblemIsReportedAtOnceWithItsLine) {
  const auto messages = problems_of(R"([github]
org = "acme"
user = "someone"
inclde = ["*"]
metrics = ["clones", "stras", "bogus"]
include_forks = "yes"
repos = ["foo", "a/b/c", "ok/fine"]
api = 42
exclude = 3
token_env = ["GITHUB_TOKEN", 7]
)");
  const std::vector<std::string> expected = sorted({
      "odometer.toml:4: unknown key \"inclde\" in [github]; did you mean \"include\"?",
      "odometer.toml:3: [github] has both org and user; use one (and repos for more)",
      "odometer.toml:7: [github] repos entry \"foo\" is not \"owner/name\"",
      "odometer.toml:7: [github] repos entry \"a/b/c\" is not \"owner/name\"",
      "odometer.toml:8: [github] api must be a string, not an integer",
      "odometer.toml:6: [github] include_forks must be true or false, not a string",
      "odometer.toml:9: [github] exclude must be a list of strings, not an integer",
      "odometer.toml:10: [github] token_env must be a list of strings, not an integer",
      "odometer.toml:5: [github] unknown metric \"stras\"; did you mean \"stars\"?",
      "odometer.toml:5: [github] unknown metric \"bogus\"",
  });
  EXPECT_EQ(sorted(messages), expected);
}

TEST(GithubConfig, NeedsSomethingToCollect) {
  EXPECT_EQ(problems_of("[github]\ninclude_forks = true\n"),
            std::vector<std::string>{"odometer.toml:1: [github] needs org, user or repos"});
}

// GitHub does not tell names apart by case: a repository is named once.
TEST(GithubConfig, ARepositoryListedTwiceInAnyCaseIsAProblem) {
  EXPECT_EQ(problems_of("[github]\norg = \"acme\"\nrepos = [\"acme/app\",\n  \"ACME/App\"]\n"),
            std::vector<std::string>{"odometer.toml:4: [github] repos lists \"ACME/App\" twice "
                                     "(lines 3 and 4, first as \"acme/app\")"});
}

TEST(GithubConfig, AnEmptyReposNeedsAnOrgOrAUser) {
  EXPECT_EQ(problems_of("[github]\nrepos = []\n"),
            std::vector<std::string>{"odometer.toml:2: [github] repos must name at least one"});
  EXPECT_TRUE(problems_of("[github]\nuser = \"someone\"\nrepos = []\n").empty());
}

TEST(GithubConfig, AWrongTypeIsNotAlsoReportedAsMissing) {
  EXPECT_EQ(
      problems_of("[github]\norg = 5\n"),
      std::vector<std::string>{"odometer.toml:2: [github] org must be a string, not an integer"});
}

TEST(GithubConfig, RejectsBadValues) {
  const auto messages = problems_of(R"([github]
org = "ac me"
api = "ftp://example.com"
token_env = []
metrics = []
repos = ["/x", "x/", "ok/..", "a b/c"]
)");
  const std::vector<std::string> expected = sorted({
      "odometer.toml:2: [github] org \"ac me\" is not a GitHub account name",
      std::string("odometer.toml:3: [github] api \"ftp://example.com\" is not an http(s) base "
                  "URL such as \"https://ghe.example.com/api/v3\""),
      "odometer.toml:4: [github] token_env must name at least one variable",
      "odometer.toml:5: [github] metrics must name at least one metric",
      "odometer.toml:6: [github] repos entry \"/x\" is not \"owner/name\"",
      "odometer.toml:6: [github] repos entry \"x/\" is not \"owner/name\"",
      "odometer.toml:6: [github] repos entry \"ok/..\" is not \"owner/name\"",
      "odometer.toml:6: [github] repos entry \"a b/c\" is not \"owner/name\"",
  });
  EXPECT_EQ(sorted(messages), expected);
}

TEST(GithubConfig, OtherTablesProblemsDoNotFailAGoodTable) {
  const auto messages = problems_of("[github]\norg = \"acme\"\n", {"[npm] something is wrong"});
  EXPECT_EQ(messages.size(), 1U);
}

TEST(GithubConfig, DefaultsNeedNoToken) {
  const auto source = make_source("[github]\nrepos = [\"a/b\"]\n", env_of({}));
  ASSERT_TRUE(source);
  EXPECT_EQ(source->name(), "github");
  EXPECT_FALSE(source->secret().has_value());
}

}  // namespace
}  // namespace odometer
