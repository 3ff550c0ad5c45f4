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

// The ledger of a command that reads it (show, render).
struct LedgerChoice {
  std::string location;  // a file or a store URL, as read_ledger() takes it
  // What the collector's files are named after (the last-run note): the
  // ledger file; for a store, the config's odometer-store when it is the
  // config's store, else odometer-store in the current folder.
  std::filesystem::path local_files;
};

// --ledger when given (a file or a store URL), else the config's [ledger]
// store or path, else odometer-ledger.json in the current folder.
LedgerChoice choose_ledger(const std::optional<std::string>& option,
                           const std::optional<Config>& config);

}  // namespace odometer::cli
