// Tests of src/core/ledger.hpp: folding observations in, merging ledgers
// (all or nothing on a kind conflict), updated_at, and regressions() — the
// check behind `verify`.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"

namespace odometer {
namespace {

SeriesKey key(std::string_view text) {
  auto parsed = SeriesKey::parse(text);
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.error().message;
    return *SeriesKey::parse("test:failed:key");
  }
  return *parsed;
}

// Day n of a small test window: d(1) is 2026-04-01.
Day d(std::int32_t n) {
  return Day::parse("2026-03-31").value() + n;
}

Timestamp at(std::string_view text) {
  auto parsed = Timestamp::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : Timestamp();
}

// Noon of d(n) plus some seconds, for gauge readings.
Timestamp noon(std::int32_t n, std::int64_t plus = 0) {
  return Timestamp::from_unix_seconds(Timestamp::start_of(d(n)).unix_seconds() + 43200 + plus);
}

Observation daily_day(std::string_view k, std::int32_t n, std::int64_t value) {
  return Observation{.key = key(k), .kind = Kind::daily, .day = d(n), .value = value};
}

Observation daily_floor(std::string_view k, std::int32_t n, std::int64_t value) {
  return Observation{
      .key = key(k), .kind = Kind::daily, .day = d(n), .value = value, .floor = true};
}

Observation unique_day(std::string_view k, std::int32_t n, std::int64_t value) {
  return Observation{.key = key(k),
                     .kind = Kind::daily,
                     .day = d(n),
                     .value = value,
                     .additivity = Additivity::non_additive};
}

Observation cumulative(std::string_view k, std::int32_t n, std::int64_t value) {
  return Observation{.key = key(k), .kind = Kind::cumulative, .day = d(n), .value = value};
}

Observation gauge(std::string_view k, std::int32_t n, std::optional<Timestamp> when,
                  std::int64_t value) {
  return Observation{.key = key(k), .kind = Kind::gauge, .day = d(n), .value = value, .at = when};
}

// Folds observations the test knows to be valid.
Ledger ledger_of(const std::vector<Observation>& observations) {
  Ledger ledger;
  for (const auto& observation : observations) {
    const auto status = ledger.observe(observation);
    EXPECT_TRUE(status.ok()) << status.error().message;
  }
  return ledger;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

constexpr std::string_view k_clones = "github:clones:runcycles/docs";
constexpr std::string_view k_cloners = "github:cloners:runcycles/docs";
constexpr std::string_view k_crates = "crates:downloads:runcycles";
constexpr std::string_view k_stars = "github:stars:runcycles/docs";
constexpr std::int64_t k_too_many = 1'000'000'000'000'001;

// ---------------------------------------------------------------------------
// observe

TEST(LedgerObserve, DailyDayGoesIntoDays) {
  const Ledger ledger = ledger_of({daily_day(k_clones, 1, 612), daily_day(k_clones, 2, 80)});
  const Series* series = ledger.find(key(k_clones));
  ASSERT_NE(series, nullptr);
  ASSERT_NE(series->daily(), nullptr);
  EXPECT_EQ(series->daily()->additivity(), Additivity::additive);
  EXPECT_EQ(series->daily()->days().size(), 2U);
  EXPECT_TRUE(series->daily()->floors().empty());
  EXPECT_EQ(series->value(), 692U);
}

TEST(LedgerObserve, DailyFloorGoesIntoFloors) {
  const Ledger ledger = ledger_of({daily_floor(k_clones, 1, 6495), daily_day(k_clones, 2, 80)});
  const Series* series = ledger.find(key(k_clones));
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(*series->daily()->floors().find(d(1)), 6495U);
  EXPECT_EQ(series->value(), 6575U);
}

TEST(LedgerObserve, NonAdditiveDailyKeepsItsAdditivity) {
  const Ledger ledger = ledger_of({unique_day(k_cloners, 1, 5), unique_day(k_cloners, 2, 4)});
  const Series* series = ledger.find(key(k_cloners));
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(series->daily()->additivity(), Additivity::non_additive);
  EXPECT_EQ(series->value(), std::nullopt);
}

TEST(LedgerObserve, CumulativeKeepsTheMaxPerDay) {
  const Ledger ledger = ledger_of({cumulative(k_crates, 1, 49), cumulative(k_crates, 1, 30)});
  const Series* series = ledger.find(key(k_crates));
  ASSERT_NE(series, nullptr);
  ASSERT_NE(series->cumulative(), nullptr);
  EXPECT_EQ(series->value(), 49U);
}

TEST(LedgerObserve, GaugeUsesTheGivenTime) {
  const Ledger ledger =
      ledger_of({gauge(k_stars, 1, noon(1, 60), 3), gauge(k_stars, 1, noon(1), 9)});
  const Series* series = ledger.find(key(k_stars));
  ASSERT_NE(series, nullptr);
  ASSERT_NE(series->gauge(), nullptr);
  EXPECT_EQ(*series->gauge()->days().find(d(1)), (GaugeReading{noon(1, 60), 3}));
}

TEST(LedgerObserve, GaugeWithoutTimeIsReadAtTheStartOfTheDay) {
  const Ledger ledger = ledger_of({gauge(k_stars, 2, std::nullopt, 7)});
  const Series* series = ledger.find(key(k_stars));
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(*series->gauge()->days().find(d(2)), (GaugeReading{Timestamp::start_of(d(2)), 7}));
}

TEST(LedgerObserve, FloorOnACumulativeSeriesIsAnErrorNamingTheKey) {
  Ledger ledger = ledger_of({cumulative(k_crates, 1, 49)});
  const Ledger before = ledger;
  auto observation = cumulative(k_crates, 2, 60);
  observation.floor = true;
  const auto status = ledger.observe(observation);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_crates)) << status.error().message;
  EXPECT_TRUE(contains(status.error().message, "floor")) << status.error().message;
  EXPECT_EQ(ledger, before);
}

