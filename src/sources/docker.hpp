#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [docker] source: all-time pulls of Docker Hub repositories
// (docker:pulls:NAMESPACE/REPO). Keys: docs/series-keys.md.
std::unique_ptr<Source> make_docker_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

}  // namespace odometer
