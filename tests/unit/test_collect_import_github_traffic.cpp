// Saved GitHub traffic responses (src/collect/import_github_traffic.hpp):
// bodies made here from the documented fields, the import sample in
// tests/fixtures/imports/github-traffic and the API samples the [github]
// source is tested with land in the series the collector keeps; errors
// name the file and the JSON path.

#include "collect/import_github_traffic.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_repo = "octo/app";
const std::filesystem::path k_fixtures(ODOMETER_FIXTURES);

Day day(std::string_view text) {
  return Day::parse(text).value();
}

Timestamp at(std::string_view text) {
  return Timestamp::parse(text).value();
}

const Series* find(const Ledger& ledger, std::string_view key) {
  return ledger.find(SeriesKey::parse(key).value());
}

FileImport import_ok(std::string name, std::string text, std::string_view repo = k_repo) {
  auto imported = import_github_traffic(ImportFile{std::move(name), std::move(text)}, repo);
  EXPECT_TRUE(imported.ok()) << (imported.ok() ? "" : imported.error().message);
  return imported.ok() ? *imported : FileImport{};
}

std::string import_error(std::string name, std::string text, std::string_view repo = k_repo) {
  auto imported = import_github_traffic(ImportFile{std::move(name), std::move(text)}, repo);
  EXPECT_FALSE(imported.ok());
  return imported.ok() ? "" : imported.error().message;
}

TEST(GithubTrafficImport, ToldApartByTheirShape) {
  EXPECT_EQ(github_traffic_kind(R"({"count":0,"uniques":0,"clones":[]})"), TrafficBody::clones);
  EXPECT_EQ(github_traffic_kind(R"({"count":1,"uniques":1,"views":[]})"), TrafficBody::views);
  EXPECT_EQ(github_traffic_kind(R"([{"referrer":"a","count":1,"uniques":1}])"),
            TrafficBody::referrers);
  EXPECT_EQ(github_traffic_kind(R"([{"path":"/a","title":"t","count":1,"uniques":1}])"),
            TrafficBody::paths);
  EXPECT_EQ(github_traffic_kind("[]"), TrafficBody::empty_list);
  // A site's cache (generation 4 has a number "clones") and a ledger are not traffic.
  EXPECT_EQ(github_traffic_kind(R"({"clones":5,"fetchedAt":"2026-01-01T00:00:00.000Z"})"),
            std::nullopt);
  EXPECT_EQ(github_traffic_kind(R"({"format":"odometer-ledger","version":1,"series":{}})"),
            std::nullopt);
  EXPECT_EQ(github_traffic_kind("not json"), std::nullopt);
}

TEST(GithubTrafficImport, DaysAndUniquesAsTheCollectorKeepsThem) {
  const FileImport imported =
      import_ok("clones-2016-10-23.json",
                testing::read_file(k_fixtures / "imports/github-traffic/clones-2016-10-23.json"));
  const Ledger& ledger = imported.ledger;
  const auto* clones = find(ledger, "github:clones:octo/app")->daily();
  ASSERT_NE(clones, nullptr);
  EXPECT_EQ(clones->days().size(), 15U);
  EXPECT_EQ(*clones->days().find(day("2016-10-17")), 26U);
  EXPECT_TRUE(clones->floors().empty());  // the 14-day count is the sum of its days
  EXPECT_EQ(find(ledger, "github:clones:octo/app")->value(), 173U);
  const auto* uniques = find(ledger, "github:clone-uniques:octo/app")->daily();
  EXPECT_EQ(uniques->additivity(), Additivity::non_additive);
  EXPECT_EQ(*uniques->days().find(day("2016-10-11")), 16U);
  EXPECT_EQ(imported.skipped,
            (std::vector<std::string>{
                "count 173: the 14-day count, which its days (taken) add up to",
                "uniques 128: unique visitors over 14 days, neither a day's count nor a floor "
                "(unique counts have no total)"}));
  EXPECT_EQ(ledger.updated_at(), at("2016-10-24T00:00:00Z"));
}

TEST(GithubTrafficImport, ACountAboveItsDaysIsAFloorOfTheNewestDay) {
  const FileImport imported = import_ok(
      "views.json",
      R"({"count":50,"uniques":9,"views":[{"timestamp":"2026-04-29T00:00:00Z","count":10,"uniques":3},)"
      R"({"timestamp":"2026-04-30T00:00:00Z","count":15,"uniques":4}]})");
  const auto* views = find(imported.ledger, "github:views:octo/app")->daily();
  EXPECT_EQ(*views->floors().find(day("2026-04-30")), 50U);
  EXPECT_EQ(find(imported.ledger, "github:views:octo/app")->value(), 50U);
  EXPECT_EQ(find(imported.ledger, "github:view-uniques:octo/app")->daily()->days().size(), 2U);
}

