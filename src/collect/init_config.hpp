#pragma once

// The odometer.toml that `odometer init` writes: the checks of the names it
// is given and the commented text itself. Pure: no files, no network.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odometer {

// What goes into a new config. Names are checked by check_init_settings;
// paths are written as given (relative ones are relative to the config's
// folder, as the loader reads them).
struct InitSettings {
  std::optional<std::string> github_org;
  std::optional<std::string> github_user;
  std::vector<std::string> npm_packages;
  std::vector<std::string> pypi_packages;
  std::vector<std::string> crates;
  std::string ledger = "odometer-ledger.json";
  // [outputs] seed_cache / seed_public: set when a cache of the replaced
  // system is imported, so the site keeps its file names.
  std::optional<std::string> seed_cache;
  std::optional<std::string> seed_public;
};

// Why name is not a GitHub organisation or user name, or nullopt when it is
// one: letters, digits, '-' and '_', starting with a letter or digit, at
// most 100 characters (a subset of what [github] accepts).
std::optional<std::string> github_account_problem(std::string_view name);

// Why name is not an npm package name ("name" or "@scope/name"), or nullopt.
// Follows npm's rules for existing packages: at most 214 characters, no
// leading '.' or '_', only characters that need no escaping in a URL; old
// packages may have capitals, so capitals are accepted.
std::optional<std::string> npm_package_problem(std::string_view name);

// Why name is not a PyPI project name (PEP 508: ASCII letters, digits, '.',
// '-', '_', starting and ending with a letter or digit), or nullopt.
std::optional<std::string> pypi_package_problem(std::string_view name);

// Why name is not a crates.io crate name (ASCII letters, digits, '-', '_',
// starting with a letter, at most 64 characters), or nullopt.
std::optional<std::string> crate_name_problem(std::string_view name);

// Every problem of settings at once, one message each, naming the flag and
// the value ("--npm \"Bad Name\": ..."). Empty when all is well.
std::vector<std::string> check_init_settings(const InitSettings& settings);

// Removes repeated names, keeping the first of each (a name given twice
// would be refused by its table); PyPI names that normalise to one
// project are one name.
void remove_duplicate_names(InitSettings& settings);

// The config text: every table with a comment saying what it is for, the
// ones without values as commented-out examples. Expects settings that
// check_init_settings accepts.
std::string write_init_config(const InitSettings& settings);

// text as a TOML basic string, quotes included.
std::string toml_quote(std::string_view text);

}  // namespace odometer
