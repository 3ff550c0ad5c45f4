// The weekly snapshot CSVs (src/store/import_snapshot_csv.hpp): files made
// here from the documented columns and the samples in
// tests/fixtures/imports/snapshot-csv land as docs/migrating.md says: 14-day
// sums as floors (never days), stars, forks and referrers as gauge readings
// of the date, zeros skipped, uniques skipped, each named; bad rows are
// errors naming the file and line.

#include "store/import_snapshot_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/counters.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

const std::optional<std::string> k_owner = std::string("acme");
const std::filesystem::path k_samples =
    std::filesystem::path(ODOMETER_FIXTURES) / "imports/snapshot-csv";

constexpr std::string_view k_org_header =
    "date,clones_14d,unique_cloners_14d,views_14d,unique_viewers_14d,stars,forks,npm_total,"
    "pypi_last_month,crates_total,cumulative_clones,fetched_at\n";
constexpr std::string_view k_by_repo_header =
    "date,repo,clones_14d,unique_cloners_14d,views_14d,unique_viewers_14d,stars,forks\n";
constexpr std::string_view k_referrers_header = "date,repo,rank,referrer,views,uniques\n";

Day day(std::string_view text) {
  return Day::parse(text).value();
}

const Series* find(const Ledger& ledger, std::string_view key) {
  return ledger.find(SeriesKey::parse(key).value());
}

FileImport import_ok(std::string name, std::string text,
                     const std::optional<std::string>& owner = k_owner) {
  auto imported = import_snapshot_csv(ImportFile{std::move(name), std::move(text)}, owner);
  EXPECT_TRUE(imported.ok()) << (imported.ok() ? "" : imported.error().message);
  return imported.ok() ? *imported : FileImport{};
}

std::string import_error(std::string name, std::string text,
                         const std::optional<std::string>& owner = k_owner) {
  auto imported = import_snapshot_csv(ImportFile{std::move(name), std::move(text)}, owner);
  EXPECT_FALSE(imported.ok());
  return imported.ok() ? "" : imported.error().message;
}

bool has_skip(const FileImport& imported, std::string_view start) {
  return std::any_of(imported.skipped.begin(), imported.skipped.end(),
                     [&](const std::string& skipped) { return skipped.starts_with(start); });
}

TEST(SnapshotCsv, ToldApartByTheirHeaders) {
  EXPECT_EQ(snapshot_csv_kind(std::string(k_org_header)), SnapshotCsv::org);
  EXPECT_EQ(snapshot_csv_kind(std::string(k_by_repo_header) + "2025-06-01,w,1,1,1,1,1,1\n"),
            SnapshotCsv::by_repo);
  EXPECT_EQ(snapshot_csv_kind("\xEF\xBB\xBF" + std::string(k_referrers_header)),
            SnapshotCsv::referrers);
  EXPECT_EQ(snapshot_csv_kind("date,repo,rank,referrer,views,uniques\r\n2025-06-01,w,1,a,1,1\r\n"),
            SnapshotCsv::referrers);
  EXPECT_EQ(snapshot_csv_kind("key,kind,day,value,at\n"), std::nullopt);
  EXPECT_EQ(snapshot_csv_kind(""), std::nullopt);
}

TEST(SnapshotCsv, ByRepoSumsAreFloorsNeverDaysAndStarsGaugesOfTheDate) {
  const FileImport imported = import_ok("by-repo.csv", std::string(k_by_repo_header) +
                                                           "2025-06-01,widget,700,120,500,30,10,2\n"
                                                           "2025-06-08,widget,650,100,0,0,11,0\n");
  const Ledger& ledger = imported.ledger;
  const auto* clones = find(ledger, "github:clones:acme/widget")->daily();
  ASSERT_NE(clones, nullptr);
  EXPECT_TRUE(clones->days().empty());
  EXPECT_EQ(*clones->floors().find(day("2025-06-01")), 700U);
  EXPECT_EQ(*clones->floors().find(day("2025-06-08")), 650U);
  // Overlapping windows are never added up: the best floor is the total.
  EXPECT_EQ(find(ledger, "github:clones:acme/widget")->value(), 700U);
  EXPECT_EQ(find(ledger, "github:views:acme/widget")->daily()->floors().size(), 1U);
  const auto* stars = find(ledger, "github:stars:acme/widget")->gauge();
  EXPECT_EQ(*stars->days().find(day("2025-06-08")),
            (GaugeReading{Timestamp::start_of(day("2025-06-08")), 11}));
  EXPECT_EQ(find(ledger, "github:forks:acme/widget")->gauge()->days().size(), 1U);  // 0 skipped
  EXPECT_TRUE(has_skip(imported,
                       "views_14d: 0: the workflow wrote 0 for a failed API call, so a zero here "
                       "means unknown as often as none (line 3)"));
  EXPECT_TRUE(has_skip(imported, "forks: 0: "));
  EXPECT_TRUE(
      has_skip(imported,
               "unique_cloners_14d: unique visitors over 14 days: neither a day's count "
               "(they span 14 days) nor a floor (unique counts have no total) (lines 2, 3)"));
  EXPECT_TRUE(has_skip(imported, "unique_viewers_14d: "));
  EXPECT_EQ(ledger.series().size(), 4U);
  EXPECT_EQ(ledger.updated_at(), Timestamp::start_of(day("2025-06-08")));
}

