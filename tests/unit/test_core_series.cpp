// Tests of src/core/series.hpp: observing, merging and the derived value of
// each kind of series (DESIGN.md §2), count limits, and Series::merge checks.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/series.hpp"

namespace odometer {
namespace {

constexpr Count k_count_max = std::numeric_limits<Count>::max();

Day day(std::string_view text) {
  auto parsed = Day::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : Day();
}

// Day n of a small test window: d(1) is 2026-04-01.
Day d(std::int32_t n) {
  return day("2026-03-31") + n;
}

Timestamp at(std::string_view text) {
  auto parsed = Timestamp::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : Timestamp();
}

DayMap<Count> counts(std::vector<std::pair<std::int32_t, Count>> entries) {
  std::vector<DayMap<Count>::Entry> mapped;
  for (const auto& [n, value] : entries) {
    mapped.emplace_back(d(n), value);
  }
  return DayMap<Count>::from_unique_entries(std::move(mapped));
}

DailySeries daily(std::vector<std::pair<std::int32_t, Count>> floors,
                  std::vector<std::pair<std::int32_t, Count>> days) {
  DailySeries series;
  series.set(counts(std::move(days)), counts(std::move(floors)));
  return series;
}

// ---------------------------------------------------------------------------
// checked_count / check_count

TEST(CheckedCount, AcceptsZeroToTheLimit) {
  EXPECT_EQ(checked_count(0).value(), 0U);
  EXPECT_EQ(checked_count(12345).value(), 12345U);
  EXPECT_EQ(checked_count(1'000'000'000'000'000).value(), k_max_count);
}

TEST(CheckedCount, RejectsNegative) {
  for (const std::int64_t value : {std::int64_t{-1}, std::numeric_limits<std::int64_t>::min()}) {
    auto checked = checked_count(value);
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.error().message.find("negative"), std::string::npos)
        << checked.error().message;
    EXPECT_NE(checked.error().message.find(std::to_string(value)), std::string::npos)
        << checked.error().message;
  }
}

TEST(CheckedCount, RejectsAboveTheLimit) {
  for (const std::int64_t value :
       {std::int64_t{1'000'000'000'000'001}, std::numeric_limits<std::int64_t>::max()}) {
    auto checked = checked_count(value);
    ASSERT_FALSE(checked.ok());
    EXPECT_NE(checked.error().message.find("10^15"), std::string::npos) << checked.error().message;
  }
}

TEST(CheckCount, RejectsOnlyAboveTheLimit) {
  EXPECT_TRUE(check_count(k_max_count).ok());
  EXPECT_FALSE(check_count(k_max_count + 1).ok());
  EXPECT_FALSE(check_count(k_count_max).ok());
}

// ---------------------------------------------------------------------------
// Kind names

TEST(Kind, NamesRoundTrip) {
  for (const Kind kind : {Kind::daily, Kind::cumulative, Kind::gauge}) {
    auto parsed = parse_kind(to_string(kind));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, kind);
  }
}

TEST(Kind, UnknownNameIsAnErrorQuotingIt) {
  auto parsed = parse_kind("Daily");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message.find("\"Daily\""), std::string::npos);
}

// ---------------------------------------------------------------------------
// DailySeries: observe and merge

TEST(DailySeries, ObserveDayKeepsTheMaxPerDay) {
  DailySeries series;
  ASSERT_TRUE(series.observe_day(d(1), 5).ok());
  ASSERT_TRUE(series.observe_day(d(1), 3).ok());
  ASSERT_TRUE(series.observe_day(d(2), 0).ok());
  EXPECT_EQ(series.days(), counts({{1, 5}, {2, 0}}));
  ASSERT_TRUE(series.observe_day(d(1), 7).ok());
  EXPECT_EQ(series.days(), counts({{1, 7}, {2, 0}}));
  EXPECT_TRUE(series.floors().empty());
}

TEST(DailySeries, ObserveFloorKeepsTheMaxPerDay) {
  DailySeries series;
  ASSERT_TRUE(series.observe_floor(d(3), 100).ok());
  ASSERT_TRUE(series.observe_floor(d(3), 90).ok());
  ASSERT_TRUE(series.observe_floor(d(1), 40).ok());
  EXPECT_EQ(series.floors(), counts({{1, 40}, {3, 100}}));
  EXPECT_TRUE(series.days().empty());
}

TEST(DailySeries, ObserveKeepsDaysSortedWhateverTheOrder) {
  DailySeries series;
  for (const std::int32_t n : {5, 1, 3, 2, 4}) {
    ASSERT_TRUE(series.observe_day(d(n), static_cast<Count>(n)).ok());
  }
  EXPECT_EQ(series.days(), counts({{1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}}));
}

TEST(DailySeries, MergeTakesTheMaxOnBothMaps) {
  DailySeries a = daily({{1, 10}}, {{1, 5}, {2, 1}});
  const DailySeries b = daily({{1, 12}, {2, 1}}, {{1, 3}, {2, 4}, {3, 2}});
  a.merge(b);
  EXPECT_EQ(a.days(), counts({{1, 5}, {2, 4}, {3, 2}}));
  EXPECT_EQ(a.floors(), counts({{1, 12}, {2, 1}}));
}

TEST(DailySeries, MergeWithItselfChangesNothing) {
  DailySeries a = daily({{2, 7}}, {{1, 5}, {3, 1}});
  const DailySeries before = a;
  a.merge(a);
  EXPECT_EQ(a, before);
}

// ---------------------------------------------------------------------------
// DailySeries: total = max over floors T (and T = -inf with 0) of
// floors[T] + sum of days after T

TEST(DailyTotal, EmptyIsZero) {
  EXPECT_EQ(DailySeries().total(), 0U);
}

TEST(DailyTotal, DaysOnlyIsTheirSum) {
  EXPECT_EQ(daily({}, {{1, 10}, {2, 0}, {5, 7}}).total(), 17U);
}

TEST(DailyTotal, FloorsOnlyIsTheLargestFloor) {
  EXPECT_EQ(daily({{1, 40}, {3, 100}, {5, 60}}, {}).total(), 100U);
}

TEST(DailyTotal, SeveralFloorsTakeTheBestPrefix) {
  // T = -inf: 26; T = d1: 100 + 26; T = d5: 120 + 6.
  EXPECT_EQ(daily({{1, 100}, {5, 120}}, {{2, 10}, {3, 10}, {6, 5}, {7, 1}}).total(), 126U);
}

TEST(DailyTotal, MiddleFloorCanWin) {
  // T = -inf: 16; T = d2: 100 + 11 = 111; T = d4: 101 + 1 = 102.
  EXPECT_EQ(daily({{2, 100}, {4, 101}}, {{1, 5}, {3, 10}, {5, 1}}).total(), 111U);
}

TEST(DailyTotal, LastFloorCanWin) {
  // T = -inf: 12; T = d1: 10 + 12 = 22; T = d3: 50 + 7 = 57.
  EXPECT_EQ(daily({{1, 10}, {3, 50}}, {{2, 5}, {4, 7}}).total(), 57U);
}

TEST(DailyTotal, DaysCanBeatEveryFloor) {
  // T = -inf: 100; T = d1: 5 + 90; T = d2: 1 + 60.
  EXPECT_EQ(daily({{1, 5}, {2, 1}}, {{1, 10}, {2, 30}, {3, 60}}).total(), 100U);
}

TEST(DailyTotal, FloorAfterAllDays) {
  EXPECT_EQ(daily({{10, 50}}, {{1, 10}, {2, 20}}).total(), 50U);
  EXPECT_EQ(daily({{10, 20}}, {{1, 10}, {2, 20}}).total(), 30U);
}

TEST(DailyTotal, FloorBeforeAllDays) {
  EXPECT_EQ(daily({{1, 1000}}, {{2, 10}, {3, 20}}).total(), 1030U);
}

TEST(DailyTotal, FloorEqualToTheSumBeforeItDoesNotCountTwice) {
  // The floor at d2 already holds d1 and d2: 30 + 5, not 30 + 30 + 5.
  EXPECT_EQ(daily({{2, 30}}, {{1, 10}, {2, 20}, {3, 5}}).total(), 35U);
}

TEST(DailyTotal, FloorIncludesItsOwnDay) {
  // "Up to and including day T": the count of d2 is inside the floor at d2.
  EXPECT_EQ(daily({{2, 30}}, {{2, 100}}).total(), 100U);
  EXPECT_EQ(daily({{2, 300}}, {{2, 100}}).total(), 300U);
}

TEST(DailyTotal, ZeroFloorAddsNothing) {
  EXPECT_EQ(daily({{2, 0}}, {{1, 10}, {3, 5}}).total(), 15U);
}

TEST(DailyTotal, NonAdditiveHasNoTotal) {
  DailySeries series(Additivity::non_additive);
  ASSERT_TRUE(series.observe_day(d(1), 10).ok());
  EXPECT_EQ(series.total(), std::nullopt);
  EXPECT_EQ(Series(series).value(), std::nullopt);
  EXPECT_EQ(DailySeries(Additivity::non_additive).total(), std::nullopt);
}

TEST(DailyTotal, SaturatesInsteadOfWrapping) {
  EXPECT_EQ(daily({}, {{1, k_count_max - 1}, {2, 5}}).total(), k_count_max);
  EXPECT_EQ(daily({}, {{1, k_count_max}, {2, k_count_max}, {3, k_count_max}}).total(), k_count_max);
  EXPECT_EQ(daily({{1, k_count_max}}, {{2, 1}}).total(), k_count_max);
  EXPECT_EQ(daily({{1, k_count_max - 10}}, {{2, 4}, {3, 6}}).total(), k_count_max);
  EXPECT_EQ(daily({{1, k_count_max - 10}}, {{2, 4}, {3, 5}}).total(), k_count_max - 1);
}

// ---------------------------------------------------------------------------
// CumulativeSeries

TEST(CumulativeSeries, ObserveKeepsTheMaxPerDay) {
  CumulativeSeries series;
  ASSERT_TRUE(series.observe(d(1), 49).ok());
  ASSERT_TRUE(series.observe(d(1), 40).ok());
  ASSERT_TRUE(series.observe(d(2), 55).ok());
  EXPECT_EQ(series.days(), counts({{1, 49}, {2, 55}}));
}

TEST(CumulativeSeries, TotalIsTheMaxOfAllDaysNotTheLatest) {
  CumulativeSeries series;
  ASSERT_TRUE(series.observe(d(1), 100).ok());
  ASSERT_TRUE(series.observe(d(2), 50).ok());  // an API that went back
  EXPECT_EQ(series.total(), 100U);
}

TEST(CumulativeSeries, EmptyTotalIsZero) {
  EXPECT_EQ(CumulativeSeries().total(), 0U);
}

TEST(CumulativeSeries, MergeTakesTheMaxPerDay) {
  CumulativeSeries a;
  a.set(counts({{1, 10}, {2, 20}}));
  CumulativeSeries b;
  b.set(counts({{2, 25}, {3, 5}}));
  a.merge(b);
  EXPECT_EQ(a.days(), counts({{1, 10}, {2, 25}, {3, 5}}));
  EXPECT_EQ(a.total(), 25U);
}

// ---------------------------------------------------------------------------
// GaugeSeries

TEST(JoinReadings, LaterObservationWinsEvenIfLower) {
  const GaugeReading early{at("2026-05-02T08:00:00Z"), 10};
  const GaugeReading late{at("2026-05-02T20:00:00Z"), 3};
  EXPECT_EQ(join_readings(early, late), late);
  EXPECT_EQ(join_readings(late, early), late);
}

TEST(JoinReadings, TieOnTimeTakesTheLargerValueInEitherOrder) {
  const GaugeReading small{at("2026-05-02T08:00:00Z"), 3};
  const GaugeReading large{at("2026-05-02T08:00:00Z"), 10};
  EXPECT_EQ(join_readings(small, large), large);
  EXPECT_EQ(join_readings(large, small), large);
  EXPECT_EQ(join_readings(large, large), large);
}

TEST(GaugeSeries, LaterObservationOfADayWins) {
  GaugeSeries series;
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T08:00:00Z"), 10).ok());
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T20:00:00Z"), 7).ok());
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T12:00:00Z"), 99).ok());  // older, loses
  ASSERT_EQ(series.days().size(), 1U);
  EXPECT_EQ(*series.days().find(d(1)), (GaugeReading{at("2026-04-01T20:00:00Z"), 7}));
}

TEST(GaugeSeries, TieOnTimeKeepsTheLargerValue) {
  GaugeSeries series;
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T08:00:00Z"), 4).ok());
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T08:00:00Z"), 9).ok());
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T08:00:00Z"), 6).ok());
  EXPECT_EQ(series.days().find(d(1))->value, 9U);
}

TEST(GaugeSeries, LatestIsTheNewestDaysReadingNotTheLargest) {
  GaugeSeries series;
  ASSERT_TRUE(series.observe(d(2), at("2026-04-02T10:00:00Z"), 50).ok());
  ASSERT_TRUE(series.observe(d(3), at("2026-04-03T10:00:00Z"), 3).ok());
  ASSERT_TRUE(series.observe(d(1), at("2026-04-01T10:00:00Z"), 80).ok());
  EXPECT_EQ(series.latest(), 3U);
  EXPECT_EQ(Series(series).value(), 3U);
}

TEST(GaugeSeries, EmptyLatestIsZero) {
  EXPECT_EQ(GaugeSeries().latest(), 0U);
}

TEST(GaugeSeries, MergeJoinsReadingsPerDayInEitherOrder) {
  GaugeSeries a;
  ASSERT_TRUE(a.observe(d(1), at("2026-04-01T08:00:00Z"), 10).ok());
  ASSERT_TRUE(a.observe(d(2), at("2026-04-02T08:00:00Z"), 5).ok());
  GaugeSeries b;
  ASSERT_TRUE(b.observe(d(1), at("2026-04-01T09:00:00Z"), 8).ok());
  ASSERT_TRUE(b.observe(d(2), at("2026-04-02T08:00:00Z"), 6).ok());
  ASSERT_TRUE(b.observe(d(3), at("2026-04-03T08:00:00Z"), 1).ok());

  GaugeSeries ab = a;
  ab.merge(b);
  GaugeSeries ba = b;
  ba.merge(a);
  EXPECT_EQ(ab, ba);
  EXPECT_EQ(ab.days().find(d(1))->value, 8U);  // later at
  EXPECT_EQ(ab.days().find(d(2))->value, 6U);  // tie, larger
  EXPECT_EQ(ab.latest(), 1U);
}

// ---------------------------------------------------------------------------
// Counts above 10^15 are rejected and nothing is stored

TEST(CountLimit, DailyObserveDayRejectsAndStoresNothing) {
  DailySeries series;
  const auto status = series.observe_day(d(1), k_max_count + 1);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("10^15"), std::string::npos) << status.error().message;
  EXPECT_EQ(series, DailySeries());
}

TEST(CountLimit, DailyObserveFloorRejectsAndStoresNothing) {
  DailySeries series;
  EXPECT_FALSE(series.observe_floor(d(1), k_count_max).ok());
  EXPECT_EQ(series, DailySeries());
}

TEST(CountLimit, CumulativeObserveRejectsAndStoresNothing) {
  CumulativeSeries series;
  ASSERT_TRUE(series.observe(d(1), 5).ok());
  EXPECT_FALSE(series.observe(d(1), k_max_count + 1).ok());
  EXPECT_EQ(series.days(), counts({{1, 5}}));
}

TEST(CountLimit, GaugeObserveRejectsAndStoresNothing) {
  GaugeSeries series;
  EXPECT_FALSE(series.observe(d(1), at("2026-04-01T08:00:00Z"), k_max_count + 1).ok());
  EXPECT_TRUE(series.days().empty());
}

TEST(CountLimit, TheLimitItselfIsAccepted) {
  DailySeries daily_series;
  EXPECT_TRUE(daily_series.observe_day(d(1), k_max_count).ok());
  EXPECT_TRUE(daily_series.observe_floor(d(1), k_max_count).ok());
  CumulativeSeries cumulative;
  EXPECT_TRUE(cumulative.observe(d(1), k_max_count).ok());
  GaugeSeries gauge;
  EXPECT_TRUE(gauge.observe(d(1), at("2026-04-01T08:00:00Z"), k_max_count).ok());
  EXPECT_EQ(gauge.latest(), k_max_count);
}

// ---------------------------------------------------------------------------
// Series: kinds, merge checks, value, day range

TEST(Series, EmptyHasTheRequestedKind) {
  EXPECT_EQ(Series::empty(Kind::daily).kind(), Kind::daily);
  EXPECT_EQ(Series::empty(Kind::cumulative).kind(), Kind::cumulative);
  EXPECT_EQ(Series::empty(Kind::gauge).kind(), Kind::gauge);
  ASSERT_NE(Series::empty(Kind::daily, Additivity::non_additive).daily(), nullptr);
  EXPECT_EQ(Series::empty(Kind::daily, Additivity::non_additive).daily()->additivity(),
            Additivity::non_additive);
  EXPECT_EQ(Series::empty(Kind::daily).value(), 0U);
  EXPECT_EQ(Series::empty(Kind::cumulative).value(), 0U);
  EXPECT_EQ(Series::empty(Kind::gauge).value(), 0U);
}

TEST(Series, MergeOfDifferentKindsIsAnErrorAndLeavesItUnchanged) {
  CumulativeSeries cumulative;
  ASSERT_TRUE(cumulative.observe(d(1), 10).ok());
  Series series(cumulative);
  const Series before = series;
  Series gauge = Series::empty(Kind::gauge);
  ASSERT_TRUE(gauge.gauge()->observe(d(2), at("2026-04-02T00:00:00Z"), 99).ok());

  const auto status = series.merge(gauge);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("cumulative"), std::string::npos) << status.error().message;
  EXPECT_NE(status.error().message.find("gauge"), std::string::npos) << status.error().message;
  EXPECT_EQ(series, before);
  EXPECT_FALSE(series.check_mergeable(gauge).ok());
}

TEST(Series, MergeOfDifferentAdditivityIsAnErrorAndLeavesItUnchanged) {
  Series additive(daily({}, {{1, 10}}));
  const Series before = additive;
  DailySeries unique(Additivity::non_additive);
  ASSERT_TRUE(unique.observe_day(d(1), 50).ok());

  const auto status = additive.merge(Series(unique));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("non-additive"), std::string::npos)
      << status.error().message;
  EXPECT_EQ(additive, before);

