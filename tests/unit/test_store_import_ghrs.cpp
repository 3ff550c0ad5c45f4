// A github-repo-stats data folder (src/store/import_ghrs.hpp): files made
// here from the documented columns and the samples in
// tests/fixtures/imports/ghrs land in the series docs/migrating.md names,
// as the kinds it names; every kind of bad file or row is an error naming
// the file and line.

#include "store/import_ghrs.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_repo = "acme/widget";
const std::filesystem::path k_samples =
    std::filesystem::path(ODOMETER_FIXTURES) / "imports/ghrs/acme/widget/ghrs-data";

Day day(std::string_view text) {
  return Day::parse(text).value();
}

Timestamp at(std::string_view text) {
  return Timestamp::parse(text).value();
}

const Series* find(const Ledger& ledger, std::string_view key) {
  return ledger.find(SeriesKey::parse(key).value());
}

std::optional<Count> day_of(const Ledger& ledger, std::string_view key, std::string_view on) {
  const Series* series = find(ledger, key);
  if (series == nullptr || series->daily() == nullptr) {
    return std::nullopt;
  }
  const Count* value = series->daily()->days().find(day(on));
  return value ? std::optional<Count>(*value) : std::nullopt;
}

std::optional<GaugeReading> reading_of(const Ledger& ledger, std::string_view key,
                                       std::string_view on) {
  const Series* series = find(ledger, key);
  if (series == nullptr || series->gauge() == nullptr) {
    return std::nullopt;
  }
  const GaugeReading* reading = series->gauge()->days().find(day(on));
  return reading ? std::optional<GaugeReading>(*reading) : std::nullopt;
}

FileImport import_ok(std::string_view relative, std::string text, std::string_view repo = k_repo) {
  const ImportFile file{"ghrs-data/" + std::string(relative), std::move(text)};
  auto imported = import_ghrs_file(file, relative, repo);
  EXPECT_TRUE(imported.ok()) << (imported.ok() ? "" : imported.error().message);
  return imported.ok() ? *imported : FileImport{};
}

std::string import_error(std::string_view relative, std::string text,
                         std::string_view repo = k_repo) {
  const ImportFile file{"ghrs-data/" + std::string(relative), std::move(text)};
  auto imported = import_ghrs_file(file, relative, repo);
  EXPECT_FALSE(imported.ok()) << relative;
  return imported.ok() ? "" : imported.error().message;
}

constexpr std::string_view k_traffic_header =
    "time_iso8601,clones_total,clones_unique,views_total,views_unique\n";

TEST(GhrsTime, PandasFormsWithTheirOffsetAsUtc) {
  EXPECT_EQ(parse_ghrs_time("2025-03-01 00:00:00+00:00"), at("2025-03-01T00:00:00Z"));
  EXPECT_EQ(parse_ghrs_time("2025-03-01T00:00:00Z"), at("2025-03-01T00:00:00Z"));
  EXPECT_EQ(parse_ghrs_time("2025-03-04 18:10:02.123456+00:00"), at("2025-03-04T18:10:02Z"));
  // An older file's other offset is converted: the UTC day can differ.
  EXPECT_EQ(parse_ghrs_time("2025-03-01 00:30:00+01:00"), at("2025-02-28T23:30:00Z"));
  EXPECT_EQ(parse_ghrs_time("2025-03-01 22:00:00-05:30"), at("2025-03-02T03:30:00Z"));
  for (const std::string_view bad :
       {"2025-03-01 00:00:00", "2025-02-30 00:00:00+00:00", "2025-03-01 24:00:00+00:00",
        "2025-03-01 00:00:00+0000", "2025-03-01 00:00:00.+00:00", "2025-03-01", "",
        "2025-03-01 00:00:00+00:00 ", "0001-01-01 00:00:00+01:00"}) {
    EXPECT_FALSE(parse_ghrs_time(bad)) << bad;
  }
}

