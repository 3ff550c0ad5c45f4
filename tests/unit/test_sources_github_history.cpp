// The [github] metrics stars-daily and forks-daily, driven through the
// source and a real HttpClient over a FakeTransport: opt-in (the default
// metrics do not ask for them), the budget's config rule, a star history
// kept only when every page it needed was read, a later run that stops at
// the stored days, and failures (a 500, a rate limit) that are reported and
// never stored as zeros.

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_transport.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using testing::FakeTransport;
using testing::make_response;

const std::string k_api = "https://api.github.com";
const std::string k_repo = k_api + "/repos/acme/alpha";
const std::string k_stars1 = k_repo + "/stargazers/history?per_page=100&page=1";
const std::string k_stars2 = k_repo + "/stargazers/history?per_page=100&page=2";
const std::string k_forks1 = k_repo + "/forks?sort=oldest&per_page=100&page=1";
const std::string k_forks2 = k_repo + "/forks?sort=oldest&per_page=100&page=2";
constexpr std::string_view k_now = "2026-05-02T12:00:00Z";

Day day(std::string_view text) {
  return *Day::parse(text);
}

std::string week(std::string_view first, const std::string& days) {
  const auto seconds = static_cast<std::int64_t>(day(first).days_since_epoch()) * 86400;
  return R"({"week":)" + std::to_string(seconds) + R"(,"days":[)" + days + "]}";
}

std::string fork(int id, std::string_view created) {
  return R"({"id":)" + std::to_string(id) + R"(,"full_name":"u/alpha","created_at":")" +
         std::string(created) + "\"}";
}

std::vector<Header> next(const std::string& url) {
  return {{"link", "<" + url + ">; rel=\"next\""}};
}

struct Outcome {
  SourceResult result;
  std::vector<std::string> urls;

  std::map<std::string, Count> days(std::string_view metric) const {
    std::map<std::string, Count> out;
    for (const auto& o : result.observations) {
      if (o.key.str() == "github:" + std::string(metric) + ":acme/alpha") {
        EXPECT_EQ(o.kind, Kind::daily);
        out[o.day.to_string()] = static_cast<Count>(o.value);
      }
    }
    return out;
  }
};

class GithubHistory : public ::testing::Test {
protected:
  void SetUp() override {
    routes[k_repo] = make_response(
        200, R"({"full_name":"acme/alpha","name":"alpha","fork":false,"archived":false,)"
             R"("private":false,"stargazers_count":9,"forks_count":3})");
  }

  Outcome run(const std::string& extra, const Ledger& stored = Ledger()) {
    const toml::table root =
        toml::parse("[github]\nrepos = [\"acme/alpha\"]\n" + extra, std::string("odometer.toml"));
    ConfigProblems problems("odometer.toml");
    auto source = testing::source_maker("github")(*root["github"].as_table(), {}, problems);
    EXPECT_TRUE(problems.empty()) << (problems.empty() ? "" : problems.messages().front());
    Outcome outcome;
    if (!source) {
      return outcome;
    }
    FakeTransport fake([this](const Request& request) {
      const auto it = routes.find(request.url);
      return it == routes.end() ? make_response(404, R"({"message":"Not Found"})") : it->second;
    });
    ClientOptions options;
    options.jitter_seed = 7;
    HttpClient http(fake, options);
    SourceContext context{http, *Timestamp::parse(k_now), stored, {}};
    outcome.result = source->collect(context);
    for (const auto& request : fake.requests()) {
      outcome.urls.push_back(request.url);
    }
    return outcome;
  }

  std::map<std::string, Response> routes;
};

TEST_F(GithubHistory, NotAskedForUnlessNamed) {
  const Outcome outcome = run("");
  for (const auto& url : outcome.urls) {
    EXPECT_EQ(url.find("stargazers"), std::string::npos) << url;
    EXPECT_EQ(url.find("/forks"), std::string::npos) << url;
  }
}

