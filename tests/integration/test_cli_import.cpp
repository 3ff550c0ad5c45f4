// odometer import of records kept by other tools, as a user runs it: each
// format detected from its files (or named), a dry run that names per file
// the series and days taken and what was skipped and writes nothing, one
// commit, a second import that leaves the ledger byte for byte as it was,
// every bad file or row an error naming the file and line with the ledger
// untouched, and ledger -> render's ledger.csv -> import -> the same ledger.

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/file_store.hpp"
#include "store/ledger_json.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const fs::path k_fixtures(ODOMETER_FIXTURES);
const fs::path k_imports = k_fixtures / "imports";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A ledger with something in it, so that "unchanged" means something.
std::string seed_ledger(const TempDir& dir) {
  const std::string ledger = (dir / "ledger.json").string();
  const CommandResult result =
      run_odometer({"observe", "--ledger", ledger, "--kind", "daily", "--day", "2025-01-01",
                    "github:clones:acme/widget", "7"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return ledger;
}

Ledger read_ledger(const std::string& path) {
  auto ledger = read_ledger_file(path);
  EXPECT_TRUE(ledger.ok()) << (ledger.ok() ? "" : ledger.error().message);
  return ledger.ok() ? *ledger : Ledger();
}

const Series* find(const Ledger& ledger, std::string_view key) {
  return ledger.find(SeriesKey::parse(key).value());
}

// Imports args into ledger twice: the first run changes it, the second
// leaves every byte as it was. Returns the first run's output.
std::string import_twice(const std::string& ledger, std::vector<std::string> args) {
  args.insert(args.begin(), {"import", "--ledger", ledger});
  const CommandResult first = run_odometer(args);
  EXPECT_EQ(first.exit_code, 0) << first.err;
  const std::string after_first = read_file(ledger);
  const CommandResult second = run_odometer(args);
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(contains(second.out, ": it holds every entry already")) << second.out;
  EXPECT_EQ(read_file(ledger), after_first);
  return first.out;
}

// Runs an import that must fail: exit 1, the message, and the ledger's
// bytes as they were.
void expect_refused(const std::string& ledger, std::vector<std::string> args,
                    const std::string& message) {
  const std::string before = read_file(ledger);
  args.insert(args.begin(), {"import", "--ledger", ledger});
  const CommandResult result = run_odometer(args);
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_TRUE(contains(result.err, message)) << result.err;
  EXPECT_EQ(read_file(ledger), before);
}

TEST(CliImport, GhrsFolderDryRunThenOneCommitThenNothing) {
  TempDir dir;
  const std::string ledger = seed_ledger(dir);
  const std::string before = read_file(ledger);
  const auto seeded_at = read_ledger(ledger).updated_at();
  fs::copy(k_imports / "ghrs", dir / "ghrs", fs::copy_options::recursive);
  const std::string data = (dir / "ghrs/acme/widget/ghrs-data").string();

  const CommandResult dry = run_odometer({"import", "--ledger", ledger, "--dry-run", data});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(read_file(ledger), before);
  EXPECT_TRUE(contains(dry.out, data + "/views_clones_aggregate.csv: ghrs "
                                       "views_clones_aggregate.csv of acme/widget\n"
                                       "  github:clone-uniques:acme/widget: daily, 3 days "
                                       "2025-03-01..2025-03-04, non-additive (3 new)\n"))
      << dry.out;
  EXPECT_TRUE(contains(dry.out,
                       "  github:referrer:acme/widget/Google: gauge, 1 reading "
                       "2025-03-04 (1 new)\n"))
      << dry.out;
  EXPECT_TRUE(contains(dry.out,
                       "  github:referrer-uniques:acme/widget/Google: gauge, 1 reading "
                       "2025-03-04 (1 new)\n"))
      << dry.out;
  EXPECT_TRUE(contains(dry.out, "dry run: would add "));
  EXPECT_TRUE(contains(dry.out, "nothing written\n"));

  const std::string out = import_twice(ledger, {data});
  EXPECT_TRUE(contains(out, "imported ")) << out;
  const Ledger imported = read_ledger(ledger);
  EXPECT_EQ(find(imported, "github:clones:acme/widget")->value(), 7U + 4 + 0 + 5 + 13);
  EXPECT_EQ(find(imported, "github:stars:acme/widget")->value(), 9U);
  // The files speak of 2025: the ledger's later updated_at stays.
  EXPECT_EQ(imported.updated_at(), seeded_at);
  // The same data branch as a whole: nothing new either.
  const CommandResult again = run_odometer({"import", "--ledger", ledger, (dir / "ghrs").string()});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(contains(again.out, "nothing new")) << again.out;
}

TEST(CliImport, ADataBranchWithSeveralRepositories) {
  TempDir dir;
  const std::string ledger = (dir / "ledger.json").string();
  fs::copy(k_imports / "ghrs", dir / "branch", fs::copy_options::recursive);
  fs::create_directories(dir / "branch/acme/gadget/ghrs-data");
  write_file(dir / "branch/acme/gadget/ghrs-data/forks.csv",
             "time_iso8601,forks_cumulative\n2025-01-09 00:00:00+00:00,4\n");
  import_twice(ledger, {(dir / "branch").string()});
  const Ledger imported = read_ledger(ledger);
  EXPECT_EQ(find(imported, "github:forks:acme/gadget")->value(), 4U);
  EXPECT_EQ(find(imported, "github:forks:acme/widget")->value(), 2U);
  // updated_at is the newest time the files speak of, not the clock.
  EXPECT_EQ(imported.updated_at(), Timestamp::parse("2025-03-04T18:10:02Z").value());
  expect_refused(ledger, {"--repo", "acme/other", (dir / "branch").string()},
                 "holds the ghrs data of 2 repositories, named by their folders: leave out --repo");
}

TEST(CliImport, AGhrsFolderElsewhereNeedsItsRepository) {
  TempDir dir;
  const std::string ledger = seed_ledger(dir);
  // The two folders above ghrs-data name the repository, wherever it is.
  fs::create_directories(dir / "octo/app");
  fs::copy(k_imports / "ghrs/acme/widget/ghrs-data", dir / "octo/app/ghrs-data",
           fs::copy_options::recursive);
  import_twice(ledger, {(dir / "octo/app/ghrs-data/forks.csv").string()});
  EXPECT_EQ(find(read_ledger(ledger), "github:forks:octo/app")->value(), 2U);
  // A data folder under another name: --format ghrs and --repo.
  fs::copy(k_imports / "ghrs/acme/widget/ghrs-data", dir / "copy", fs::copy_options::recursive);
  expect_refused(ledger, {"--format", "ghrs", (dir / "copy").string()},
                 "copy: cannot tell the repository from the path (OWNER/REPO/ghrs-data): give "
                 "--repo OWNER/REPO");
  expect_refused(ledger, {"--format", "ghrs", (dir / "copy/forks.csv").string()},
                 "forks.csv: cannot tell the repository from the path");
  import_twice(ledger, {"--format", "ghrs", "--repo", "acme/renamed", (dir / "copy").string()});
  EXPECT_EQ(find(read_ledger(ledger), "github:forks:acme/renamed")->value(), 2U);
  const CommandResult file =
      run_odometer({"import", "--ledger", ledger, "--dry-run", "--repo", "acme/one",
                    (dir / "copy/stargazers.csv").string(), "--format", "ghrs"});
  ASSERT_EQ(file.exit_code, 0) << file.err;
  EXPECT_TRUE(contains(file.out, "github:stars:acme/one: gauge, 3 readings")) << file.out;
}

TEST(CliImport, SnapshotCsvsTakeTheOwnerAndAreDetectedByHeader) {
  TempDir dir;
  const std::string ledger = seed_ledger(dir);
  fs::copy(k_imports / "snapshot-csv", dir / "outreach", fs::copy_options::recursive);
  expect_refused(ledger, {(dir / "outreach").string()},
                 "the snapshot CSVs name repositories without their owner: give the GitHub org "
                 "the workflow ran for with --repo-owner");
  const std::string out =
      import_twice(ledger, {"--repo-owner", "acme", (dir / "outreach").string()});
  EXPECT_TRUE(contains(out, "adoption-snapshots-by-repo.csv: the repositories of acme")) << out;
  const Ledger imported = read_ledger(ledger);
  // A 14-day sum is a floor: 700 up to 2025-06-01, and the 7 of 2025-01-01 is inside it.
  EXPECT_EQ(find(imported, "github:clones:acme/widget")->value(), 700U);
  EXPECT_EQ(find(imported, "github:clones:acme/widget")->daily()->floors().size(), 1U);
  EXPECT_EQ(find(imported, "github:referrer:acme/gadget/github.com")->value(), 90U);
  EXPECT_EQ(find(imported, "github:clones-imported:acme")->value(), 5400U);
}

TEST(CliImport, SavedTrafficByFolderLayoutOrByRepo) {
  TempDir dir;
  const std::string ledger = seed_ledger(dir);
  fs::create_directories(dir / "archive/acme/widget");
  fs::copy_file(k_imports / "github-traffic/clones-2016-10-23.json",
                dir / "archive/acme/widget/clones-2016-10-23.json");
  fs::copy_file(k_fixtures / "api-samples/github-traffic/popular-paths.json",
                dir / "archive/acme/widget/paths-2016-10-23.json");
  write_file(dir / "archive/README.md", "notes");
  const std::string out = import_twice(ledger, {(dir / "archive").string()});
  EXPECT_TRUE(contains(out,
                       "clones-2016-10-23.json: a saved /traffic/clones response of "
                       "acme/widget\n"))
      << out;
  EXPECT_TRUE(contains(out, "README.md: not read\n  skipped: ")) << out;
  const Ledger imported = read_ledger(ledger);
  EXPECT_EQ(find(imported, "github:clones:acme/widget")->value(), 7U + 173);

  const std::string single = (dir / "archive/acme/widget/clones-2016-10-23.json").string();
  expect_refused(ledger, {single},
                 "a saved GitHub traffic response does not name its repository: give --repo "
                 "OWNER/REPO, or a folder laid out as FOLDER/OWNER/REPO/FILE.json");
  import_twice(ledger, {"--repo", "acme/other", single});
  EXPECT_EQ(find(read_ledger(ledger), "github:clones:acme/other")->value(), 173U);
  expect_refused(ledger, {"--repo", "acme", single},
                 "--repo: repository \"acme\" is not OWNER/REPO");
}

TEST(CliImport, LedgerToRenderedCsvToImportIsTheSameLedger) {
  TempDir dir;
  fs::copy_file(k_fixtures / "render/odometer.toml", dir / "odometer.toml");
  fs::copy_file(k_fixtures / "render/ledger.json", dir / "ledger.json");
  const CommandResult render = run_odometer(
      {"render", "--config", (dir / "odometer.toml").string(), "--now", "2026-05-02T12:00:00Z"});
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const std::string fresh = (dir / "fresh.json").string();
  import_twice(fresh, {(dir / "odometer-out/ledger.csv").string()});
  const Ledger original = read_ledger((dir / "ledger.json").string());
  EXPECT_EQ(read_ledger(fresh), original);
  EXPECT_EQ(read_file(fresh), write_ledger_json(original));
}

TEST(CliImport, TheSiteCacheAndLedgersStillImport) {
  TempDir dir;
  const std::string ledger = (dir / "ledger.json").string();
  const std::string out =
      import_twice(ledger, {"--repo-owner", "runcycles",
                            (k_fixtures / "seed-cache-history/37_e3e4286.json").string(),
                            (k_fixtures / "ledger/example.json").string()});
  EXPECT_TRUE(contains(out, "37_e3e4286.json: a site's installs-cache.json\n")) << out;
  EXPECT_TRUE(contains(out, "example.json: an odometer ledger\n")) << out;
  EXPECT_TRUE(contains(out, "  note: total ")) << out;
  expect_refused(ledger, {"--format", "site-cache", (k_fixtures / "ledger/example.json").string()},
                 "is an odometer ledger, not a site's installs-cache.json");
}

TEST(CliImport, EveryBadFileOrRowFailsWithFileAndLineAndChangesNothing) {
  TempDir dir;
  const std::string ledger = seed_ledger(dir);
  fs::copy(k_imports / "ghrs", dir / "ghrs", fs::copy_options::recursive);
  const fs::path data = dir / "ghrs/acme/widget/ghrs-data";
  // One bad row among good files: all or nothing.
  write_file(data / "forks.csv",
             "time_iso8601,forks_cumulative\n2024-02-01 00:00:00+00:00,1\n"
             "2025-01-09 00:00:00+00:00,-2\n");
  expect_refused(ledger, {data.string()},
                 (data / "forks.csv").string() +
                     ":3: forks_cumulative: \"-2\" is negative: counts are whole numbers");
  write_file(data / "forks.csv", "time_iso8601,forks_cumulative\n2025-02-29 00:00:00+00:00,1\n");
  expect_refused(ledger, {data.string()},
                 (data / "forks.csv").string() + ":2: time_iso8601: \"2025-02-29 00:00:00+00:00\"");
  write_file(data / "forks.csv", "time,forks\n");
  expect_refused(ledger, {data.string()},
                 (data / "forks.csv").string() + ":1: the header is time,forks");

  const fs::path csv = dir / "by-repo.csv";
  const std::string by_repo =
      "date,repo,clones_14d,unique_cloners_14d,views_14d,unique_viewers_14d,stars,forks\n";
  write_file(csv, by_repo + "2025-06-01,widget,700,1,1,1,1,1\n2025-06-08,widget,7.5,1,1,1,1,1\n");
  expect_refused(ledger, {"--repo-owner", "acme", csv.string()},
                 csv.string() + ":3: clones_14d: \"7.5\" is not a whole number");
  write_file(csv, by_repo + "2025-06-31,widget,7,1,1,1,1,1\n");
  expect_refused(ledger, {"--repo-owner", "acme", csv.string()},
                 csv.string() + ":2: date: \"2025-06-31\" is not a real day YYYY-MM-DD");
  write_file(csv, by_repo + "2025-06-01,acme/widget,7,1,1,1,1,1\n");
  expect_refused(ledger, {"--repo-owner", "acme", csv.string()},
                 csv.string() + ":2: repo: \"acme/widget\" is not a repository name");
  write_file(csv, "date,repo,clones\n");
  expect_refused(ledger, {csv.string()},
                 csv.string() + ": cannot tell the format from the header; name it with --format");

  const fs::path ledger_csv = dir / "ledger.csv";
  write_file(ledger_csv, "key,kind,day,value,at\ngithub:clones:acme/widget,daily,2025-01-02,-1,\n");
  expect_refused(ledger, {ledger_csv.string()},
                 ledger_csv.string() + ":2: github:clones:acme/widget: value \"-1\" is negative");
  // A kind the ledger holds otherwise: refused before anything is written.
  write_file(ledger_csv,
             "key,kind,day,value,at\ngithub:clones:acme/widget,cumulative,2025-01-02,1,\n");
  expect_refused(ledger, {ledger_csv.string()}, "the ledger's github:clones:acme/widget: ");

  const fs::path traffic = dir / "clones.json";
  write_file(traffic, R"({"count":1,"uniques":1,"clones":[{"timestamp":"2025-01-01T00:00:00Z",)"
                      R"("count":1.5,"uniques":1}]})");
  expect_refused(ledger, {"--repo", "acme/widget", traffic.string()},
                 traffic.string() + ": $.clones[0].count: ");
  expect_refused(ledger, {(dir / "missing.csv").string()}, "missing.csv: no such file or folder");
  expect_refused(ledger, {"--format", "xml", traffic.string()},
                 "--format \"xml\" is none of ghrs, snapshot-csv, github-traffic, ledger-csv, "
                 "site-cache, ledger");
}

TEST(CliImport, ADryRunOfANewLedgerCreatesNothing) {
  TempDir dir;
  const std::string ledger = (dir / "sub/ledger.json").string();
  const CommandResult dry = run_odometer({"import", "--ledger", ledger, "--dry-run", "--repo-owner",
                                          "acme", (k_imports / "snapshot-csv").string()});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_FALSE(fs::exists(dir / "sub"));
}

}  // namespace
}  // namespace odometer
