// The odometer binary with a PostgreSQL store: every command that takes a
// ledger file takes the store's URL, collect commits to [ledger] store, and
// the URL's password is never printed.

#include <gtest/gtest.h>

#include <filesystem>

#include "store/ledger_json.hpp"
#include "support/postgres.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::TestDatabase;

const std::filesystem::path k_fixtures = std::filesystem::path(ODOMETER_FIXTURES) / "ledger";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The password of the test server's URL, which no output may show.
std::string password_of(const std::string& url) {
  const auto at = url.find("password=");
  return at == std::string::npos ? std::string("no password")
                                 : url.substr(at + 9, url.find('&', at) - at - 9);
}

// Runs odometer and checks that its output does not show the password.
CommandResult run(const std::vector<std::string>& args, const std::string& url) {
  CommandResult result = run_odometer(args);
  EXPECT_FALSE(contains(result.out + result.err, password_of(url)))
      << args.front() << " printed the password:\n"
      << result.out << result.err;
  return result;
}

TEST(CliPostgres, EveryLedgerCommandTakesAStoreUrl) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  const std::string& url = database.url();
  TempDir dir;

  CommandResult result = run({"store", "init", url}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "created the schema, version 1")) << result.out;
  EXPECT_TRUE(contains(result.out, "password=[redacted]")) << result.out;

  result = run({"merge", (k_fixtures / "example.json").string(), "-o", url}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "merged 1 ledger(s) into postgresql:///" + database.name()))
      << result.out;

  result = run({"observe", "--ledger", url, "--kind", "daily", "--day", "2026-05-02",
                "github:clones:runcycles/docs", "20"},
               url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "github:clones:runcycles/docs is now 7207")) << result.out;

  result = run({"show", "--ledger", url, "--json", "--series", "github:clones:*"}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out,
                       "{\"key\": \"github:clones:runcycles/docs\", \"kind\": "
                       "\"daily\", \"value\": 7207"))
      << result.out;

  result = run({"merge", url, "-o", (dir / "copy.json").string()}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string copy = read_file(dir / "copy.json");
  EXPECT_TRUE(contains(copy, "\"2026-05-02\": 20")) << copy;

  result = run({"verify", url, "--against", (k_fixtures / "example.json").string()}, url);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "no regressions")) << result.out;
  result = run({"verify", (dir / "copy.json").string(), "--against", url}, url);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  // A copy that lost the new day regresses against the database.
  result = run({"verify", (k_fixtures / "example.json").string(), "--against", url}, url);
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "github:clones:runcycles/docs: total 7,207 -> 7,187"))
      << result.err;
  result = run({"verify", url, "--against", "HEAD"}, url);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "NEW is a database, which has no git history")) << result.err;

  result = run({"export", "--format", "public", "--ledger", url, "--repo-owner", "runcycles"}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "\"fetchedAt\"")) << result.out;

  result = run(
      {"render", "--ledger", url, "--out", (dir / "out").string(), "--now", "2026-05-03T00:00:00Z"},
      url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "out" / "counters.json"));
  EXPECT_TRUE(contains(read_file(dir / "out" / "counters.json"), "7207"));

  const auto cache =
      std::filesystem::path(ODOMETER_FIXTURES) / "seed-cache-history" / "05_12bd33c.json";
  result = run({"import", cache.string(), "--ledger", url, "--repo-owner", "runcycles"}, url);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(
      contains(result.out, "imported 1 entry in 1 series into postgresql:///" + database.name()))
      << result.out;

  result = run({"store", "init", url}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "schema version 1, current; nothing to do")) << result.out;
}

TEST(CliPostgres, CollectCommitsToTheConfiguredStore) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  TempDir dir;
  const auto config = dir / "odometer.toml";
  testing::write_file(config, "[ledger]\nstore = \"" + database.url() +
                                  "\"\n\n[manual]\n\"ghcr:pulls:runcycles/cycles-server\" = 898\n");
  CommandResult result = run({"collect", "--config", config.string()}, database.url());
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "ledger: postgresql:///" + database.name())) << result.out;
  EXPECT_TRUE(contains(result.out, "password=[redacted]")) << result.out;

  result = run({"show", "--config", config.string(), "--json"}, database.url());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out,
                       "\"key\": \"ghcr:pulls:runcycles/cycles-server\", \"kind\": "
                       "\"cumulative\", \"value\": 898"))
      << result.out;
  // The collector's own files stay beside the config; no ledger file.
  EXPECT_TRUE(std::filesystem::exists(dir / "odometer-store.last-run.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "odometer-ledger.json"));

  result = run({"render", "--config", config.string()}, database.url());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "") << "the last-run note was not found";
  EXPECT_TRUE(contains(read_file(dir / "odometer-out" / "counters.json"), "898"));
}

TEST(CliPostgres, ReadingAnEmptyDatabaseIsAnError) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"show", "--ledger", database.url()},
        std::vector<std::string>{"export", "--format", "public", "--ledger", database.url()},
        std::vector<std::string>{"merge", database.url(), "-o", "/nonexistent/out.json"}}) {
    const CommandResult result = run(args, database.url());
    EXPECT_EQ(result.exit_code, 1) << args.front();
    EXPECT_TRUE(contains(result.err, "no odometer ledger in this database")) << result.err;
  }
}

// odometer import into a database, as into a file: named by --ledger or by
// the config's [ledger] store; a dry run creates nothing, a bad row changes
// nothing, a second import finds nothing new.
TEST(CliPostgres, ImportTakesTheStoreOfTheOptionOrTheConfig) {
  ODOMETER_REQUIRE_POSTGRES();
  TestDatabase database;
  const std::string& url = database.url();
  TempDir dir;
  const auto imports = std::filesystem::path(ODOMETER_FIXTURES) / "imports";
  std::filesystem::copy(imports / "ghrs", dir / "ghrs", std::filesystem::copy_options::recursive);
  const std::string data = (dir / "ghrs/acme/widget/ghrs-data").string();

  CommandResult result = run({"import", "--ledger", url, "--dry-run", data}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "dry run: would add ")) << result.out;
  result = run({"show", "--ledger", url}, url);
  EXPECT_TRUE(contains(result.err, "no odometer ledger in this database")) << result.err;

  result = run({"import", "--ledger", url, data}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "into postgresql:///" + database.name())) << result.out;
  const auto dump = [&] {
    const auto copy = dir / "copy.json";
    std::filesystem::remove(copy);
    const CommandResult merged = run({"merge", url, "-o", copy.string()}, url);
    EXPECT_EQ(merged.exit_code, 0) << merged.err;
    return read_file(copy);
  };
  const std::string after = dump();
  EXPECT_TRUE(contains(after, "\"github:stars:acme/widget\"")) << after;

  // The config's store, with no --ledger: nothing new, nothing changed.
  const auto config = dir / "odometer.toml";
  testing::write_file(config, "[ledger]\nstore = \"" + url + "\"\n");
  result = run({"import", "--config", config.string(), data}, url);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "nothing new for postgresql:///" + database.name()))
      << result.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "odometer-ledger.json"));

  testing::write_file(dir / "ghrs/acme/widget/ghrs-data/forks.csv",
                      "time_iso8601,forks_cumulative\n2026-01-09 00:00:00+00:00,-2\n");
  result = run({"import", "--config", config.string(), data}, url);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "forks.csv:2: forks_cumulative: \"-2\" is negative"))
      << result.err;
  EXPECT_EQ(dump(), after);
}

}  // namespace
}  // namespace odometer
