#include "report/counters.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <utility>

namespace odometer {

namespace {

constexpr std::string_view k_imported_suffix = "-imported";

bool is_simple_part(std::string_view part) {
  return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '*' || c == '?';
  });
}

bool glob(std::string_view pattern, std::string_view text) {
  return ::fnmatch(std::string(pattern).c_str(), std::string(text).c_str(), 0) == 0;
}

bool has_total(const Series& series) {
  return series.kind() != Kind::gauge && series.value().has_value();
}

// The series a counter adds up, grouped by SOURCE:METRIC.
struct Group {
  std::vector<const Series*> matched;
  std::vector<const Series*> imported;  // SOURCE:METRIC-imported:*
};

std::map<std::pair<std::string, std::string>, Group> counted_groups(const Ledger& ledger,
                                                                    const CounterSpec& spec) {
  std::map<std::pair<std::string, std::string>, Group> groups;
  const auto selected = [&spec](const SeriesKey& key) {
    return std::any_of(spec.sum.begin(), spec.sum.end(), [&key](const std::string& pattern) {
      return counter_pattern_matches(pattern, key);
    });
  };
  for (const auto& [key, series] : ledger.series()) {
    if (!has_total(series)) {
      continue;
    }
    const std::string_view metric = key.metric();
    if (metric.size() > k_imported_suffix.size() && metric.ends_with(k_imported_suffix)) {
      // Only ever a floor. It stands in for SOURCE:METRIC:ENTITY, so it
      // selects its group when a pattern matches that key or itself.
      const std::string_view base = metric.substr(0, metric.size() - k_imported_suffix.size());
      const auto stand_in = SeriesKey::make(key.source(), base, key.entity());
      if (selected(key) || (stand_in && selected(*stand_in))) {
        groups[{std::string(key.source()), std::string(base)}];
      }
    } else if (selected(key)) {
      groups[{std::string(key.source()), std::string(metric)}].matched.push_back(&series);
    }
  }
  for (auto& [source_metric, group] : groups) {
    const std::string imported_metric = source_metric.second + std::string(k_imported_suffix);
    for (const auto& [key, series] : ledger.series()) {
      if (key.source() == source_metric.first && key.metric() == imported_metric &&
          has_total(series)) {
        group.imported.push_back(&series);
      }
    }
  }
  return groups;
}

Count total_of(const std::vector<const Series*>& series) {
  Count sum = 0;
  for (const Series* one : series) {
    sum = saturating_add(sum, one->value().value_or(0));
  }
  return sum;
}

// The series' value_as_of(day) for each day of [first, first + length), in
// one forward pass instead of a value_as_of call per day. For a daily
// series, with c(D) the count of day D and F(D) its floor:
//   plain(D) = plain(D-1) + c(D)                 (no floor: T = -inf)
//   floored(D) = max(floored(D-1) + c(D), F(D))  (the best floor T <= D)
//   value_as_of(D) = max(plain(D), floored(D))
// which holds with saturating sums too, since adding c is monotone. A
// cumulative series is the running maximum. Precondition: no entry of the
// series is before first (first is the oldest day of the counted series).
std::vector<Count> history_of(const Series& series, Day first, std::size_t length) {
  std::vector<Count> out(length, 0);
  const auto index = [&](Day day) { return static_cast<std::size_t>(day - first); };
  if (const auto* daily = series.daily()) {
    std::vector<Count> counts(length, 0);
    std::vector<std::optional<Count>> floors(length);
    for (const auto& [day, value] : daily->days()) {
      counts[index(day)] = value;
    }
    for (const auto& [day, value] : daily->floors()) {
      floors[index(day)] = value;
    }
    Count plain = 0;
    std::optional<Count> floored;
    for (std::size_t i = 0; i < length; ++i) {
      plain = saturating_add(plain, counts[i]);
      if (floored) {
        floored = saturating_add(*floored, counts[i]);
      }
      if (floors[i]) {
        floored = std::max(floored.value_or(0), *floors[i]);
      }
      out[i] = std::max(plain, floored.value_or(0));
    }
  } else if (const auto* cumulative = series.cumulative()) {
    for (const auto& [day, value] : cumulative->days()) {
      out[index(day)] = value;
    }
    for (std::size_t i = 1; i < length; ++i) {
      out[i] = std::max(out[i], out[i - 1]);
    }
  }
  return out;
}

