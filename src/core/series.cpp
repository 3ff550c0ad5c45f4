#include "core/series.hpp"

#include <algorithm>
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

}  // namespace

Result<Count> checked_count(std::int64_t value) {
  if (value < 0) {
    return make_error("count " + std::to_string(value) + " is negative");
  }
  const auto count = static_cast<Count>(value);
  if (auto ok = check_count(count); !ok) {
    return ok.error();
  }
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
  if (auto ok = check_count(value); !ok) {
    return ok;
  }
  m_days.join(day, value, max_count);
  return {};
}

Status DailySeries::observe_floor(Day day, Count value) {
  if (auto ok = check_count(value); !ok) {
    return ok;
  }
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
  // Walk floors and days from the newest back, keeping the sum of the days
  // after the current floor: one pass over each map.
  const auto& days = m_days.entries();
  const auto& floors = m_floors.entries();
  Count suffix = 0;
  Count best = 0;
  auto day = days.rbegin();
  for (auto floor = floors.rbegin(); floor != floors.rend(); ++floor) {
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

std::optional<Count> DailySeries::value_as_of(Day day) const {
  if (m_additivity == Additivity::non_additive) {
    return std::nullopt;
  }
  // The same walk as total(), over the days and floors up to day only.
  const auto& days = m_days.entries();
  const auto& floors = m_floors.entries();
  const auto after = [day](const auto& entry) { return entry.first > day; };
  const auto days_end = std::find_if(days.begin(), days.end(), after);
  const auto floors_end = std::find_if(floors.begin(), floors.end(), after);
  Count suffix = 0;
  Count best = 0;
  auto at = std::make_reverse_iterator(days_end);
  for (auto floor = std::make_reverse_iterator(floors_end); floor != floors.rend(); ++floor) {
    for (; at != days.rend() && at->first > floor->first; ++at) {
      suffix = saturating_add(suffix, at->second);
    }
    best = std::max(best, saturating_add(floor->second, suffix));
  }
  for (; at != days.rend(); ++at) {
    suffix = saturating_add(suffix, at->second);
  }
  return std::max(best, suffix);
}

Status CumulativeSeries::observe(Day day, Count value) {
  if (auto ok = check_count(value); !ok) {
    return ok;
  }
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
  Count best = 0;
  for (const auto& [day, value] : m_days) {
    best = std::max(best, value);
  }
  return best;
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

GaugeReading join_readings(const GaugeReading& a, const GaugeReading& b) {
  if (a.at != b.at) {
    return a.at > b.at ? a : b;
  }
  return a.value >= b.value ? a : b;
}

Status GaugeSeries::observe(Day day, Timestamp at, Count value) {
  if (auto ok = check_count(value); !ok) {
    return ok;
  }
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
  if (auto ok = check_mergeable(other); !ok) {
    return ok;
  }
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
