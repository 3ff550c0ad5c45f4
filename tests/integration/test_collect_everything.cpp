// examples/odometer.toml (GitHub, npm, PyPI, crates.io and hand-kept
// counts, as the replaced system had them) collected end to end against
// FakeWorld, which serves every one of those APIs at once: each series
// holds exactly what the fake served, and a registry that answers 500 to
// everything fails alone while the rest is committed and nothing of it is
// lost.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/counters.hpp"
#include "core/timestamp.hpp"
#include "store/file_store.hpp"
#include "support/fake_world.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

using testing::FakeWorld;
using testing::run_odometer;
using testing::TempDir;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

Day today_utc() {
  return Timestamp::from_unix_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count())
      .day();
}

Count value_of(const Ledger& ledger, const std::string& key) {
  const Series* series = ledger.find(*SeriesKey::parse(key));
  EXPECT_NE(series, nullptr) << key;
  return series != nullptr ? series->value().value_or(0) : 0;
}

class CollectEverything : public ::testing::Test {
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

  // The example config, every source pointed at the fake.
  std::string config() {
    std::string text =
        read_text(std::filesystem::path(ODOMETER_SOURCE_DIR) / "examples" / "odometer.toml");
    const auto api = [&](const std::string& name) { return "api = \"" + world.url(name) + "\"\n"; };
    for (const std::string name : {"github", "npm", "crates"}) {
      text = replace_once(text, "[" + name + "]\n", "[" + name + "]\n" + api(name));
    }
    // pypistats' own pace (30 a minute) would make this test take minutes.
    text = replace_once(text, "[pypi]\n", "[pypi]\n" + api("pypi") + "requests_per_minute = 600\n");
    text += "\n[http]\nmax_attempts = 2\n";
    const auto path = dir / "odometer.toml";
    std::ofstream(path, std::ios::binary) << text;
    return path.string();
  }

  Ledger ledger() const {
    auto read = read_ledger_file(dir / "demo" / "odometer-ledger.json");
    EXPECT_TRUE(read) << read.error().message;
    return read ? *read : Ledger{};
  }

  TempDir dir;
  Day today = today_utc();
  FakeWorld world{today};
};

TEST_F(CollectEverything, EverySeriesHoldsExactlyWhatTheApisServed) {
  const auto result = run_odometer({"collect", "--config", config()});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const Ledger stored = ledger();

  for (const auto& package : FakeWorld::npm_packages()) {
    Count total = 0;
    for (Day day = FakeWorld::npm_created(package); day < today; day = day + 1) {
      total += FakeWorld::npm_day(package, day);
    }
    EXPECT_EQ(value_of(stored, "npm:downloads:" + package), total) << package;
  }
  for (const auto& package : FakeWorld::pypi_packages()) {
    Count total = 0;
    for (Day day = today - 180; day < today; day = day + 1) {
      total += FakeWorld::pypi_day(package, day);
    }
    EXPECT_EQ(value_of(stored, "pypi:downloads:" + package), total) << package;
  }
  EXPECT_EQ(value_of(stored, "crates:downloads:runcycles"), world.crate_total("runcycles"));
  for (const auto& repo : FakeWorld::repositories()) {
    Count clones = 0;
    for (Day day = today - 13; day <= today; day = day + 1) {
      clones += FakeWorld::clones_day(repo, day);
    }
    EXPECT_EQ(value_of(stored, "github:clones:runcycles/" + repo), clones) << repo;
    EXPECT_EQ(value_of(stored, "github:release-downloads:runcycles/" + repo),
              FakeWorld::release_downloads(repo))
        << repo;
  }
  EXPECT_EQ(value_of(stored, "ghcr:pulls:runcycles/cycles-server"), 898U);

  // Scoped npm packages went one by one, the unscoped one on its own too
  // (a bulk request needs two); the token went to GitHub only.
  for (const auto& seen : world.seen()) {
    if (seen.target.starts_with("/downloads/range/")) {
      EXPECT_EQ(seen.target.find(','), std::string::npos) << seen.target;
    }
    const bool github = seen.target.starts_with("/repos/") || seen.target.starts_with("/orgs/") ||
                        seen.target == "/rate_limit";
    EXPECT_EQ(seen.authorization, github ? "Bearer test-token" : "") << seen.target;
    if (seen.target.starts_with("/api/v1/crates/")) {
      EXPECT_NE(seen.user_agent.find("maintainers@runcycles.io"), std::string::npos);
    }
  }
}

