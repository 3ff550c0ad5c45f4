// Counters (src/report/counters.hpp): pattern matching, the default
// counters, the -imported floor rule, which kinds are summed, last_day, and
// counter_history.

#include "core/counters.hpp"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace odometer {
namespace {

Day day(std::string_view text) {
  return Day::parse(text).value();
}

SeriesKey key(std::string_view text) {
  return SeriesKey::parse(text).value();
}

// Folds one observation in; fails the test if the ledger refuses it.
void observe(Ledger& ledger, std::string_view key_text, Kind kind, std::string_view on,
             std::int64_t value, bool floor = false, Additivity additivity = Additivity::additive) {
  Observation observation{key(key_text), kind, day(on), value, floor, additivity};
  if (kind == Kind::gauge) {
    observation.at = Timestamp::start_of(day(on));
  }
  const auto ok = ledger.observe(observation);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
}

CounterSpec spec(std::vector<std::string> sum) {
  return CounterSpec{"test", "test things", std::move(sum)};
}

const CounterSpec& installs() {
  static const CounterSpec k_installs = default_counters().at(0);
  return k_installs;
}

const CounterSpec& clones() {
  static const CounterSpec k_clones = default_counters().at(1);
  return k_clones;
}

TEST(CounterPattern, StarCrossesSlashesAndColonsInTheEntity) {
  EXPECT_TRUE(counter_pattern_matches("npm:downloads:*", key("npm:downloads:@scope/pkg")));
  EXPECT_TRUE(counter_pattern_matches("maven:downloads:*", key("maven:downloads:org.x:art")));
  EXPECT_TRUE(counter_pattern_matches("github:*", key("github:clones:o/r")));
  EXPECT_TRUE(counter_pattern_matches("*", key("github:clones:o/r")));
  EXPECT_FALSE(counter_pattern_matches("npm:downloads:*", key("pypi:downloads:x")));
}

TEST(CounterPattern, MetricPartMatchesTheMetricOnly) {
  EXPECT_TRUE(counter_pattern_matches("*:downloads:*", key("npm:downloads:x")));
  EXPECT_FALSE(counter_pattern_matches("*:downloads:*", key("npm:downloads-imported:all")));
  EXPECT_FALSE(counter_pattern_matches("*:pulls:*", key("manual:ghcr-pulls:o/r")));
  // An entity that happens to contain ":downloads:" is not a downloads series.
  EXPECT_FALSE(counter_pattern_matches("*:downloads:*", key("manual:stars:a:downloads:b")));
  EXPECT_TRUE(counter_pattern_matches("npm:down*:*", key("npm:downloads-imported:all")));
}

TEST(CounterName, Rules) {
  EXPECT_TRUE(is_valid_counter_name("installs"));
  EXPECT_TRUE(is_valid_counter_name("vs-code-2"));
  EXPECT_FALSE(is_valid_counter_name(""));
  EXPECT_FALSE(is_valid_counter_name("Installs"));
  EXPECT_FALSE(is_valid_counter_name("a_b"));
  EXPECT_FALSE(is_valid_counter_name("a b"));
}

TEST(DefaultCounters, NamesAndLabels) {
  const auto counters = default_counters();
  ASSERT_EQ(counters.size(), 2U);
  EXPECT_EQ(counters[0].name, "installs");
  EXPECT_EQ(counters[0].label, "package installs");
  EXPECT_EQ(counters[1].name, "clones");
  EXPECT_EQ(counters[1].label, "repo clones");
}

TEST(DefaultCounters, InstallsSumsEveryInstallMetricAndNothingElse) {
  Ledger ledger;
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-01", 10);
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-02", 5);
  observe(ledger, "crates:downloads:c", Kind::cumulative, "2026-04-02", 100);
  observe(ledger, "docker:pulls:o/i", Kind::cumulative, "2026-04-03", 1000);
  observe(ledger, "vscode:installs:p", Kind::cumulative, "2026-04-01", 7);
  observe(ledger, "github:release-downloads:o/r", Kind::cumulative, "2026-04-01", 3);
  // Not installs: traffic, gauges, windows.
  observe(ledger, "github:clones:o/r", Kind::daily, "2026-04-05", 50000);
  observe(ledger, "github:views:o/r", Kind::daily, "2026-04-05", 50000);
  observe(ledger, "pypi:downloads-30d:p", Kind::gauge, "2026-04-05", 50000);
  observe(ledger, "npm:downloads:gauge-like", Kind::gauge, "2026-04-06", 50000);
  const CounterValue value = evaluate(ledger, installs());
  EXPECT_EQ(value.name, "installs");
  EXPECT_EQ(value.label, "package installs");
  EXPECT_EQ(value.value, 10U + 5U + 100U + 1000U + 7U + 3U);
  EXPECT_EQ(value.last_day, day("2026-04-03"));
}

TEST(DefaultCounters, ClonesSumsGithubClonesWithFloors) {
  Ledger ledger;
  observe(ledger, "github:clones:o/docs", Kind::daily, "2026-04-29", 6495, true);
  observe(ledger, "github:clones:o/docs", Kind::daily, "2026-04-30", 612);
  observe(ledger, "github:clones:o/docs", Kind::daily, "2026-05-01", 80);
  observe(ledger, "github:clones:o/cli", Kind::daily, "2026-05-01", 20);
  observe(ledger, "github:clone-uniques:o/docs", Kind::daily, "2026-05-02", 9, false,
          Additivity::non_additive);
  const CounterValue value = evaluate(ledger, clones());
  EXPECT_EQ(value.value, 7187U + 20U);
  EXPECT_EQ(value.last_day, day("2026-05-01"));
}

TEST(ImportedFloor, TheImportedSumIsAFloorNotAnAddition) {
  Ledger ledger;
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 5000);
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-02", 300);
  observe(ledger, "npm:downloads:b", Kind::daily, "2026-04-02", 200);
  EXPECT_EQ(evaluate(ledger, installs()).value, 5000U);
  // Once the per-package sum passes the imported one, it wins.
  observe(ledger, "npm:downloads:b", Kind::daily, "2026-04-03", 4600);
  EXPECT_EQ(evaluate(ledger, installs()).value, 5100U);
}

