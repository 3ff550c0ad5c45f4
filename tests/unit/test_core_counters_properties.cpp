// Property tests of counters over random ledgers: a counter never drops when
// any ledger is merged in, and counter_history never decreases and ends at
// the counter's value. The generator favours the hard cases: -imported
// floors next to per-package series, daily floors, gauges and non-additive
// series under the same patterns, cumulative series whose later readings are
// lower, and counts near the 10^15 limit (so sums saturate).
//
// Each iteration seeds its own generator with k_seed + iteration, so a
// failure printed as "seed S" replays alone. The history is also checked
// day by day against the plain definition through Series::value_as_of.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/counters.hpp"

namespace odometer {
namespace {

constexpr std::uint64_t k_seed = 20261128;
constexpr int k_iterations = 2000;

struct KeySpec {
  std::string_view text;
  Kind kind;
  Additivity additivity;
};

constexpr std::array<KeySpec, 12> k_key_specs = {{
    {"npm:downloads:a", Kind::daily, Additivity::additive},
    {"npm:downloads:@s/b", Kind::daily, Additivity::additive},
    {"npm:downloads-imported:all", Kind::cumulative, Additivity::additive},
    {"pypi:downloads:p", Kind::daily, Additivity::additive},
    {"pypi:downloads-imported:all", Kind::cumulative, Additivity::additive},
    {"crates:downloads:c", Kind::cumulative, Additivity::additive},
    {"ghcr:pulls-imported:all", Kind::cumulative, Additivity::additive},
    {"github:clones:o/docs", Kind::daily, Additivity::additive},
    {"github:clones:o/cli", Kind::daily, Additivity::additive},
    {"github:clone-uniques:o/docs", Kind::daily, Additivity::non_additive},
    {"github:release-downloads:o/cli", Kind::cumulative, Additivity::additive},
    {"pypi:downloads-30d:p", Kind::gauge, Additivity::additive},
}};

const Day k_first_day = Day::parse("2026-03-01").value();
constexpr int k_window_days = 12;

class Generator {
public:
  explicit Generator(std::uint64_t seed) : m_rng(seed) {}

  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_rng); }

  std::int64_t count() {
    const int pick = uniform(0, 9);
    if (pick == 0) {
      return 0;
    }
    if (pick < 9) {
      return uniform(1, 500);
    }
    return static_cast<std::int64_t>(k_max_count) - uniform(0, 2);
  }

  Ledger ledger() {
    Ledger ledger;
    const int n = uniform(0, 14);
    for (int i = 0; i < n; ++i) {
      const KeySpec& spec = k_key_specs[static_cast<std::size_t>(
          uniform(0, static_cast<int>(k_key_specs.size()) - 1))];
      Observation observation{SeriesKey::parse(spec.text).value(), spec.kind,
                              k_first_day + uniform(0, k_window_days - 1), count()};
      observation.additivity = spec.additivity;
      observation.floor =
          spec.kind == Kind::daily && spec.additivity == Additivity::additive && uniform(0, 3) == 0;
      if (spec.kind == Kind::gauge) {
        observation.at = Timestamp::start_of(observation.day);
      }
      const auto ok = ledger.observe(observation);
      EXPECT_TRUE(ok.ok()) << ok.error().message;
    }
    return ledger;
  }

private:
  std::mt19937_64 m_rng;
};

std::vector<CounterSpec> specs() {
  auto out = default_counters();
  out.push_back(CounterSpec{"everything", "all", {"*"}});
  out.push_back(CounterSpec{"npm", "npm", {"npm:*"}});
  out.push_back(CounterSpec{"mixed", "mixed", {"pypi:downloads:*", "github:clone*:*"}});
  return out;
}

std::string describe(const Ledger& ledger) {
  std::string out;
  for (const auto& [key, series] : ledger.series()) {
    out += "  " + key.str() + " " + std::string(to_string(series.kind()));
    if (const auto* daily = series.daily()) {
      for (const auto& [day, value] : daily->floors()) {
        out += " floor " + day.to_string() + "=" + std::to_string(value);
      }
      for (const auto& [day, value] : daily->days()) {
        out += " " + day.to_string() + "=" + std::to_string(value);
      }
    } else if (const auto* cumulative = series.cumulative()) {
      for (const auto& [day, value] : cumulative->days()) {
        out += " " + day.to_string() + "=" + std::to_string(value);
      }
    }
    out += "\n";
  }
  return out;
}

