#include "sources/github_schedule.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace odometer {
namespace {

Day day(const char* text) {
  return *Day::parse(text);
}

Response with_rate_limit(std::int64_t limit, std::int64_t remaining, std::int64_t reset) {
  Response response;
  response.status = 200;
  response.headers = {{"x-ratelimit-limit", std::to_string(limit)},
                      {"x-ratelimit-remaining", std::to_string(remaining)},
                      {"x-ratelimit-reset", std::to_string(reset)}};
  return response;
}

TEST(GithubSchedule, ARepositoryReadOnDayRIsDueTwelveDaysLater) {
  const Day today = day("2026-12-02");
  EXPECT_EQ(traffic_due(TrafficRepo{"o/a", day("2026-11-25")}, today), day("2026-12-07"));
  EXPECT_EQ(traffic_due(TrafficRepo{"o/a", std::nullopt}, today), today);
}

TEST(GithubSchedule, NeverReadFirstExceptRepositoriesInsideTheirMargin) {
  const Day today = day("2026-12-02");
  const std::vector<TrafficRepo> repos{
      {"o/late", day("2026-12-01")},     {"o/b-new", std::nullopt},
      {"o/margin", day("2026-11-22")},  // due 12-04, 2 days left
      {"o/a-new", std::nullopt},         {"o/overdue", day("2026-11-19")},  // due 12-01
      {"o/soon", day("2026-11-23")},                                        // due 12-05
      {"o/soon-too", day("2026-11-23")}, {"o/today", today}};
  std::vector<std::string> names;
  for (const std::size_t i : order_by_urgency(repos, today, 2)) {
    names.push_back(repos[i].name);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"o/overdue", "o/margin", "o/a-new", "o/b-new",
                                             "o/soon", "o/soon-too", "o/late", "o/today"}));
  // Without a margin the same repository waits for the new ones.
  names.clear();
  for (const std::size_t i : order_by_urgency(repos, today, 0)) {
    names.push_back(repos[i].name);
  }
  EXPECT_EQ(names.front(), "o/overdue");
  EXPECT_EQ(names[1], "o/a-new");
}

TEST(GithubSchedule, ATurnIsADayPerRunOfTheSamePace) {
  const Day today = day("2026-12-02");
  EXPECT_EQ(projected_read_day(0, 100, today), day("2026-12-03"));
  EXPECT_EQ(projected_read_day(99, 100, today), day("2026-12-03"));
  EXPECT_EQ(projected_read_day(100, 100, today), day("2026-12-04"));
  EXPECT_EQ(projected_read_day(1250, 100, today), day("2026-12-15"));
  // A run that read nothing: one a day is the best that can be promised.
  EXPECT_EQ(projected_read_day(3, 0, today), day("2026-12-06"));
}

TEST(GithubSchedule, AtRiskWhenTheTurnComesAfterTheDueDay) {
  const Day today = day("2026-12-02");
  const TrafficRepo read{"o/a", day("2026-11-25")};  // due 12-07
  EXPECT_FALSE(at_risk(read, day("2026-12-07"), today));
  EXPECT_TRUE(at_risk(read, day("2026-12-08"), today));
  EXPECT_FALSE(at_risk(TrafficRepo{"o/new", std::nullopt}, day("2027-01-01"), today));
}

TEST(GithubSchedule, TheReasonNamesTheDueDay) {
  const Day today = day("2026-12-02");
  EXPECT_EQ(deferral_reason(TrafficRepo{"o/a", day("2026-11-30")}, today),
            "deferred: rate limit budget, due by 2026-12-12");
  EXPECT_EQ(deferral_reason(TrafficRepo{"o/a", std::nullopt}, today),
            "deferred: rate limit budget, never read");
}

TEST(GithubSchedule, TheReadDayIsKeptAsYyyymmdd) {
  EXPECT_EQ(encode_read_day(day("2026-12-02")), 20261202);
  for (Day d = day("1999-12-25"); d < day("2001-03-05"); d = d + 1) {
    EXPECT_EQ(decode_read_day(encode_read_day(d)), d);
  }
  // Later days have larger values, so a reading's value orders like its day.
  EXPECT_LT(encode_read_day(day("2026-12-31")), encode_read_day(day("2027-01-01")));
  for (const std::int64_t bad : {0LL, -20261202LL, 20261301LL, 20260230LL, 202612021LL, 9999LL}) {
    EXPECT_FALSE(decode_read_day(bad)) << bad;
  }
}

TEST(GithubSchedule, TheBudgetIsTheShareOfTheLimitLeft) {
  RequestBudget budget(0.98);
  EXPECT_FALSE(budget.known());
  EXPECT_FALSE(budget.left());
  budget.observe(with_rate_limit(5000, 4900, 1000));
  ASSERT_TRUE(budget.left());
  EXPECT_EQ(*budget.left(), 4800U);  // 100 of 5,000 are kept for other use
  // Answers of one hour arrive in any order: the lowest remaining is the latest.
  budget.observe(with_rate_limit(5000, 4700, 1000));
  budget.observe(with_rate_limit(5000, 4800, 1000));
  EXPECT_EQ(*budget.left(), 4600U);
  // A later reset is a new hour.
  budget.observe(with_rate_limit(5000, 4999, 4600));
  EXPECT_EQ(*budget.left(), 4899U);
  budget.observe(with_rate_limit(5000, 50, 4600));
  EXPECT_EQ(*budget.left(), 0U);  // below the reserve: nothing more
}

TEST(GithubSchedule, ResponsesWithoutTheHeadersLeaveTheBudgetUnknown) {
  RequestBudget budget(0.98);
  Response plain;
  plain.status = 200;
  budget.observe(plain);
  Response garbage = with_rate_limit(5000, 10, 1);
  garbage.headers[1].value = "lots";
  budget.observe(garbage);
  EXPECT_FALSE(budget.known());
}

}  // namespace
}  // namespace odometer
