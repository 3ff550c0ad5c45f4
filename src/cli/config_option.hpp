#pragma once

#include <optional>
#include <string>

#include "collect/config.hpp"

namespace odometer::cli {

// The config for commands where it is optional (show, render): the file
// given with --config (an error if it is missing or bad), else
// odometer.toml in the current folder if it exists, else nullopt (the
// defaults). Sources read their tokens from the process environment.
Result<std::optional<Config>> load_optional_config(const std::optional<std::string>& path);

// The ledger a command reads: --ledger when given, else the config's
// [ledger], else odometer-ledger.json in the current folder.
std::string ledger_location(const std::optional<std::string>& option,
                            const std::optional<Config>& config);

}  // namespace odometer::cli
