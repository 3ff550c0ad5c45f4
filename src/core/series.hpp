#pragma once

// The three kinds of series (DESIGN.md §2), each a join-semilattice whose
// derived value never drops when anything is merged in. Why that holds, the
// daily total formula and the forward pass behind value_history: the essay
// at the top of series.cpp. Not thread-safe; a series is a plain value.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/day.hpp"
#include "core/day_map.hpp"
#include "core/result.hpp"
#include "core/timestamp.hpp"

namespace odometer {

using Count = std::uint64_t;

// The largest count an observation may carry; larger numbers are errors in
// the API or the input, never real adoption figures.
inline constexpr Count k_max_count = 1'000'000'000'000'000ULL;

// a + b, or the largest Count where that would wrap: totals saturate.
Count saturating_add(Count a, Count b);

// Returns value as a Count, or an error if it is negative or above k_max_count.
Result<Count> checked_count(std::int64_t value);
// Returns an error if value is above k_max_count.
Status check_count(Count value);

enum class Kind { daily, cumulative, gauge };

// "daily", "cumulative" or "gauge": the kind as the ledger file writes it.
std::string_view to_string(Kind kind);
// Returns an error naming the text if it is not daily, cumulative or gauge.
Result<Kind> parse_kind(std::string_view text);

// Whether the days of a daily series may be summed: unique visitors per day
// may not (the same person counts on several days).
enum class Additivity { additive, non_additive };

// Counts per day from a window (GitHub clones, npm ranges), plus floors
// (T, F): "at least F counted up to and including day T".
// total = max over floors T (and T = -inf with 0) of floors[T] + sum of days after T.
class DailySeries {
public:
  explicit DailySeries(Additivity additivity = Additivity::additive) : m_additivity(additivity) {}

  // Raise the count of day to at least value. Errors above k_max_count.
  Status observe_day(Day day, Count value);
  // Raise the floor at day to at least value. Errors above k_max_count.
  Status observe_floor(Day day, Count value);
  // Precondition: same additivity (Ledger::merge checks and reports).
  void merge(const DailySeries& other);
  // Whether merge(other) would change nothing. Same precondition.
  bool includes(const DailySeries& other) const;
  // The total, saturating at the largest Count; nullopt when non-additive.
  std::optional<Count> total() const;
  // The total as it stood at the end of day: max over floors T <= day (and
  // T = -inf with 0) of floors[T] + the days in (T, day]. Non-decreasing in
  // day; 0 before the first entry; equals total() from the newest day on.
  // nullopt when non-additive.
  std::optional<Count> value_as_of(Day day) const;
  // value_as_of(d) for every d from first to last (empty when last < first),
  // in one forward pass over the entries (the recurrence in series.cpp)
  // instead of a walk per day. nullopt when non-additive.
  std::optional<std::vector<Count>> value_history(Day first, Day last) const;

  Additivity additivity() const { return m_additivity; }
  // The counts per day and the floors, as stored.
  const DayMap<Count>& days() const { return m_days; }
  const DayMap<Count>& floors() const { return m_floors; }
  // Replaces both maps, for readers that build a series from validated,
  // unique entries (no limit is checked here).
  void set(DayMap<Count> days, DayMap<Count> floors) {
    m_days = std::move(days);
    m_floors = std::move(floors);
  }
  bool operator==(const DailySeries&) const = default;

private:
  Additivity m_additivity;
  DayMap<Count> m_days;
  DayMap<Count> m_floors;
};

// An all-time total that should only grow: the highest value seen each day.
class CumulativeSeries {
public:
  // Raise the value of day to at least value. Errors above k_max_count.
  Status observe(Day day, Count value);
  // Per day, the larger value.
  void merge(const CumulativeSeries& other);
  // Whether merge(other) would change nothing.
  bool includes(const CumulativeSeries& other) const;
  // The highest value ever seen, 0 if none.
  Count total() const;
  // The highest value seen on a day <= day, 0 if none. Non-decreasing in day.
  Count value_as_of(Day day) const;
  // value_as_of(d) for every d from first to last (empty when last < first):
  // the running maximum, in one pass.
  std::vector<Count> value_history(Day first, Day last) const;