TEST(Ghrs, AggregateRowsAreDaysAndTheirUniquesNonAdditiveDays) {
  const FileImport imported =
      import_ok("views_clones_aggregate.csv", std::string(k_traffic_header) +
                                                  "2025-03-01 00:00:00+00:00,4,3,59,13\n"
                                                  "2025-03-02 00:00:00+00:00,0,0,91,16\n"
                                                  "2025-03-04 00:00:00+00:00,12,2,60,16\n");
  const Ledger& ledger = imported.ledger;
  EXPECT_EQ(ledger.series().size(), 4U);
  EXPECT_EQ(day_of(ledger, "github:clones:acme/widget", "2025-03-01"), 4U);
  EXPECT_EQ(day_of(ledger, "github:clones:acme/widget", "2025-03-02"), 0U);
  EXPECT_EQ(day_of(ledger, "github:clones:acme/widget", "2025-03-03"), std::nullopt);  // unknown
  EXPECT_EQ(find(ledger, "github:clones:acme/widget")->value(), 16U);
  EXPECT_EQ(day_of(ledger, "github:views:acme/widget", "2025-03-02"), 91U);
  EXPECT_EQ(day_of(ledger, "github:clone-uniques:acme/widget", "2025-03-01"), 3U);
  EXPECT_EQ(day_of(ledger, "github:view-uniques:acme/widget", "2025-03-04"), 16U);
  EXPECT_EQ(find(ledger, "github:view-uniques:acme/widget")->daily()->additivity(),
            Additivity::non_additive);
  EXPECT_EQ(find(ledger, "github:view-uniques:acme/widget")->value(), std::nullopt);
  EXPECT_TRUE(find(ledger, "github:clones:acme/widget")->daily()->floors().empty());
  EXPECT_TRUE(imported.skipped.empty());
  // updated_at is the newest day's start, never the clock.
  EXPECT_EQ(ledger.updated_at(), at("2025-03-04T00:00:00Z"));
}

TEST(Ghrs, AFragmentIsTheSameColumnsAndItsPartialDayOnlyRaises) {
  Ledger ledger =
      import_ok("views_clones_aggregate.csv",
                std::string(k_traffic_header) + "2025-03-04 00:00:00+00:00,12,2,60,16\n")
          .ledger;
  const FileImport fragment =
      import_ok("snapshots/2025-03-04_181002_views_clones_series_fragment.csv",
                std::string(k_traffic_header) +
                    "2025-03-03 00:00:00+00:00,5,1,40,8\n"
                    "2025-03-04 00:00:00+00:00,13,3,22,6\n");
  ASSERT_TRUE(ledger.merge(fragment.ledger).ok());
  EXPECT_EQ(day_of(ledger, "github:clones:acme/widget", "2025-03-04"), 13U);
  EXPECT_EQ(day_of(ledger, "github:views:acme/widget", "2025-03-04"), 60U);  // max, not the partial
  EXPECT_EQ(day_of(ledger, "github:clones:acme/widget", "2025-03-03"), 5U);
}

TEST(Ghrs, ReferrersAndPathsAreGaugesAtTheSnapshotTime) {
  const FileImport referrers =
      import_ok("snapshots/2025-03-04_181002_top_referrers_snapshot.csv",
                "referrer,views_total,views_unique\ngithub.com,85,61\nGoogle,31,20\n");
  EXPECT_EQ(reading_of(referrers.ledger, "github:referrer:acme/widget/github.com", "2025-03-04"),
            (GaugeReading{at("2025-03-04T18:10:02Z"), 85}));
  EXPECT_EQ(reading_of(referrers.ledger, "github:referrer:acme/widget/Google", "2025-03-04"),
            (GaugeReading{at("2025-03-04T18:10:02Z"), 31}));
  EXPECT_EQ(
      reading_of(referrers.ledger, "github:referrer-uniques:acme/widget/github.com", "2025-03-04"),
      (GaugeReading{at("2025-03-04T18:10:02Z"), 61}));
  EXPECT_EQ(
      reading_of(referrers.ledger, "github:referrer-uniques:acme/widget/Google", "2025-03-04"),
      (GaugeReading{at("2025-03-04T18:10:02Z"), 20}));
  EXPECT_EQ(referrers.ledger.series().size(), 4U);
  EXPECT_TRUE(referrers.skipped.empty());
  const FileImport paths = import_ok("snapshots/2025-03-04_181002_top_paths_snapshot.csv",
                                     "url_path,views_total,views_unique\n/acme/widget,120,40\n"
                                     "no-slash,1,1\n");
  // The path as GitHub gives it, after OWNER/REPO, as the collector keys it.
  EXPECT_EQ(reading_of(paths.ledger, "github:path:acme/widget/acme/widget", "2025-03-04"),
            (GaugeReading{at("2025-03-04T18:10:02Z"), 120}));
  EXPECT_EQ(reading_of(paths.ledger, "github:path:acme/widget/no-slash", "2025-03-04")->value, 1U);
  EXPECT_EQ(
      reading_of(paths.ledger, "github:path-uniques:acme/widget/acme/widget", "2025-03-04")->value,
      40U);
  EXPECT_EQ(paths.ledger.updated_at(), at("2025-03-04T18:10:02Z"));
}

