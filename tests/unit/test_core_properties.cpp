// Property tests of src/core: the merge laws of DESIGN.md §2 over many random
// ledgers, from the generator of tests/support/random_ledgers.hpp (which
// the PostgreSQL store's tests share).
//
// Each iteration seeds its own generator with k_seed + iteration, so a failure
// printed as "seed S iteration I" replays alone with that seed.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ledger.hpp"
#include "support/random_ledgers.hpp"

namespace odometer {
namespace {

using testing::describe;
using testing::Generator;

constexpr std::uint64_t k_seed = 20260502;
constexpr int k_iterations = 2000;

const Day k_first_day = testing::k_first_day;

Count saturating_add(Count a, Count b) {
  return a > std::numeric_limits<Count>::max() - b ? std::numeric_limits<Count>::max() : a + b;
}

std::string describe(const std::vector<Regression>& found) {
  std::string out;
  for (const auto& regression : found) {
    out += regression.key.str() + " " + regression.what + "\n";
  }
  return out;
}

Ledger merged(Ledger a, const Ledger& b) {
  const auto status = a.merge(b);
  EXPECT_TRUE(status.ok()) << status.error().message;
  return a;
}

std::string trace(std::uint64_t seed, int iteration) {
  return "seed " + std::to_string(seed) + " iteration " + std::to_string(iteration);
}

// The formula of DESIGN.md §2, written out directly: for T = -inf and every
// floor T, the floor plus every day after it; the total is the best of these.
Count naive_total(const DailySeries& series) {
  Count best = 0;
  for (const auto& [day, count] : series.days()) {
    best = saturating_add(best, count);
  }
  for (const auto& [floor_day, floor_count] : series.floors()) {
    Count candidate = floor_count;
    for (const auto& [day, count] : series.days()) {
      if (day > floor_day) {
        candidate = saturating_add(candidate, count);
      }
    }
    best = std::max(best, candidate);
  }
  return best;
}

// ---------------------------------------------------------------------------

TEST(MergeLaws, Commutative) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger ab = merged(a, b);
    const Ledger ba = merged(b, a);
    EXPECT_TRUE(ab == ba) << "a: " << describe(a) << "b: " << describe(b) << "a+b: " << describe(ab)
                          << "b+a: " << describe(ba);
    if (HasFailure()) {
      break;
    }
  }
}

TEST(MergeLaws, Associative) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger c = gen.ledger();
    const Ledger left = merged(merged(a, b), c);
    const Ledger right = merged(a, merged(b, c));
    EXPECT_TRUE(left == right) << "a: " << describe(a) << "b: " << describe(b)
                               << "c: " << describe(c) << "(a+b)+c: " << describe(left)
                               << "a+(b+c): " << describe(right);
    if (HasFailure()) {
      break;
    }
  }
}

TEST(MergeLaws, Idempotent) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    EXPECT_TRUE(merged(a, a) == a) << "a: " << describe(a);
    const Ledger ab = merged(a, b);
    EXPECT_TRUE(merged(ab, b) == ab) << "a: " << describe(a) << "b: " << describe(b);
    if (HasFailure()) {
      break;
    }
  }
}

// The file store skips a write when the stored ledger already includes the
// change, so includes() must be exactly "merging changes nothing".
TEST(MergeLaws, IncludesIsWhetherAMergeChangesNothing) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger ab = merged(a, b);
    EXPECT_EQ(a.includes(b), ab == a) << "a: " << describe(a) << "b: " << describe(b);
    EXPECT_EQ(b.includes(a), ab == b) << "a: " << describe(a) << "b: " << describe(b);
    EXPECT_TRUE(ab.includes(a)) << "a: " << describe(a) << "b: " << describe(b);
    EXPECT_TRUE(ab.includes(b)) << "a: " << describe(a) << "b: " << describe(b);
    EXPECT_TRUE(a.includes(a)) << "a: " << describe(a);
    EXPECT_TRUE(a.includes(Ledger()));
    if (HasFailure()) {
      break;
    }
  }
}