TEST(GithubTrafficImport, ReferrersAndPathsAreGaugesOfTheDayInTheFileName) {
  const FileImport referrers = import_ok(
      "archive/referrers-2026-05-02.json",
      testing::read_file(k_fixtures / "api-samples/github-traffic/popular-referrers.json"));
  ASSERT_FALSE(referrers.ledger.empty());
  for (const auto& [key, series] : referrers.ledger.series()) {
    EXPECT_TRUE(key.str().starts_with("github:referrer:octo/app/") ||
                key.str().starts_with("github:referrer-uniques:octo/app/"))
        << key.str();
    ASSERT_EQ(series.gauge()->days().size(), 1U);
    EXPECT_EQ(series.gauge()->days().begin()->second.at, at("2026-05-02T00:00:00Z"));
  }
  EXPECT_EQ(referrers.ledger.series().size(), 8U);  // four referrers, views and uniques
  EXPECT_EQ(find(referrers.ledger, "github:referrer:octo/app/Google")->value(), 4U);
  EXPECT_EQ(find(referrers.ledger, "github:referrer-uniques:octo/app/Google")->value(), 3U);
  const FileImport paths =
      import_ok("2026-05-02_181002_paths.json",
                R"([{"path":"/octo/app","title":"octo/app","count":20,"uniques":3},)"
                R"({"path":"/octo/app/issues","title":"Issues","count":4,"uniques":0}])");
  const auto* root = find(paths.ledger, "github:path:octo/app/octo/app");
  ASSERT_NE(root, nullptr);
  EXPECT_EQ(*root->gauge()->days().find(day("2026-05-02")),
            (GaugeReading{at("2026-05-02T18:10:02Z"), 20}));
  EXPECT_EQ(find(paths.ledger, "github:path:octo/app/octo/app/issues")->value(), 4U);
  EXPECT_EQ(*find(paths.ledger, "github:path-uniques:octo/app/octo/app")
                 ->gauge()
                 ->days()
                 .find(day("2026-05-02")),
            (GaugeReading{at("2026-05-02T18:10:02Z"), 3}));
  // A 0 is GitHub's own answer (the collector stores it too), not a failure.
  EXPECT_EQ(find(paths.ledger, "github:path-uniques:octo/app/octo/app/issues")->value(), 0U);
  EXPECT_EQ(paths.ledger.series().size(), 4U);
  EXPECT_TRUE(paths.skipped.empty());
}

TEST(GithubTrafficImport, EmptyResponsesTakeNothing) {
  EXPECT_TRUE(
      import_ok("clones.json",
                testing::read_file(k_fixtures / "api-samples/github-traffic/clones-empty.json"))
          .ledger.empty());
  const FileImport list = import_ok("referrers.json", "[]");
  EXPECT_TRUE(list.ledger.empty());
  EXPECT_EQ(list.skipped,
            std::vector<std::string>{"an empty list: no referrers or paths in that window"});
}

TEST(GithubTrafficImport, ErrorsNameTheFileAndThePath) {
  EXPECT_EQ(import_error("c.json",
                         R"({"count":1,"uniques":1,"clones":[{"timestamp":"2026-04-29T00:00:00Z",)"
                         R"("count":-1,"uniques":1}]})"),
            "c.json: $.clones[0].count: count -1 is negative");
  EXPECT_EQ(import_error("c.json",
                         R"({"count":1,"uniques":1,"clones":[{"timestamp":"2026-02-30T00:00:00Z",)"
                         R"("count":1,"uniques":1}]})")
                .substr(0, 32),
            "c.json: $.clones[0].timestamp: i");
  EXPECT_EQ(import_error("c.json",
                         R"({"count":1,"uniques":1,"views":[{"timestamp":"2026-04-29T00:00:00Z",)"
                         R"("count":1.5,"uniques":1}]})")
                .substr(0, 26),
            "c.json: $.views[0].count: ");
  EXPECT_EQ(import_error("referrers.json", R"([{"referrer":"a","count":1,"uniques":1}])"),
            "referrers.json: a saved referrers response holds no time, and its counts are "
            "readings of the day it was fetched: name the file by that day "
            "(referrers-YYYY-MM-DD.json)");
  EXPECT_EQ(import_error("x.json", R"({"stars":3})"),
            "x.json: not a saved GitHub traffic response (an object with a clones or views list, "
            "or a list of referrers or paths)");
  EXPECT_EQ(import_error("x.json", "{\"count\": 1,").substr(0, 21), "x.json: invalid JSON ");
  EXPECT_EQ(import_error("c.json", "[]", "octo"),
            "c.json: repository \"octo\" is not OWNER/REPO (two GitHub names: letters, digits, "
            "'.', '-', '_', joined by one '/')");
}

}  // namespace
}  // namespace odometer
