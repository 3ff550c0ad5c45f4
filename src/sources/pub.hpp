#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [pub] source: daily downloads of Dart and Flutter packages on
// pub.dev, and the 30-day count. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_pub_source(const toml::table& table, const GetEnv& getenv,
                                        ConfigProblems& problems);

}  // namespace odometer