// DayMap::join_all joins in place while the other map's days are all present
// and rebuilds from the first missing one: both must give the plain merge.
TEST(DayMapJoin, MatchesAMergeOfOrderedMaps) {
  const auto max_join = [](Count x, Count y) { return std::max(x, y); };
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const auto random_map = [&gen] {
      std::map<Day, Count> map;
      const int size = gen.uniform(0, 12);
      for (int i = 0; i < size; ++i) {
        map[k_first_day + gen.uniform(0, 15)] = static_cast<Count>(gen.uniform(0, 9));
      }
      return map;
    };
    const std::map<Day, Count> a = random_map();
    std::map<Day, Count> b = random_map();
    if (gen.chance(2)) {
      // Mostly the same days, so the in-place pass runs for a while first.
      for (const auto& [day, count] : a) {
        b.try_emplace(day, count + static_cast<Count>(gen.uniform(0, 1)));
      }
    }
    const auto to_day_map = [](const std::map<Day, Count>& map) {
      return DayMap<Count>::from_unique_entries(
          std::vector<DayMap<Count>::Entry>(map.begin(), map.end()));
    };
    std::map<Day, Count> expected = a;
    for (const auto& [day, count] : b) {
      auto [it, inserted] = expected.try_emplace(day, count);
      if (!inserted) {
        it->second = std::max(it->second, count);
      }
    }
    DayMap<Count> joined = to_day_map(a);
    EXPECT_EQ(joined.includes(to_day_map(b), max_join), expected == a);
    joined.join_all(to_day_map(b), max_join);
    EXPECT_EQ(joined, to_day_map(expected))
        << "a: " << describe(to_day_map(a)) << "b: " << describe(to_day_map(b));
    EXPECT_TRUE(joined.includes(to_day_map(b), max_join));
    if (HasFailure()) {
      break;
    }
  }
}

// Totals (daily, cumulative) never drop. A gauge's latest value may go down
// by design (stars can be removed), so for gauges the property is that the
// merged value is the newest reading of either side.
TEST(MergeLaws, NeverLowersADerivedValue) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger ab = merged(a, b);
    for (const auto& [key, series] : ab.series()) {
      SCOPED_TRACE(key.str());
      const Series* in_a = a.find(key);
      const Series* in_b = b.find(key);
      ASSERT_TRUE(in_a != nullptr || in_b != nullptr);
      if (series.gauge() != nullptr) {
        std::optional<std::pair<Day, GaugeReading>> newest;
        for (const Series* side : {in_a, in_b}) {
          if (side == nullptr || side->gauge()->days().empty()) {
            continue;
          }
          const auto& [day, reading] = side->gauge()->days().entries().back();
          if (!newest || newest->first < day) {
            newest = std::pair{day, reading};
          } else if (newest->first == day) {
            newest->second = join_readings(newest->second, reading);
          }
        }
        ASSERT_TRUE(newest.has_value());
        EXPECT_EQ(series.value(), newest->second.value) << describe(a) << describe(b);
        continue;
      }
      for (const Series* side : {in_a, in_b}) {
        if (side != nullptr) {
          EXPECT_GE(series.value(), side->value()) << describe(a) << describe(b);
        }
      }
    }
    EXPECT_EQ(ab.series().size(), merged(b, a).series().size());
    if (HasFailure()) {
      break;
    }
  }
}

TEST(MergeLaws, NoRegressionAgainstAMerge) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger a = gen.ledger();
    const Ledger b = gen.ledger();
    const Ledger ab = merged(a, b);
    const auto from_a = regressions(a, ab);
    EXPECT_TRUE(from_a.empty()) << describe(from_a) << describe(a) << describe(b);
    const auto from_b = regressions(b, ab);
    EXPECT_TRUE(from_b.empty()) << describe(from_b) << describe(a) << describe(b);
    if (HasFailure()) {
      break;
    }
  }
}

