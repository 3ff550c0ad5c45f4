#pragma once

// The HTML dashboard: one self-contained page (inline CSS and SVG, no
// script, nothing loaded from anywhere) with the headline counters, their
// history, daily clones and views, per-repository and per-package tables,
// top referrers and paths, and what the last run could not collect.
//
// One job per file: this one assembles the page's sections;
// dashboard_style.hpp is how it looks, dashboard_charts.hpp draws the SVG
// charts, dashboard_queries.hpp reads the GitHub-shaped tables from the
// ledger, and every counter and its history come from the counter engine
// (core/counters.hpp).

#include <optional>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/ledger.hpp"
#include "core/timestamp.hpp"

namespace odometer {

// One source or entity that the last run could not collect.
struct RunFailure {
  std::string source;
  std::string entity;
  std::string reason;
};

// The last collect run as the page shows it (cli converts collect's note
// into it: report does not know collect's types).
struct DashboardRun {
  std::string finished_at;  // shown as given
  std::vector<RunFailure> failures;
};

// The page's header and title.
struct DashboardHeader {
  std::string title = "odometer";
  // A link in the header when it starts with https:// or http://; otherwise
  // shown as text; nothing when empty.
  std::string link;
  // The page's time (render's --now): each time shown says how many days
  // before it it was ("3 days ago"). nullopt: no such words.
  std::optional<Timestamp> now;
};

// The page as one HTML document: header, then for each counter of counters
// (in order) its label, value and the chart of its history (evaluate and
// counter_history of core/counters.hpp) with a numbered marker and a note on
// each day a series entered it with an earlier total (first_readings), then
// the ledger's GitHub sections (dashboard_traffic.hpp), packages, referrers
// and paths, then last_run (nullopt: the page says it has no record of a
// last run). The collection time shown is the ledger's updated_at. Never
// fails. Deterministic: the same input gives the same bytes (no clock is
// read; "days ago" counts from header.now). Every text that came from an API or a config (keys,
// referrers, paths, reasons, labels, the header) is HTML-escaped.
std::string render_dashboard(const Ledger& ledger, const std::vector<CounterSpec>& counters,
                             const DashboardHeader& header,
                             const std::optional<DashboardRun>& last_run);

}  // namespace odometer
