// The merge laws of the three kinds of series, and the values derived
// from them.
//
// Everything here rests on one reading of the stored numbers: each is a
// lower bound of a true count. days[d] = 612 on a daily series says "at
// least 612 clones on day d"; a floor (T, F) says "at least F counted over
// all days up to and including T"; a cumulative series' days[d] = 49 says
// "the all-time total had reached at least 49 by day d". A gauge is the one
// exception: a reading is what the API said at an instant, and the truth may
// have moved either way since.
//
// Why each kind is a join-semilattice. A join-semilattice is a set with a
// join (a least upper bound), which is commutative, associative and
// idempotent: exactly what lets copies of a ledger be merged in any order,
// any grouping and any number of times with one result. Every kind stores
// maps from a day to a value and merges them key by key, so the maps are
// semilattices as soon as the per-day join is one, and a pair of maps (a
// daily series' days and floors) is one too, component by component.
//   - daily and cumulative: the join of two counts is their max. Counts are
//     totally ordered, and the max of two lower bounds of one truth is a
//     lower bound of it, and the better one. Summing instead would count a
//     re-read window twice; max makes re-reading idempotent.
//   - gauge: the join of two readings of a day is the larger under the order
//     (observed at, value): the later reading wins, and on a tie the larger
//     value. A total order again, so the choice does not depend on which copy
//     was merged into which (join_readings).
//
// Why floors are kept apart. A daily series may hold several floors, and
// merge keeps every one. Collapsing them into "the best floor" during a
// merge would make the result depend on the days known at that moment, and
// merge would stop being associative. With a = {floor (d2, 100)},
// b = {floor (d5, 110)} and c = {d3: 20, d4: 20}: merging a and b first and
// keeping the better floor keeps (d5, 110), and adding c gives 110; merging
// a and c first makes (d2, 100) worth 140, and adding b keeps it: 140. With
// both floors kept, every grouping gives max(140, 110, 40) = 140. Dropping
// old days and floors under one new floor (compaction) is a separate,
// explicit step, never a merge.
//
// The derived values, and why they are monotone: merging anything in can
// only raise them (a "monotone" function of the state), because the state
// after a merge is at least the state before in every entry.
//   - daily total, with c(d) the count of day d and F(T) the floor at T:
//         total = max over T in floors, and T = -inf with F = 0, of
//                 F(T) + sum of c(d) for d > T
//     Each candidate is a lower bound of the true total: F(T) bounds the
//     days up to T and the c(d) bound the disjoint days after it. The max is
//     the best of them. Raising any entry raises some candidates and lowers
//     none, a new floor adds a candidate, a new day adds to the candidates
//     before it: the total never drops. Sums saturate at the largest Count,
//     and a saturating sum is monotone in each term too. A non-additive
//     series (unique cloners per day) has no total: the same person counts
//     on several days.
//   - cumulative total: the max over its days, monotone in each day.
//   - gauge: the newest day's reading. Not monotone, by design (stars are
//     taken back), which is why a gauge is never summed into a counter and
//     why regressions() compares its days rather than its value.
//
// A value as of a day is the same formula over the entries on days <= D
// only: what a ledger cut down to what was known at the end of D would say.
// Adding the entries of later days only adds to the state, so by
// monotonicity value_as_of never decreases from one day to the next, and
// from the newest entry on it is the total. For a gauge, reading_as_of(D) is
// the reading of the newest day <= D and has no such guarantee.
//
// The forward pass. A chart wants value_as_of for every day of a range; a
// walk per day would cost the range times the entries. value_history gets
// every day in one pass, from two running values per series:
//     plain(D)    = plain(D-1) + c(D)                  (the candidate T = -inf)
//     floored(D)  = max(floored(D-1) + c(D), F(D))     (the best T <= D)
//     value_as_of(D) = max(plain(D), floored(D))
// where floored is undefined until the first floor, F(D) counts only where
// day D has a floor, and c(D) is 0 on a day without a count. It holds
// because every candidate T < D gains the same c(D) on day D, which keeps
// the best one best (max(a, b) + c = max(a + c, b + c), saturating too,
// since adding c is monotone), and the candidate T = D is F(D) with nothing
// after it. A cumulative series is the running maximum. Days without an
// entry change nothing, so the pass applies entries as it meets them and
// carries the values over the days between. The unit and property tests
// check value_history against value_as_of day by day; counter_history
// (core/counters.cpp) sums these histories with the -imported floor rule.

#include "core/series.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>

