// The [pub] source: the daily-downloads sample gives one count per day back
// from newestDate with the -1 days left out (never a zero), the score sample
// gives the 30-day count, hostile bodies are errors naming the URL and the
// JSON path, and a run through a fake pub.dev stores a daily series whose
// overlapping re-reads never count a day twice and whose old days outlive
// pub.dev's window, a gauge for the 30-day count, a 404 as "not found on
// pub.dev" for that package alone, and config problems with their lines.

#include <gtest/gtest.h>

#include "sources/pub_parse.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using namespace testing;

constexpr std::string_view k_daily_url = "https://pub.dev/api/packages/http/daily-downloads";
constexpr std::string_view k_score_url = "https://pub.dev/api/packages/http/score";

Day day(std::string_view text) {
  return *Day::parse(text);
}

TEST(ParsePub, DailySampleGivesEveryDayWithDataNewestFirst) {
  auto days = parse_pub_daily_downloads(api_sample("pub-dev/daily-downloads.json"), k_daily_url);
  ASSERT_TRUE(days.ok()) << days.error().message;
  // [150, 120, 95, -1, 140, 132, 101] back from 2026-08-10; 2026-08-07 has no data.
  const std::vector<DayCount> expected{{day("2026-08-10"), 150}, {day("2026-08-09"), 120},
                                       {day("2026-08-08"), 95},  {day("2026-08-06"), 140},
                                       {day("2026-08-05"), 132}, {day("2026-08-04"), 101}};
  EXPECT_EQ(*days, expected);
}

TEST(ParsePub, NoDataAtAllIsNoDaysAndZeroIsAReadDay) {
  auto days = parse_pub_daily_downloads(
      R"({"newestDate":"2026-08-10T00:00:00.000Z","totalDailyDownloads":[-1,0,-1]})", k_daily_url);
  ASSERT_TRUE(days.ok()) << days.error().message;
  EXPECT_EQ(*days, (std::vector<DayCount>{{day("2026-08-09"), 0}}));
}

TEST(ParsePub, ScoreSampleGivesThe30DayCountAndNullIsNone) {
  auto downloads = parse_pub_downloads_30d(api_sample("pub-dev/score.json"), k_score_url);
  ASSERT_TRUE(downloads.ok()) << downloads.error().message;
  EXPECT_EQ(*downloads, std::optional<Count>(11831655));
  auto none =
      parse_pub_downloads_30d(R"({"grantedPoints":0,"downloadCount30Days":null})", k_score_url);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());
}

TEST(ParsePub, HostileDailyBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("pub-dev/daily-downloads.json");
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, "95, -1, 140", "95, -2, 140"),
       "$.totalDailyDownloads[3]: count -2 is negative"},
      {replace_once(body, "[150,", "[-150,"), "$.totalDailyDownloads[0]: count -150 is negative"},
      {replace_once(body, "[150,", "[1000000000000001,"),
       "$.totalDailyDownloads[0]: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, "[150,", "[\"150\","),
       "$.totalDailyDownloads[0]: expected a whole number, got a string"},
      {replace_once(body, "[150,", "[-1.0,"),
       "$.totalDailyDownloads[0]: expected a whole number, got the number -1"},
      {replace_once(body, "[150,", "[150.5,"),
       "$.totalDailyDownloads[0]: expected a whole number, got the number 150.5"},
      {replace_once(body, R"("totalDailyDownloads")", R"("totalDownloads")"),
       "$: missing field \"totalDailyDownloads\""},
      {replace_once(body, R"("totalDailyDownloads": [)", R"("totalDailyDownloads": 7, "x": [)"),
       "$.totalDailyDownloads: expected an array, got the number 7"},
      {replace_once(body, R"("newestDate": "2026-08-10T00:00:00.000Z",)", ""),
       "$: missing field \"newestDate\""},
      {replace_once(body, "2026-08-10T00:00:00.000Z", "10/08/2026"),
       "$.newestDate: expected a date such as 2026-08-10T00:00:00.000Z"},
      {replace_once(body, "2026-08-10T00:00:00.000Z", "2026-02-30T00:00:00.000Z"),
       "$.newestDate: expected a date"},
      {replace_once(body, R"("2026-08-10T00:00:00.000Z")", "20260810"),
       "$.newestDate: expected a string, got the number 20260810"},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_pub_daily_downloads(c.body, k_daily_url), k_daily_url, c.part);
  }
}

