#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [rubygems] source: all-time downloads of gems
// (rubygems:downloads:GEM). Keys: docs/series-keys.md.
std::unique_ptr<Source> make_rubygems_source(const toml::table& table, const GetEnv& getenv,
                                             ConfigProblems& problems);

}  // namespace odometer