  // The highest value seen each day, as stored.
  const DayMap<Count>& days() const { return m_days; }
  // Replaces the days, for readers of validated entries (no limit checked).
  void set(DayMap<Count> days) { m_days = std::move(days); }
  bool operator==(const CumulativeSeries&) const = default;

private:
  DayMap<Count> m_days;
};

struct GaugeReading {
  Timestamp at;
  Count value = 0;
  bool operator==(const GaugeReading&) const = default;
};

// The join of two readings of one day: the later observation wins, and on a
// tie the larger value, so the choice does not depend on merge order.
GaugeReading join_readings(const GaugeReading& a, const GaugeReading& b);

// A current value that may go down (stars, 30-day windows): one reading a day.
class GaugeSeries {
public:
  // Join the reading (at, value) into day (join_readings). Errors above
  // k_max_count.
  Status observe(Day day, Timestamp at, Count value);
  // Per day, join_readings of the two readings.
  void merge(const GaugeSeries& other);
  // Whether merge(other) would change nothing.
  bool includes(const GaugeSeries& other) const;
  // The reading of the newest day, 0 if none.
  Count latest() const;
  // The reading in force at the end of day (that of the newest day <= day),
  // for charts of stars or forks over time; nullopt before the first
  // reading (no reading is not 0 stars). A gauge has no total: this value
  // may go down from one day to the next and is never summed into a counter.
  std::optional<Count> reading_as_of(Day day) const;

  // One reading per day, as stored.
  const DayMap<GaugeReading>& days() const { return m_days; }
  // Replaces the days, for readers of validated entries (no limit checked).
  void set(DayMap<GaugeReading> days) { m_days = std::move(days); }
  bool operator==(const GaugeSeries&) const = default;

private:
  DayMap<GaugeReading> m_days;
};

// One series of any kind; a plain value that owns its days.
class Series {
public:
  Series(DailySeries daily) : m_data(std::move(daily)) {}  // NOLINT(google-explicit-constructor)
  Series(CumulativeSeries cumulative)
      : m_data(std::move(cumulative)) {}                   // NOLINT(google-explicit-constructor)
  Series(GaugeSeries gauge) : m_data(std::move(gauge)) {}  // NOLINT(google-explicit-constructor)

  // An empty series of the given kind.
  static Series empty(Kind kind, Additivity additivity = Additivity::additive);

  Kind kind() const;
  // Returns an error describing the mismatch (kind or additivity) when the
  // two cannot be merged; this series is then unchanged.
  Status merge(const Series& other);
  // Returns an error if other cannot be merged into this series.
  Status check_mergeable(const Series& other) const;
  // Whether merge(other) would succeed and change nothing.
  bool includes(const Series& other) const;
  // The derived value: total for daily and cumulative, latest for gauge;
  // nullopt for a non-additive daily series.
  std::optional<Count> value() const;
  // The total as of the end of day (DailySeries/CumulativeSeries::value_as_of);
  // nullopt for gauges and non-additive daily series, which have no total
  // (a gauge's chart value is GaugeSeries::reading_as_of).
  std::optional<Count> value_as_of(Day day) const;
  // value_as_of for every day from first to last in one pass
  // (DailySeries/CumulativeSeries::value_history); nullopt where
  // value_as_of is.
  std::optional<std::vector<Count>> value_history(Day first, Day last) const;
  // The oldest and newest day that holds a number (days and floors).
  std::optional<Day> first_day() const { return day_range().first; }
  std::optional<Day> last_day() const { return day_range().second; }

  // The series as its kind, or nullptr when it is of another kind.
  const DailySeries* daily() const { return std::get_if<DailySeries>(&m_data); }
  const CumulativeSeries* cumulative() const { return std::get_if<CumulativeSeries>(&m_data); }
  const GaugeSeries* gauge() const { return std::get_if<GaugeSeries>(&m_data); }
  DailySeries* daily() { return std::get_if<DailySeries>(&m_data); }
  CumulativeSeries* cumulative() { return std::get_if<CumulativeSeries>(&m_data); }
  GaugeSeries* gauge() { return std::get_if<GaugeSeries>(&m_data); }
  bool operator==(const Series&) const = default;

private:
  std::pair<std::optional<Day>, std::optional<Day>> day_range() const;

  std::variant<DailySeries, CumulativeSeries, GaugeSeries> m_data;
};

}  // namespace odometer
