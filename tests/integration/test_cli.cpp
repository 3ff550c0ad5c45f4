// The odometer binary as a user drives it: exit codes, messages, and files
// left exactly as they were when anything is wrong.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/file_store.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;

const std::filesystem::path k_fixtures = std::filesystem::path(ODOMETER_FIXTURES) / "ledger";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Copies a fixture into dir and returns the copy's path.
std::string copy_fixture(const TempDir& dir, const std::string& name) {
  std::filesystem::copy_file(k_fixtures / name, dir / name);
  return (dir / name).string();
}

TEST(Cli, VersionPrintsTheVersion) {
  const CommandResult result = run_odometer({"--version"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_TRUE(contains(result.out, "odometer 0.")) << result.out;
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_odometer({}).exit_code, 2);
  EXPECT_EQ(run_odometer({"frobnicate"}).exit_code, 2);
  EXPECT_EQ(run_odometer({"show", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(run_odometer({"verify", "a.json"}).exit_code, 2);  // --against is required
  EXPECT_EQ(run_odometer({"observe", "--kind", "weekly", "a:b:c", "1"}).exit_code, 2);
}

TEST(Cli, AnUnknownCommandIsNamedWithTheNearestOne) {
  const CommandResult bogus = run_odometer({"bogus"});
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_TRUE(contains(bogus.err, "unknown command \"bogus\"")) << bogus.err;
  EXPECT_TRUE(contains(bogus.err, "render")) << bogus.err;  // the list of commands
  const CommandResult typo = run_odometer({"rendr"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_TRUE(contains(typo.err, "did you mean \"render\"?")) << typo.err;
}

TEST(Cli, PathsNamesTheLedgerAndWhatRenderWrites) {
  TempDir dir;
  testing::write_file(dir / "odometer.toml",
                      "[ledger]\npath = \"data/ledger.json\"\n[outputs]\ndir = \"public/stats\"\n"
                      "seed_public = \"public/installs.json\"\n");
  const CommandResult result =
      run_odometer({"paths", "--config", (dir / "odometer.toml").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "ledger\t" + (dir / "data/ledger.json").string() + "\noutputs\t" +
                            (dir / "public/stats").string() + "\nsite-public\t" +
                            (dir / "public/installs.json").string() + "\n");
}

TEST(Cli, EveryCommandHasHelp) {
  for (const std::string command : {"merge", "show", "verify", "observe", "render", "paths"}) {
    const CommandResult result = run_odometer({command, "--help"});
    EXPECT_EQ(result.exit_code, 0) << command;
    EXPECT_TRUE(contains(result.out, "Usage: odometer " + command)) << result.out;
  }
}

TEST(Cli, ObserveThenShowJson) {
  TempDir dir;
  const std::string ledger = (dir / "l.json").string();
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--floor", "--day",
                          "2026-04-29", "github:clones:o/r", "6495"})
                .exit_code,
            0);
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day", "2026-04-30",
                          "github:clones:o/r", "612"})
                .exit_code,
            0);
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--non-additive",
                          "--day", "2026-04-30", "github:clone-uniques:o/r", "40"})
                .exit_code,
            0);
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "gauge", "--at",
                          "2026-05-02T20:02:26Z", "github:stars:o/r", "3"})
                .exit_code,
            0);
  const CommandResult shown = run_odometer({"show", "--ledger", ledger, "--json"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out,
            "{\n"
            "  \"counters\": [\n"
            "    {\"name\": \"installs\", \"label\": \"package installs\", \"value\": 0, "
            "\"last_day\": null},\n"
            "    {\"name\": \"clones\", \"label\": \"repo clones\", \"value\": 7107, "
            "\"last_day\": \"2026-04-30\"}\n"
            "  ],\n"
            "  \"series\": [\n"
            "    {\"key\": \"github:clone-uniques:o/r\", \"kind\": \"daily\", \"value\": null, "
            "\"first_day\": \"2026-04-30\", \"last_day\": \"2026-04-30\"},\n"
            "    {\"key\": \"github:clones:o/r\", \"kind\": \"daily\", \"value\": 7107, "
            "\"first_day\": \"2026-04-29\", \"last_day\": \"2026-04-30\"},\n"
            "    {\"key\": \"github:stars:o/r\", \"kind\": \"gauge\", \"value\": 3, "
            "\"first_day\": \"2026-05-02\", \"last_day\": \"2026-05-02\"}\n"
            "  ]\n"
            "}\n");
}

