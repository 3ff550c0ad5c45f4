// `odometer init` as a user runs it: the config it writes loads, an existing
// config is never touched without --force, bad names write nothing, and a
// cache of the replaced system lands in the ledger without losing anything
// the ledger held.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "store/file_store.hpp"
#include "store/seed_cache.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"
#include "support/written_config.hpp"

namespace odometer {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using testing::load_written_config;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const fs::path k_caches = fs::path(ODOMETER_FIXTURES) / "seed-cache-history";
// The newest cache: generation 4, with clonesByRepo and releasesByRepo.
const fs::path k_newest_cache = k_caches / "37_e3e4286.json";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::optional<Count> value_of(const Ledger& ledger, const std::string& key) {
  const auto parsed = SeriesKey::parse(key);
  if (!parsed) {
    return std::nullopt;
  }
  const Series* series = ledger.find(*parsed);
  return series == nullptr ? std::nullopt : series->value();
}

// Copies a cache fixture to dir/relative (creating folders) and returns its path.
fs::path place_cache(const fs::path& fixture, const fs::path& dir, const fs::path& relative) {
  fs::create_directories((dir / relative).parent_path());
  fs::copy_file(fixture, dir / relative);
  return dir / relative;
}

// Runs the odometer binary in folder `cwd` (init writes beside the current
// folder by default), restoring the test's own folder afterwards.
CommandResult run_odometer_in(const fs::path& cwd, const std::vector<std::string>& args) {
  const fs::path before = fs::current_path();
  fs::current_path(cwd);
  CommandResult result = run_odometer(args);
  fs::current_path(before);
  return result;
}

TEST(CliInit, HelpDescribesEveryFlag) {
  const CommandResult result = run_odometer({"init", "--help"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "Usage: odometer init")) << result.out;
  for (const std::string flag : {"--config", "--github-org", "--github-user", "--npm", "--pypi",
                                 "--crates", "--from-cache", "--force"}) {
    EXPECT_TRUE(contains(result.out, flag)) << flag << "\n" << result.out;
  }
}

TEST(CliInit, WritesOdometerTomlInTheCurrentFolder) {
  TempDir dir;
  const CommandResult result = run_odometer_in(
      dir.path(), {"init", "--github-org", "runcycles", "--npm", "@runcycles/mcp-server",
                   "runcycles", "--npm", "other", "--pypi", "runcycles", "--crates", "runcycles"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote odometer.toml")) << result.out;
  const std::string text = read_file(dir / "odometer.toml");
  const auto config = load_written_config(text, dir / "odometer.toml");
  ASSERT_TRUE(config.ok()) << config.error().message << "\n" << text;
  EXPECT_EQ(config->ledger, dir / "odometer-ledger.json");
  std::vector<std::string> sources;
  for (const auto& source : config->sources) {
    sources.push_back(source->name());
  }
  EXPECT_EQ(sources, (std::vector<std::string>{"github", "npm", "pypi", "crates"}));

  const toml::table root = toml::parse(text);
  EXPECT_EQ(root["github"]["org"].value<std::string>(), "runcycles");
  // Repeated flags and several values per flag both count.
  const auto* npm = root["npm"]["packages"].as_array();
  ASSERT_NE(npm, nullptr);
  ASSERT_EQ(npm->size(), 3U);
  EXPECT_EQ(npm->get(0)->value<std::string>(), "@runcycles/mcp-server");
  EXPECT_EQ(npm->get(2)->value<std::string>(), "other");
  EXPECT_EQ(root["pypi"]["packages"][0].value<std::string>(), "runcycles");
  EXPECT_EQ(root["crates"]["crates"][0].value<std::string>(), "runcycles");
  EXPECT_FALSE(root["outputs"]["seed_cache"]);
  EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json"));  // nothing to import: no ledger yet
}

TEST(CliInit, WritesTheFileGivenWithConfigForAUser) {
  TempDir dir;
  fs::create_directories(dir / "conf");
  const fs::path file = dir / "conf" / "site.toml";
  const CommandResult result =
      run_odometer({"init", "--config", file.string(), "--github-user", "some-one"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string text = read_file(file);
  const auto config = load_written_config(text, file);
  ASSERT_TRUE(config.ok()) << config.error().message << "\n" << text;
  EXPECT_EQ(config->ledger, dir / "conf" / "odometer-ledger.json");
  EXPECT_EQ(toml::parse(text)["github"]["user"].value<std::string>(), "some-one");
}

TEST(CliInit, WithoutFlagsWritesALoadableConfigOfExamples) {
  TempDir dir;
  const fs::path file = dir / "odometer.toml";
  ASSERT_EQ(run_odometer({"init", "--config", file.string()}).exit_code, 0);
  const auto config = load_written_config(read_file(file), file);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->sources.empty());
}

TEST(CliInit, RefusesToOverwriteWithoutForceAndLeavesTheFileAsItWas) {
  TempDir dir;
  const fs::path file = dir / "odometer.toml";
  const std::string old = "[github]\norg = \"mine\"   # hand-tuned\n";
  write_file(file, old);
  const fs::path cache = place_cache(k_newest_cache, dir.path(), "installs-cache.json");
  const CommandResult result = run_odometer({"init", "--config", file.string(), "--github-org",
                                             "runcycles", "--from-cache", cache.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, file.string())) << result.err;
  EXPECT_TRUE(contains(result.err, "--force")) << result.err;
  EXPECT_EQ(read_file(file), old);
  // Refused before anything was written: no ledger either.
  EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json"));
}

TEST(CliInit, ForceOverwrites) {
  TempDir dir;
  const fs::path file = dir / "odometer.toml";
  write_file(file, "[github]\norg = \"mine\"\n");
  const CommandResult result =
      run_odometer({"init", "--config", file.string(), "--github-org", "runcycles", "--force"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(toml::parse(read_file(file))["github"]["org"].value<std::string>(), "runcycles");
}

TEST(CliInit, FromCacheImportsEveryCountAndKeepsTheSitesFileNames) {
  TempDir dir;
  const fs::path cache =
      place_cache(k_newest_cache, dir.path(), ".vitepress/theme/installs-cache.json");
  const fs::path file = dir / "odometer.toml";
  const CommandResult result = run_odometer({"init", "--config", file.string(), "--github-org",
                                             "runcycles", "--from-cache", cache.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const std::string text = read_file(file);
  const auto config = load_written_config(text, file);
  ASSERT_TRUE(config.ok()) << config.error().message << "\n" << text;
  const toml::table root = toml::parse(text);
  EXPECT_EQ(root["outputs"]["seed_cache"].value<std::string>(),
            ".vitepress/theme/installs-cache.json");
  EXPECT_EQ(root["outputs"]["seed_public"].value<std::string>(), ".vitepress/theme/installs.json");
  EXPECT_EQ(root["outputs"]["dir"].value<std::string>(), "odometer-out");

  // Every count of the cache is in the ledger, as the cache itself says.
  const auto expected = parse_seed_cache(read_file(k_newest_cache), k_newest_cache.string());
  ASSERT_TRUE(expected.ok()) << expected.error().message;
  ASSERT_TRUE(expected->clones_by_repo.has_value());
  const auto ledger = read_ledger_file(config->ledger);
  ASSERT_TRUE(ledger.ok()) << ledger.error().message;
  EXPECT_EQ(value_of(*ledger, "npm:downloads-imported:all"), expected->npm);
  EXPECT_EQ(value_of(*ledger, "pypi:downloads-imported:all"), expected->pypi);
  EXPECT_EQ(value_of(*ledger, "crates:downloads-imported:all"), expected->crates);
  EXPECT_EQ(value_of(*ledger, "ghcr:pulls-imported:all"), expected->gh_packages);
  for (const auto& [repo, clones] : *expected->clones_by_repo) {
    EXPECT_EQ(value_of(*ledger, "github:clones:runcycles/" + repo), clones.count) << repo;
  }
  EXPECT_TRUE(contains(result.out, "github:clones:runcycles/docs")) << result.out;
}

TEST(CliInit, FromCacheMergesIntoAnExistingLedgerWithoutLosingAnything) {
  TempDir dir;
  const fs::path ledger = dir / "odometer-ledger.json";
  // Already collected: a day after the cache's lastSeenDay, and an npm package.
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger.string(), "--kind", "daily", "--day",
                          "2026-05-01", "github:clones:runcycles/docs", "50"})
                .exit_code,
            0);
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger.string(), "--kind", "daily", "--day",
                          "2026-05-01", "npm:downloads:runcycles", "12"})
                .exit_code,
            0);
  const fs::path cache = place_cache(k_newest_cache, dir.path(), "installs-cache.json");
  const CommandResult result =
      run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--github-org",
                    "runcycles", "--from-cache", cache.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;

  const auto expected = parse_seed_cache(read_file(k_newest_cache), k_newest_cache.string());
  ASSERT_TRUE(expected.ok()) << expected.error().message;
  const auto docs = expected->clones_by_repo->at("docs");
  ASSERT_LT(docs.last_seen_day, Day::parse("2026-05-01").value());
  const auto merged = read_ledger_file(ledger);
  ASSERT_TRUE(merged.ok()) << merged.error().message;
  // The imported floor plus the day collected after it.
  EXPECT_EQ(value_of(*merged, "github:clones:runcycles/docs"), docs.count + 50);
  EXPECT_EQ(value_of(*merged, "npm:downloads:runcycles"), 12U);
  EXPECT_EQ(value_of(*merged, "npm:downloads-imported:all"), expected->npm);
}

TEST(CliInit, AnOlderCacheWithoutRepositoriesNeedsNoOwner) {
  TempDir dir;
  const fs::path fixture = k_caches / "10_56dfc12.json";  // generation 2
  const fs::path cache = place_cache(fixture, dir.path(), "installs-cache.json");
  const CommandResult result = run_odometer(
      {"init", "--config", (dir / "odometer.toml").string(), "--from-cache", cache.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto expected = parse_seed_cache(read_file(fixture), fixture.string());
  ASSERT_TRUE(expected.ok()) << expected.error().message;
  const auto ledger = read_ledger_file(dir / "odometer-ledger.json");
  ASSERT_TRUE(ledger.ok()) << ledger.error().message;
  EXPECT_EQ(value_of(*ledger, "npm:downloads-imported:all"), expected->npm);
  EXPECT_EQ(
      toml::parse(read_file(dir / "odometer.toml"))["outputs"]["seed_public"].value<std::string>(),
      "installs.json");
}

TEST(CliInit, RepoOwnerNamesTheCachesRepositoriesAndSeedPublicItsPublicFile) {
  TempDir dir;
  const fs::path cache = place_cache(k_newest_cache, dir.path(), "theme/installs-cache.json");
  const CommandResult result =
      run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--repo-owner",
                    "elsewhere", "--from-cache", cache.string(), "--seed-public",
                    (dir / "public" / "installs.json").string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto ledger = read_ledger_file(dir / "odometer-ledger.json");
  ASSERT_TRUE(ledger.ok()) << ledger.error().message;
  EXPECT_TRUE(value_of(*ledger, "github:clones:elsewhere/docs").has_value());
  EXPECT_EQ(
      toml::parse(read_file(dir / "odometer.toml"))["outputs"]["seed_public"].value<std::string>(),
      "public/installs.json");
}

TEST(CliInit, ACacheWithRepositoriesButNoOwnerWritesNothing) {
  TempDir dir;
  const fs::path cache = place_cache(k_newest_cache, dir.path(), "installs-cache.json");
  const CommandResult result = run_odometer(
      {"init", "--config", (dir / "odometer.toml").string(), "--from-cache", cache.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "--repo-owner")) << result.err;
  EXPECT_FALSE(fs::exists(dir / "odometer.toml"));
  EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json"));
}

TEST(CliInit, ABrokenOrMissingCacheWritesNothing) {
  TempDir dir;
  write_file(dir / "broken.json", "{\"npm\": 12, \"fetchedAt\": ");
  write_file(dir / "negative.json", "{\"npm\": -5, \"fetchedAt\": \"2026-05-01T00:00:00Z\"}");
  for (const std::string name : {"broken.json", "negative.json", "absent.json"}) {
    const CommandResult result =
        run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--github-org",
                      "runcycles", "--from-cache", (dir / name).string()});
    EXPECT_EQ(result.exit_code, 1) << name;
    EXPECT_TRUE(contains(result.err, name)) << result.err;
    EXPECT_FALSE(fs::exists(dir / "odometer.toml")) << name;
    EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json")) << name;
  }
}

TEST(CliInit, AnOdometerLedgerIsNotACache) {
  TempDir dir;
  const fs::path other = dir / "other-ledger.json";
  ASSERT_EQ(run_odometer({"observe", "--ledger", other.string(), "--kind", "cumulative",
                          "crates:downloads:x", "5"})
                .exit_code,
            0);
  const CommandResult result =
      run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--github-org",
                    "runcycles", "--from-cache", other.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "not a site's installs-cache.json")) << result.err;
  EXPECT_FALSE(fs::exists(dir / "odometer.toml"));
  EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json"));
}