// The counter as of day from each series' value_as_of, the slow and plain
// way: a ledger cut down to what was known at the end of day would give it.
Count value_as_of_by_series(const Ledger& ledger, const CounterSpec& spec, Day day) {
  std::map<std::string, std::pair<Count, Count>> groups;  // SOURCE:METRIC -> (matched, imported)
  for (const auto& [key, series] : ledger.series()) {
    const auto value = series.value_as_of(day);
    if (!value) {
      continue;
    }
    std::string metric(key.metric());
    const bool imported = metric.ends_with("-imported");
    if (imported) {
      metric.resize(metric.size() - std::string_view("-imported").size());
    }
    const auto stand_in = SeriesKey::make(key.source(), metric, key.entity()).value();
    const bool selected =
        std::any_of(spec.sum.begin(), spec.sum.end(), [&, &key = key](const std::string& pattern) {
          return counter_pattern_matches(pattern, key) ||
                 (imported && counter_pattern_matches(pattern, stand_in));
        });
    auto& group = groups[std::string(key.source()) + ":" + metric];
    if (imported) {
      group.second = saturating_add(group.second, *value);
    } else if (selected) {
      group.first = saturating_add(group.first, *value);
    }
    if (selected) {
      groups[std::string(key.source()) + ":" + metric + "#selected"];
    }
  }
  Count total = 0;
  for (const auto& [name, sums] : groups) {
    if (!name.ends_with("#selected") && groups.contains(name + "#selected")) {
      total = saturating_add(total, std::max(sums.first, sums.second));
    }
  }
  return total;
}

TEST(CounterProperties, NeverDropsWhenALedgerIsMergedIn) {
  const auto counters = specs();
  for (int i = 0; i < k_iterations; ++i) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(i);
    Generator generator(seed);
    const Ledger a = generator.ledger();
    const Ledger b = generator.ledger();
    Ledger merged = a;
    ASSERT_TRUE(merged.merge(b).ok()) << "seed " << seed;
    for (const auto& spec : counters) {
      const Count before_a = evaluate(a, spec).value;
      const Count before_b = evaluate(b, spec).value;
      const Count after = evaluate(merged, spec).value;
      ASSERT_GE(after, before_a) << "seed " << seed << " counter " << spec.name << "\na:\n"
                                 << describe(a) << "b:\n"
                                 << describe(b);
      ASSERT_GE(after, before_b) << "seed " << seed << " counter " << spec.name << "\na:\n"
                                 << describe(a) << "b:\n"
                                 << describe(b);
    }
  }
}

TEST(CounterProperties, HistoryNeverDecreasesAndEndsAtTheValue) {
  const auto counters = specs();
  for (int i = 0; i < k_iterations; ++i) {
    const std::uint64_t seed = k_seed + static_cast<std::uint64_t>(i);
    Generator generator(seed);
    Ledger ledger = generator.ledger();
    ASSERT_TRUE(ledger.merge(generator.ledger()).ok()) << "seed " << seed;
    for (const auto& spec : counters) {
      const CounterValue value = evaluate(ledger, spec);
      const auto history = counter_history(ledger, spec);
      const auto context = [&] {
        return "seed " + std::to_string(seed) + " counter " + spec.name + "\n" + describe(ledger);
      };
      if (history.empty()) {
        ASSERT_EQ(value.value, 0U) << context();
        ASSERT_EQ(value.last_day, std::nullopt) << context();
        continue;
      }
      ASSERT_EQ(history.back().value, value.value) << context();
      ASSERT_EQ(history.back().day, value.last_day) << context();
      for (const auto& point : history) {
        ASSERT_EQ(point.value, value_as_of_by_series(ledger, spec, point.day))
            << context() << "day " << point.day.to_string();
      }
      for (std::size_t d = 1; d < history.size(); ++d) {
        ASSERT_EQ(history[d].day - history[d - 1].day, 1) << context();
        ASSERT_GE(history[d].value, history[d - 1].value) << context() << "day " << d;
      }
    }
  }
}

}  // namespace
}  // namespace odometer