TEST(Cli, ShowTableAndGlob) {
  const CommandResult shown = run_odometer(
      {"show", "--ledger", (k_fixtures / "example.json").string(), "--series", "github:clones:*"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_TRUE(contains(shown.out, "KEY")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "github:clones:runcycles/docs")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "7,187")) << shown.out;
  EXPECT_FALSE(contains(shown.out, "stars")) << shown.out;
}

TEST(Cli, ShowJsonOfEmptySelectionHasAnEmptySeriesArray) {
  const CommandResult shown = run_odometer(
      {"show", "--ledger", (k_fixtures / "example.json").string(), "--json", "--series", "pypi:*"});
  EXPECT_EQ(shown.exit_code, 0);
  EXPECT_TRUE(contains(shown.out, "\"series\": []\n}\n")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "\"name\": \"clones\"")) << shown.out;
}

TEST(Cli, ShowPrintsTheCountersFirst) {
  const CommandResult shown =
      run_odometer({"show", "--ledger", (k_fixtures / "example.json").string()});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto counters = shown.out.find("COUNTER");
  const auto clones = shown.out.find("clones    repo clones       7,187  2026-05-01");
  const auto series = shown.out.find("KEY");
  EXPECT_NE(counters, std::string::npos) << shown.out;
  EXPECT_NE(clones, std::string::npos) << shown.out;
  EXPECT_LT(counters, clones);
  EXPECT_LT(clones, series);
}

TEST(Cli, ShowUsesTheCountersOfTheConfig) {
  TempDir dir;
  testing::write_file(dir / "odometer.toml",
                      "[[counter]]\nname = \"docs-clones\"\nlabel = \"docs clones\"\n"
                      "sum = [\"github:clones:runcycles/docs\"]\n[outputs]\nsummary = false\n");
  const CommandResult shown =
      run_odometer({"show", "--config", (dir / "odometer.toml").string(), "--ledger",
                    (k_fixtures / "example.json").string(), "--json", "--series", "x"});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(shown.out,
            "{\n"
            "  \"counters\": [\n"
            "    {\"name\": \"docs-clones\", \"label\": \"docs clones\", \"value\": 7187, "
            "\"last_day\": \"2026-05-01\"}\n"
            "  ],\n"
            "  \"series\": []\n"
            "}\n");
}

TEST(Cli, ShowWithAMissingConfigFails) {
  TempDir dir;
  const CommandResult shown = run_odometer({"show", "--config", (dir / "nope.toml").string(),
                                            "--ledger", (k_fixtures / "example.json").string()});
  EXPECT_EQ(shown.exit_code, 1);
  EXPECT_TRUE(contains(shown.err, "nope.toml")) << shown.err;
}

TEST(Cli, ObserveRejectsNegativeAndAbsurdValuesAndKeepsTheFile) {
  TempDir dir;
  const std::string ledger = copy_fixture(dir, "example.json");
  const std::string before = read_file(ledger);
  for (const std::string value : {"-5", "1000000000000001", "99999999999999999999", "1.5", "x"}) {
    const CommandResult result = run_odometer(
        {"observe", "--ledger", ledger, "--kind", "cumulative", "--", "npm:downloads:a", value});
    EXPECT_EQ(result.exit_code, 1) << value;
    EXPECT_TRUE(contains(result.err, "npm:downloads:a")) << result.err;
    EXPECT_EQ(read_file(ledger), before);
  }
}