TEST(LedgerObserve, FloorOnAGaugeIsAnErrorNamingTheKey) {
  Ledger ledger;
  auto observation = gauge(k_stars, 1, noon(1), 3);
  observation.floor = true;
  const auto status = ledger.observe(observation);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_stars)) << status.error().message;
  EXPECT_TRUE(ledger.empty());
}

TEST(LedgerObserve, FloorOnANonAdditiveSeriesIsAnErrorNamingTheKey) {
  Ledger ledger;
  auto observation = daily_floor("github:clone-uniques:o/r", 1, 40);
  observation.additivity = Additivity::non_additive;
  const auto status = ledger.observe(observation);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, "github:clone-uniques:o/r"))
      << status.error().message;
  EXPECT_TRUE(ledger.empty());
}

TEST(LedgerObserve, NegativeCountIsAnErrorNamingTheKey) {
  for (const auto& observation :
       {daily_day(k_clones, 1, -1), daily_floor(k_clones, 1, -5), cumulative(k_crates, 1, -1),
        gauge(k_stars, 1, noon(1), -1), unique_day(k_cloners, 1, -2)}) {
    SCOPED_TRACE(observation.key.str());
    Ledger ledger = ledger_of({daily_day(k_clones, 1, 10)});
    const Ledger before = ledger;
    const auto status = ledger.observe(observation);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(contains(status.error().message, observation.key.str())) << status.error().message;
    EXPECT_TRUE(contains(status.error().message, "negative")) << status.error().message;
    EXPECT_EQ(ledger, before);
  }
}

TEST(LedgerObserve, CountAbove10To15IsAnErrorNamingTheKey) {
  for (const auto& observation :
       {daily_day(k_clones, 1, k_too_many), daily_floor(k_clones, 1, k_too_many),
        cumulative(k_crates, 1, k_too_many), gauge(k_stars, 1, noon(1), k_too_many),
        unique_day(k_cloners, 1, k_too_many)}) {
    SCOPED_TRACE(observation.key.str());
    Ledger ledger = ledger_of({daily_day(k_clones, 1, 10)});
    const Ledger before = ledger;
    const auto status = ledger.observe(observation);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(contains(status.error().message, observation.key.str())) << status.error().message;
    EXPECT_TRUE(contains(status.error().message, "10^15")) << status.error().message;
    EXPECT_EQ(ledger, before);
  }
}

TEST(LedgerObserve, KindDifferentFromTheStoredSeriesIsAnErrorNamingTheKey) {
  Ledger ledger = ledger_of({daily_day(k_clones, 1, 10)});
  const Ledger before = ledger;
  const auto status = ledger.observe(cumulative(k_clones, 2, 50));
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_clones)) << status.error().message;
  EXPECT_EQ(ledger, before);
}

TEST(LedgerObserve, AdditivityDifferentFromTheStoredSeriesIsAnError) {
  Ledger ledger = ledger_of({daily_day(k_clones, 1, 10)});
  const Ledger before = ledger;
  const auto status = ledger.observe(unique_day(k_clones, 2, 3));
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_clones)) << status.error().message;
  EXPECT_EQ(ledger, before);
}

