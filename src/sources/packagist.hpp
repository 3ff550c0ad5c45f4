#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [packagist] source: all-time installs of Composer packages
// (packagist:downloads:VENDOR/PACKAGE). Keys: docs/series-keys.md.
std::unique_ptr<Source> make_packagist_source(const toml::table& table, const GetEnv& getenv,
                                              ConfigProblems& problems);

}  // namespace odometer
