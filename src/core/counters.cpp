#include "core/counters.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <array>
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

bool glob_bracket_closes(std::string_view pattern, std::size_t open) {
  std::size_t at = open + 1;
  if (at < pattern.size() && (pattern[at] == '!' || pattern[at] == '^')) {
    ++at;
  }
  if (at < pattern.size() && pattern[at] == ']') {
    ++at;  // a ']' first in the set is one of its characters
  }
  return pattern.find(']', at) != std::string_view::npos;
}

bool glob(std::string_view pattern, std::string_view text) {
  return ::fnmatch(std::string(pattern).c_str(), std::string(text).c_str(), 0) == 0;
}

bool has_total(const Series& series) {
  return series.kind() != Kind::gauge && series.value().has_value();
}

// One series of the ledger with its key.
using Entry = std::pair<const SeriesKey, Series>;

// The series a counter adds up, grouped by SOURCE:METRIC.
struct Group {
  std::vector<const Entry*> matched;
  std::vector<const Entry*> imported;  // SOURCE:METRIC-imported:*
};

std::map<std::pair<std::string, std::string>, Group> counted_groups(const Ledger& ledger,
                                                                    const CounterSpec& spec) {
  std::map<std::pair<std::string, std::string>, Group> groups;
  const auto selected = [&spec](const SeriesKey& key) {
    return std::any_of(spec.sum.begin(), spec.sum.end(), [&key](const std::string& pattern) {
      return counter_pattern_matches(pattern, key);
    });
  };
  for (const auto& entry : ledger.series()) {
    const auto& [key, series] = entry;
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
      groups[{std::string(key.source()), std::string(metric)}].matched.push_back(&entry);
    }
  }
  for (auto& [source_metric, group] : groups) {
    const std::string imported_metric = source_metric.second + std::string(k_imported_suffix);
    for (const auto& entry : ledger.series()) {
      const auto& [key, series] = entry;
      if (key.source() == source_metric.first && key.metric() == imported_metric &&
          has_total(series)) {
        group.imported.push_back(&entry);
      }
    }
  }
  return groups;
}

Count total_of(const std::vector<const Entry*>& entries) {
  Count sum = 0;
  for (const Entry* entry : entries) {
    sum = saturating_add(sum, entry->second.value().value_or(0));
  }
  return sum;
}

// sums[i] += values[i], saturating; values may be shorter (a series
// without a total contributes nothing).
void add_into(std::vector<Count>& sums, const std::vector<Count>& values) {
  for (std::size_t i = 0; i < sums.size() && i < values.size(); ++i) {
    sums[i] = saturating_add(sums[i], values[i]);
  }
}

constexpr std::array<std::string_view, 4> k_package_metrics{"downloads", "pulls", "installs",
                                                            "release-downloads"};

}  // namespace

bool is_package_metric(std::string_view metric) {
  return std::find(k_package_metrics.begin(), k_package_metrics.end(), metric) !=
         k_package_metrics.end();
}

std::vector<CounterSpec> default_counters() {
  CounterSpec installs{"installs", "package installs", {}};
  for (const auto metric : k_package_metrics) {
    installs.sum.push_back("*:" + std::string(metric) + ":*");
  }
  return {installs, CounterSpec{"clones", "repo clones", {"github:clones:*"}}};
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
      for (const Entry* entry : *list) {
        if (const auto last = entry->second.last_day();
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

std::vector<SeriesKey> counted_series(const Ledger& ledger, const CounterSpec& spec) {
  std::vector<SeriesKey> out;
  for (const auto& [source_metric, group] : counted_groups(ledger, spec)) {
    for (const auto* list : {&group.matched, &group.imported}) {
      for (const Entry* entry : *list) {
        out.push_back(entry->first);
      }
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

CounterSpec metric_counter(std::string_view source, std::string_view metric) {
  return CounterSpec{"", "", {std::string(source) + ":" + std::string(metric) + ":*"}};
}

Count metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric) {
  return evaluate(ledger, metric_counter(source, metric)).value;
}

std::vector<CounterPoint> counter_history(const Ledger& ledger, const CounterSpec& spec) {
  const auto groups = counted_groups(ledger, spec);
  std::optional<Day> first;
  std::optional<Day> last;
  for (const auto& [source_metric, group] : groups) {
    for (const auto* list : {&group.matched, &group.imported}) {
      for (const Entry* entry : *list) {
        if (const auto day = entry->second.first_day(); day && (!first || *day < *first)) {
          first = day;
        }
        if (const auto day = entry->second.last_day(); day && (!last || *day > *last)) {
          last = day;
        }
      }
    }
  }
  if (!first || !last) {
    return {};
  }
  // Each series' value on each day comes from its forward pass (the
  // recurrence in the essay of core/series.cpp); the floor rule is applied
  // day by day on those values, as evaluate applies it to the totals.
  const auto length = static_cast<std::size_t>(*last - *first) + 1;
  std::vector<Count> totals(length, 0);
  for (const auto& [source_metric, group] : groups) {
    std::vector<Count> matched(length, 0);
    std::vector<Count> imported(length, 0);
    for (const Entry* entry : group.matched) {
      add_into(matched, entry->second.value_history(*first, *last).value_or(std::vector<Count>()));
    }
    for (const Entry* entry : group.imported) {
      add_into(imported, entry->second.value_history(*first, *last).value_or(std::vector<Count>()));
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

std::vector<FirstReading> first_readings(const Ledger& ledger, const CounterSpec& spec) {
  std::vector<FirstReading> out;
  for (const auto& [source_metric, group] : counted_groups(ledger, spec)) {
    for (const auto* list : {&group.matched, &group.imported}) {
      for (const Entry* entry : *list) {
        const Series& series = entry->second;
        const auto first = series.first_day();
        if (!first) {
          continue;
        }
        FirstReading reading{entry->first, *first, series.value_as_of(*first).value_or(0),
                             FirstReading::Carried::all_time_total};
        if (const DailySeries* daily = series.daily()) {
          const auto& floors = daily->floors();
          if (floors.empty() || floors.entries().front().first != *first) {
            continue;
          }
          reading.carried = FirstReading::Carried::floor;
        }
        if (reading.amount > 0) {
          out.push_back(std::move(reading));
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const FirstReading& a, const FirstReading& b) {
    return a.day != b.day ? a.day < b.day : a.key < b.key;
  });
  return out;
}

std::optional<std::string> glob_problem(std::string_view pattern) {
  for (std::size_t at = 0; at < pattern.size(); ++at) {
    if (pattern[at] == '\\') {
      ++at;
    } else if (pattern[at] == '[' && !glob_bracket_closes(pattern, at)) {
      return "the '[' at position " + std::to_string(at + 1) + " is never closed by ']'";
    }
  }
  return std::nullopt;
}

}  // namespace odometer
