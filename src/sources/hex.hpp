#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [hex] source: all-time downloads of Hex packages
// (hex:downloads:NAME). Keys: docs/series-keys.md.
std::unique_ptr<Source> make_hex_source(const toml::table& table, const GetEnv& getenv,
                                        ConfigProblems& problems);

}  // namespace odometer