TEST_F(GithubHistory, TheBudgetIsAtLeastTwo) {
  for (const std::string& bad : {std::string("1"), std::string("-5"), std::string("\"x\"")}) {
    const toml::table root = toml::parse("[github]\nrepos = [\"a/b\"]\nforks_daily_budget = " + bad,
                                         std::string("odometer.toml"));
    ConfigProblems problems("odometer.toml");
    EXPECT_EQ(testing::source_maker("github")(*root["github"].as_table(), {}, problems), nullptr)
        << bad;
    ASSERT_EQ(problems.messages().size(), 1U) << bad;
    EXPECT_EQ(problems.messages()[0].rfind("odometer.toml:3: [github] forks_daily_budget", 0), 0U)
        << problems.messages()[0];
  }
}

TEST_F(GithubHistory, StarsWalkEveryPageAndAreKeptOnlyWhole) {
  routes[k_stars1] = make_response(
      200,
      "[" + week("2026-04-26", "0,2,0,0,0,1,0") + "," + week("2026-04-19", "0,0,0,0,0,0,3") + "]",
      next(k_stars2));
  routes[k_stars2] = make_response(200, "[" + week("2026-04-12", "4,0,0,0,0,0,0") + "]");
  Outcome outcome = run("metrics = [\"stars-daily\"]\n");
  EXPECT_EQ(outcome.urls, (std::vector<std::string>{k_repo, k_stars1, k_stars2}));
  EXPECT_EQ(outcome.days("stars-daily"),
            (std::map<std::string, Count>{
                {"2026-04-12", 4}, {"2026-04-25", 3}, {"2026-04-27", 2}, {"2026-05-01", 1}}));
  EXPECT_TRUE(outcome.result.problems.empty());

  // The second page fails: none of the first page is kept either.
  routes[k_stars2] = make_response(500, "oops");
  outcome = run("metrics = [\"stars-daily\"]\n[http]\n");
  EXPECT_TRUE(outcome.days("stars-daily").empty());
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_EQ(outcome.result.problems[0].state, SourceState::failed);
  EXPECT_NE(outcome.result.problems[0].reason.find(k_stars2), std::string::npos)
      << outcome.result.problems[0].reason;
}

TEST_F(GithubHistory, ALaterRunStopsAtTheStoredDays) {
  routes[k_stars1] = make_response(
      200,
      "[" + week("2026-04-26", "0,2,0,0,0,1,0") + "," + week("2026-04-19", "0,0,0,0,0,0,3") + "]",
      next(k_stars2));
  Ledger stored;
  ASSERT_TRUE(stored
                  .observe(Observation{.key = *SeriesKey::parse("github:stars-daily:acme/alpha"),
                                       .kind = Kind::daily,
                                       .day = day("2026-04-20"),
                                       .value = 5})
                  .ok());
  const Outcome outcome = run("metrics = [\"stars-daily\"]\n", stored);
  EXPECT_EQ(outcome.urls, (std::vector<std::string>{k_repo, k_stars1}));
  EXPECT_EQ(outcome.days("stars-daily").size(), 3U);
}

TEST_F(GithubHistory, ARateLimitedForkPageFailsAndKeepsOnlyWholeDaysBeforeIt) {
  std::string page = "[";
  for (int i = 0; i < 100; ++i) {
    // Two a day from 2026-01-01: forks 98 and 99 are day 49, the last of the page.
    page += (i == 0 ? "" : ",") + fork(i, (day("2026-01-01") + i / 2).to_string() + "T10:00:0" +
                                              std::to_string(i % 2) + "Z");
  }
  routes[k_forks1] = make_response(200, page + "]", next(k_forks2));
  routes[k_forks2] = make_response(
      403, R"({"message":"API rate limit exceeded"})",
      {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", std::to_string(1777723200 + 7200)}});
  const Outcome outcome = run("metrics = [\"forks-daily\"]\n");
  const auto days = outcome.days("forks-daily");
  // Day 49 (forks 98, 99) might go on on page 2: it waits; days 0..48 are whole.
  EXPECT_EQ(days.size(), 49U);
  EXPECT_EQ(days.begin()->second, 2U);
  EXPECT_EQ(days.rbegin()->first, (day("2026-01-01") + 48).to_string());
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_NE(outcome.result.problems[0].reason.find("rate limited"), std::string::npos)
      << outcome.result.problems[0].reason;
}

}  // namespace
}  // namespace odometer
