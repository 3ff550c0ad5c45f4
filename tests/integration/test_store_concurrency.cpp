// Two writers at once, and writers killed mid-write: the file store must keep
// every committed count and never leave a file that does not parse.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "store/file_store.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::run_odometer;
using testing::TempDir;

// Runs `odometer observe` for `count` distinct days from `first` in a child
// process; returns its pid.
pid_t spawn_observer(const std::string& ledger, Day first, int count) {
  const pid_t pid = fork();
  if (pid == 0) {
    int failures = 0;
    for (int i = 0; i < count; ++i) {
      const auto result = run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day",
                                        (first + i).to_string(), "test:days:concurrent", "1"});
      failures += result.exit_code == 0 ? 0 : 1;
    }
    _exit(failures == 0 ? 0 : 1);
  }
  return pid;
}

TEST(FileStoreConcurrency, TwoProcessesObservingAtOnceKeepAllSixHundredDays) {
  TempDir dir;
  const std::string ledger = (dir / "ledger.json").string();
  const Day start = *Day::parse("2025-01-01");
  const pid_t first = spawn_observer(ledger, start, 300);
  const pid_t second = spawn_observer(ledger, start + 300, 300);
  int status = 0;
  ASSERT_EQ(waitpid(first, &status, 0), first);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  ASSERT_EQ(waitpid(second, &status, 0), second);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);

  auto loaded = read_ledger_file(ledger);
  ASSERT_TRUE(loaded) << loaded.error().message;
  const Series* series = loaded->find(*SeriesKey::parse("test:days:concurrent"));
  ASSERT_NE(series, nullptr);
  ASSERT_EQ(series->daily()->days().size(), 600U);
  EXPECT_EQ(series->value(), 600U);
  EXPECT_EQ(series->first_day(), start);
  EXPECT_EQ(series->last_day(), start + 599);
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

TEST(FileStoreCrashSafety, WriterKilledAtRandomMomentsLeavesACommittedState) {
  TempDir dir;
  const std::string ledger = (dir / "ledger.json").string();
  const unsigned seed = 20261128;
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_us(0, 20'000);
  std::size_t last_writes = 0;
  for (int kill = 0; kill < 200; ++kill) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", kill " + std::to_string(kill));
    int commits[2];
    ASSERT_EQ(::pipe(commits), 0);
    const pid_t pid = fork();
    if (pid == 0) {
      ::dup2(commits[1], STDOUT_FILENO);
      ::close(commits[0]);
      execl(ODOMETER_CRASH_WRITER, ODOMETER_CRASH_WRITER, ledger.c_str(), nullptr);
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
    if (!std::filesystem::exists(ledger)) {
      ASSERT_EQ(last_writes, 0U) << "the ledger vanished";
      continue;
    }
    auto loaded = read_ledger_file(ledger);
    ASSERT_TRUE(loaded) << loaded.error().message;
    const std::size_t writes = committed_writes(*loaded);
    ASSERT_GE(writes, last_writes) << "a committed write was lost";
    last_writes = writes;
  }
  EXPECT_GT(last_writes, 20U) << "the writer barely ran: the test proved little";

  // The next writer clears whatever temporaries the killed ones left.
  ASSERT_TRUE(make_file_store(ledger)->commit(Ledger()));
  Ledger touch;
  touch.touch(Timestamp::now());
  ASSERT_TRUE(make_file_store(ledger)->commit(touch));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }
}

}  // namespace
}  // namespace odometer