namespace odometer {

Count saturating_add(Count a, Count b) {
  return a > std::numeric_limits<Count>::max() - b ? std::numeric_limits<Count>::max() : a + b;
}

namespace {

Count max_count(Count a, Count b) {
  return std::max(a, b);
}

template <typename V>
void widen(std::optional<Day>& first, std::optional<Day>& last, const DayMap<V>& map) {
  if (map.empty()) {
    return;
  }
  const Day front = map.entries().front().first;
  const Day back = map.entries().back().first;
  first = first ? std::min(*first, front) : front;
  last = last ? std::max(*last, back) : back;
}

using CountEntries = std::vector<DayMap<Count>::Entry>;

// The first entry of entries after day (entries are sorted by day).
CountEntries::const_iterator after(const CountEntries& entries, Day day) {
  return std::upper_bound(entries.begin(), entries.end(), day,
                          [](Day d, const DayMap<Count>::Entry& entry) { return d < entry.first; });
}

// The daily total formula over the days and floors before days_end and
// floors_end. Walks both from the newest back, keeping the sum of the days
// after the current floor: one pass over each.
Count daily_total(const CountEntries& days, CountEntries::const_iterator days_end,
                  const CountEntries& floors, CountEntries::const_iterator floors_end) {
  Count suffix = 0;
  Count best = 0;
  auto day = std::make_reverse_iterator(days_end);
  for (auto floor = std::make_reverse_iterator(floors_end); floor != floors.rend(); ++floor) {
    for (; day != days.rend() && day->first > floor->first; ++day) {
      suffix = saturating_add(suffix, day->second);
    }
    best = std::max(best, saturating_add(floor->second, suffix));
  }
  for (; day != days.rend(); ++day) {
    suffix = saturating_add(suffix, day->second);
  }
  return std::max(best, suffix);
}

std::size_t days_from(Day first, Day last) {
  return last < first ? 0 : static_cast<std::size_t>(last - first) + 1;
}

}  // namespace

Result<Count> checked_count(std::int64_t value) {
  if (value < 0) {
    return make_error("count " + std::to_string(value) + " is negative");
  }
  const auto count = static_cast<Count>(value);
  TRY(check_count(count));
  return count;
}

Status check_count(Count value) {
  if (value > k_max_count) {
    return make_error("count " + std::to_string(value) + " is above the limit of 10^15");
  }
  return {};
}

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::daily:
      return "daily";
    case Kind::cumulative:
      return "cumulative";
    case Kind::gauge:
      return "gauge";
  }
  return "unknown";
}

Result<Kind> parse_kind(std::string_view text) {
  for (const Kind kind : {Kind::daily, Kind::cumulative, Kind::gauge}) {
    if (text == to_string(kind)) {
      return kind;
    }
  }
  return make_error("unknown series kind \"" + std::string(text) +
                    "\": expected daily, cumulative or gauge");
}

Status DailySeries::observe_day(Day day, Count value) {
  TRY(check_count(value));
  m_days.join(day, value, max_count);
  return {};
}

Status DailySeries::observe_floor(Day day, Count value) {
  TRY(check_count(value));
  m_floors.join(day, value, max_count);
  return {};
}

void DailySeries::merge(const DailySeries& other) {
  m_days.join_all(other.m_days, max_count);
  m_floors.join_all(other.m_floors, max_count);
}

bool DailySeries::includes(const DailySeries& other) const {
  return m_days.includes(other.m_days, max_count) && m_floors.includes(other.m_floors, max_count);
}

std::optional<Count> DailySeries::total() const {
  if (m_additivity == Additivity::non_additive) {
    return std::nullopt;
  }
  const auto& days = m_days.entries();
  const auto& floors = m_floors.entries();
  return daily_total(days, days.end(), floors, floors.end());
}

std::optional<Count> DailySeries::value_as_of(Day day) const {
  if (m_additivity == Additivity::non_additive) {
    return std::nullopt;
  }
  const auto& days = m_days.entries();
  const auto& floors = m_floors.entries();
  return daily_total(days, after(days, day), floors, after(floors, day));
}

std::optional<std::vector<Count>> DailySeries::value_history(Day first, Day last) const {
  if (m_additivity == Additivity::non_additive) {
    return std::nullopt;
  }
  // The forward pass of the essay above.
  const auto& days = m_days.entries();
  const auto& floors = m_floors.entries();
  auto next_day = days.begin();
  auto next_floor = floors.begin();
  Count plain = 0;
  std::optional<Count> floored;
  std::vector<Count> out;
  out.reserve(days_from(first, last));
  for (Day day = first; day <= last; day = day + 1) {
    // Apply every entry up to day in day order (on the first day, also all
    // those before the range).
    while ((next_day != days.end() && next_day->first <= day) ||
           (next_floor != floors.end() && next_floor->first <= day)) {
      Day on = next_day != days.end() ? next_day->first : next_floor->first;
      if (next_floor != floors.end()) {
        on = std::min(on, next_floor->first);
      }
      const Count count =
          next_day != days.end() && next_day->first == on ? (next_day++)->second : 0;
      plain = saturating_add(plain, count);
      if (floored) {
        floored = saturating_add(*floored, count);
      }
      if (next_floor != floors.end() && next_floor->first == on) {
        floored = std::max(floored.value_or(0), (next_floor++)->second);
      }
    }
    out.push_back(std::max(plain, floored.value_or(0)));
  }
  return out;
}

Status CumulativeSeries::observe(Day day, Count value) {
  TRY(check_count(value));
  m_days.join(day, value, max_count);
  return {};
}

