// pypistats' overall parser and PyPI name normalisation: the samples in
// tests/fixtures/api-samples/pypistats give the numbers written in them
// (without_mirrors only, never added to with_mirrors), and every hostile
// variant is an error naming the URL and the JSON path.

#include "sources/pypi_parse.hpp"

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
using testing::replace_once;

constexpr std::string_view k_url =
    "https://pypistats.org/api/packages/requests/overall?mirrors=false";

template <typename T>
void expect_error(const Result<T>& result, std::string_view part) {
  ASSERT_FALSE(result.ok()) << "expected an error containing \"" << part << "\"";
  const std::string& message = result.error().message;
  EXPECT_EQ(message.rfind(std::string(k_url) + ": ", 0), 0U) << message;
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

Day day(std::string_view text) {
  return *Day::parse(text);
}

const std::vector<DailyCount> k_requests_days{
    {day("2025-06-05"), 1890044},
    {day("2025-06-06"), 1859331},
    {day("2025-06-07"), 1371880},
};

TEST(ParsePypistatsOverall, MirrorsFalseSampleGivesEveryDay) {
  auto days = parse_pypistats_overall(api_sample("pypistats/overall-mirrors-false.json"), k_url);
  ASSERT_TRUE(days.ok()) << days.error().message;
  EXPECT_EQ(*days, k_requests_days);
}

TEST(ParsePypistatsOverall, BothCategoriesGiveWithoutMirrorsOnlyNeverTheSum) {
  auto days = parse_pypistats_overall(api_sample("pypistats/overall.json"), k_url);
  ASSERT_TRUE(days.ok()) << days.error().message;
  EXPECT_EQ(*days, k_requests_days);
}

TEST(ParsePypistatsOverall, NoRowsIsNoDays) {
  auto days =
      parse_pypistats_overall(R"({"data":[],"package":"x","type":"overall_downloads"})", k_url);
  ASSERT_TRUE(days.ok()) << days.error().message;
  EXPECT_TRUE(days->empty());
}

TEST(ParsePypistatsOverall, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string body = api_sample("pypistats/overall.json");
  const std::string_view row5 =
      R"({ "category": "without_mirrors", "date": "2025-06-06", "downloads": 1859331 })";
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(body, row5, R"({ "category": "without_mirrors", "date": "2025-06-06" })"),
       "$.data[4]: missing field \"downloads\""},
      {replace_once(body, row5, R"({ "category": "without_mirrors", "downloads": 1 })"),
       "$.data[4]: missing field \"date\""},
      {replace_once(body, row5, R"({ "date": "2025-06-06", "downloads": 1 })"),
       "$.data[4]: missing field \"category\""},
      {replace_once(body, "1859331", "-5"), "$.data[4].downloads: count -5 is negative"},
      {replace_once(body, "1859331", "1e30"),
       "$.data[4].downloads: expected a whole number, got the number 1e+30"},
      {replace_once(body, "1859331", "1000000000000001"),
       "$.data[4].downloads: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, "1859331", "\"1859331\""),
       "$.data[4].downloads: expected a whole number, got a string"},
      // A broken with_mirrors row fails the body too: it is not trusted half-read.
      {replace_once(body, "1877654", "-1"), "$.data[1].downloads: count -1 is negative"},
      {replace_once(body, R"("without_mirrors", "date": "2025-06-06")",
                    R"("without_mirrors", "date": "2025-06-05")"),
       "$.data[4].date: 2025-06-05 appears twice"},
      {replace_once(body, R"("without_mirrors", "date": "2025-06-06")",
                    R"("without_mirrors", "date": "2025-6-6")"),
       "$.data[4].date: "},
      {replace_once(body, R"("without_mirrors", "date": "2025-06-06")",
                    R"("without_mirrors", "date": 20250606)"),
       "$.data[4].date: expected a string, got the number 20250606"},
      {replace_once(body, row5, "7"), "$.data[4]: expected an object, got the number 7"},
      {replace_once(body, R"("data": [)", R"("data": {}, "x": [)"),
       "$.data: expected an array, got an object"},
      {api_sample("pypistats/recent.json"), "$.data: expected an array, got an object"},
      {R"({"package":"requests"})", "$: missing field \"data\""},
      {"[]", "$: expected an object, got an array"},
      {"", "empty body"},
      {"<!doctype html><title>404 Not Found</title>", "expected JSON, got an HTML page"},
      {body + ",", "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_error(parse_pypistats_overall(c.body, k_url), c.part);
  }
}

TEST(ParsePypistatsOverall, EveryTruncationIsAnError) {
  const std::string body = api_sample("pypistats/overall-mirrors-false.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    SCOPED_TRACE(body.substr(0, size));
    expect_error(parse_pypistats_overall(body.substr(0, size), k_url), "");
  }
}

TEST(PypiNames, NormalisedAsPep503) {
  EXPECT_EQ(normalize_pypi_name("Requests"), "requests");
  EXPECT_EQ(normalize_pypi_name("Zope.Interface"), "zope-interface");
  EXPECT_EQ(normalize_pypi_name("foo__bar-._baz"), "foo-bar-baz");
  EXPECT_EQ(normalize_pypi_name("runcycles_client"), "runcycles-client");
}

TEST(PypiNames, ValidNamesArePep508) {
  EXPECT_TRUE(is_pypi_name("requests"));
  EXPECT_TRUE(is_pypi_name("Zope.Interface"));
  EXPECT_TRUE(is_pypi_name("a"));
  EXPECT_FALSE(is_pypi_name(""));
  EXPECT_FALSE(is_pypi_name("-requests"));
  EXPECT_FALSE(is_pypi_name("requests."));
  EXPECT_FALSE(is_pypi_name("re/quests"));
  EXPECT_FALSE(is_pypi_name("re quests"));
}

}  // namespace
}  // namespace odometer