// ---------------------------------------------------------------------------
// merge

TEST(LedgerMerge, UnitesDisjointKeys) {
  Ledger a = ledger_of({daily_day(k_clones, 1, 10)});
  const Ledger b = ledger_of({cumulative(k_crates, 1, 49)});
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.series().size(), 2U);
  EXPECT_EQ(a.find(key(k_crates))->value(), 49U);
  EXPECT_EQ(a.find(key(k_clones))->value(), 10U);
}

TEST(LedgerMerge, MergesSharedKeys) {
  Ledger a = ledger_of({daily_day(k_clones, 1, 10), daily_day(k_clones, 2, 3)});
  const Ledger b = ledger_of({daily_day(k_clones, 2, 8), daily_day(k_clones, 3, 1)});
  ASSERT_TRUE(a.merge(b).ok());
  EXPECT_EQ(a.find(key(k_clones))->value(), 19U);
}

TEST(LedgerMerge, KindConflictIsAnErrorNamingTheKeyAndChangesNothing) {
  // "a:..." sorts before the conflicting key and would merge fine, "z:..." after it.
  Ledger a = ledger_of(
      {daily_day("a:m:first", 1, 1), daily_day(k_clones, 1, 10), cumulative("z:m:last", 1, 5)});
  const Ledger before = a;
  const Ledger b = ledger_of({daily_day("a:m:first", 1, 100), daily_day("a:m:new", 1, 7),
                              gauge(k_clones, 1, noon(1), 3), cumulative("z:m:last", 1, 500)});
  const auto status = a.merge(b);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_clones)) << status.error().message;
  EXPECT_EQ(a, before);
}

TEST(LedgerMerge, AdditivityConflictIsAnErrorAndChangesNothing) {
  Ledger a = ledger_of({daily_day(k_cloners, 1, 10)});
  const Ledger before = a;
  const Ledger b = ledger_of({unique_day(k_cloners, 1, 4)});
  const auto status = a.merge(b);
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_cloners)) << status.error().message;
  EXPECT_EQ(a, before);
}

TEST(LedgerMerge, WithItselfChangesNothing) {
  Ledger a = ledger_of({daily_floor(k_clones, 1, 100), daily_day(k_clones, 2, 3),
                        gauge(k_stars, 1, noon(1), 3), cumulative(k_crates, 1, 5)});
  a.touch(at("2026-05-02T07:44:22Z"));
  const Ledger before = a;
  ASSERT_TRUE(a.merge(a).ok());
  EXPECT_EQ(a, before);
}

TEST(LedgerMerge, UpdatedAtIsTheMax) {
  Ledger a;
  a.touch(at("2026-05-02T07:44:22Z"));
  Ledger b;
  b.touch(at("2026-05-03T00:00:00Z"));
  Ledger ab = a;
  ASSERT_TRUE(ab.merge(b).ok());
  EXPECT_EQ(ab.updated_at(), at("2026-05-03T00:00:00Z"));
  Ledger ba = b;
  ASSERT_TRUE(ba.merge(a).ok());
  EXPECT_EQ(ba.updated_at(), at("2026-05-03T00:00:00Z"));
}

TEST(LedgerMerge, UpdatedAtSurvivesAnUnsetSide) {
  Ledger a;
  a.touch(at("2026-05-02T07:44:22Z"));
  Ledger unset;
  Ledger a_then_unset = a;
  ASSERT_TRUE(a_then_unset.merge(unset).ok());
  EXPECT_EQ(a_then_unset.updated_at(), at("2026-05-02T07:44:22Z"));
  ASSERT_TRUE(unset.merge(a).ok());
  EXPECT_EQ(unset.updated_at(), at("2026-05-02T07:44:22Z"));
}

TEST(LedgerTouch, NeverLowersUpdatedAt) {
  Ledger ledger;
  EXPECT_EQ(ledger.updated_at(), std::nullopt);
  ledger.touch(at("2026-05-02T07:44:22Z"));
  ledger.touch(at("2026-05-01T00:00:00Z"));
  EXPECT_EQ(ledger.updated_at(), at("2026-05-02T07:44:22Z"));
}

TEST(LedgerMergeSeries, InsertsANewKeyAndMergesAnExistingOne) {
  Ledger ledger;
  ASSERT_TRUE(ledger.merge_series(key(k_clones), Series::empty(Kind::daily)).ok());
  CumulativeSeries crates;
  ASSERT_TRUE(crates.observe(d(1), 9).ok());
  ASSERT_TRUE(ledger.merge_series(key(k_crates), crates).ok());
  CumulativeSeries more;
  ASSERT_TRUE(more.observe(d(2), 12).ok());
  ASSERT_TRUE(ledger.merge_series(key(k_crates), more).ok());
  EXPECT_EQ(ledger.find(key(k_crates))->value(), 12U);
  EXPECT_EQ(ledger.series().size(), 2U);
}

