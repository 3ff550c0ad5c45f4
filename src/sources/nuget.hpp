#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [nuget] source: all-time downloads of NuGet packages
// (nuget:downloads:ID), read from the search service named in the
// service index. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_nuget_source(const toml::table& table, const GetEnv& getenv,
                                          ConfigProblems& problems);

}  // namespace odometer
