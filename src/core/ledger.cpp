#include "core/ledger.hpp"

namespace odometer {

namespace {

Error about_key(const SeriesKey& key, const Error& error) {
  return make_error(key.str() + ": " + error.message);
}

// The first day of `old` that `now` lacks or holds lower (in join order).
template <typename V, typename Join>
const typename DayMap<V>::Entry* first_lost_day(const DayMap<V>& old, const DayMap<V>& now,
                                                Join join) {
  for (const auto& entry : old) {
    const V* held = now.find(entry.first);
    if (held == nullptr || !(join(*held, entry.second) == *held)) {
      return &entry;
    }
  }
  return nullptr;
}

std::optional<Regression> compare(const SeriesKey& key, const Series& old, const Series& now) {
  if (!now.check_mergeable(old)) {
    return Regression{key, "kind", old.value(), now.value()};
  }
  const auto max_join = [](Count a, Count b) { return std::max(a, b); };
  if (const auto* daily = old.daily(); daily != nullptr && !daily->total()) {
    if (const auto* lost = first_lost_day(daily->days(), now.daily()->days(), max_join)) {
      const Count* held = now.daily()->days().find(lost->first);
      return Regression{key, "day " + lost->first.to_string(), lost->second,
                        held ? std::optional<Count>(*held) : std::nullopt};
    }
    return std::nullopt;
  }
  if (const auto* gauge = old.gauge()) {
    if (const auto* lost = first_lost_day(gauge->days(), now.gauge()->days(), join_readings)) {
      const GaugeReading* held = now.gauge()->days().find(lost->first);
      return Regression{key, "day " + lost->first.to_string(), lost->second.value,
                        held ? std::optional<Count>(held->value) : std::nullopt};
    }
    return std::nullopt;
  }
  if (now.value() < old.value()) {
    return Regression{key, "total", old.value(), now.value()};
  }
  return std::nullopt;
}

}  // namespace

Status Ledger::merge(const Ledger& other) {
  for (const auto& [key, series] : other.m_series) {
    if (const Series* mine = find(key)) {
      if (auto ok = mine->check_mergeable(series); !ok) {
        return about_key(key, ok.error());
      }
    }
  }
  for (const auto& [key, series] : other.m_series) {
    auto [it, inserted] = m_series.try_emplace(key, series);
    if (!inserted) {
      (void)it->second.merge(series);  // checked above
    }
  }
  if (other.m_updated_at) {
    touch(*other.m_updated_at);
  }
  return {};
}

Status Ledger::merge_series(const SeriesKey& key, const Series& series) {
  auto it = m_series.find(key);
  if (it == m_series.end()) {
    m_series.emplace(key, series);
    return {};
  }
  if (auto ok = it->second.merge(series); !ok) {
    return about_key(key, ok.error());
  }
  return {};
}

Status Ledger::merge_series(const SeriesKey& key, Series&& series) {
  auto it = m_series.find(key);
  if (it == m_series.end()) {
    m_series.emplace(key, std::move(series));
    return {};
  }
  if (auto ok = it->second.merge(series); !ok) {
    return about_key(key, ok.error());
  }
  return {};
}

Status Ledger::observe(const Observation& observation) {
  auto count = checked_count(observation.value);
  if (!count) {
    return about_key(observation.key, count.error());
  }
  if (observation.floor && observation.kind != Kind::daily) {
    return make_error(observation.key.str() + ": a floor can only be recorded on a daily series");
  }
  if (observation.floor && observation.additivity == Additivity::non_additive) {
    return make_error(observation.key.str() +
                      ": a floor needs an additive daily series (a non-additive one has no total)");
  }
  // Fold into the stored series in place: a whole-series merge per
  // observation would make collecting a long history quadratic.
  auto it = m_series.find(observation.key);
  if (it == m_series.end()) {
    it = m_series.emplace(observation.key, Series::empty(observation.kind, observation.additivity))
             .first;
  } else if (auto ok = it->second.check_mergeable(
                 Series::empty(observation.kind, observation.additivity));
             !ok) {
    return about_key(observation.key, ok.error());
  }
  Series& series = it->second;
  Status ok;
  if (auto* daily = series.daily()) {
    ok = observation.floor ? daily->observe_floor(observation.day, *count)
                           : daily->observe_day(observation.day, *count);
  } else if (auto* cumulative = series.cumulative()) {
    ok = cumulative->observe(observation.day, *count);
  } else {
    ok = series.gauge()->observe(
        observation.day, observation.at.value_or(Timestamp::start_of(observation.day)), *count);
  }
  return ok ? ok : about_key(observation.key, ok.error());
}

bool Ledger::includes(const Ledger& other) const {
  if (other.m_updated_at && !(m_updated_at && *other.m_updated_at <= *m_updated_at)) {
    return false;
  }
  for (const auto& [key, series] : other.m_series) {
    const Series* mine = find(key);
    if (mine == nullptr || !mine->includes(series)) {
      return false;
    }
  }
  return true;
}

const Series* Ledger::find(const SeriesKey& key) const {
  auto it = m_series.find(key);
  return it == m_series.end() ? nullptr : &it->second;
}

void Ledger::touch(Timestamp when) {
  if (!m_updated_at || *m_updated_at < when) {
    m_updated_at = when;
  }
}

std::vector<Regression> regressions(const Ledger& old, const Ledger& now) {
  std::vector<Regression> found;
  for (const auto& [key, series] : old.series()) {
    const Series* held = now.find(key);
    if (held == nullptr) {
      found.push_back(Regression{key, "missing", series.value(), std::nullopt});
    } else if (auto regression = compare(key, series, *held)) {
      found.push_back(std::move(*regression));
    }
  }
  return found;
}

}  // namespace odometer
