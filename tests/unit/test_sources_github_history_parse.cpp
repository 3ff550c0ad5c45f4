// The parsers of the star history and the fork list: the samples in
// tests/fixtures/api-samples/github-stars and github-forks parse to the
// numbers in them, and every hostile variant (a week that is not a day's
// start, eight days, a negative or fractional count, a bad created_at, a
// truncated body) is an error naming the URL and the JSON path.

#include "sources/github_history_parse.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "support/source_harness.hpp"

namespace odometer {
namespace {

using testing::api_sample;
using testing::expect_parse_error;
using testing::replace_once;

constexpr std::string_view k_stars_url =
    "https://api.github.com/repos/acme/widget/stargazers/history?per_page=100&page=1";
constexpr std::string_view k_forks_url =
    "https://api.github.com/repos/acme/widget/forks?sort=oldest&per_page=100&page=1";

Day day(std::string_view text) {
  return *Day::parse(text);
}

Timestamp at(std::string_view text) {
  return *Timestamp::parse(text);
}

TEST(GithubStarHistory, TheSampleIsWeeksNewestFirst) {
  const auto weeks =
      parse_star_history(api_sample("github-stars/stargazers-history.json"), k_stars_url);
  ASSERT_TRUE(weeks.ok()) << weeks.error().message;
  EXPECT_EQ(*weeks, (std::vector<StarWeek>{{day("2025-11-30"), {0, 2, 1, 0, 3, 0, 0}},
                                           {day("2025-11-23"), {1, 0, 0, 4, 2, 1, 0}},
                                           {day("2025-11-16"), {0, 0, 7, 12, 5, 1, 2}}}));
}

TEST(GithubStarHistory, EmptyAndShortWeeksAreFine) {
  EXPECT_EQ(parse_star_history("[]", k_stars_url).value(), std::vector<StarWeek>{});
  EXPECT_EQ(parse_star_history(R"([{"week":86400,"days":[1,2]}])", k_stars_url).value(),
            (std::vector<StarWeek>{{day("1970-01-02"), {1, 2}}}));
}

TEST(GithubStarHistory, HostileBodiesAreErrorsWithTheirPath) {
  const std::string sample = api_sample("github-stars/stargazers-history.json");
  expect_parse_error(
      parse_star_history(replace_once(sample, "1764460800", "1764460801"), k_stars_url),
      k_stars_url, "$[0].week: not the start of a UTC day");
  expect_parse_error(
      parse_star_history(replace_once(sample, "[0, 2, 1, 0, 3, 0, 0]", "[0, 2, 1, 0, 3, 0, 0, 1]"),
                         k_stars_url),
      k_stars_url, "$[0].days[7]: a week has seven days");
  expect_parse_error(
      parse_star_history(replace_once(sample, "[1, 0, 0, 4", "[-1, 0, 0, 4"), k_stars_url),
      k_stars_url, "$[1].days[0]");
  expect_parse_error(
      parse_star_history(replace_once(sample, "[1, 0, 0, 4", "[1.5, 0, 0, 4"), k_stars_url),
      k_stars_url, "$[1].days[0]");
  expect_parse_error(
      parse_star_history(replace_once(sample, "\"week\": 1763251200,", ""), k_stars_url),
      k_stars_url, "$[2]");
  expect_parse_error(parse_star_history(sample.substr(0, sample.size() / 2), k_stars_url),
                     k_stars_url, "");
  expect_parse_error(parse_star_history(R"({"message":"Not Found"})", k_stars_url), k_stars_url,
                     "$");
}

TEST(GithubForks, TheSampleIsIdsAndCreationTimes) {
  const auto forks = parse_forks(api_sample("github-forks/forks-oldest.json"), k_forks_url);
  ASSERT_TRUE(forks.ok()) << forks.error().message;
  EXPECT_EQ(*forks, (std::vector<ForkEntry>{{900000, at("2023-02-11T09:12:44Z")},
                                            {900001, at("2023-02-11T17:02:10Z")},
                                            {900002, at("2024-07-30T01:00:00Z")}}));
}

TEST(GithubForks, HostileBodiesAreErrorsWithTheirPath) {
  const std::string sample = api_sample("github-forks/forks-oldest.json");
  expect_parse_error(
      parse_forks(replace_once(sample, "\"2024-07-30T01:00:00Z\"", "\"2024-02-30T01:00:00Z\""),
                  k_forks_url),
      k_forks_url, "$[2].created_at");
  expect_parse_error(
      parse_forks(replace_once(sample, "\"created_at\": \"2023-02-11T09:12:44Z\",", ""),
                  k_forks_url),
      k_forks_url, "$[0]");
  expect_parse_error(parse_forks(replace_once(sample, "900001", "-1"), k_forks_url), k_forks_url,
                     "$[1].id");
  expect_parse_error(parse_forks("<html>rate limited</html>", k_forks_url), k_forks_url, "");
}

}  // namespace
}  // namespace odometer
