#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [manual] source: hand-kept all-time numbers that no API gives
// (GitHub container pulls, Maven Central), each a full series key with an
// integer. Each becomes a `cumulative` observation of the run's day; no
// request is made. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_manual_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

}  // namespace odometer