TEST(SnapshotCsv, ReferrersAreGaugesOfTheDate) {
  const FileImport imported =
      import_ok("referrers.csv", std::string(k_referrers_header) +
                                     "2025-06-01,widget,1,github.com,210,12\n"
                                     "2025-06-01,widget,2,\"news, of the day\",80,40\n"
                                     "2025-06-01,widget,3,failed.example,3,0\n");
  EXPECT_EQ(find(imported.ledger, "github:referrer:acme/widget/github.com")->value(), 210U);
  EXPECT_EQ(find(imported.ledger, "github:referrer-uniques:acme/widget/github.com")->value(), 12U);
  EXPECT_EQ(find(imported.ledger, "github:referrer:acme/widget/news, of the day")->value(), 80U);
  EXPECT_EQ(find(imported.ledger, "github:referrer-uniques:acme/widget/news, of the day")->value(),
            40U);
  EXPECT_EQ(find(imported.ledger, "github:referrer:acme/widget/failed.example")->value(), 3U);
  // The workflow's 0 for a failed call is skipped here as everywhere in these files.
  EXPECT_EQ(find(imported.ledger, "github:referrer-uniques:acme/widget/failed.example"), nullptr);
  EXPECT_TRUE(has_skip(imported, "rank: GitHub's order of the referrers"));
  EXPECT_TRUE(has_skip(imported, "uniques: 0: the workflow wrote 0"));
  EXPECT_EQ(imported.ledger.series().size(), 5U);
}

TEST(SnapshotCsv, OrgTotalsRaiseTheImportedFloorsAndSums) {
  const FileImport imported =
      import_ok("org.csv", std::string(k_org_header) +
                               "2025-06-01,1200,300,900,60,14,3,2100,310,40,5400,"
                               "2025-06-01T07:00:11Z\n"
                               "2025-06-08,0,0,950,61,15,3,0,320,41,5600,2025-06-08T07:00:09Z\n");
  const Ledger& ledger = imported.ledger;
  const auto* clones = find(ledger, "github:clones-imported:acme")->daily();
  ASSERT_NE(clones, nullptr);
  // The accumulator and the 14-day sum are both floors of the day; the larger holds.
  EXPECT_EQ(*clones->floors().find(day("2025-06-01")), 5400U);
  EXPECT_EQ(*clones->floors().find(day("2025-06-08")), 5600U);
  EXPECT_EQ(*find(ledger, "github:views-imported:acme")->daily()->floors().find(day("2025-06-08")),
            950U);
  EXPECT_EQ(
      *find(ledger, "npm:downloads-imported:all")->cumulative()->days().find(day("2025-06-01")),
      2100U);
  EXPECT_EQ(find(ledger, "npm:downloads-imported:all")->cumulative()->days().size(), 1U);
  EXPECT_EQ(find(ledger, "pypi:downloads-imported:all")->value(), 320U);
  EXPECT_EQ(find(ledger, "crates:downloads-imported:all")->value(), 41U);
  EXPECT_EQ(ledger.series().size(), 5U);
  EXPECT_TRUE(has_skip(imported, "clones_14d: 0: "));
  EXPECT_TRUE(has_skip(imported, "npm_total: 0: "));
  EXPECT_TRUE(has_skip(imported, "stars: the sum of the repositories' readings"));
  EXPECT_TRUE(has_skip(imported, "unique_cloners_14d: a sum of the repositories' 14-day unique"));

  // The -imported rule: a clones counter is at least the org's floor.
  Ledger with_repo = ledger;
  ASSERT_TRUE(with_repo
                  .observe(Observation{SeriesKey::parse("github:clones:acme/widget").value(),
                                       Kind::daily, day("2025-06-09"), 30})
                  .ok());
  const CounterSpec clones_counter{"clones", "clones", {"github:clones:acme/*"}};
  EXPECT_EQ(evaluate(with_repo, clones_counter).value, 5600U);
}

