#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [homebrew] source: install counts of formulae and casks over rolling
// 30/90/365-day windows, as gauges. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_homebrew_source(const toml::table& table, const GetEnv& getenv,
                                             ConfigProblems& problems);

}  // namespace odometer
