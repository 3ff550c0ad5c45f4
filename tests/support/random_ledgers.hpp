#pragma once

// Random ledgers for property tests, reproducible from a seed: the
// generator the merge-law tests of src/core use, shared with the store tests
// that check the same laws through a database. It is built so that the
// interesting cases are common: a small pool of keys (ledgers overlap), one
// fixed kind and additivity per key (so every merge is legal), a window of a
// few days (days collide), floors, counts of 0 and near the 10^15 limit, and
// gauge readings whose times collide (the tie rule decides).

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"

namespace odometer::testing {

struct KeySpec {
  std::string_view text;
  Kind kind;
  Additivity additivity;
};

inline constexpr std::array<KeySpec, 7> k_key_specs = {{
    {"github:clones:runcycles/docs", Kind::daily, Additivity::additive},
    {"npm:downloads:@runcycles/mcp-server", Kind::daily, Additivity::additive},
    {"github:cloners:runcycles/docs", Kind::daily, Additivity::non_additive},
    {"crates:downloads:runcycles", Kind::cumulative, Additivity::additive},
    {"github:release-downloads:runcycles/cli", Kind::cumulative, Additivity::additive},
    {"github:stars:runcycles/docs", Kind::gauge, Additivity::additive},
    {"pypi:downloads-30d:runcycles", Kind::gauge, Additivity::additive},
}};

inline const Day k_first_day = Day::parse("2026-04-27").value();
inline constexpr int k_window_days = 8;

// Random observations, ledgers and daily series, reproducible from a seed.
class Generator {
public:
  explicit Generator(std::uint64_t seed) : m_rng(seed) {}

  int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(m_rng); }
  bool chance(int one_in) { return uniform(1, one_in) == 1; }
  std::mt19937_64& rng() { return m_rng; }

  // 0, a small count, or a count at or just below the limit.
  std::int64_t count() {
    const int pick = uniform(0, 9);
    if (pick < 2) {
      return 0;
    }
    if (pick < 8) {
      return uniform(1, 40);
    }
    return static_cast<std::int64_t>(k_max_count) - uniform(0, 2);
  }

  Day day() { return k_first_day + uniform(0, k_window_days - 1); }

  // A reading time on day, from a handful of choices so that ties are common;
  // sometimes absent (the ledger then uses the start of the day).
  std::optional<Timestamp> reading_time(Day on) {
    constexpr std::array<std::int64_t, 4> k_offsets = {0, 3600, 43200, 86399};
    const int pick = uniform(0, 4);
    if (pick == 4) {
      return std::nullopt;
    }
    return Timestamp::from_unix_seconds(Timestamp::start_of(on).unix_seconds() +
                                        k_offsets[static_cast<std::size_t>(pick)]);
  }

  Observation observation() {
    const auto index =
        static_cast<std::size_t>(uniform(0, static_cast<int>(k_key_specs.size()) - 1));
    const KeySpec& spec = k_key_specs[index];
    Observation observation{.key = keys()[index],
                            .kind = spec.kind,
                            .day = day(),
                            .value = count(),
                            .additivity = spec.additivity};
    if (spec.kind == Kind::daily) {
      // Floors only where there is a total to carry (Ledger::observe refuses others).
      observation.floor = spec.additivity == Additivity::additive && chance(4);
    } else if (spec.kind == Kind::gauge) {
      observation.at = reading_time(observation.day);
    }
    return observation;
  }

  std::vector<Observation> observations(int max_count) {
    std::vector<Observation> out;
    const int n = uniform(0, max_count);
    out.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      out.push_back(observation());
    }
    return out;
  }

  Ledger ledger() {
    Ledger ledger;
    for (const auto& observation : observations(10)) {
      const auto status = ledger.observe(observation);
      EXPECT_TRUE(status.ok()) << status.error().message;
    }
    if (chance(2)) {
      ledger.touch(Timestamp::from_unix_seconds(Timestamp::start_of(k_first_day).unix_seconds() +
                                                std::int64_t{uniform(0, 3)} * 3600));
    }
    return ledger;
  }

  // A daily series over a wider window with several floors; sometimes with
  // counts far above the observation limit, to reach the saturation.
  DailySeries daily_series() {
    const bool huge = chance(10);
    const auto value = [&]() -> Count {
      if (huge) {
        return std::uniform_int_distribution<Count>(0,
                                                    std::numeric_limits<Count>::max() / 3)(m_rng);
      }
      return static_cast<Count>(count());
    };
    const auto entries = [&](int max_entries) {
      std::vector<DayMap<Count>::Entry> out;
      std::vector<int> offsets(20);
      for (std::size_t i = 0; i < offsets.size(); ++i) {
        offsets[i] = static_cast<int>(i);
      }
      std::shuffle(offsets.begin(), offsets.end(), m_rng);
      const auto n = static_cast<std::size_t>(uniform(0, max_entries));
      for (std::size_t i = 0; i < n; ++i) {
        out.emplace_back(k_first_day + offsets[i], value());
      }
      return DayMap<Count>::from_unique_entries(std::move(out));
    };
    DailySeries series;
    auto days = entries(12);
    auto floors = entries(6);
    series.set(std::move(days), std::move(floors));
    return series;
  }

private:
  // Parsed once: every iteration builds a generator.
  static const std::vector<SeriesKey>& keys() {
    static const std::vector<SeriesKey> parsed = [] {
      std::vector<SeriesKey> out;
      out.reserve(k_key_specs.size());
      for (const auto& spec : k_key_specs) {
        out.push_back(SeriesKey::parse(spec.text).value());
      }
      return out;
    }();
    return parsed;
  }

  std::mt19937_64 m_rng;
};

inline std::string describe(const DayMap<Count>& map) {
  std::string out = "{";
  for (const auto& [day, value] : map) {
    out += " " + day.to_string() + ":" + std::to_string(value);
  }
  return out + " }";
}

inline std::string describe(const Ledger& ledger) {
  std::string out = "ledger";
  if (ledger.updated_at()) {
    out += " updated_at " + ledger.updated_at()->to_string();
  }
  out += "\n";
  for (const auto& [key, series] : ledger.series()) {
    out += "  " + key.str() + " " + std::string(to_string(series.kind()));
    if (const auto* daily = series.daily()) {
      out += daily->additivity() == Additivity::additive ? "" : " non-additive";
      out += " floors " + describe(daily->floors()) + " days " + describe(daily->days());
    } else if (const auto* cumulative = series.cumulative()) {
      out += " days " + describe(cumulative->days());
    } else {
      out += " days {";
      for (const auto& [day, reading] : series.gauge()->days()) {
        out += " " + day.to_string() + ":" + reading.at.to_string() + "=" +
               std::to_string(reading.value);
      }
      out += " }";
    }
    out += "\n";
  }
  return out;
}

}  // namespace odometer::testing
