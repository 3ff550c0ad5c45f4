// odometer render: every output compared byte for byte with golden files
// made from tests/fixtures/render (a fixed ledger and config) and a fixed
// --now; determinism; and that a bad ledger, config or --now writes nothing.
//
// To regenerate the golden files after an intended change, run
//   ODOMETER_UPDATE_GOLDEN=1 build-dev/tests/test_cli_render
// then read the diff of tests/fixtures/golden/render/ by eye before committing.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/seed_cache.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const std::filesystem::path k_fixtures = std::filesystem::path(ODOMETER_FIXTURES) / "render";
const std::filesystem::path k_golden =
    std::filesystem::path(ODOMETER_FIXTURES) / "golden" / "render";
constexpr const char* k_now = "2026-05-02T12:00:00Z";

// Every file render writes with the fixture config: its path below the
// config's folder, and the golden file it must equal.
struct Output {
  std::string path;
  std::string golden;
};
const std::vector<Output> k_outputs = {
    {"odometer-out/summary.txt", "summary.txt"},
    {"odometer-out/counters.json", "counters.json"},
    {"odometer-out/ledger.csv", "ledger.csv"},
    {"odometer-out/badges/installs.json", "badges/installs.json"},
    {"odometer-out/badges/installs.svg", "badges/installs.svg"},
    {"odometer-out/badges/clones.json", "badges/clones.json"},
    {"odometer-out/badges/clones.svg", "badges/clones.svg"},
    {"odometer-out/dashboard.html", "dashboard.html"},
    {"site/.vitepress/theme/installs-cache.json", "installs-cache.json"},
    {"site/public/installs.json", "installs.json"},
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool updating_golden() {
  const char* value = std::getenv("ODOMETER_UPDATE_GOLDEN");  // NOLINT(concurrency-mt-unsafe)
  return value != nullptr && std::string(value) == "1";
}

// The fixture config and ledger copied into dir; returns the config's path.
std::string copy_fixtures(const TempDir& dir) {
  std::filesystem::copy_file(k_fixtures / "odometer.toml", dir / "odometer.toml");
  std::filesystem::copy_file(k_fixtures / "ledger.json", dir / "ledger.json");
  return (dir / "odometer.toml").string();
}

// Every regular file below root, relative, sorted.
std::vector<std::string> files_below(const std::filesystem::path& root) {
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      out.push_back(std::filesystem::relative(entry.path(), root).string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Render, EveryOutputEqualsItsGoldenFile) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  const CommandResult result = run_odometer({"render", "--config", config, "--now", k_now});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string listed;
  for (const auto& output : k_outputs) {
    listed += (dir / output.path).string() + "\n";
    const std::string written = read_file(dir / output.path);
    if (updating_golden()) {
      std::filesystem::create_directories((k_golden / output.golden).parent_path());
      write_file(k_golden / output.golden, written);
      continue;
    }
    EXPECT_EQ(written, read_file(k_golden / output.golden))
        << output.path << " differs from tests/fixtures/golden/render/" << output.golden
        << " (ODOMETER_UPDATE_GOLDEN=1 regenerates it)";
  }
  EXPECT_EQ(result.out, listed + "\n8,116+ package installs \xC2\xB7 37,701 repo clones\n" +
                            "dashboard: " + (dir / "odometer-out/dashboard.html").string() + "\n");
  EXPECT_EQ(result.err, "");
}

TEST(Render, TheFilesAgreeWithEachOther) {
  // Independent of the golden bytes: the site's numbers are the counters'.
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  EXPECT_EQ(read_file(dir / "odometer-out/summary.txt"),
            "8,116+ package installs \xC2\xB7 37,701 repo clones\n");
  // fetchedAt is the ledger's updated_at, not --now: rendering again changes nothing.
  EXPECT_EQ(read_file(dir / "site/public/installs.json"),
            "{\"total\":8116,\"clones\":37701,\"fetchedAt\":\"2026-05-02T07:44:22Z\"}\n");
  const std::string counters = read_file(dir / "odometer-out/counters.json");
  EXPECT_TRUE(contains(counters, "\"value\": 8116")) << counters;
  EXPECT_TRUE(contains(counters, "\"value\": 37701")) << counters;
  const std::string cache = read_file(dir / "site/.vitepress/theme/installs-cache.json");
  EXPECT_TRUE(contains(cache, "\"clones\":37701,")) << cache;
  EXPECT_TRUE(contains(cache, "\"total\":8116,")) << cache;
}

TEST(Render, IsDeterministic) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  std::vector<std::string> first;
  first.reserve(k_outputs.size());
  for (const auto& output : k_outputs) {
    first.push_back(read_file(dir / output.path));
  }
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  for (std::size_t i = 0; i < k_outputs.size(); ++i) {
    EXPECT_EQ(read_file(dir / k_outputs[i].path), first[i]) << k_outputs[i].path;
  }
}