  Series non_additive(unique);
  const Series non_additive_before = non_additive;
  EXPECT_FALSE(non_additive.merge(before).ok());
  EXPECT_EQ(non_additive, non_additive_before);
}

TEST(Series, MergeOfTheSameKindMerges) {
  Series a(daily({{1, 100}}, {{2, 1}}));
  ASSERT_TRUE(a.merge(Series(daily({}, {{2, 5}, {3, 2}}))).ok());
  EXPECT_EQ(a.value(), 107U);
}

TEST(Series, ValueIsTheDerivedNumberOfEachKind) {
  EXPECT_EQ(Series(daily({{1, 100}}, {{2, 3}})).value(), 103U);
  CumulativeSeries cumulative;
  cumulative.set(counts({{1, 7}, {2, 4}}));
  EXPECT_EQ(Series(cumulative).value(), 7U);
}

TEST(SeriesDayRange, EmptyHasNone) {
  EXPECT_EQ(Series::empty(Kind::daily).first_day(), std::nullopt);
  EXPECT_EQ(Series::empty(Kind::daily).last_day(), std::nullopt);
  EXPECT_EQ(Series::empty(Kind::gauge).last_day(), std::nullopt);
}

TEST(SeriesDayRange, IncludesFloorsBeforeAndAfterDays) {
  const Series floor_first(daily({{1, 10}}, {{3, 1}, {5, 1}}));
  EXPECT_EQ(floor_first.first_day(), d(1));
  EXPECT_EQ(floor_first.last_day(), d(5));
  const Series floor_last(daily({{9, 10}}, {{3, 1}, {5, 1}}));
  EXPECT_EQ(floor_last.first_day(), d(3));
  EXPECT_EQ(floor_last.last_day(), d(9));
  const Series floors_only(daily({{4, 10}, {6, 1}}, {}));
  EXPECT_EQ(floors_only.first_day(), d(4));
  EXPECT_EQ(floors_only.last_day(), d(6));
}