void CumulativeSeries::merge(const CumulativeSeries& other) {
  m_days.join_all(other.m_days, max_count);
}

bool CumulativeSeries::includes(const CumulativeSeries& other) const {
  return m_days.includes(other.m_days, max_count);
}

Count CumulativeSeries::total() const {
  return m_days.empty() ? 0 : value_as_of(m_days.entries().back().first);
}

Count CumulativeSeries::value_as_of(Day day) const {
  Count best = 0;
  for (const auto& [on, value] : m_days) {
    if (on > day) {
      break;
    }
    best = std::max(best, value);
  }
  return best;
}

std::vector<Count> CumulativeSeries::value_history(Day first, Day last) const {
  const auto& days = m_days.entries();
  auto next = days.begin();
  Count best = 0;
  std::vector<Count> out;
  out.reserve(days_from(first, last));
  for (Day day = first; day <= last; day = day + 1) {
    for (; next != days.end() && next->first <= day; ++next) {
      best = std::max(best, next->second);
    }
    out.push_back(best);
  }
  return out;
}

GaugeReading join_readings(const GaugeReading& a, const GaugeReading& b) {
  if (a.at != b.at) {
    return a.at > b.at ? a : b;
  }
  return a.value >= b.value ? a : b;
}

Status GaugeSeries::observe(Day day, Timestamp at, Count value) {
  TRY(check_count(value));
  m_days.join(day, GaugeReading{at, value}, join_readings);
  return {};
}

void GaugeSeries::merge(const GaugeSeries& other) {
  m_days.join_all(other.m_days, join_readings);
}

bool GaugeSeries::includes(const GaugeSeries& other) const {
  return m_days.includes(other.m_days, join_readings);
}

Count GaugeSeries::latest() const {
  return m_days.empty() ? 0 : m_days.entries().back().second.value;
}

std::optional<Count> GaugeSeries::reading_as_of(Day day) const {
  const auto& days = m_days.entries();
  const auto newer = std::upper_bound(
      days.begin(), days.end(), day,
      [](Day d, const DayMap<GaugeReading>::Entry& entry) { return d < entry.first; });
  if (newer == days.begin()) {
    return std::nullopt;
  }
  return std::prev(newer)->second.value;
}

Series Series::empty(Kind kind, Additivity additivity) {
  switch (kind) {
    case Kind::daily:
      return DailySeries(additivity);
    case Kind::cumulative:
      return CumulativeSeries();
    case Kind::gauge:
      return GaugeSeries();
  }
  return CumulativeSeries();
}

Kind Series::kind() const {
  if (daily() != nullptr) {
    return Kind::daily;
  }
  return cumulative() != nullptr ? Kind::cumulative : Kind::gauge;
}

Status Series::check_mergeable(const Series& other) const {
  if (kind() != other.kind()) {
    return make_error("cannot merge a " + std::string(to_string(kind())) + " series with a " +
                      std::string(to_string(other.kind())) + " series");
  }
  if (daily() != nullptr && daily()->additivity() != other.daily()->additivity()) {
    return make_error("cannot merge an additive daily series with a non-additive one");
  }
  return {};
}

Status Series::merge(const Series& other) {
  TRY(check_mergeable(other));
  if (auto* mine = daily()) {
    mine->merge(*other.daily());
  } else if (auto* mine_c = cumulative()) {
    mine_c->merge(*other.cumulative());
  } else {
    gauge()->merge(*other.gauge());
  }
  return {};
}

bool Series::includes(const Series& other) const {
  if (!check_mergeable(other)) {
    return false;
  }
  if (const auto* mine = daily()) {
    return mine->includes(*other.daily());
  }
  if (const auto* mine = cumulative()) {
    return mine->includes(*other.cumulative());
  }
  return gauge()->includes(*other.gauge());
}

std::optional<Count> Series::value() const {
  if (const auto* d = daily()) {
    return d->total();
  }
  if (const auto* c = cumulative()) {
    return c->total();
  }
  return gauge()->latest();
}

std::optional<Count> Series::value_as_of(Day day) const {
  if (const auto* d = daily()) {
    return d->value_as_of(day);
  }
  if (const auto* c = cumulative()) {
    return c->value_as_of(day);
  }
  return std::nullopt;
}

std::optional<std::vector<Count>> Series::value_history(Day first, Day last) const {
  if (const auto* d = daily()) {
    return d->value_history(first, last);
  }
  if (const auto* c = cumulative()) {
    return c->value_history(first, last);
  }
  return std::nullopt;
}

std::pair<std::optional<Day>, std::optional<Day>> Series::day_range() const {
  std::optional<Day> first;
  std::optional<Day> last;
  if (const auto* d = daily()) {
    widen(first, last, d->days());
    widen(first, last, d->floors());
  } else if (const auto* c = cumulative()) {
    widen(first, last, c->days());
  } else {
    widen(first, last, gauge()->days());
  }
  return {first, last};
}

}  // namespace odometer
