#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [openvsx] source: all-time downloads of extensions on Open VSX (or a
// registry that runs the same server). Keys: docs/series-keys.md.
std::unique_ptr<Source> make_openvsx_source(const toml::table& table, const GetEnv& getenv,
                                            ConfigProblems& problems);

}  // namespace odometer
