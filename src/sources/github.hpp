#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [github] source: every repository of an org or user and/or a list;
// traffic (clones, views, referrers, paths), stars, forks and release
// downloads. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_github_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

}  // namespace odometer
