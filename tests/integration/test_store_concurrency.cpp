// Writers at once, and writers killed mid-write, against every store (a
// ledger file, and a PostgreSQL database of tests/support/postgres.hpp):
// the store must keep every committed count and always hold a committed
// state.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/file_store.hpp"
#include "store/store.hpp"
#include "support/postgres.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::run_odometer;
using testing::TempDir;
using testing::TestDatabase;

enum class StoreKind { file, postgres };

std::string kind_name(const ::testing::TestParamInfo<StoreKind>& info) {
  return info.param == StoreKind::file ? "File" : "Postgres";
}

// The store of one test: a ledger file in a fresh folder, or a fresh database.
class StoreConcurrency : public ::testing::TestWithParam<StoreKind> {
protected:
  void SetUp() override {
    if (GetParam() == StoreKind::postgres) {
      ODOMETER_REQUIRE_POSTGRES();
      m_database.emplace();
      m_location = m_database->url();
    } else {
      m_location = (m_dir / "ledger.json").string();
    }
  }

  const std::string& location() const { return m_location; }
  const TempDir& dir() const { return m_dir; }

  Result<Ledger> load() const {
    auto store = open_store(m_location);
    if (!store) {
      return store.error();
    }
    return (*store)->load();
  }

private:
  TempDir m_dir;
  std::optional<TestDatabase> m_database;
  std::string m_location;
};

INSTANTIATE_TEST_SUITE_P(Stores, StoreConcurrency,
                         ::testing::Values(StoreKind::file, StoreKind::postgres), kind_name);

// Runs each of `observations` (odometer observe arguments after the
// ledger) in a child process, one after the other; returns its pid. The
// child exits 1 if any of them failed.
pid_t spawn_observer(const std::string& ledger,
                     std::vector<std::vector<std::string>> observations) {
  const pid_t pid = fork();
  if (pid == 0) {
    int failures = 0;
    for (auto& arguments : observations) {
      arguments.insert(arguments.begin(), {"observe", "--ledger", ledger});
      const auto result = run_odometer(arguments);
      if (result.exit_code != 0) {
        (void)std::fprintf(stderr, "observe failed: %s\n", result.err.c_str());
        ++failures;
      }
    }
    _exit(failures == 0 ? 0 : 1);
  }
  return pid;
}

// Forks a collector: a process with a store of its own that commits each
// of observations on its own, as a collector run does; returns its pid. The
// child exits 1 if any commit failed.
pid_t spawn_collector(const std::string& location, const std::vector<Observation>& observations) {
  const pid_t pid = fork();
  if (pid == 0) {
    auto store = open_store(location);
    int failures = store ? 0 : 1;
    for (const auto& observation : observations) {
      Ledger change;
      if (!store || !change.observe(observation)) {
        ++failures;
        continue;
      }
      change.touch(*observation.at);
      if (auto ok = (*store)->commit(change); !ok) {
        (void)std::fprintf(stderr, "commit failed: %s\n", ok.error().message.c_str());
        ++failures;
      }
    }
    _exit(failures == 0 ? 0 : 1);
  }
  return pid;
}

void expect_exits_ok(pid_t pid) {
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "an observer failed";
}

// Two `odometer observe` processes at once, each folding in days of its own:
// every day is kept. (300 days each for the file, as this test always had;
// 100 for the database, whose connections make each run slower, so that
// the sanitizer build stays well inside the test timeout.)
TEST_P(StoreConcurrency, TwoObserveProcessesAtOnceKeepEveryDay) {
  const int per_process = GetParam() == StoreKind::file ? 300 : 100;
  const Day start = *Day::parse("2025-01-01");
  std::vector<pid_t> observers;
  observers.reserve(2);
  for (int half = 0; half < 2; ++half) {
    std::vector<std::vector<std::string>> observations;
    observations.reserve(static_cast<std::size_t>(per_process));
    for (int i = 0; i < per_process; ++i) {
      observations.push_back({"--kind", "daily", "--day",
                              (start + half * per_process + i).to_string(), "test:days:concurrent",
                              "1"});
    }
    observers.push_back(spawn_observer(location(), observations));
  }
  for (const pid_t pid : observers) {
    expect_exits_ok(pid);
  }

  auto loaded = load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  const Series* series = loaded->find(*SeriesKey::parse("test:days:concurrent"));
  ASSERT_NE(series, nullptr);
  const auto days = static_cast<std::size_t>(2 * per_process);
  ASSERT_EQ(series->daily()->days().size(), days);
  EXPECT_EQ(series->value(), days);
  EXPECT_EQ(series->first_day(), start);
  EXPECT_EQ(series->last_day(), start + (2 * per_process - 1));
}