void add_into(std::vector<Count>& sums, const std::vector<Count>& values) {
  for (std::size_t i = 0; i < sums.size(); ++i) {
    sums[i] = saturating_add(sums[i], values[i]);
  }
}

}  // namespace

std::vector<CounterSpec> default_counters() {
  return {
      CounterSpec{"installs",
                  "package installs",
                  {"*:downloads:*", "*:pulls:*", "*:installs:*", "*:release-downloads:*"}},
      CounterSpec{"clones", "repo clones", {"github:clones:*"}},
  };
}

bool counter_pattern_matches(std::string_view pattern, const SeriesKey& key) {
  const auto first = pattern.find(':');
  const auto second = first == std::string_view::npos ? first : pattern.find(':', first + 1);
  if (second != std::string_view::npos && is_simple_part(pattern.substr(0, first)) &&
      is_simple_part(pattern.substr(first + 1, second - first - 1))) {
    return glob(pattern.substr(0, first), key.source()) &&
           glob(pattern.substr(first + 1, second - first - 1), key.metric()) &&
           glob(pattern.substr(second + 1), key.entity());
  }
  return glob(pattern, key.str());
}

bool is_valid_counter_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

CounterValue evaluate(const Ledger& ledger, const CounterSpec& spec) {
  CounterValue out{spec.name, spec.label, 0, std::nullopt};
  for (const auto& [source_metric, group] : counted_groups(ledger, spec)) {
    out.value =
        saturating_add(out.value, std::max(total_of(group.matched), total_of(group.imported)));
    for (const auto* list : {&group.matched, &group.imported}) {
      for (const Series* series : *list) {
        if (const auto last = series->last_day();
            last && (!out.last_day || *last > *out.last_day)) {
          out.last_day = last;
        }
      }
    }
  }
  return out;
}

std::vector<CounterValue> evaluate_all(const Ledger& ledger,
                                       const std::vector<CounterSpec>& specs) {
  std::vector<CounterValue> out;
  out.reserve(specs.size());
  for (const auto& spec : specs) {
    out.push_back(evaluate(ledger, spec));
  }
  return out;
}

std::vector<CounterPoint> counter_history(const Ledger& ledger, const CounterSpec& spec) {
  const auto groups = counted_groups(ledger, spec);
  std::optional<Day> first;
  std::optional<Day> last;
  for (const auto& [source_metric, group] : groups) {
    for (const auto* list : {&group.matched, &group.imported}) {
      for (const Series* series : *list) {
        if (const auto day = series->first_day(); day && (!first || *day < *first)) {
          first = day;
        }
        if (const auto day = series->last_day(); day && (!last || *day > *last)) {
          last = day;
        }
      }
    }
  }
  if (!first || !last) {
    return {};
  }
  const auto length = static_cast<std::size_t>(*last - *first) + 1;
  std::vector<Count> totals(length, 0);
  for (const auto& [source_metric, group] : groups) {
    std::vector<Count> matched(length, 0);
    std::vector<Count> imported(length, 0);
    for (const Series* series : group.matched) {
      add_into(matched, history_of(*series, *first, length));
    }
    for (const Series* series : group.imported) {
      add_into(imported, history_of(*series, *first, length));
    }
    for (std::size_t i = 0; i < length; ++i) {
      totals[i] = saturating_add(totals[i], std::max(matched[i], imported[i]));
    }
  }
  std::vector<CounterPoint> out;
  out.reserve(length);
  for (std::size_t i = 0; i < length; ++i) {
    out.push_back(CounterPoint{*first + static_cast<std::int32_t>(i), totals[i]});
  }
  return out;
}

}  // namespace odometer
