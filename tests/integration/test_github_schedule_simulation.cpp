// The schedule under the rate limit, simulated: a big org on a GitHub that
// enforces an hourly limit per token and keeps 14 days of traffic
// (support/scale_github.hpp), collected once a day for 30 days by the
// [github] source through a real HttpClient (with its ETag cache, so 304s
// are free) over a fake clock, with one token or with two tokens that
// split the org ([[github.credentials]]), each with its own limit. The ledger is then compared with
// the fake's whole truth: a day is lost when the ledger holds less than the day's count. Days
// before a repository's first read minus 12 were never in reach of any run and are not counted;
// neither are the last 12 days, which later runs can still read whole.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/ledger.hpp"
#include "net/client.hpp"
#include "net/etag_cache.hpp"
#include "sources/source.hpp"
#include "support/fake_transport.hpp"
#include "support/scale_github.hpp"
#include "support/source_harness.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::FakeTransport;
using testing::ScaleGithub;

const Day k_first_day = *Day::parse("2026-10-01");

struct Simulation {
  std::size_t repositories = 0;
  std::size_t tokens = 1;  // 2: two [[github.credentials]] tokens for the org
  std::int64_t hourly_limit = 5000;
  int days = 30;
  // From this run on the token has only this many an hour (0: no change).
  int limit_drops_on_run = 0;
  std::int64_t dropped_limit = 0;
};

struct Outcome {
  std::vector<std::int64_t> requests_per_day;
  std::vector<std::vector<std::int64_t>> requests_per_token_per_day;
  std::vector<std::size_t> deferred_per_day;
  std::int64_t refused = 0;
  std::size_t days_checked = 0;
  std::size_t days_lost = 0;
  std::size_t days_above_truth = 0;
  std::size_t repositories_losing = 0;
  // Repositories that lost a day without an "at risk" warning naming them
  // before that day left GitHub's window.
  std::vector<std::string> lost_unwarned;
  std::size_t warned = 0;
  std::set<std::string> never_read;             // by the end of the simulation
  std::set<std::string> last_named_never_read;  // deferred "never read" by the last run
};

std::int64_t stored_day(const Ledger& ledger, const std::string& metric, const std::string& entity,
                        Day day) {
  const Series* series = ledger.find(*SeriesKey::make("github", metric, entity));
  if (series == nullptr || series->daily() == nullptr) {
    return 0;
  }
  const auto* found = series->daily()->days().find(day);
  return found == nullptr ? 0 : static_cast<std::int64_t>(*found);
}