TEST(ParsePub, HostileScoreBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("pub-dev/score.json");
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, R"("downloadCount30Days": 11831655,)", ""),
       "$: missing field \"downloadCount30Days\""},
      {replace_once(body, "11831655", "-1"), "$.downloadCount30Days: count -1 is negative"},
      {replace_once(body, "11831655", "1000000000000001"),
       "$.downloadCount30Days: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, "11831655", "\"many\""),
       "$.downloadCount30Days: expected a whole number, got a string"},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_pub_downloads_30d(c.body, k_score_url), k_score_url, c.part);
  }
}

TEST(ParsePub, EveryTruncationIsAnError) {
  for (const auto* name : {"pub-dev/daily-downloads.json", "pub-dev/score.json"}) {
    const std::string body = api_sample(name);
    for (std::size_t size = 0; size < body.size(); ++size) {
      SCOPED_TRACE(body.substr(0, size));
      expect_parse_error(parse_pub_daily_downloads(body.substr(0, size), k_daily_url), k_daily_url,
                         "");
      expect_parse_error(parse_pub_downloads_30d(body.substr(0, size), k_score_url), k_score_url,
                         "");
    }
  }
}

// ---------------------------------------------------------------- the source

constexpr std::string_view k_config = R"([pub]
packages = ["http", "nosuch"]
)";

FakeRegistry pub_dev(const std::string& daily_body) {
  FakeRegistry pub;
  pub.json(std::string(k_daily_url), daily_body);
  pub.json(std::string(k_score_url), api_sample("pub-dev/score.json"));
  return pub;
}

TEST(PubSource, DailySeriesAndThe30DayGaugeAndNotFound) {
  const SourceRun run =
      run_source("pub", k_config, pub_dev(api_sample("pub-dev/daily-downloads.json")));
  const std::vector<std::string> requests{"GET https://pub.dev/api/packages/http/daily-downloads",
                                          "GET https://pub.dev/api/packages/http/score",
                                          "GET https://pub.dev/api/packages/nosuch/daily-downloads",
                                          "GET https://pub.dev/api/packages/nosuch/score"};
  EXPECT_EQ(run.urls(), requests);
  EXPECT_EQ(run.observations(),
            sorted_lines({
                "pub:downloads:http daily 2026-08-10 150",
                "pub:downloads:http daily 2026-08-09 120",
                "pub:downloads:http daily 2026-08-08 95",
                "pub:downloads:http daily 2026-08-06 140",
                "pub:downloads:http daily 2026-08-05 132",
                "pub:downloads:http daily 2026-08-04 101",
                "pub:downloads-30d:http gauge 2026-05-02 11831655 at 2026-05-02T12:00:00Z",
            }));
  EXPECT_EQ(run.result.entities, 2U);
  EXPECT_EQ(run.result.state, SourceState::failed);
  EXPECT_EQ(run.result.reason, "1 of 2 packages failed");
  ASSERT_EQ(run.result.problems.size(), 2U);
  EXPECT_EQ(run.result.problems[0].entity, "nosuch");
  EXPECT_EQ(run.result.problems[0].reason,
            "not found on pub.dev (https://pub.dev/api/packages/nosuch/daily-downloads)");
  EXPECT_EQ(run.result.problems[1].reason,
            "not found on pub.dev (https://pub.dev/api/packages/nosuch/score)");
}