TEST(SeriesDayRange, CoversCumulativeAndGaugeDays) {
  CumulativeSeries cumulative;
  cumulative.set(counts({{2, 1}, {8, 3}}));
  EXPECT_EQ(Series(cumulative).first_day(), d(2));
  EXPECT_EQ(Series(cumulative).last_day(), d(8));
  GaugeSeries gauge;
  ASSERT_TRUE(gauge.observe(d(4), at("2026-04-04T00:00:00Z"), 1).ok());
  EXPECT_EQ(Series(gauge).first_day(), d(4));
  EXPECT_EQ(Series(gauge).last_day(), d(4));
}

// ---------------------------------------------------------------------------
// value_as_of: the total as it stood at the end of a day (for charts)

// A brute force of the definition: the best floor T <= day (or none) plus
// the days in (T, day].
Count daily_as_of_by_definition(const DailySeries& series, Day on) {
  const auto days_after_up_to = [&](std::optional<Day> after) {
    Count sum = 0;
    for (const auto& [when, value] : series.days()) {
      if ((!after || when > *after) && when <= on) {
        sum += value;
      }
    }
    return sum;
  };
  Count best = days_after_up_to(std::nullopt);
  for (const auto& [when, value] : series.floors()) {
    if (when <= on) {
      best = std::max(best, value + days_after_up_to(when));
    }
  }
  return best;
}

