#pragma once

// The badges and the dashboard of `render`, built from the counters, the
// ledger and the last collect run (given as a DashboardRun: report does not
// know collect's types).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/ledger.hpp"
#include "core/result.hpp"
#include "report/badge.hpp"
#include "report/dashboard.hpp"

namespace odometer {

// One output file, made in memory; cli writes it.
struct RenderedFile {
  std::filesystem::path name;  // relative to the output folder
  std::string text;
};

// badges/NAME.json (a shields.io endpoint document) and badges/NAME.svg
// for every counter, in the counter's colors. Errors (naming the counter)
// for a color or a label a badge cannot carry.
Result<std::vector<RenderedFile>> render_badges(const std::vector<CounterValue>& values,
                                                const BadgeColorScheme& colors);

// dashboard.html: render_dashboard of the ledger with the config's
// counters, the header and the last run. Never fails.
RenderedFile render_dashboard_file(const Ledger& ledger, const std::vector<CounterSpec>& counters,
                                   const DashboardHeader& header,
                                   const std::optional<DashboardRun>& last_run);

}  // namespace odometer