TEST(Cli, ObserveRejectsBadKeysDaysAndKindConflicts) {
  TempDir dir;
  const std::string ledger = copy_fixture(dir, "example.json");
  const std::string before = read_file(ledger);
  const std::vector<std::vector<std::string>> bad = {
      {"--kind", "daily", "NPM:downloads:a", "1"},
      {"--kind", "daily", "--day", "2026-02-30", "npm:downloads:a", "1"},
      {"--kind", "gauge", "--at", "yesterday", "npm:downloads:a", "1"},
      {"--kind", "gauge", "--floor", "npm:downloads:a", "1"},
      {"--kind", "gauge", "github:clones:runcycles/docs", "1"},
  };
  for (const auto& args : bad) {
    std::vector<std::string> command{"observe", "--ledger", ledger};
    command.insert(command.end(), args.begin(), args.end());
    const CommandResult result = run_odometer(command);
    EXPECT_EQ(result.exit_code, 1) << args[1];
    EXPECT_TRUE(contains(result.err, "odometer: error:")) << result.err;
  }
  EXPECT_EQ(read_file(ledger), before);
}

TEST(Cli, MergeIntoOneOfTheInputs) {
  TempDir dir;
  const std::string a = (dir / "a.json").string();
  const std::string b = (dir / "b.json").string();
  ASSERT_EQ(run_odometer({"observe", "--ledger", a, "--kind", "daily", "--day", "2026-05-01",
                          "npm:downloads:x", "10"})
                .exit_code,
            0);
  ASSERT_EQ(run_odometer({"observe", "--ledger", b, "--kind", "daily", "--day", "2026-05-02",
                          "npm:downloads:x", "5"})
                .exit_code,
            0);
  const CommandResult merged = run_odometer({"merge", a, b, "-o", a});
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  auto ledger = read_ledger_file(a);
  ASSERT_TRUE(ledger) << ledger.error().message;
  EXPECT_EQ(ledger->find(*SeriesKey::parse("npm:downloads:x"))->value(), 15U);
}

TEST(Cli, VerifyReportsEveryRegressionWithExitFour) {
  TempDir dir;
  const std::string old_ledger = copy_fixture(dir, "example.json");
  const std::string lowered = (dir / "lowered.json").string();
  std::string text = read_file(old_ledger);
  text.replace(text.find("6495"), 4, "5000");
  text.replace(text.find("\"2026-04-26\": 49"), 16, "\"2026-04-26\": 48");
  testing::write_file(lowered, text);
  const CommandResult found = run_odometer({"verify", lowered, "--against", old_ledger});
  EXPECT_EQ(found.exit_code, 4);
  EXPECT_TRUE(contains(found.err, "github:clones:runcycles/docs: total 7,187 -> 5,692"))
      << found.err;
  EXPECT_TRUE(contains(found.err, "crates:downloads:runcycles: total 49 -> 48")) << found.err;

  const CommandResult clean = run_odometer({"verify", old_ledger, "--against", lowered});
  EXPECT_EQ(clean.exit_code, 0) << clean.err;
}

// Each broken ledger: every command that reads it fails with exit 1, names
// the file and the problem, and leaves its bytes exactly as they were.
struct BrokenLedger {
  std::string file;
  std::string problem;
};

class CliBrokenLedger : public ::testing::TestWithParam<BrokenLedger> {};

TEST_P(CliBrokenLedger, EveryCommandFailsAndTheFileIsUnchanged) {
  TempDir dir;
  const std::string broken = copy_fixture(dir, GetParam().file);
  const std::string good = copy_fixture(dir, "example.json");
  const std::string before = read_file(broken);
  const std::vector<std::vector<std::string>> commands = {
      {"show", "--ledger", broken},
      {"show", "--ledger", broken, "--json"},
      {"verify", broken, "--against", good},
      {"verify", good, "--against", broken},
      {"merge", good, broken, "-o", (dir / "out.json").string()},
      {"merge", good, "-o", broken},
      {"observe", "--ledger", broken, "--kind", "daily", "npm:downloads:a", "1"},
  };
  for (const auto& command : commands) {
    const CommandResult result = run_odometer(command);
    EXPECT_EQ(result.exit_code, 1) << command[0] << "\n" << result.err;
    EXPECT_TRUE(contains(result.err, broken)) << result.err;
    EXPECT_TRUE(contains(result.err, GetParam().problem)) << result.err;
    EXPECT_EQ(read_file(broken), before) << command[0];
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "out.json"));
}