TEST(DailyValueAsOf, BeforeEverythingIsZero) {
  EXPECT_EQ(daily({{3, 100}}, {{2, 10}}).value_as_of(d(1)), 0U);
  EXPECT_EQ(DailySeries().value_as_of(d(1)), 0U);
}

TEST(DailyValueAsOf, CountsOnlyDaysUpToTheDay) {
  const DailySeries series = daily({}, {{1, 10}, {2, 20}, {5, 7}});
  EXPECT_EQ(series.value_as_of(d(1)), 10U);
  EXPECT_EQ(series.value_as_of(d(2)), 30U);
  EXPECT_EQ(series.value_as_of(d(4)), 30U);
  EXPECT_EQ(series.value_as_of(d(5)), 37U);
}

TEST(DailyValueAsOf, AFloorCountsFromItsOwnDayOnly) {
  // The worked example of docs/counting.md: floor 6,495 on d2 (2026-04-29 there).
  const DailySeries series = daily({{2, 6495}}, {{1, 100}, {3, 612}, {4, 80}});
  EXPECT_EQ(series.value_as_of(d(1)), 100U);
  EXPECT_EQ(series.value_as_of(d(2)), 6495U);
  EXPECT_EQ(series.value_as_of(d(3)), 7107U);
  EXPECT_EQ(series.value_as_of(d(4)), 7187U);
  EXPECT_EQ(series.value_as_of(d(400)), series.total());
}

