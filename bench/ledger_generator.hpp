#pragma once

#include <cstdint>
#include <random>
#include <string>

#include "core/ledger.hpp"

namespace odometer::bench {

// A ledger shaped like a real one: mostly daily series, some cumulative and
// gauges, 365 days each, keys like the ones collect writes. The same seed
// gives the same ledger; two seeds give overlapping ledgers with different
// counts, so merging them really changes days.
inline Ledger make_ledger(std::int64_t series_count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<std::int64_t> count(0, 5000);
  const Day first = *Day::parse("2025-05-01");
  Ledger ledger;
  for (std::int64_t s = 0; s < series_count; ++s) {
    const Kind kind = s % 10 == 8 ? Kind::cumulative : (s % 10 == 9 ? Kind::gauge : Kind::daily);
    const auto key = *SeriesKey::parse("bench:downloads:package-" + std::to_string(s));
    for (std::int32_t d = 0; d < 365; ++d) {
      Observation observation{key, kind, first + d, count(random)};
      observation.at = Timestamp::start_of(first + d);
      (void)ledger.observe(observation);
    }
  }
  ledger.touch(Timestamp::start_of(first + 365));
  return ledger;
}

}  // namespace odometer::bench
