#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [crates] source: all-time downloads of crates (crates:downloads:NAME)
// and the last 90 days per day (crates:downloads-daily:NAME). Needs a
// contact for the User-Agent. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_crates_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

}  // namespace odometer