Outcome simulate(const Simulation& simulation) {
  std::vector<std::string> tokens;
  std::map<std::string, std::string> environment;
  std::string config_of_tokens;
  for (std::size_t i = 1; i <= simulation.tokens; ++i) {
    tokens.push_back("ghp_simulation_token_" + std::to_string(i) + "_0123456789");
    if (simulation.tokens == 1) {
      environment["GITHUB_TOKEN"] = tokens.back();
    } else {
      environment["TOKEN_" + std::to_string(i)] = tokens.back();
      config_of_tokens += "[[github.credentials]]\ntoken_env = \"TOKEN_" + std::to_string(i) +
                          "\"\nfor = [\"bigorg\"]\n";
    }
  }
  ScaleGithub github("bigorg", simulation.repositories, tokens, simulation.hourly_limit);
  const std::string config = "[github]\norg = \"bigorg\"\napi = \"" + github.api() +
                             "\"\nmetrics = [\"clones\", \"views\", \"referrers\", \"paths\", "
                             "\"releases\"]\n" +
                             config_of_tokens;
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  const GetEnv getenv = [&environment](const std::string& name) -> std::optional<std::string> {
    const auto found = environment.find(name);
    return found == environment.end() ? std::nullopt : std::optional<std::string>(found->second);
  };
  const auto source = testing::source_maker("github")(*root["github"].as_table(), getenv, problems);
  EXPECT_TRUE(problems.empty());
  const auto secret = source->secret();

  testing::TempDir dir;
  EtagCache etags(dir.path() / "etags.json");
  Ledger ledger;
  Outcome outcome;
  std::map<std::string, Day> first_read;
  std::map<std::string, Day> first_warned;
  for (int run = 0; run < simulation.days; ++run) {
    const Day today = k_first_day + run;
    if (simulation.limit_drops_on_run > 0 && run == simulation.limit_drops_on_run) {
      github.set_hourly_limit(simulation.dropped_limit);
    }
    const auto noon = std::chrono::system_clock::time_point(
        std::chrono::seconds(Timestamp::start_of(today).unix_seconds() + 12 * 3600));
    FakeTransport* clock = nullptr;
    FakeTransport transport(
        [&](const Request& request) { return github.answer(request, clock->now()); }, noon);
    clock = &transport;
    ClientOptions options;
    options.jitter_seed = 1;
    if (secret) {
      options.token = secret->token;
      options.token_host = secret->host;
    }
    HttpClient http(transport, options, &etags);
    SourceContext context{
        http,
        Timestamp::from_unix_seconds(Timestamp::start_of(today).unix_seconds() + 12 * 3600),
        ledger,
        {}};
    const std::int64_t counted_before = github.counted();
    std::vector<std::int64_t> counted_per_token_before;
    for (const auto& token : tokens) {
      counted_per_token_before.push_back(github.counted(token));
    }
    const SourceResult result = source->collect(context);
    EXPECT_EQ(result.state, SourceState::ok) << result.reason;
    for (const auto& observation : result.observations) {
      EXPECT_TRUE(ledger.observe(observation).ok());
      if (observation.key.metric() == "traffic-read") {
        first_read.emplace(std::string(observation.key.entity()), today);
      }
    }
    for (const auto& problem : result.problems) {
      EXPECT_TRUE(problem.reason.starts_with("at risk: "))
          << problem.entity << ": " << problem.reason;
      first_warned.emplace(problem.entity, today);
    }
    outcome.requests_per_day.push_back(github.counted() - counted_before);
    outcome.requests_per_token_per_day.emplace_back();
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      outcome.requests_per_token_per_day.back().push_back(github.counted(tokens[i]) -
                                                          counted_per_token_before[i]);
    }
    outcome.deferred_per_day.push_back(result.deferred.size());
    outcome.last_named_never_read.clear();
    for (const auto& deferred : result.deferred) {
      if (deferred.reason.ends_with("never read")) {
        outcome.last_named_never_read.insert(deferred.entity);
      }
    }
  }
  outcome.refused = github.refused();
  outcome.warned = first_warned.size();

  const Day last_day = k_first_day + (simulation.days - 1);
  for (std::size_t i = 0; i < simulation.repositories; ++i) {
    const std::string entity = "bigorg/" + github.repository(i);
    const auto read = first_read.find(entity);
    if (read == first_read.end()) {
      outcome.never_read.insert(entity);
      continue;  // nothing of it was in the ledger to keep
    }
    bool losing = false;
    for (Day day = read->second - 12; day <= last_day - 12; day = day + 1) {
      for (const auto& [metric, truth] :
           {std::pair{"clones", github.clones(i, day)}, std::pair{"views", github.views(i, day)}}) {
        const std::int64_t stored = stored_day(ledger, metric, entity, day);
        ++outcome.days_checked;
        outcome.days_above_truth += stored > truth ? 1 : 0;
        if (stored < truth) {
          ++outcome.days_lost;
          losing = true;
          const auto warned = first_warned.find(entity);
          // The day left the window after day + 12: the warning must come by then.
          if (warned == first_warned.end() || warned->second > day + 12) {
            outcome.lost_unwarned.push_back(entity + " " + day.to_string());
          }
        }
      }
    }
    outcome.repositories_losing += losing ? 1 : 0;
  }
  return outcome;
}