TEST(CliInit, BadNamesAreUsageErrorsAndWriteNothing) {
  const std::vector<std::vector<std::string>> cases{
      {"--npm", "Bad Name"},
      {"--npm", "@scope"},
      {"--npm", ""},
      {"--pypi", "-leading-dash"},
      {"--crates", "1st"},
      {"--crates", "a.b"},
      {"--github-org", "a/b"},
      {"--github-user", "-x"},
      {"--github-org", "one", "--github-user", "two"},
      {"--repo-owner", "a b"},
      {"--seed-public", "installs.json"},  // without --from-cache
  };
  for (const auto& flags : cases) {
    TempDir dir;
    const fs::path cache = place_cache(k_newest_cache, dir.path(), "installs-cache.json");
    std::vector<std::string> args{"init", "--config", (dir / "odometer.toml").string()};
    args.insert(args.end(), flags.begin(), flags.end());
    if (flags[0] == "--repo-owner") {
      args.insert(args.end(), {"--from-cache", cache.string()});
    }
    const CommandResult result = run_odometer(args);
    EXPECT_EQ(result.exit_code, 2) << flags[0] << " " << flags[1] << "\n" << result.err;
    EXPECT_TRUE(contains(result.err, flags[0])) << result.err;
    EXPECT_FALSE(fs::exists(dir / "odometer.toml")) << flags[1];
    EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json")) << flags[1];
  }
}

