#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/series.hpp"
#include "core/series_key.hpp"
#include "core/timestamp.hpp"

namespace odometer {

// One number reported by a source or a user, not yet folded into a series.
struct Observation {
  SeriesKey key;
  Kind kind = Kind::daily;
  Day day;
  std::int64_t value = 0;  // signed so that a negative count is caught here, not wrapped
  // daily only: record a floor (day, value) instead of the count of day.
  bool floor = false;
  // daily only: the days may not be summed (unique visitors).
  Additivity additivity = Additivity::additive;
  // gauge only: when the value was read; the start of day if absent.
  std::optional<Timestamp> at;
};

// The whole state: series by key, plus when it was last updated. A
// join-semilattice like its series: merge is per key, updated_at is the max.
// A plain value that owns its series; not thread-safe to change while read.
class Ledger {
public:
  // Merges other into this ledger. If any key has a different kind (or
  // additivity) on the two sides, returns an error naming the key and leaves
  // this ledger unchanged.
  Status merge(const Ledger& other);
  // Merges one series in under key, with the same checks as merge().
  Status merge_series(const SeriesKey& key, const Series& series);
  // The same, taking series over instead of copying it when key is new.
  Status merge_series(const SeriesKey& key, Series&& series);
  // Folds one observation in. Errors (naming the key) for a negative or
  // absurd value, a kind that differs from the stored series, or a floor on
  // a series that is not daily; the ledger is then unchanged.
  Status observe(const Observation& observation);

  // Whether merge(other) would succeed and leave this ledger as it is.
  bool includes(const Ledger& other) const;

  // The series of key, or nullptr. Owned by the ledger: valid until the
  // ledger changes.
  const Series* find(const SeriesKey& key) const;
  // Every series by key, in key order (the order of the ledger file).
  const std::map<SeriesKey, Series>& series() const { return m_series; }
  bool empty() const { return m_series.empty(); }

  const std::optional<Timestamp>& updated_at() const { return m_updated_at; }
  // Raises updated_at to at least when.
  void touch(Timestamp when);

  bool operator==(const Ledger&) const = default;

private:
  std::map<SeriesKey, Series> m_series;
  std::optional<Timestamp> m_updated_at;
};

// A way in which `now` has less than `old` for one key.
struct Regression {
  SeriesKey key;
  std::string what;  // "missing", "total", "latest", "day 2026-05-01", "kind"
  std::optional<Count> old_value;
  std::optional<Count> new_value;
};

// Every key whose derived value is lower in `now` than in `old`, or that is
// missing from `now`. For series whose value may legitimately go down or has
// no total (gauges, non-additive daily), every day entry of `old` must still
// be held in `now` at least as high (the later reading for gauges).
// regressions(a, merge(a, b)) is always empty.
std::vector<Regression> regressions(const Ledger& old, const Ledger& now);

}  // namespace odometer