TEST(DailyValueAsOf, ALaterFloorIsIgnoredBeforeItsDay) {
  // T = d5 (120) is not yet known on d3: only T = d1 and T = -inf count.
  const DailySeries series = daily({{1, 100}, {5, 120}}, {{2, 10}, {3, 10}, {6, 5}});
  EXPECT_EQ(series.value_as_of(d(3)), 120U);
  EXPECT_EQ(series.value_as_of(d(5)), 120U);
  EXPECT_EQ(series.value_as_of(d(6)), 125U);
}

TEST(DailyValueAsOf, MatchesTheDefinitionAndNeverDrops) {
  const DailySeries series =
      daily({{2, 100}, {4, 101}, {9, 30}}, {{1, 5}, {3, 10}, {5, 1}, {8, 90}});
  Count previous = 0;
  for (std::int32_t n = -1; n <= 12; ++n) {
    const auto value = series.value_as_of(d(n));
    ASSERT_TRUE(value.has_value());
    EXPECT_EQ(*value, daily_as_of_by_definition(series, d(n))) << "day " << n;
    EXPECT_GE(*value, previous) << "day " << n;
    previous = *value;
  }
  EXPECT_EQ(previous, series.total());
}

TEST(DailyValueAsOf, NonAdditiveHasNone) {
  DailySeries series(Additivity::non_additive);
  ASSERT_TRUE(series.observe_day(d(1), 4).ok());
  EXPECT_EQ(series.value_as_of(d(1)), std::nullopt);
}