TEST(Render, OutAndLedgerOptionsOverrideTheConfig) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  std::filesystem::copy_file(dir / "ledger.json", dir / "other.json");
  const CommandResult result =
      run_odometer({"render", "--config", config, "--ledger", (dir / "other.json").string(),
                    "--out", (dir / "elsewhere").string(), "--now", k_now});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(read_file(dir / "elsewhere/summary.txt"), read_file(k_golden / "summary.txt"));
  EXPECT_FALSE(std::filesystem::exists(dir / "odometer-out"));
}

TEST(Render, WithoutAConfigWritesTheDefaultOutputs) {
  TempDir dir;
  std::filesystem::copy_file(k_fixtures / "ledger.json", dir / "ledger.json");
  const CommandResult result = run_odometer({"render", "--ledger", (dir / "ledger.json").string(),
                                             "--out", (dir / "out").string(), "--now", k_now});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      files_below(dir / "out"),
      (std::vector<std::string>{"badges/clones.json", "badges/clones.svg", "badges/installs.json",
                                "badges/installs.svg", "counters.json", "dashboard.html",
                                "ledger.csv", "summary.txt"}));
  EXPECT_EQ(read_file(dir / "out/summary.txt"), read_file(k_golden / "summary.txt"));
}

TEST(Render, OutputsCanBeTurnedOffAndCountersConfigured) {
  TempDir dir;
  std::filesystem::copy_file(k_fixtures / "ledger.json", dir / "ledger.json");
  write_file(dir / "odometer.toml",
             "[ledger]\npath = \"ledger.json\"\n"
             "[[counter]]\nname = \"python\"\nlabel = \"Python \\\"installs\\\"\"\n"
             "sum = [\"pypi:downloads:*\"]\n"
             "[[counter]]\nname = \"zero\"\nlabel = \"nothing\"\nsum = [\"none:*\"]\n"
             "[outputs]\ndir = \"public/stats\"\ncsv = false\nbadges = false\ndashboard = false\n"
             "summary_format = \"{python} from PyPI, {zero} else, {{braces}}\"\n");
  const CommandResult result =
      run_odometer({"render", "--config", (dir / "odometer.toml").string(), "--now", k_now});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(files_below(dir / "public/stats"),
            (std::vector<std::string>{"counters.json", "summary.txt"}));
  EXPECT_EQ(read_file(dir / "public/stats/summary.txt"), "1,355 from PyPI, 0 else, {braces}\n");
  EXPECT_EQ(read_file(dir / "public/stats/counters.json"),
            "{\n"
            "  \"updated_at\": \"2026-05-02T12:00:00Z\",\n"
            "  \"counters\": {\n"
            "    \"python\": {\n"
            "      \"label\": \"Python \\\"installs\\\"\",\n"
            "      \"value\": 1355,\n"
            "      \"last_day\": \"2026-05-01\"\n"
            "    },\n"
            "    \"zero\": {\n"
            "      \"label\": \"nothing\",\n"
            "      \"value\": 0,\n"
            "      \"last_day\": null\n"
            "    }\n"
            "  }\n"
            "}\n");
}