TEST(Ghrs, AReferrerThatCannotBeAKeyIsSkippedNamed) {
  const FileImport imported = import_ok("snapshots/2025-03-04_181002_top_referrers_snapshot.csv",
                                        "referrer,views_total,views_unique\n\"bad\x01name\",5,1\n"
                                        "ok.example,2,1\n");
  EXPECT_EQ(imported.ledger.series().size(), 2U);  // ok.example's views and uniques
  ASSERT_EQ(imported.skipped.size(), 1U);
  EXPECT_NE(imported.skipped[0].find("referrer that cannot be part of a series key"),
            std::string::npos);
  EXPECT_NE(imported.skipped[0].find("(line 2)"), std::string::npos);
}

TEST(Ghrs, StarsAndForksAreGaugeReadingsAndTheLaterOfADayWins) {
  Ledger ledger = import_ok("stargazers.csv",
                            "time_iso8601,stars_cumulative\n2024-01-14 00:00:00+00:00,3\n"
                            "2025-03-04 00:00:00+00:00,8\n")
                      .ledger;
  const FileImport snapshots =
      import_ok("stargazer-snapshots.csv",
                "time_iso8601,stargazers_cumulative_snapshot\n2025-03-04 18:10:02+00:00,9\n");
  ASSERT_TRUE(ledger.merge(snapshots.ledger).ok());
  EXPECT_EQ(reading_of(ledger, "github:stars:acme/widget", "2024-01-14"),
            (GaugeReading{at("2024-01-14T00:00:00Z"), 3}));
  EXPECT_EQ(reading_of(ledger, "github:stars:acme/widget", "2025-03-04"),
            (GaugeReading{at("2025-03-04T18:10:02Z"), 9}));
  const FileImport forks =
      import_ok("forks.csv", "time_iso8601,forks_cumulative\n2024-02-01 00:00:00+00:00,1\n");
  EXPECT_EQ(reading_of(forks.ledger, "github:forks:acme/widget", "2024-02-01")->value, 1U);
  EXPECT_EQ(find(forks.ledger, "github:forks:acme/widget")->kind(), Kind::gauge);
}

TEST(Ghrs, OtherFilesAreNotReadAndSaySo) {
  const FileImport imported = import_ok("report.md", "# not data");
  EXPECT_TRUE(imported.ledger.empty());
  EXPECT_EQ(imported.skipped,
            std::vector<std::string>{"not a file ghrs writes into ghrs-data/; not read"});
}

TEST(Ghrs, TheSamplesLandAsTheMappingSays) {
  Ledger ledger;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(k_samples)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    const std::string relative = entry.path().lexically_relative(k_samples).generic_string();
    const FileImport imported = import_ok(relative, testing::read_file(entry.path()));
    ASSERT_TRUE(ledger.merge(imported.ledger).ok());
  }
  EXPECT_EQ(find(ledger, "github:clones:acme/widget")->value(), 4U + 0 + 5 + 13);
  EXPECT_EQ(find(ledger, "github:views:acme/widget")->value(), 59U + 91 + 40 + 60);
  EXPECT_EQ(find(ledger, "github:stars:acme/widget")->value(), 9U);
  EXPECT_EQ(reading_of(ledger, "github:stars:acme/widget", "2024-01-15")->value, 4U);
  EXPECT_EQ(find(ledger, "github:forks:acme/widget")->value(), 2U);
  EXPECT_EQ(find(ledger, "github:referrer:acme/widget/Google")->value(), 31U);
  EXPECT_EQ(find(ledger, "github:referrer-uniques:acme/widget/Google")->value(), 20U);
  EXPECT_EQ(find(ledger, "github:path:acme/widget/acme/widget/blob/main/README.md")->value(), 9U);
  EXPECT_EQ(
      find(ledger, "github:path-uniques:acme/widget/acme/widget/blob/main/README.md")->value(), 4U);
  EXPECT_EQ(ledger.series().size(), 14U);
  EXPECT_EQ(ledger.updated_at(), at("2025-03-04T18:10:02Z"));
}

