#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [npm] source: daily downloads of each package from the range
// endpoint, `npm:downloads:PACKAGE`. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_npm_source(const toml::table& table, const GetEnv& getenv,
                                        ConfigProblems& problems);

}  // namespace odometer
