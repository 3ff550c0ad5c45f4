#pragma once

// Counters: the named numbers people see ("8,116+ package installs"), each a
// sum over the series whose keys match its glob patterns.
//
// Which series: only those with a total (daily additive and cumulative);
// gauges and non-additive daily series are never summed.
//
// The -imported floor rule: the replaced system's cache held sums over
// several packages, imported as SOURCE:METRIC-imported:all. The matched
// series are grouped by SOURCE:METRIC, and each group contributes
//   max(sum of its matched series, sum of every SOURCE:METRIC-imported:* series)
// so that a per-package figure collected later is neither counted twice nor
// allowed to fall below what the old system showed. A matched
// SOURCE:METRIC-imported series is never added on its own: it only makes the
// group SOURCE:METRIC exist, so its floor applies. An imported series
// SOURCE:METRIC-imported:ENTITY stands in for SOURCE:METRIC:ENTITY: it is
// selected when a pattern matches either key ("npm:downloads:*" and "npm:*"
// select npm:downloads-imported:all; "npm:downloads:@scope/*" does not).
//
// Why a counter never drops: merging a ledger in raises series values or
// adds series; each group term is a max of sums of those values, and a new
// group adds a term. Everything is monotone, and sums saturate.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"

namespace odometer {

struct CounterSpec {
  std::string name;              // [a-z0-9-]+, unique in a config
  std::string label;             // "package installs"
  std::vector<std::string> sum;  // glob patterns over series keys
  bool operator==(const CounterSpec&) const = default;
};

struct CounterValue {
  std::string name;
  std::string label;
  Count value = 0;
  // The newest day among the counted series (matched and floors); nullopt
  // when no series counts.
  std::optional<Day> last_day;
};

// One point of a counter's history: its value as of the end of day.
struct CounterPoint {
  Day day;
  Count value = 0;
  bool operator==(const CounterPoint&) const = default;
};

// True if metric counts installs of a package: exactly downloads, pulls,
// installs or release-downloads (not downloads-daily, a chart of the same
// downloads, nor a window such as downloads-30d).
bool is_package_metric(std::string_view metric);

// The counters used when the config has no [[counter]]:
//   installs  "package installs": every series whose metric is a package
//             metric (is_package_metric);
//   clones    "repo clones": github:clones:*.
// Both with their -imported floors, also where only the imported series exists.
std::vector<CounterSpec> default_counters();

// True if pattern matches the key. A pattern SOURCE:METRIC:ENTITY whose
// first two parts use only [a-z0-9-*?] matches part by part (a '*' in the
// metric part stays inside the metric); any other pattern, and the ENTITY
// part, is fnmatch(3) without FNM_PATHNAME: '*' crosses '/' and ':'.
bool counter_pattern_matches(std::string_view pattern, const SeriesKey& key);

// Why pattern is not a glob that means what it says (an unclosed '[', which
// fnmatch(3) would take as a literal '[' and so match nothing), or nullopt.
std::optional<std::string> glob_problem(std::string_view pattern);

// True if name is a valid counter name ([a-z0-9-]+).
bool is_valid_counter_name(std::string_view name);

// The counter's value over ledger. Never fails; saturates.
CounterValue evaluate(const Ledger& ledger, const CounterSpec& spec);

// Every counter of specs, in order.
std::vector<CounterValue> evaluate_all(const Ledger& ledger, const std::vector<CounterSpec>& specs);

// The keys of every series the counter adds up, its -imported floors
// included, sorted.
std::vector<SeriesKey> counted_series(const Ledger& ledger, const CounterSpec& spec);

// The counter SOURCE:METRIC:* (which counts its -imported floors too), for
// the callers that need one source's figure or the series behind it.
CounterSpec metric_counter(std::string_view source, std::string_view metric);

// evaluate(ledger, metric_counter(source, metric)).value. Saturates.
Count metric_sum(const Ledger& ledger, std::string_view source, std::string_view metric);

// The counter's value as of each day from the oldest to the newest day of
// its counted series, one point per day (none when nothing counts): each
// series' value as of the day (Series::value_history, one forward pass per
// series; the recurrence is in the essay of core/series.cpp) summed with the
// same floor rule as evaluate. Never decreases; its last point is
// evaluate(ledger, spec), value and day. Never fails; saturates.
std::vector<CounterPoint> counter_history(const Ledger& ledger, const CounterSpec& spec);

// A series that enters a counter with a total from before its first day:
// a cumulative series' first reading (an all-time number, counted before
// odometer read it) or a daily series whose first day holds a floor (a
// carried-in count up to that day). The counter's history steps up by it on
// that day although that day did not count it.
struct FirstReading {
  enum class Carried { all_time_total, floor };
  SeriesKey key;
  Day day;           // the series' first day
  Count amount = 0;  // its value as of that day (Series::value_as_of), > 0
  Carried carried = Carried::all_time_total;
  bool operator==(const FirstReading&) const = default;
};

// The first readings of every series the counter adds up (counted_series,
// -imported floors included) whose value as of its first day is above 0:
// cumulative series, and daily series with a floor on their first day. A
// later floor or a first day of plain day counts is not one. Sorted by day,
// then key. Never fails.
std::vector<FirstReading> first_readings(const Ledger& ledger, const CounterSpec& spec);

}  // namespace odometer