TEST(ImportedFloor, AppliesPerSourceAndMetric) {
  Ledger ledger;
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 5000);
  observe(ledger, "pypi:downloads-imported:all", Kind::cumulative, "2026-04-01", 10);
  observe(ledger, "pypi:downloads:p", Kind::daily, "2026-04-02", 70);
  observe(ledger, "ghcr:pulls-imported:all", Kind::cumulative, "2026-04-01", 40);
  // npm: max(0, 5000); pypi: max(70, 10); ghcr: max(0, 40).
  const CounterValue value = evaluate(ledger, installs());
  EXPECT_EQ(value.value, 5000U + 70U + 40U);
  EXPECT_EQ(value.last_day, day("2026-04-02"));
}

TEST(ImportedFloor, OnlyTheGroupsAPatternSelectsGetTheirFloor) {
  Ledger ledger;
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 5000);
  observe(ledger, "pypi:downloads-imported:all", Kind::cumulative, "2026-04-01", 10);
  EXPECT_EQ(evaluate(ledger, spec({"npm:downloads:*"})).value, 5000U);
  EXPECT_EQ(evaluate(ledger, spec({"pypi:*"})).value, 10U);
  EXPECT_EQ(evaluate(ledger, spec({"crates:downloads:*"})).value, 0U);
  // npm:downloads-imported:all stands in for npm:downloads:all, which this does not match.
  EXPECT_EQ(evaluate(ledger, spec({"npm:downloads:@scope/*"})).value, 0U);
}

TEST(ImportedFloor, InstallsCountsImportedSumsWithoutPerPackageSeries) {
  // The replaced cache's ghPackages and maven have no per-package series yet.
  Ledger ledger;
  observe(ledger, "ghcr:pulls-imported:all", Kind::cumulative, "2026-03-15", 900);
  observe(ledger, "maven:downloads-imported:all", Kind::cumulative, "2026-03-15", 9);
  observe(ledger, "seed-cache:total:all", Kind::gauge, "2026-03-15", 100000);
  const CounterValue value = evaluate(ledger, installs());
  EXPECT_EQ(value.value, 909U);
  EXPECT_EQ(value.last_day, day("2026-03-15"));
}

TEST(ImportedFloor, AMatchedImportedSeriesIsNotCountedTwice) {
  Ledger ledger;
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 5000);
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-02", 300);
  EXPECT_EQ(evaluate(ledger, spec({"npm:*"})).value, 5000U);
  EXPECT_EQ(evaluate(ledger, spec({"npm:*", "npm:downloads-imported:*"})).value, 5000U);
}

TEST(Evaluate, OverlappingPatternsCountASeriesOnce) {
  Ledger ledger;
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-02", 300);
  EXPECT_EQ(evaluate(ledger, spec({"npm:*", "npm:downloads:*", "*"})).value, 300U);
}

TEST(Evaluate, NothingMatchedIsZeroWithoutALastDay) {
  const CounterValue value = evaluate(Ledger(), installs());
  EXPECT_EQ(value.value, 0U);
  EXPECT_EQ(value.last_day, std::nullopt);
}

TEST(Evaluate, SaturatesInsteadOfWrapping) {
  Ledger ledger;
  for (int i = 0; i < 20; ++i) {
    for (int n = 0; n < 1000; ++n) {
      observe(ledger, "npm:downloads:p" + std::to_string(i), Kind::daily,
              (day("2020-01-01") + n).to_string(), static_cast<std::int64_t>(k_max_count));
    }
  }
  EXPECT_EQ(evaluate(ledger, installs()).value, std::numeric_limits<Count>::max());
}