// The summary line's number formatting at the edges, through the command.
TEST(Render, SummaryNumbersHaveThousandsSeparators) {
  struct Case {
    std::int64_t clones;
    std::string shown;
  };
  for (const Case& c : {Case{0, "0"}, Case{999, "999"}, Case{1000, "1,000"}, Case{8116, "8,116"},
                        Case{1'000'000'000'000'000, "1,000,000,000,000,000"}}) {
    TempDir dir;
    const std::string ledger = (dir / "l.json").string();
    ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day", "2026-05-01",
                            "github:clones:o/r", std::to_string(c.clones)})
                  .exit_code,
              0);
    const CommandResult result = run_odometer(
        {"render", "--ledger", ledger, "--out", (dir / "out").string(), "--now", k_now});
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(read_file(dir / "out/summary.txt"),
              "0+ package installs \xC2\xB7 " + c.shown + " repo clones\n");
  }
}

// What a failed render must leave: the output folder exactly as it was.
void expect_nothing_written(const TempDir& dir, const std::vector<std::string>& args,
                            const std::string& message) {
  const std::string before = read_file(dir / "odometer-out/summary.txt");
  const auto files_before = files_below(dir.path());
  const CommandResult result = run_odometer(args);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_TRUE(contains(result.err, message)) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(files_below(dir.path()), files_before);
  EXPECT_EQ(read_file(dir / "odometer-out/summary.txt"), before);
}

TEST(Render, ABadLedgerWritesNothing) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  write_file(dir / "ledger.json", "{\"format\": \"odometer-ledger\", \"version\": 1, \"ser");
  expect_nothing_written(dir, {"render", "--config", config, "--now", k_now},
                         (dir / "ledger.json").string());
}

TEST(Render, AMissingLedgerWritesNothing) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  expect_nothing_written(
      dir, {"render", "--config", config, "--ledger", (dir / "nope.json").string(), "--now", k_now},
      "nope.json");
}

TEST(Render, ABadConfigWritesNothingAndNamesTheLine) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  write_file(dir / "odometer.toml",
             "[ledger]\npath = \"ledger.json\"\n[outputs]\n"
             "summary_format = \"{instals} installs\"\n");
  expect_nothing_written(dir, {"render", "--config", config, "--now", k_now},
                         "odometer.toml:4: [outputs] summary_format: unknown counter {instals}; "
                         "did you mean {installs}?");
}

TEST(Render, ABadNowWritesNothing) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  expect_nothing_written(dir, {"render", "--config", config, "--now", "2026-05-02 12:00"}, "--now");
}

TEST(Render, SeveralRepositoryOwnersNeedRepoOwner) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", k_now}).exit_code, 0);
  const std::string ledger = (dir / "ledger.json").string();
  ASSERT_EQ(run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day", "2026-05-01",
                          "github:clones:someone-else/repo", "5"})
                .exit_code,
            0);
  expect_nothing_written(dir, {"render", "--config", config, "--now", k_now},
                         "[outputs] repo_owner");
  write_file(dir / "odometer.toml",
             read_file(dir / "odometer.toml") + "repo_owner = \"runcycles\"\n");
  const CommandResult result = run_odometer({"render", "--config", config, "--now", k_now});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  // The site's clones are the sum of its clonesByRepo (the site's loader
  // computes them so); the other owner's repository is named in a note.
  EXPECT_TRUE(contains(read_file(dir / "site/public/installs.json"), "\"clones\":37701,"));
  EXPECT_FALSE(
      contains(read_file(dir / "site/.vitepress/theme/installs-cache.json"), "someone-else"));
  EXPECT_TRUE(contains(result.err, "note: ")) << result.err;
  EXPECT_TRUE(contains(result.err, "github:clones:someone-else/repo")) << result.err;
}

// The sums of a site's cache as its loader (installs.data.ts) computes them
// from the cache's own fields.
struct LoaderSums {
  Count clones = 0;
  Count total = 0;
};