TEST(PubSource, OverlappingReadsNeverCountADayTwiceAndOldDaysStay) {
  Ledger ledger;
  const auto fold = [&ledger](const SourceRun& run) {
    for (const auto& observation : run.result.observations) {
      ASSERT_TRUE(ledger.observe(observation).ok());
    }
  };
  fold(run_source("pub", k_config, pub_dev(api_sample("pub-dev/daily-downloads.json"))));
  const auto key = *SeriesKey::parse("pub:downloads:http");
  ASSERT_NE(ledger.find(key), nullptr);
  EXPECT_EQ(ledger.find(key)->value(), 150U + 120 + 95 + 140 + 132 + 101);

  // Two days later: 08-10 grew to 160, 08-07 has data now, and the window
  // no longer reaches 08-04 to 08-06.
  fold(run_source("pub", k_config, pub_dev(R"({
    "newestDate": "2026-08-12T00:00:00.000Z",
    "totalDailyDownloads": [30, 110, 160, 120, 95, 80]})")));
  EXPECT_EQ(ledger.find(key)->value(), 30U + 110 + 160 + 120 + 95 + 80 + 140 + 132 + 101);

  // Reading the same window again changes nothing.
  fold(run_source("pub", k_config, pub_dev(R"({
    "newestDate": "2026-08-12T00:00:00.000Z",
    "totalDailyDownloads": [30, 110, 160, 120, 95, 80]})")));
  EXPECT_EQ(ledger.find(key)->value(), 30U + 110 + 160 + 120 + 95 + 80 + 140 + 132 + 101);
}

TEST(PubSource, ABadDailyBodyStoresNoDayButTheGaugeStillCounts) {
  const SourceRun run = run_source(
      "pub", "[pub]\npackages = [\"http\"]\n",
      pub_dev(R"({"newestDate":"2026-08-10T00:00:00.000Z","totalDailyDownloads":[5,4,-3,2]})"));
  EXPECT_EQ(run.observations(),
            std::vector<std::string>{
                "pub:downloads-30d:http gauge 2026-05-02 11831655 at 2026-05-02T12:00:00Z"});
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].reason,
            std::string(k_daily_url) + ": $.totalDailyDownloads[2]: count -3 is negative");
}

TEST(PubSource, ApiOverrideIsUsedForEveryUrl) {
  FakeRegistry pub;
  pub.json("http://127.0.0.1:9/api/packages/http/daily-downloads",
           R"({"newestDate":"2026-08-10T00:00:00.000Z","totalDailyDownloads":[1]})");
  pub.json("http://127.0.0.1:9/api/packages/http/score", R"({"downloadCount30Days":null})");
  const SourceRun run =
      run_source("pub", "[pub]\napi = \"http://127.0.0.1:9\"\npackages = \"http\"\n", pub);
  EXPECT_EQ(run.result.state, SourceState::ok);
  EXPECT_EQ(run.observations(), std::vector<std::string>{"pub:downloads:http daily 2026-08-10 1"});
}

TEST(PubConfig, EveryProblemIsReportedWithItsLine) {
  EXPECT_EQ(
      config_problems("pub", R"([pub]
packages = ["http", "Http", "1password", "flutter-bloc", "a/b"]
pakages = ["x"]
)"),
      sorted_lines({
          "odometer.toml:2: [pub] packages entry \"Http\" is not a pub.dev package name",
          "odometer.toml:2: [pub] packages entry \"1password\" is not a pub.dev package name",
          std::string(
              "odometer.toml:2: [pub] packages entry \"flutter-bloc\" is not a pub.dev package "
              "name"),
          "odometer.toml:2: [pub] packages entry \"a/b\" is not a pub.dev package name",
          "odometer.toml:3: unknown key \"pakages\" in [pub]; did you mean \"packages\"?",
      }));
  EXPECT_EQ(config_problems("pub", "[pub]\npackages = [\"http\", 3]\n"),
            std::vector<std::string>{
                "odometer.toml:2: [pub] packages must be a list of strings, not an integer"});
}

}  // namespace
}  // namespace odometer