TEST(CliInit, TheCacheAndThePublicFileMayNotBeOneFile) {
  TempDir dir;
  const fs::path cache = place_cache(k_newest_cache, dir.path(), "installs.json");
  const CommandResult result =
      run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--github-org",
                    "runcycles", "--from-cache", cache.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "--seed-public")) << result.err;
  EXPECT_FALSE(fs::exists(dir / "odometer.toml"));
  EXPECT_FALSE(fs::exists(dir / "odometer-ledger.json"));
}

TEST(CliInit, EveryBadNameIsReportedAtOnce) {
  TempDir dir;
  const CommandResult result =
      run_odometer({"init", "--config", (dir / "odometer.toml").string(), "--npm", "Bad Name",
                    "--pypi", "-x", "--crates", "1x"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "--npm \"Bad Name\"")) << result.err;
  EXPECT_TRUE(contains(result.err, "--pypi \"-x\"")) << result.err;
  EXPECT_TRUE(contains(result.err, "--crates \"1x\"")) << result.err;
}

// From nothing to a site bundle: init, a collect replayed from the example
// recording, and render.
TEST(CliInit, InitCollectAndRenderMakeASiteBundle) {
  TempDir dir;
  ASSERT_EQ(run_odometer_in(dir.path(), {"init", "--github-org", "runcycles", "--npm", "runcycles",
                                         "@runcycles/client", "@runcycles/mcp-server", "--pypi",
                                         "runcycles", "runcycles-openai-agents"})
                .exit_code,
            0);
  const std::string recording =
      (std::filesystem::path(ODOMETER_FIXTURES).parent_path().parent_path() / "examples" /
       "recording")
          .string();
  const CommandResult collected =
      run_odometer_in(dir.path(), {"collect", "--replay", recording, "--require", "github",
                                   "--require", "npm", "--require", "pypi"});
  ASSERT_EQ(collected.exit_code, 0) << collected.out << collected.err;
  const CommandResult rendered = run_odometer_in(dir.path(), {"render"});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.out << rendered.err;
  for (const std::string file :
       {"summary.txt", "counters.json", "ledger.csv", "dashboard.html", "badges/installs.json",
        "badges/installs.svg", "badges/clones.json", "badges/clones.svg"}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(dir / "odometer-out" / file)) << file;
  }
  const std::string summary = read_file(dir / "odometer-out" / "summary.txt");
  EXPECT_TRUE(contains(summary, "+ package installs \xC2\xB7 ")) << summary;
  EXPECT_FALSE(contains(summary, " 0 repo clones")) << summary;
  EXPECT_TRUE(contains(rendered.out, "dashboard: odometer-out/dashboard.html")) << rendered.out;
  EXPECT_TRUE(contains(read_file(dir / "odometer-out" / "dashboard.html"), "runcycles/docs"));
}

}  // namespace
}  // namespace odometer
