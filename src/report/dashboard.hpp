#pragma once

// The HTML dashboard: one self-contained page (inline CSS and SVG, no
// script, nothing loaded from anywhere) with the headline counters, their
// history, daily clones and views, per-repository and per-package tables,
// top referrers and paths, and what the last run could not collect.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/day.hpp"
#include "core/ledger.hpp"
#include "core/series.hpp"
#include "core/series_key.hpp"

namespace odometer {

// One point of a chart: a value on a day.
struct DayCount {
  Day day;
  Count value = 0;
  bool operator==(const DayCount&) const = default;
};

// A headline figure: a named counter, its value now and its history.
struct DashboardCounter {
  std::string name;   // as in the config, e.g. "installs"
  std::string label;  // what a reader sees, e.g. "Package installs"
  Count value = 0;
  std::vector<DayCount> history;  // oldest first; no chart when empty
};

// One source or entity that the last run could not collect.
struct RunFailure {
  std::string source;
  std::string entity;
  std::string reason;
};

struct DashboardRun {
  std::string finished_at;  // shown as given
  std::vector<RunFailure> failures;
};

struct DashboardInput {
  std::string title = "odometer";
  std::string collected_at;  // when the data was collected, shown as given
  // A link in the header when it starts with https:// or http://; otherwise
  // shown as text.
  std::string repository_url;
  std::vector<DashboardCounter> counters;
  // The series behind the charts and tables; not owned, must outlive the
  // call. Null: only the counters and the last run are shown.
  const Ledger* ledger = nullptr;
  // Nullopt: the page says it has no record of a last run.
  std::optional<DashboardRun> last_run;
};

// The page as one HTML document. Deterministic: the same input gives the same
// bytes (no clock is read). Every text that came from an API or a config
// (keys, referrers, paths, reasons, labels) is HTML-escaped.
std::string render_dashboard(const DashboardInput& input);

// The value of series as it stood at the end of day: daily totals count days
// and floors up to day, a cumulative series its highest value up to day, a
// gauge its newest reading up to day. Nullopt for a non-additive daily series
// or one with nothing up to day.
std::optional<Count> value_as_of(const Series& series, Day day);

// The sum over the selected series of value_as_of, on every day on which one
// of them holds a number (oldest first; saturating). The history of a counter
// whose value is that sum.
std::vector<DayCount> history_of(const Ledger& ledger,
                                 const std::function<bool(const SeriesKey&)>& selects);

// Default headline counters for a ledger without a config, each present only
// when some series feeds it: package downloads (every non-GitHub series whose
// metric is downloads, pulls or installs), repository clones, views, release
// downloads and stars, with their histories. Imported sums
// (METRIC-imported) are not included.
DashboardInput dashboard_input_from_ledger(const Ledger& ledger, std::string title,
                                           std::string collected_at);

}  // namespace odometer
