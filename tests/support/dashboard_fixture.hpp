#pragma once

#include "core/ledger.hpp"
#include "report/dashboard.hpp"

namespace odometer::testing {

// A fixed ledger for the dashboard and badge tests: GitHub traffic for two
// repositories over 30 days (2026-04-01 to 2026-04-30, one with a floor
// carried from before), stars, forks, release downloads, referrers and paths
// (with hostile names: a referrer "<script>alert(1)</script>" and a path with
// "&'<>), and two packages (npm daily, crates cumulative). Throws
// std::runtime_error if an observation is refused.
Ledger dashboard_fixture_ledger();

// The dashboard input for that ledger: the default counters, a collection
// time, a repository link, and a last run with two failures (one reason
// holding markup). ledger must outlive the returned input.
DashboardInput dashboard_fixture_input(const Ledger& ledger);

}  // namespace odometer::testing
