#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [pypi] source: daily downloads without mirrors from pypistats,
// `pypi:downloads:NORMALISED-NAME`. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_pypi_source(const toml::table& table, const GetEnv& getenv,
                                         ConfigProblems& problems);

}  // namespace odometer