TEST(EvaluateAll, KeepsTheOrder) {
  const auto values = evaluate_all(Ledger(), default_counters());
  ASSERT_EQ(values.size(), 2U);
  EXPECT_EQ(values[0].name, "installs");
  EXPECT_EQ(values[1].name, "clones");
}

TEST(CounterHistory, EmptyWhenNothingCounts) {
  EXPECT_TRUE(counter_history(Ledger(), installs()).empty());
}

TEST(CounterHistory, OneValuePerDayWithFloorsAndCumulatives) {
  Ledger ledger;
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-02", 100);
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-01", 30);
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-03", 90);
  observe(ledger, "crates:downloads:c", Kind::cumulative, "2026-04-01", 5);
  observe(ledger, "crates:downloads:c", Kind::cumulative, "2026-04-04", 8);
  const auto history = counter_history(ledger, installs());
  const std::vector<CounterPoint> expected{
      {day("2026-04-01"), 30 + 5},   // npm max(30, 0)
      {day("2026-04-02"), 100 + 5},  // npm max(30, 100)
      {day("2026-04-03"), 120 + 5},  // npm max(120, 100)
      {day("2026-04-04"), 120 + 8},
  };
  EXPECT_EQ(history, expected);
  EXPECT_EQ(history.back().value, evaluate(ledger, installs()).value);
}

TEST(CounterHistory, DaysWithoutDataCarryTheValueForward) {
  Ledger ledger;
  observe(ledger, "github:clones:o/r", Kind::daily, "2026-04-01", 3);
  observe(ledger, "github:clones:o/r", Kind::daily, "2026-04-04", 4);
  observe(ledger, "github:clones:o/r", Kind::daily, "2026-04-02", 500, true);
  const auto history = counter_history(ledger, clones());
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[0].value, 3U);
  EXPECT_EQ(history[1].value, 500U);
  EXPECT_EQ(history[2].value, 500U);
  EXPECT_EQ(history[3].value, 504U);
}

// The installs chart of the example once ended in an unexplained +3.5k
// step: three cumulative series were first read on its last day, their
// all-time totals counted as if they had all happened that day.
TEST(FirstReadings, NameEachSeriesThatEntersWithAnEarlierTotal) {
  Ledger ledger;
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-01", 30);  // plain days: none
  observe(ledger, "npm:downloads:a", Kind::daily, "2026-04-03", 90);
  observe(ledger, "crates:downloads:c", Kind::cumulative, "2026-04-03", 3512);
  observe(ledger, "crates:downloads:c", Kind::cumulative, "2026-04-04", 3520);
  observe(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 100);
  observe(ledger, "github:release-downloads:o/r", Kind::cumulative, "2026-04-02", 0);  // 0: none
  observe(ledger, "pypi:downloads:p", Kind::daily, "2026-04-02", 700, true);  // a floor first
  observe(ledger, "pypi:downloads:p", Kind::daily, "2026-04-03", 5);
  observe(ledger, "pub:downloads:q", Kind::daily, "2026-04-01", 2);
  observe(ledger, "pub:downloads:q", Kind::daily, "2026-04-02", 50, true);  // a later floor: none
  observe(ledger, "crates:downloads:not-counted", Kind::cumulative, "2026-04-02", 9);
  using Carried = FirstReading::Carried;
  const std::vector<FirstReading> expected{
      {key("npm:downloads-imported:all"), day("2026-04-01"), 100, Carried::all_time_total},
      {key("pypi:downloads:p"), day("2026-04-02"), 700, Carried::floor},
      {key("crates:downloads:c"), day("2026-04-03"), 3512, Carried::all_time_total},
  };
  const CounterSpec counted = spec({"npm:*", "pypi:*", "pub:*", "github:*", "crates:*:c"});
  EXPECT_EQ(first_readings(ledger, counted), expected);
  // The step in the counter's history on each of those days is at least
  // what the note names (the -imported floor may absorb part of it).
  const auto history = counter_history(ledger, counted);
  ASSERT_EQ(history.size(), 4U);
  EXPECT_EQ(history[0].value, 100U + 2U);  // npm max(30, 100), pub 2
  // 04-03: the crates reading, pypi's 5 and npm's 120 over its floor of 100.
  EXPECT_EQ(history[2].value - history[1].value, 3512U + 5U + 20U);
}

TEST(FirstReadings, NoneWhenNothingCarriesAnEarlierTotal) {
  Ledger ledger;
  observe(ledger, "github:clones:o/r", Kind::daily, "2026-04-01", 3);
  observe(ledger, "github:clone-uniques:o/r", Kind::daily, "2026-04-01", 2, false,
          Additivity::non_additive);
  EXPECT_TRUE(first_readings(ledger, spec({"github:*"})).empty());
  EXPECT_TRUE(first_readings(Ledger(), installs()).empty());
}

}  // namespace
}  // namespace odometer
