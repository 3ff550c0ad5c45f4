// Stars and forks per day since creation, end to end: the real binary
// against FakeWorld's GitHub, where cycles-server is three years old with
// stars on many days and 250 forks, three of them on a day that straddles
// the first two pages. The daily series sum to the fake's totals; a later
// run reads only the pages after what is stored; the fork backfill resumes
// across runs under a small budget, also after forks were deleted (which
// never lowers a stored day); a 404 on the star history is a skip with its
// reason; neither series counts as installs.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>

#include "core/counters.hpp"
#include "core/timestamp.hpp"
#include "store/file_store.hpp"
#include "support/fake_world.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::FakeWorld;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const std::string k_server = "cycles-server";
const std::string k_docs = "docs";

Day today_utc() {
  return Timestamp::from_unix_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count())
      .day();
}

Count on(const Series* series, Day day) {
  const Count* count = series->daily()->days().find(day);
  return count != nullptr ? *count : 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class CollectGithubHistory : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_TRUE(world.start());
    setenv("GITHUB_TOKEN", "test-token", 1);
    setenv("NO_PROXY", "127.0.0.1", 1);
    setenv("no_proxy", "127.0.0.1", 1);
  }
  void TearDown() override {
    world.stop();
    unsetenv("GITHUB_TOKEN");
  }

  // cycles-server and docs of the fake org, with these metrics.
  std::string config(const std::string& metrics, int budget = 3) const {
    const auto path = dir / "odometer.toml";
    write_file(path, "[github]\norg = \"runcycles\"\napi = \"" + world.url("github") +
                         "\"\ninclude = [\"" + k_server + "\", \"" + k_docs + "\"]\nmetrics = [" +
                         metrics + "]\nforks_daily_budget = " + std::to_string(budget) + "\n");
    return path.string();
  }

  CommandResult collect(const std::string& cfg) {
    seen_before = world.seen().size();
    return run_odometer({"collect", "--config", cfg});
  }

  // Requests of the last collect whose target contains part.
  std::size_t requests(const std::string& part) const {
    const auto seen = world.seen();
    std::size_t n = 0;
    for (std::size_t i = seen_before; i < seen.size(); ++i) {
      n += contains(seen[i].target, part) ? 1U : 0U;
    }
    return n;
  }

  Ledger ledger() const {
    auto read = read_ledger_file(dir / "odometer-ledger.json");
    EXPECT_TRUE(read) << read.error().message;
    return read ? *read : Ledger{};
  }

  const Series* series(const std::string& metric, const std::string& repo) const {
    m_ledger = ledger();
    return m_ledger.find(*SeriesKey::parse("github:" + metric + ":runcycles/" + repo));
  }

  Count stars_total(const std::string& repo) const {
    Count total = 0;
    for (Day day = world.created(repo); !(today < day); day = day + 1) {
      total += world.stars_day(repo, day);
    }
    return total;
  }

  // The forks of days before today, per day.
  std::map<Day, Count> fork_days(const std::string& repo) const {
    std::map<Day, Count> out;
    for (const auto& fork : world.forks(repo)) {
      if (fork.created.day() < today) {
        ++out[fork.created.day()];
      }
    }
    return out;
  }

  TempDir dir;
  Day today = today_utc();
  FakeWorld world{today};
  std::size_t seen_before = 0;
  mutable Ledger m_ledger;
};

TEST_F(CollectGithubHistory, StarsSinceCreationThenOnlyTheNewestPage) {
  const std::string cfg = config("\"stars-daily\"");
  CommandResult result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  // Three years of weeks are two pages of 100; every one was read.
  EXPECT_EQ(requests("/repos/runcycles/cycles-server/stargazers/history"), 2U);
  for (const auto& repo : {k_server, k_docs}) {
    const Series* stars = series("stars-daily", repo);
    ASSERT_NE(stars, nullptr) << repo;
    ASSERT_NE(stars->daily(), nullptr);
    EXPECT_EQ(stars->daily()->additivity(), Additivity::additive);
    EXPECT_EQ(stars->value(), stars_total(repo)) << repo;
    // Each day as the fake has it; a day without stars is left out, not stored as 0.
    std::size_t starred = 0;
    for (Day day = world.created(repo); !(today < day); day = day + 1) {
      EXPECT_EQ(on(stars, day), world.stars_day(repo, day)) << repo << " " << day.to_string();
      starred += world.stars_day(repo, day) > 0 ? 1U : 0U;
    }
    EXPECT_EQ(stars->daily()->days().size(), starred) << repo;
  }
  EXPECT_GT(series("stars-daily", k_server)->daily()->days().size(), 300U);
  EXPECT_TRUE(contains(result.out, "github: stars-daily: ")) << result.out;

  // A day later: one page each, which reaches the newest stored day.
  world.set_today(today + 1);
  today = today + 1;
  result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(requests("/stargazers/history"), 2U);
  EXPECT_EQ(requests("page=2"), 0U);
  EXPECT_EQ(series("stars-daily", k_server)->value(), stars_total(k_server));
}