// Four collector processes at once, 300 commits of one observation each,
// over three series of the three kinds whose days overlap between
// collectors: the stored ledger must equal all 1,200 observations folded
// in memory, in any order.
TEST_P(StoreConcurrency, FourCollectorsCommittingOverlappingObservationsLoseNone) {
  const Day start = *Day::parse("2025-01-01");
  const std::array<std::pair<const char*, Kind>, 3> keys{{{"test:overlap:daily", Kind::daily},
                                                          {"test:overlap:total", Kind::cumulative},
                                                          {"test:overlap:gauge", Kind::gauge}}};
  Ledger expected;
  std::vector<std::vector<Observation>> work(4);
  for (int collector = 0; collector < 4; ++collector) {
    for (int i = 0; i < 300; ++i) {
      const auto& [key, kind] = keys[static_cast<std::size_t>((i + collector) % 3)];
      const Day day = start + (i * 7 + collector * 50) % 200;
      Observation observation{*SeriesKey::parse(key), kind, day,
                              1 + (i * 31 + collector * 17) % 1000};
      observation.at = Timestamp::from_unix_seconds(Timestamp::start_of(day).unix_seconds() +
                                                    std::int64_t{collector} * 3600 + i % 60);
      ASSERT_TRUE(expected.observe(observation));
      work[static_cast<std::size_t>(collector)].push_back(observation);
    }
  }
  std::vector<pid_t> collectors;
  collectors.reserve(work.size());
  for (const auto& observations : work) {
    collectors.push_back(spawn_collector(location(), observations));
  }
  for (const pid_t pid : collectors) {
    expect_exits_ok(pid);
  }

  auto loaded = load();
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_EQ(loaded->series().size(), 3U);
  for (const auto& [key, series] : expected.series()) {
    const Series* stored = loaded->find(key);
    ASSERT_NE(stored, nullptr) << key.str();
    EXPECT_TRUE(*stored == series) << key.str() << ": a count or reading was lost";
  }
}

// The number of committed writes in a crash_writer ledger, after checking
// that it is exactly one of the states the writer commits: days 1..k of the
// counter, each day d holding d, and the whole ballast.
std::size_t committed_writes(const Ledger& ledger) {
  const Day start = *Day::parse("2020-01-01");
  const Series* counter = ledger.find(*SeriesKey::parse("test:writes:crash"));
  const Series* ballast = ledger.find(*SeriesKey::parse("test:ballast:crash"));
  EXPECT_NE(counter, nullptr);
  EXPECT_NE(ballast, nullptr);
  if (counter == nullptr || ballast == nullptr) {
    return 0;
  }
  EXPECT_EQ(ballast->daily()->days().size(), 2000U);
  const auto& days = counter->daily()->days().entries();
  for (std::size_t i = 0; i < days.size(); ++i) {
    const auto expected = static_cast<std::int32_t>(i + 1);
    EXPECT_EQ(days[i].first, start + expected);
    EXPECT_EQ(days[i].second, static_cast<Count>(expected));
  }
  return days.size();
}

TEST_P(StoreConcurrency, WriterKilledAtRandomMomentsLeavesACommittedState) {
  const bool file = GetParam() == StoreKind::file;
  const unsigned seed = 20261128;
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_us(0, 20'000);
  const int kills = file ? 200 : 50;
  std::size_t last_writes = 0;
  for (int kill = 0; kill < kills; ++kill) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", kill " + std::to_string(kill));
    int commits[2];
    ASSERT_EQ(::pipe(commits), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      ::dup2(commits[1], STDOUT_FILENO);
      ::close(commits[0]);
      execl(ODOMETER_CRASH_WRITER, ODOMETER_CRASH_WRITER, location().c_str(), nullptr);
      _exit(127);
    }
    ::close(commits[1]);
    // Wait for the writer's first commit of this run, so that the kill lands
    // among its writes (however slow its start under sanitizers), not before.
    char byte = 0;
    const bool started = ::read(commits[0], &byte, 1) == 1;
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    ::kill(pid, SIGKILL);
    ::close(commits[0]);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(started && WIFSIGNALED(status)) << "the writer stopped by itself: it failed";
    if (file && !std::filesystem::exists(location())) {
      ASSERT_EQ(last_writes, 0U) << "the ledger vanished";
      continue;
    }
    auto loaded = load();
    ASSERT_TRUE(loaded) << loaded.error().message;
    const std::size_t writes = committed_writes(*loaded);
    ASSERT_GE(writes, last_writes) << "a committed write was lost";
    last_writes = writes;
  }
  EXPECT_GT(last_writes, 20U) << "the writer barely ran: the test proved little";
  if (!file) {
    return;
  }
  // The next writer clears whatever temporaries the killed ones left.
  ASSERT_TRUE(make_file_store(location())->commit(Ledger()));
  Ledger touch;
  touch.touch(Timestamp::now());
  ASSERT_TRUE(make_file_store(location())->commit(touch));
  for (const auto& entry : std::filesystem::directory_iterator(dir().path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace odometer