TEST(LedgerMergeSeries, KindConflictIsAnErrorNamingTheKey) {
  Ledger ledger = ledger_of({cumulative(k_crates, 1, 9)});
  const Ledger before = ledger;
  const auto status = ledger.merge_series(key(k_crates), Series::empty(Kind::gauge));
  ASSERT_FALSE(status.ok());
  EXPECT_TRUE(contains(status.error().message, k_crates)) << status.error().message;
  EXPECT_EQ(ledger, before);
}

TEST(LedgerFind, AbsentKeyIsNull) {
  const Ledger ledger = ledger_of({cumulative(k_crates, 1, 9)});
  EXPECT_EQ(ledger.find(key(k_clones)), nullptr);
  EXPECT_NE(ledger.find(key(k_crates)), nullptr);
}

// ---------------------------------------------------------------------------
// regressions(old, new)

TEST(Regressions, NoneBetweenEqualLedgers) {
  const Ledger a = ledger_of({daily_day(k_clones, 1, 10), unique_day(k_cloners, 1, 2),
                              cumulative(k_crates, 1, 5), gauge(k_stars, 1, noon(1), 3)});
  EXPECT_TRUE(regressions(a, a).empty());
}

TEST(Regressions, NoneAgainstAnEmptyOldLedger) {
  EXPECT_TRUE(regressions(Ledger(), ledger_of({daily_day(k_clones, 1, 10)})).empty());
}

TEST(Regressions, MissingKey) {
  const Ledger old = ledger_of({daily_day(k_clones, 1, 10), cumulative(k_crates, 1, 5)});
  const Ledger now = ledger_of({cumulative(k_crates, 1, 5)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].key, key(k_clones));
  EXPECT_EQ(found[0].what, "missing");
  EXPECT_EQ(found[0].old_value, 10U);
  EXPECT_EQ(found[0].new_value, std::nullopt);
}

TEST(Regressions, LoweredDailyTotal) {
  const Ledger old = ledger_of({daily_day(k_clones, 1, 10), daily_day(k_clones, 2, 5)});
  const Ledger now = ledger_of({daily_day(k_clones, 1, 10), daily_day(k_clones, 2, 4)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].key, key(k_clones));
  EXPECT_EQ(found[0].what, "total");
  EXPECT_EQ(found[0].old_value, 15U);
  EXPECT_EQ(found[0].new_value, 14U);
}

// The replaced system lost its clone accumulator when a stale cache was
// committed: a floor that disappears must be caught.
TEST(Regressions, LostFloorLowersTheDailyTotal) {
  const Ledger old = ledger_of({daily_floor(k_clones, 1, 6495), daily_day(k_clones, 2, 80)});
  const Ledger now = ledger_of({daily_day(k_clones, 2, 80)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].what, "total");
  EXPECT_EQ(found[0].old_value, 6575U);
  EXPECT_EQ(found[0].new_value, 80U);
}

TEST(Regressions, DaysCompactedIntoAFloorAreNotARegression) {
  const Ledger old =
      ledger_of({daily_day(k_clones, 1, 10), daily_day(k_clones, 2, 5), daily_day(k_clones, 3, 1)});
  const Ledger now = ledger_of({daily_floor(k_clones, 2, 15), daily_day(k_clones, 3, 1)});
  EXPECT_TRUE(regressions(old, now).empty());
}

TEST(Regressions, LoweredCumulativeTotal) {
  const Ledger old = ledger_of({cumulative(k_crates, 1, 100)});
  const Ledger now = ledger_of({cumulative(k_crates, 2, 90)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].what, "total");
  EXPECT_EQ(found[0].old_value, 100U);
  EXPECT_EQ(found[0].new_value, 90U);
}

TEST(Regressions, LoweredDayOfANonAdditiveDaily) {
  const Ledger old = ledger_of({unique_day(k_cloners, 1, 10), unique_day(k_cloners, 2, 5)});
  const Ledger now = ledger_of({unique_day(k_cloners, 1, 10), unique_day(k_cloners, 2, 3)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].key, key(k_cloners));
  EXPECT_EQ(found[0].what, "day " + d(2).to_string());
  EXPECT_EQ(found[0].old_value, 5U);
  EXPECT_EQ(found[0].new_value, 3U);
}