TEST_F(CollectGithubHistory, AMissingStarHistoryEndpointIsASkipNeverZeros) {
  world.fail("/repos/runcycles/docs/stargazers/history", 404);
  const CommandResult result = collect(config("\"stars-daily\", \"stars\""));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(contains(
      result.out, "github runcycles/docs: skipped: stars-daily skipped: " + world.url("github") +
                      "/repos/runcycles/docs/stargazers/history?per_page=100&"
                      "page=1 answered 404"))
      << result.out;
  EXPECT_EQ(series("stars-daily", k_docs), nullptr);
  EXPECT_NE(series("stars", k_docs), nullptr);  // the gauge still comes with the listing
  EXPECT_EQ(series("stars-daily", k_server)->value(), stars_total(k_server));
}

TEST_F(CollectGithubHistory, ForksBackfillResumesUnderABudgetAndThenReadsOnlyNewForks) {
  const std::string cfg = config("\"forks-daily\"", 3);
  // Run 1: both first pages, then cycles-server's second. The day of forks
  // 198-200 straddles pages 2 and 3: it waits.
  CommandResult result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(requests("/forks?"), 3U);
  EXPECT_TRUE(contains(result.out,
                       "github: forks-daily: 3 of 3 requests (forks_daily_budget), 1 "
                       "of 2 repositories up to date"))
      << result.out;
  const auto fork_day = [&](std::size_t index) {
    return world.forks(k_server)[index].created.day();
  };
  EXPECT_TRUE(contains(result.out,
                       "github: forks-daily runcycles/cycles-server: 198 forks stored "
                       "through " +
                           fork_day(197).to_string() + "; the rest next run"))
      << result.out;
  EXPECT_EQ(series("forks-daily", k_server)->value(), 198U);
  EXPECT_EQ(on(series("forks-daily", k_server), fork_day(99)), 3U)
      << "the day that straddles pages 1 and 2 is counted whole";
  EXPECT_EQ(series("forks-daily", k_docs)->value(), world.forks(k_docs).size());

  // Run 2: from page 2 (the page of fork 197, the last stored day's end) to the end.
  result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(requests("/repos/runcycles/cycles-server/forks?sort=oldest&per_page=100&page=1"), 0U);
  EXPECT_EQ(requests("/repos/runcycles/cycles-server/forks?"), 2U);
  const Series* forks = series("forks-daily", k_server);
  EXPECT_EQ(forks->value(), 250U);
  std::map<Day, Count> stored;
  for (const auto& [day, count] : forks->daily()->days()) {
    stored[day] = count;
  }
  EXPECT_EQ(stored, fork_days(k_server));

  // Run 3: one request each, the last page, nothing new.
  result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(requests("/forks?"), 2U);
  EXPECT_EQ(requests("cycles-server/forks?sort=oldest&per_page=100&page=3"), 1U);
  EXPECT_EQ(series("forks-daily", k_server)->value(), 250U);

  // A fork made yesterday is taken; one made today waits for its day to end.
  world.add_fork(k_server, Timestamp::start_of(today - 1));
  world.add_fork(k_server, Timestamp::start_of(today));
  result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(series("forks-daily", k_server)->value(), 251U);
  EXPECT_EQ(series("forks-daily", k_server)->last_day(), today - 1);
}

TEST_F(CollectGithubHistory, DeletedForksNeverLowerADayAndTheResumeFindsItsPlace) {
  ASSERT_EQ(collect(config("\"forks-daily\"", 3)).exit_code, 0);
  ASSERT_EQ(series("forks-daily", k_server)->value(), 198U);
  const Ledger first = ledger();
  // The 100 oldest forks deleted: the stored end (fork 197) is now on page
  // 1, and page 2 begins after it. The run steps back a page.
  for (std::int64_t id = 1'000'000; id < 1'000'100; ++id) {
    world.delete_fork(k_server, id);
  }
  const CommandResult result = collect(config("\"forks-daily\"", 5));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(requests("cycles-server/forks?sort=oldest&per_page=100&page=2"), 2U);
  EXPECT_EQ(requests("cycles-server/forks?sort=oldest&per_page=100&page=1"), 1U);
  // Every stored day is as it was, and the rest is exactly what was missing.
  const Series* forks = series("forks-daily", k_server);
  EXPECT_EQ(forks->value(), 250U);
  for (const auto& [day, count] :
       first.find(*SeriesKey::parse("github:forks-daily:runcycles/cycles-server"))
           ->daily()
           ->days()) {
    EXPECT_EQ(on(forks, day), count) << day.to_string();
  }
}

TEST_F(CollectGithubHistory, NeitherIsAnInstall) {
  ASSERT_EQ(collect(config("\"stars-daily\", \"forks-daily\"", 10)).exit_code, 0);
  const Ledger stored = ledger();
  EXPECT_NE(series("stars-daily", k_server), nullptr);
  EXPECT_NE(series("forks-daily", k_server), nullptr);
  for (const auto& counter : evaluate_all(stored, default_counters())) {
    EXPECT_EQ(counter.value, 0U) << counter.name;
  }
}

}  // namespace
}  // namespace odometer
