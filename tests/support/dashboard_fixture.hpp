#pragma once

// The dashboard's test fixture as a user has it: a ledger, a config and the
// note of a last collect run, in files that `odometer render` reads. The
// dashboard's tests and its Chromium screenshots render these with the real
// `odometer render`, so they test the page users get.

#include <filesystem>
#include <string>
#include <vector>

#include "collect/last_run.hpp"
#include "core/counters.hpp"
#include "core/ledger.hpp"

namespace odometer::testing {

// A fixed ledger for the dashboard and badge tests: GitHub traffic for two
// repositories over 30 days (2026-04-01 to 2026-04-30, one with a floor
// carried from before), stars, forks, release downloads, referrers and paths
// (with hostile names: a referrer "<script>alert(1)</script>" and a path with
// "&'<>), and two packages (npm daily, crates cumulative); updated at
// 2026-04-30T12:00:00Z. Throws std::runtime_error if an observation is
// refused.
Ledger dashboard_fixture_ledger();

// The text of the fixture's odometer.toml: [ledger] path = "ledger.json",
// five counters (installs, downloads, clones, views, release-downloads) and
// [outputs] that write only the dashboard, into out/.
std::string dashboard_fixture_config();

// The counters of dashboard_fixture_config(), as the config reader gives
// them. Throws std::runtime_error if the config does not parse.
std::vector<CounterSpec> dashboard_fixture_counters();

// A last run with two failures, one reason holding markup.
LastRun dashboard_fixture_last_run();

// Writes odometer.toml, ledger.json and ledger.json.last-run.json into dir
// (which must exist) and returns the config's path; the page is then
// `odometer render --config PATH`, at dir/out/dashboard.html. Throws
// std::runtime_error naming the file that cannot be written.
std::filesystem::path write_dashboard_fixture(const std::filesystem::path& dir);

}  // namespace odometer::testing