TEST(DailyValueAsOf, Saturates) {
  const DailySeries series = daily({}, {{1, k_count_max}, {2, 5}});
  EXPECT_EQ(series.value_as_of(d(2)), k_count_max);
}

TEST(CumulativeValueAsOf, IsTheHighestValueOnOrBeforeTheDay) {
  CumulativeSeries series;
  series.set(counts({{2, 40}, {4, 30}, {6, 55}}));
  EXPECT_EQ(series.value_as_of(d(1)), 0U);
  EXPECT_EQ(series.value_as_of(d(2)), 40U);
  EXPECT_EQ(series.value_as_of(d(3)), 40U);
  EXPECT_EQ(series.value_as_of(d(4)), 40U);  // a lower later reading never lowers it
  EXPECT_EQ(series.value_as_of(d(6)), 55U);
  EXPECT_EQ(series.value_as_of(d(99)), series.total());
}

TEST(DailyValueHistory, IsValueAsOfForEveryDayOfTheRange) {
  // A floor of 100 on d3 that covers the 5 of d2: 0 before the first day,
  // then 5, 100, 103 (the old dashboard drew nothing before d2).
  const DailySeries series = daily({{3, 100}}, {{2, 5}, {4, 3}});
  EXPECT_EQ(series.value_history(d(1), d(5)), (std::vector<Count>{0, 5, 100, 103, 103}));
  // A range that starts after entries counts them in.
  EXPECT_EQ(series.value_history(d(4), d(4)), (std::vector<Count>{103}));
  EXPECT_EQ(series.value_history(d(5), d(4)), std::vector<Count>{});
}

