// npm's range parser: the sample in tests/fixtures/api-samples/npm parses to
// the numbers written in it, a bulk answer maps each name to its range or
// to "not found", and every hostile variant — a missing field, a wrong
// type, a negative or absurd count, a day outside the answer's own range,
// a truncated body, an HTML page, an empty body — is an error naming the URL
// and the JSON path, with nothing returned.

#include "sources/npm_parse.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/source_harness.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::api_sample;
using testing::expect_parse_error;
using testing::replace_once;

constexpr std::string_view k_url =
    "https://api.npmjs.org/downloads/range/1000-01-01:3000-01-01/left-pad";
constexpr std::string_view k_bulk_url =
    "https://api.npmjs.org/downloads/range/2025-01-01:2025-06-08/left-pad,nope";

Day day(std::string_view text) {
  return *Day::parse(text);
}

TEST(ParseNpmRange, ClampedSampleGivesItsOwnRangeAndEveryDay) {
  auto range = parse_npm_range(api_sample("npm/range-clamped-18-months.json"), k_url);
  ASSERT_TRUE(range.ok()) << range.error().message;
  EXPECT_EQ(range->package, "left-pad");
  // Asked for 1000-01-01:3000-01-01; the answer says what it covers.
  EXPECT_EQ(range->start, day("2023-12-11"));
  EXPECT_EQ(range->end, day("2025-06-08"));
  const std::vector<DailyCount> expected{
      {day("2023-12-11"), 612344}, {day("2023-12-12"), 598120}, {day("2023-12-13"), 601877},
      {day("2024-03-02"), 0},      {day("2025-06-06"), 455031}, {day("2025-06-07"), 201544},
      {day("2025-06-08"), 188902},
  };
  EXPECT_EQ(range->days, expected);
  Count sum = 0;
  for (const auto& entry : range->days) {
    sum += entry.count;
  }
  EXPECT_EQ(sum, 2657818U);  // worked out by hand from the file
}

TEST(ParseNpmRange, NoDaysIsAnEmptyRangeNotAnError) {
  auto range = parse_npm_range(
      R"({"start":"2026-05-01","end":"2026-05-01","package":"x","downloads":[]})", k_url);
  ASSERT_TRUE(range.ok()) << range.error().message;
  EXPECT_TRUE(range->days.empty());
}

TEST(ParseNpmRange, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string body = api_sample("npm/range-clamped-18-months.json");
  const std::string_view third = R"({ "downloads": 601877, "day": "2023-12-13" })";
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(body, third, R"({ "day": "2023-12-13" })"),
       "$.downloads[2]: missing field \"downloads\""},
      {replace_once(body, third, R"({ "downloads": 601877 })"),
       "$.downloads[2]: missing field \"day\""},
      {replace_once(body, "601877", "-5"), "$.downloads[2].downloads: count -5 is negative"},
      {replace_once(body, "601877", "1e30"),
       "$.downloads[2].downloads: expected a whole number, got the number 1e+30"},
      {replace_once(body, "601877", "1000000000000001"),
       "$.downloads[2].downloads: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, "601877", "\"601877\""),
       "$.downloads[2].downloads: expected a whole number, got a string"},
      {replace_once(body, "601877", "601877.5"),
       "$.downloads[2].downloads: expected a whole number"},
      {replace_once(body, "601877", "null"),
       "$.downloads[2].downloads: expected a whole number, got null"},
      {replace_once(body, "\"2023-12-13\" }", "\"2023-12-32\" }"), "$.downloads[2].day: "},
      {replace_once(body, "\"2023-12-13\" }", "20231213 }"),
       "$.downloads[2].day: expected a string, got the number 20231213"},
      {replace_once(body, "\"2023-12-13\" }", "\"2023-12-12\" }"),
       "$.downloads[2].day: 2023-12-12 appears twice"},
      {replace_once(body, "\"2023-12-13\" }", "\"2025-06-09\" }"),
       "$.downloads[2].day: 2025-06-09 is outside 2023-12-11..2025-06-08"},
      {replace_once(body, third, "[]"), "$.downloads[2]: expected an object, got an array"},
      {replace_once(body, R"("start": "2023-12-11",)", ""), "$: missing field \"start\""},
      {replace_once(body, R"("end": "2025-06-08",)", ""), "$: missing field \"end\""},
      {replace_once(body, R"("package": "left-pad",)", ""), "$: missing field \"package\""},
      {replace_once(body, R"("end": "2025-06-08")", R"("end": "2023-01-01")"),
       "$: end 2023-01-01 is before start 2023-12-11"},
      {replace_once(body, R"("downloads": [)", R"("downloads": 7, "x": [)"),
       "$.downloads: expected an array, got the number 7"},
      // A point answer where a range was asked for.
      {api_sample("npm/point-last-week.json"),
       "$.downloads: expected an array, got the number 34897612"},
      {R"({"error":"package left-pad not found"})", "$: missing field \"package\""},
      {"[]", "$: expected an object, got an array"},
      {"null", "$: expected an object, got null"},
      {"", "empty body"},
      {" \r\n", "empty body"},
      {"<!DOCTYPE html><html><body>Service Unavailable</body></html>",
       "expected JSON, got an HTML page"},
      {body + "}", "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_npm_range(c.body, k_url), k_url, c.part);
  }
}

TEST(ParseNpmRange, EveryTruncationIsAnError) {
  const std::string body = api_sample("npm/range-clamped-18-months.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    SCOPED_TRACE(body.substr(0, size));
    expect_parse_error(parse_npm_range(body.substr(0, size), k_url), k_url, "");
  }
}

std::string bulk_body() {
  return R"({"left-pad":)" + api_sample("npm/range-clamped-18-months.json") + R"(,"nope":null})";
}

TEST(ParseNpmBulkRange, MapsEachNameToItsRangeOrToNotFound) {
  auto answers = parse_npm_bulk_range(bulk_body(), k_bulk_url);
  ASSERT_TRUE(answers.ok()) << answers.error().message;
  ASSERT_EQ(answers->size(), 2U);
  ASSERT_TRUE(answers->at("left-pad").has_value());
  EXPECT_EQ(answers->at("left-pad")->days.size(), 7U);
  EXPECT_EQ(answers->at("left-pad")->days[4], (DailyCount{day("2025-06-06"), 455031}));
  EXPECT_FALSE(answers->at("nope").has_value());
}

TEST(ParseNpmBulkRange, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string body = bulk_body();
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(body, "601877", "-5"),
       "$.left-pad.downloads[2].downloads: count -5 is negative"},
      {replace_once(body, R"("package": "left-pad")", R"("package": "right-pad")"),
       "$.left-pad.package: names another package"},
      {replace_once(body, R"("nope":null)", R"("nope":7)"),
       "$.nope: expected an object, got the number 7"},
      // The bulk point sample: each value's downloads is one number.
      {api_sample("npm/bulk-point-last-day.json"),
       "$.npm.downloads: expected an array, got the number 1284210"},
      {"[]", "$: expected an object, got an array"},
      {"", "empty body"},
      {"<html><body>502 Bad Gateway</body></html>", "expected JSON, got an HTML page"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_npm_bulk_range(c.body, k_bulk_url), k_bulk_url, c.part);
  }
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_parse_error(parse_npm_bulk_range(body.substr(0, size), k_bulk_url), k_bulk_url, "");
  }
}

}  // namespace
}  // namespace odometer