void print(const std::string& title, const Outcome& outcome) {
  std::string line = title + ": requests per day";
  for (std::size_t day = 0; day < outcome.requests_per_day.size(); ++day) {
    line += " " + std::to_string(outcome.requests_per_day[day]);
    const auto& per_token = outcome.requests_per_token_per_day[day];
    for (std::size_t i = 0; per_token.size() > 1 && i < per_token.size(); ++i) {
      line += (i == 0 ? " (" : "+") + std::to_string(per_token[i]) +
              (i + 1 == per_token.size() ? ")" : "");
    }
  }
  line += "; deferred per day";
  for (const auto n : outcome.deferred_per_day) {
    line += " " + std::to_string(n);
  }
  std::printf("%s\n%zu days checked, %zu lost in %zu repositories, %zu warned, %zu never read\n",
              line.c_str(), outcome.days_checked, outcome.days_lost, outcome.repositories_losing,
              outcome.warned, outcome.never_read.size());
}

TEST(GithubScheduleSimulation, FourteenThousandRepositoriesOnOneTokenLoseNoDay) {
  const Outcome outcome = simulate(Simulation{.repositories = 14000});
  print("14,000 repositories, 5,000 an hour", outcome);
  EXPECT_EQ(outcome.refused, 0);
  EXPECT_GT(outcome.days_checked, 14000U * 2 * 12);
  EXPECT_EQ(outcome.days_lost, 0U);
  EXPECT_EQ(outcome.days_above_truth, 0U);
  // The first reads cost a releases page more (later ones are 304s, free),
  // so the last never-read repositories are still named as deferred.
  EXPECT_EQ(outcome.last_named_never_read, outcome.never_read);
  for (const auto requests : outcome.requests_per_day) {
    EXPECT_LE(requests, 5000);
  }
}

// Two tokens, each for the whole org: the schedule splits the org by name
// between them and spends each token's own 5,000 an hour.
TEST(GithubScheduleSimulation, TwentyEightThousandRepositoriesOnTwoTokensLoseNoDay) {
  const Outcome outcome = simulate(Simulation{.repositories = 28000, .tokens = 2});
  print("28,000 repositories, two tokens of 5,000 an hour", outcome);
  EXPECT_EQ(outcome.refused, 0);
  EXPECT_GT(outcome.days_checked, 28000U * 2 * 12);
  EXPECT_EQ(outcome.days_lost, 0U);
  EXPECT_EQ(outcome.days_above_truth, 0U);
  EXPECT_EQ(outcome.last_named_never_read, outcome.never_read);
  for (const auto& per_token : outcome.requests_per_token_per_day) {
    ASSERT_EQ(per_token.size(), 2U);
    for (const auto requests : per_token) {
      EXPECT_LE(requests, 5000);
      EXPECT_GT(requests, 4000);  // both tokens do their share
    }
  }
}

// The budget falls from 5,000 to 3,000 an hour on day 16, when all 14,000
// repositories have stored days: no longer all can be kept. Every one that
// loses a day was named in an "at risk" warning before GitHub dropped it.
TEST(GithubScheduleSimulation,
     WhenTheBudgetFallsTheRepositoriesItCannotKeepAreNamedBeforeTheyLoseADay) {
  const Outcome outcome = simulate(Simulation{.repositories = 14000,
                                              .hourly_limit = 5000,
                                              .days = 30,
                                              .limit_drops_on_run = 15,
                                              .dropped_limit = 3000});
  print("14,000 repositories, 5,000 then 3,000 an hour", outcome);
  EXPECT_EQ(outcome.refused, 0);
  EXPECT_GT(outcome.days_lost, 0U);
  EXPECT_EQ(outcome.days_above_truth, 0U);
  EXPECT_TRUE(outcome.lost_unwarned.empty())
      << outcome.lost_unwarned.size() << " lost without a warning, e.g. "
      << outcome.lost_unwarned.front();
}

}  // namespace
}  // namespace odometer