INSTANTIATE_TEST_SUITE_P(BadFiles, CliBrokenLedger,
                         ::testing::Values(BrokenLedger{"version-2.json", "version 2"},
                                           BrokenLedger{"truncated.json", "JSON"},
                                           BrokenLedger{"negative-count.json", "negative"}),
                         [](const auto& test_info) {
                           std::string name =
                               test_info.param.file.substr(0, test_info.param.file.find('.'));
                           std::erase(name, '-');
                           return name;
                         });

// ------------------------------------------------- hostile input (issue 16)

TEST(Cli, ShowWithAnUnclosedBracketGlobExitsNonZero) {
  const CommandResult shown =
      run_odometer({"show", "--ledger", (k_fixtures / "example.json").string(), "--series", "["});
  EXPECT_EQ(shown.exit_code, 1) << shown.out << shown.err;
  EXPECT_TRUE(contains(shown.err, "--series \"[\": the '[' at position 1 is never closed"))
      << shown.err;
  // A closed bracket is an ordinary glob.
  EXPECT_EQ(run_odometer(
                {"show", "--ledger", (k_fixtures / "example.json").string(), "--series", "[gn]*"})
                .exit_code,
            0);
}

TEST(Cli, AFifoAsTheLedgerFailsAtOnceForShowAndObserve) {
  TempDir dir;
  const auto fifo = dir / "ledger.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  for (const auto& command : std::vector<std::vector<std::string>>{
           {"show", "--ledger", fifo.string()},
           {"observe", "--ledger", fifo.string(), "--kind", "daily", "npm:downloads:a", "1"}}) {
    const CommandResult result = run_odometer(command);
    EXPECT_EQ(result.exit_code, 1) << command[0];
    EXPECT_TRUE(contains(result.err, fifo.string() + " is a FIFO, not a regular file"))
        << result.err;
  }
}

TEST(Cli, ConfigErrorsEscapeRawControlBytesInKeysAndValues) {
  TempDir dir;
  const auto config = dir / "odometer.toml";
  testing::write_file(config,
                      std::string("[npm]\npackages = [\"a\"]\n\"bad\\u0000\\r\\nkey\" = 1\n"
                                  "[pypi]\npackages = [\"b\"]\napi = \"nope\\u0085\\u202e\"\n"));
  const CommandResult result = run_odometer({"collect", "--config", config.string(), "--dry-run"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(contains(result.err, "bad\\x00\\r\\nkey")) << result.err;
  EXPECT_TRUE(contains(result.err, "nope\\u0085\\u202e")) << result.err;
  EXPECT_FALSE(contains(result.err, std::string("\0", 1))) << result.err;
  EXPECT_FALSE(contains(result.err, "\r")) << result.err;
}

TEST(Cli, ShowAndCsvNeutraliseBidiOverridesInKeys) {
  TempDir dir;
  const std::string ledger = (dir / "l.json").string();
  const std::string key = "github:referrer:o/r/evil\xE2\x80\xAEgnp.exe";
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "gauge", key, "3"}).exit_code,
            0);
  const CommandResult shown = run_odometer({"show", "--ledger", ledger});
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_FALSE(contains(shown.out, "\xE2\x80\xAE")) << shown.out;
  EXPECT_TRUE(contains(shown.out, "evil\xEF\xBF\xBDgnp.exe")) << shown.out;
}

}  // namespace
}  // namespace odometer