LoaderSums loader_sums(const SeedCache& cache) {
  LoaderSums sums;
  for (const auto& [repo, clones] :
       cache.clones_by_repo.value_or(std::map<std::string, SeedCacheClones>{})) {
    sums.clones += clones.count;
  }
  sums.total = cache.npm.value_or(0) + cache.pypi.value_or(0) + cache.crates.value_or(0) +
               cache.releases.value_or(0) + cache.gh_packages.value_or(0) + cache.maven.value_or(0);
  return sums;
}

TEST(Render, SiteFilesKeepTheLoadersFormulasAndEqualExports) {
  TempDir dir;
  const std::string config = copy_fixtures(dir);
  write_file(dir / "odometer.toml",
             read_file(dir / "odometer.toml") + "repo_owner = \"runcycles\"\n");
  const std::string ledger = (dir / "ledger.json").string();
  // Sources the site has no field for: another registry, another owner.
  for (const std::vector<std::string>& observe :
       {std::vector<std::string>{"--kind", "cumulative", "docker:pulls:acme/image", "1234"},
        std::vector<std::string>{"--kind", "cumulative", "nuget:downloads:Acme.Lib", "55"},
        std::vector<std::string>{"--kind", "daily", "github:clones:someone-else/repo", "5"},
        std::vector<std::string>{"--kind", "cumulative",
                                 "github:release-downloads:someone-else/repo", "9"}}) {
    std::vector<std::string> args{"observe", "--ledger", ledger, "--at", "2026-05-02T08:00:00Z"};
    args.insert(args.end(), observe.begin(), observe.end());
    ASSERT_EQ(run_odometer(args).exit_code, 0);
  }
  const CommandResult rendered = run_odometer({"render", "--config", config, "--now", k_now});
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  for (const char* left_out :
       {"docker:pulls:acme/image", "nuget:downloads:Acme.Lib", "github:clones:someone-else/repo",
        "github:release-downloads:someone-else/repo"}) {
    EXPECT_TRUE(contains(rendered.err, left_out)) << rendered.err;
  }
  const std::string cache_text = read_file(dir / "site/.vitepress/theme/installs-cache.json");
  const std::string public_text = read_file(dir / "site/public/installs.json");

  auto cache = parse_seed_cache(cache_text, "installs-cache.json");
  ASSERT_TRUE(cache.ok()) << cache.error().message;
  const LoaderSums sums = loader_sums(*cache);
  EXPECT_EQ(*cache->clones, sums.clones);
  EXPECT_EQ(*cache->total, sums.total);
  EXPECT_EQ(cache->fetched_at.to_string(), "2026-05-02T08:00:00Z");  // the ledger's updated_at
  EXPECT_EQ(public_text, "{\"total\":" + std::to_string(sums.total) +
                             ",\"clones\":" + std::to_string(sums.clones) +
                             ",\"fetchedAt\":\"2026-05-02T08:00:00Z\"}\n");
  // summary.txt counts what the site files leave out.
  EXPECT_NE(read_file(dir / "odometer-out/summary.txt"), read_file(k_golden / "summary.txt"));

  // export writes the same bytes from the same ledger.
  for (const auto& [format, text] :
       {std::pair<std::string, std::string>{"seed-cache", cache_text}, {"public", public_text}}) {
    const CommandResult exported = run_odometer(
        {"export", "--format", format, "--ledger", ledger, "--repo-owner", "runcycles"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_EQ(exported.out, text) << format;
  }
  // Rendering again at another time changes neither file.
  ASSERT_EQ(run_odometer({"render", "--config", config, "--now", "2026-06-01T00:00:00Z"}).exit_code,
            0);
  EXPECT_EQ(read_file(dir / "site/.vitepress/theme/installs-cache.json"), cache_text);
  EXPECT_EQ(read_file(dir / "site/public/installs.json"), public_text);
}

}  // namespace
}  // namespace odometer
