#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [anaconda] source: all-time downloads of conda packages on
// anaconda.org channels. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_anaconda_source(const toml::table& table, const GetEnv& getenv,
                                             ConfigProblems& problems);

}  // namespace odometer