TEST(Regressions, LostDayOfANonAdditiveDaily) {
  const Ledger old = ledger_of({unique_day(k_cloners, 1, 10), unique_day(k_cloners, 2, 5)});
  const Ledger now = ledger_of({unique_day(k_cloners, 2, 50)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].what, "day " + d(1).to_string());
  EXPECT_EQ(found[0].old_value, 10U);
  EXPECT_EQ(found[0].new_value, std::nullopt);
}

TEST(Regressions, RaisedDaysOfANonAdditiveDailyAreFine) {
  const Ledger old = ledger_of({unique_day(k_cloners, 1, 10)});
  const Ledger now = ledger_of({unique_day(k_cloners, 1, 11), unique_day(k_cloners, 2, 1)});
  EXPECT_TRUE(regressions(old, now).empty());
}

TEST(Regressions, LostGaugeReadingOfAnOldDay) {
  const Ledger old = ledger_of({gauge(k_stars, 1, noon(1), 3), gauge(k_stars, 2, noon(2), 4)});
  const Ledger now = ledger_of({gauge(k_stars, 2, noon(2), 4)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].key, key(k_stars));
  EXPECT_EQ(found[0].what, "day " + d(1).to_string());
  EXPECT_EQ(found[0].old_value, 3U);
  EXPECT_EQ(found[0].new_value, std::nullopt);
}

TEST(Regressions, OlderGaugeReadingIsARegressionEvenIfLarger) {
  // `now` holds a reading taken before the one `old` had: it went back in time.
  const Ledger old = ledger_of({gauge(k_stars, 1, noon(1, 3600), 3)});
  const Ledger now = ledger_of({gauge(k_stars, 1, noon(1), 9)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].what, "day " + d(1).to_string());
  EXPECT_EQ(found[0].old_value, 3U);
  EXPECT_EQ(found[0].new_value, 9U);
}

TEST(Regressions, SameTimeLowerGaugeReadingIsARegression) {
  const Ledger old = ledger_of({gauge(k_stars, 1, noon(1), 5)});
  const Ledger now = ledger_of({gauge(k_stars, 1, noon(1), 4)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].old_value, 5U);
  EXPECT_EQ(found[0].new_value, 4U);
}

TEST(Regressions, LaterLowerGaugeReadingIsNotARegression) {
  // Stars may go down: a newer reading that is lower is the truth, not a loss.
  const Ledger old = ledger_of({gauge(k_stars, 1, noon(1), 10)});
  const Ledger same_day = ledger_of({gauge(k_stars, 1, noon(1, 3600), 3)});
  EXPECT_TRUE(regressions(old, same_day).empty());
  const Ledger next_day =
      ledger_of({gauge(k_stars, 1, noon(1), 10), gauge(k_stars, 2, noon(2), 2)});
  EXPECT_TRUE(regressions(old, next_day).empty());
}

TEST(Regressions, KindChange) {
  const Ledger old = ledger_of({cumulative(k_crates, 1, 49)});
  const Ledger now = ledger_of({daily_day(k_crates, 1, 49)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].key, key(k_crates));
  EXPECT_EQ(found[0].what, "kind");
}

TEST(Regressions, ReportsEveryRegressedKeyInKeyOrder) {
  const Ledger old = ledger_of(
      {daily_day(k_clones, 1, 10), cumulative(k_crates, 1, 100), gauge(k_stars, 1, noon(1), 3)});
  const Ledger now = ledger_of({daily_day(k_clones, 1, 9), cumulative(k_crates, 1, 100)});
  const auto found = regressions(old, now);
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[0].key, key(k_clones));
  EXPECT_EQ(found[0].what, "total");
  EXPECT_EQ(found[1].key, key(k_stars));
  EXPECT_EQ(found[1].what, "missing");
  EXPECT_EQ(found[1].old_value, 3U);
}

TEST(Regressions, NoneAfterAMerge) {
  const Ledger a = ledger_of({daily_day(k_clones, 1, 10), gauge(k_stars, 1, noon(1), 7)});
  const Ledger b = ledger_of({daily_day(k_clones, 1, 3), gauge(k_stars, 1, noon(1, 60), 2),
                              gauge(k_stars, 2, noon(2), 1)});
  Ledger merged = a;
  ASSERT_TRUE(merged.merge(b).ok());
  EXPECT_TRUE(regressions(a, merged).empty());
  EXPECT_TRUE(regressions(b, merged).empty());
}

}  // namespace
}  // namespace odometer