TEST_F(CollectEverything, ARegistryAnswering500FailsAloneAndLosesNothing) {
  const std::string cfg = config();
  ASSERT_EQ(run_odometer({"collect", "--config", cfg}).exit_code, 0);
  const Ledger before = ledger();

  world.fail("/api/packages/", 500);  // pypistats, every request
  const auto result = run_odometer({"collect", "--config", cfg});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find(world.url("pypi") +
                            "/api/packages/runcycles/overall?mirrors=false: HTTP 500"),
            std::string::npos)
      << result.out;
  const Ledger after = ledger();
  for (const auto& [key, series] : before.series()) {
    const Series* now = after.find(key);
    ASSERT_NE(now, nullptr) << key.str();
    EXPECT_GE(now->value().value_or(0), series.value().value_or(0)) << key.str();
    if (key.source() == "pypi") {
      EXPECT_EQ(*now, series) << key.str();
    }
  }
  // The other sources committed: the run's time is in the ledger.
  EXPECT_GT(after.updated_at(), before.updated_at());
}

// The README's first command: the example config replayed from
// examples/recording. Every request of the run must be in the recording
// (a request the recording lacks fails its source), so a change to the
// URLs a source asks for fails here until the recording is made again
// (tests/support/make_example_recording.cpp).
TEST(ExampleRecording, ReplaysEverySourceOfTheExampleConfig) {
  TempDir dir;
  const std::filesystem::path examples = std::filesystem::path(ODOMETER_SOURCE_DIR) / "examples";
  std::filesystem::copy_file(examples / "odometer.toml", dir / "odometer.toml");
  std::filesystem::copy(examples / "recording", dir / "recording");
  const auto collected = run_odometer({"collect", "--config", (dir / "odometer.toml").string(),
                                       "--replay", (dir / "recording").string()});
  ASSERT_EQ(collected.exit_code, 0) << collected.out << collected.err;
  for (const char* source : {"github", "npm", "pypi", "crates", "manual"}) {
    EXPECT_NE(collected.out.find(std::string("\n") + source), std::string::npos) << collected.out;
  }
  // The group table sums what has a total, through the counter engine, and
  // only names gauges and unique counts: stars of 16 repositories are not a
  // number of anything.
  auto stored = read_ledger_file(dir / "demo" / "odometer-ledger.json");
  ASSERT_TRUE(stored) << stored.error().message;
  const std::string clones_row = "github:clones";
  const auto row = collected.out.find("\n" + clones_row + " ");
  ASSERT_NE(row, std::string::npos) << collected.out;
  const std::string line =
      collected.out.substr(row + 1, collected.out.find('\n', row + 1) - row - 1);
  EXPECT_TRUE(line.ends_with("new  -> " +
                             with_thousands_separators(metric_sum(*stored, "github", "clones"))))
      << line;
  EXPECT_EQ(collected.out.find("\ngithub:stars "), std::string::npos) << collected.out;
  EXPECT_EQ(collected.out.find("\ngithub:view-uniques "), std::string::npos) << collected.out;
  EXPECT_NE(collected.out.find("read, not summed (gauges and unique counts): "), std::string::npos)
      << collected.out;
  EXPECT_NE(collected.out.find("github:stars (16 series)"), std::string::npos) << collected.out;

  const auto rendered = run_odometer({"render", "--config", (dir / "odometer.toml").string()});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  const std::string summary = read_text(dir / "demo" / "odometer-out" / "summary.txt");
  EXPECT_NE(rendered.out.find("\n" + summary), std::string::npos) << rendered.out;
  EXPECT_NE(rendered.out.find("dashboard: "), std::string::npos) << rendered.out;
}

}  // namespace
}  // namespace odometer
