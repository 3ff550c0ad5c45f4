#pragma once

#include <memory>

#include "sources/source.hpp"

namespace odometer {

// The [vscode] source: all-time installs and updates of extensions on the
// Visual Studio Code Marketplace. Keys: docs/series-keys.md.
std::unique_ptr<Source> make_vscode_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

}  // namespace odometer