TEST(Ghrs, EveryBadFileOrRowIsAnErrorNamingTheFileAndLine) {
  const std::string header(k_traffic_header);
  EXPECT_EQ(import_error("views_clones_aggregate.csv",
                         "time,clones_total,clones_unique,views_total,views_unique\n"),
            "ghrs-data/views_clones_aggregate.csv:1: the header is "
            "time,clones_total,clones_unique,views_total,views_unique; expected "
            "time_iso8601,clones_total,clones_unique,views_total,views_unique");
  EXPECT_EQ(import_error("forks.csv", ""),
            "ghrs-data/forks.csv: the file is empty; expected the header "
            "time_iso8601,forks_cumulative");
  EXPECT_EQ(
      import_error("views_clones_aggregate.csv", header + "2025-03-01 00:00:00+00:00,4,3,59,13\n"
                                                          "2025-03-02 00:00:00+00:00,-4,3,59,13\n"),
      "ghrs-data/views_clones_aggregate.csv:3: clones_total: \"-4\" is negative: counts are "
      "whole numbers from 0 to 10^15");
  EXPECT_EQ(import_error("views_clones_aggregate.csv",
                         header + "2025-03-02 00:00:00+00:00,4,3,59.5,13\n"),
            "ghrs-data/views_clones_aggregate.csv:2: views_total: \"59.5\" is not a whole number: "
            "counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(
      import_error("views_clones_aggregate.csv", header + "2025-02-30 00:00:00+00:00,4,3,59,13\n"),
      "ghrs-data/views_clones_aggregate.csv:2: time_iso8601: \"2025-02-30 00:00:00+00:00\" "
      "is not a real date and time with its UTC offset, like 2025-03-01 00:00:00+00:00");
  EXPECT_EQ(import_error("views_clones_aggregate.csv", header + "2025-03-02 00:00:00+00:00,4,3\n"),
            "ghrs-data/views_clones_aggregate.csv:2: 3 fields; the header has 5");
  EXPECT_EQ(import_error("stargazers.csv",
                         "time_iso8601,stars_cumulative\n2024-01-14 00:00:00+00:00,\"3\n"),
            "ghrs-data/stargazers.csv:2: a quoted field is not closed");
  EXPECT_EQ(import_error("snapshots/2025-02-30_181002_top_paths_snapshot.csv",
                         "url_path,views_total,views_unique\n"),
            "ghrs-data/snapshots/2025-02-30_181002_top_paths_snapshot.csv: a ghrs snapshot is "
            "named snapshots/YYYY-MM-DD_HHMMSS_top_paths_snapshot.csv, by the real UTC time it "
            "was taken");
  EXPECT_EQ(import_error("snapshots/latest_top_referrers_snapshot.csv",
                         "referrer,views_total,views_unique\n"),
            "ghrs-data/snapshots/latest_top_referrers_snapshot.csv: a ghrs snapshot is named "
            "snapshots/YYYY-MM-DD_HHMMSS_top_referrers_snapshot.csv, by the real UTC time it was "
            "taken");
  EXPECT_EQ(import_error("forks.csv", "time_iso8601,forks_cumulative\n", "acme"),
            "ghrs-data/forks.csv: repository \"acme\" is not OWNER/REPO (two GitHub names: "
            "letters, digits, '.', '-', '_', joined by one '/')");
  EXPECT_EQ(import_error("forks.csv", "time_iso8601,forks_cumulative\n", "acme/wid get"),
            "ghrs-data/forks.csv: repository \"acme/wid get\" is not OWNER/REPO (two GitHub "
            "names: letters, digits, '.', '-', '_', joined by one '/')");
}

}  // namespace
}  // namespace odometer