TEST(SnapshotCsv, TheSamplesLandAsTheMappingSays) {
  Ledger ledger;
  for (const auto* name : {"adoption-snapshots.csv", "adoption-snapshots-by-repo.csv",
                           "adoption-snapshots-referrers.csv"}) {
    const FileImport imported = import_ok(name, testing::read_file(k_samples / name));
    ASSERT_TRUE(ledger.merge(imported.ledger).ok());
  }
  EXPECT_EQ(find(ledger, "github:clones:acme/widget")->value(), 700U);
  EXPECT_EQ(find(ledger, "github:clones:acme/gadget")->value(), 500U);
  EXPECT_EQ(find(ledger, "github:views:acme/gadget")->value(), 400U);
  EXPECT_EQ(find(ledger, "github:stars:acme/widget")->value(), 10U);
  EXPECT_EQ(find(ledger, "github:forks:acme/gadget")->value(), 1U);
  EXPECT_EQ(find(ledger, "github:referrer:acme/widget/news.ycombinator.com")->value(), 80U);
  EXPECT_EQ(find(ledger, "github:referrer:acme/gadget/github.com")->value(), 90U);
  EXPECT_EQ(find(ledger, "github:clones-imported:acme")->value(), 5400U);
  EXPECT_EQ(find(ledger, "npm:downloads-imported:all")->value(), 2100U);
}

TEST(SnapshotCsv, EveryBadRowIsAnErrorNamingTheFileAndLine) {
  const std::string by_repo(k_by_repo_header);
  EXPECT_EQ(import_error("x.csv", "date,repo,clones\n"),
            "x.csv:1: the header is date,repo,clones; expected the header of "
            "adoption-snapshots.csv, adoption-snapshots-by-repo.csv or "
            "adoption-snapshots-referrers.csv");
  EXPECT_EQ(import_error("x.csv", ""),
            "x.csv: the file is empty; expected the header of adoption-snapshots.csv, "
            "adoption-snapshots-by-repo.csv or adoption-snapshots-referrers.csv");
  EXPECT_EQ(import_error("x.csv", by_repo + "2025-06-01,widget,-7,1,1,1,1,1\n"),
            "x.csv:2: clones_14d: \"-7\" is negative: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(import_error("x.csv", by_repo + "2025-06-01,widget,7,1,1.25,1,1,1\n"),
            "x.csv:2: views_14d: \"1.25\" is not a whole number: counts are whole numbers from 0 "
            "to 10^15");
  EXPECT_EQ(import_error("x.csv", by_repo + "2025-06-01,widget,7,1,1,1,1,1\n"
                                            "2025-13-01,widget,7,1,1,1,1,1\n"),
            "x.csv:3: date: \"2025-13-01\" is not a real day YYYY-MM-DD");
  EXPECT_EQ(import_error("x.csv", by_repo + "2025-06-01,acme/widget,7,1,1,1,1,1\n"),
            "x.csv:2: repo: \"acme/widget\" is not a repository name (the name without its "
            "owner: letters, digits, '.', '-', '_')");
  EXPECT_EQ(import_error("x.csv", by_repo + "2025-06-01,widget,7,1,1,1,1\n"),
            "x.csv:2: 7 fields; the header has 8");
  EXPECT_EQ(import_error("x.csv",
                         std::string(k_referrers_header) + "2025-06-01,widget,0,github.com,1,1\n"),
            "x.csv:2: rank: 0; ranks start at 1");
  EXPECT_EQ(import_error("x.csv",
                         std::string(k_org_header) + "2025-06-01,1,1,1,1,1,1,1,1,1,1,yesterday\n"),
            "x.csv:2: fetched_at: invalid timestamp \"yesterday\": expected YYYY-MM-DDTHH:MM:SSZ "
            "(UTC)");
  EXPECT_EQ(import_error("x.csv", by_repo, std::nullopt),
            "x.csv: the snapshot CSVs name repositories without their owner: give the GitHub org "
            "the workflow ran for with --repo-owner");
  EXPECT_EQ(import_error("x.csv", by_repo, std::string("ac me")),
            "x.csv: --repo-owner \"ac me\" is not a GitHub owner name (letters, digits, '.', '-', "
            "'_')");
}

}  // namespace
}  // namespace odometer