TEST(DailyTotal, MatchesTheNaiveFormula) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const DailySeries series = gen.daily_series();
    EXPECT_EQ(series.total(), naive_total(series))
        << "floors " << describe(series.floors()) << " days " << describe(series.days());
    if (HasFailure()) {
      break;
    }
  }
}

// The forward pass of value_history (the recurrence in the essay of
// core/series.cpp) against value_as_of, day by day: over ranges that start
// before, inside and after the entries, including saturating series.
TEST(ValueHistory, MatchesValueAsOfOnEveryDay) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Day first = k_first_day + gen.uniform(-3, 22);
    const Day last = first + gen.uniform(-1, 25);
    const auto check = [&](const Series& series, const std::string& what) {
      const auto history = series.value_history(first, last);
      ASSERT_EQ(history.has_value(), series.value_as_of(first).has_value()) << what;
      if (!history) {
        return;
      }
      ASSERT_EQ(history->size(), last < first ? 0U : static_cast<std::size_t>(last - first) + 1)
          << what;
      for (std::size_t i = 0; i < history->size(); ++i) {
        const Day on = first + static_cast<std::int32_t>(i);
        ASSERT_EQ((*history)[i], series.value_as_of(on).value())
            << what << " on " << on.to_string() << " from " << first.to_string();
      }
    };
    const DailySeries daily = gen.daily_series();
    check(Series(daily), "floors " + describe(daily.floors()) + " days " + describe(daily.days()));
    const Ledger ledger = gen.ledger();
    for (const auto& [key, series] : ledger.series()) {
      check(series, key.str());
    }
    if (HasFailure()) {
      break;
    }
  }
}

// A gauge's reading as of a day is the reading of the newest day up to it,
// and nothing before the first.
TEST(GaugeReadingAsOf, IsTheNewestReadingUpToTheDay) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const Ledger ledger = gen.ledger();
    for (const auto& [key, series] : ledger.series()) {
      const GaugeSeries* gauge = series.gauge();
      if (gauge == nullptr) {
        continue;
      }
      for (int offset = -1; offset <= testing::k_window_days; ++offset) {
        const Day on = k_first_day + offset;
        std::optional<Count> expected;
        for (const auto& [when, reading] : gauge->days()) {
          if (when <= on) {
            expected = reading.value;
          }
        }
        EXPECT_EQ(gauge->reading_as_of(on), expected) << key.str() << " on " << on.to_string();
      }
    }
    if (HasFailure()) {
      break;
    }
  }
}

TEST(Observe, OrderOfObservationsDoesNotMatter) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    auto observations = gen.observations(24);
    Ledger in_order;
    for (const auto& observation : observations) {
      ASSERT_TRUE(in_order.observe(observation).ok());
    }
    std::shuffle(observations.begin(), observations.end(), gen.rng());
    Ledger shuffled;
    for (const auto& observation : observations) {
      ASSERT_TRUE(shuffled.observe(observation).ok());
    }
    EXPECT_TRUE(in_order == shuffled) << describe(in_order) << describe(shuffled);
    if (HasFailure()) {
      break;
    }
  }
}

TEST(Observe, EqualsMergingOneLedgerPerObservation) {
  for (int iteration = 0; iteration < k_iterations; ++iteration) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(iteration);
    SCOPED_TRACE(trace(seed, iteration));
    Generator gen(seed);
    const auto observations = gen.observations(16);
    Ledger observed;
    Ledger merged_singletons;
    for (const auto& observation : observations) {
      ASSERT_TRUE(observed.observe(observation).ok());
      Ledger single;
      ASSERT_TRUE(single.observe(observation).ok());
      ASSERT_TRUE(merged_singletons.merge(single).ok());
    }
    EXPECT_TRUE(observed == merged_singletons) << describe(observed) << describe(merged_singletons);
    if (HasFailure()) {
      break;
    }
  }
}

}  // namespace
}  // namespace odometer