TEST(DailyValueHistory, NonAdditiveHasNone) {
  DailySeries series(Additivity::non_additive);
  ASSERT_TRUE(series.observe_day(d(1), 4).ok());
  EXPECT_EQ(series.value_history(d(1), d(2)), std::nullopt);
}

TEST(CumulativeValueHistory, IsTheRunningMaximum) {
  CumulativeSeries series;
  series.set(counts({{2, 40}, {4, 30}, {6, 55}}));
  EXPECT_EQ(series.value_history(d(1), d(7)), (std::vector<Count>{0, 40, 40, 40, 40, 55, 55}));
  EXPECT_EQ(series.value_history(d(5), d(5)), (std::vector<Count>{40}));
}

TEST(GaugeReadingAsOf, IsTheNewestReadingUpToTheDayAndNoneBefore) {
  GaugeSeries gauge;
  ASSERT_TRUE(gauge.observe(d(1), at("2026-04-01T12:00:00Z"), 9).ok());
  ASSERT_TRUE(gauge.observe(d(3), at("2026-04-03T12:00:00Z"), 7).ok());
  EXPECT_EQ(gauge.reading_as_of(d(0)), std::nullopt);
  EXPECT_EQ(gauge.reading_as_of(d(1)), 9U);
  EXPECT_EQ(gauge.reading_as_of(d(2)), 9U);
  EXPECT_EQ(gauge.reading_as_of(d(3)), 7U);  // a gauge may go down
  EXPECT_EQ(gauge.reading_as_of(d(9)), gauge.latest());
  EXPECT_EQ(GaugeSeries().reading_as_of(d(1)), std::nullopt);
}

TEST(SeriesValueAsOf, GaugesHaveNone) {
  GaugeSeries gauge;
  ASSERT_TRUE(gauge.observe(d(1), at("2026-04-01T10:00:00Z"), 3).ok());
  EXPECT_EQ(Series(gauge).value_as_of(d(1)), std::nullopt);
  EXPECT_EQ(Series(gauge).value_history(d(1), d(2)), std::nullopt);
  EXPECT_EQ(Series(daily({}, {{1, 2}})).value_as_of(d(1)), 2U);
}

}  // namespace
}  // namespace odometer
