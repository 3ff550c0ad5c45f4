#pragma once

#include <functional>

#include <CLI/CLI.hpp>

#include "collect/exit_code.hpp"
#include "core/result.hpp"

namespace odometer::cli {

// The work of the subcommand that was chosen on the command line; it runs
// after parsing succeeded. Returns the exit code, or an error for main to print.
using CommandRunner = std::function<Result<int>()>;

// Each adds one subcommand to app; when it is chosen, it sets `chosen`.
void add_merge_command(CLI::App& app, CommandRunner& chosen);
void add_show_command(CLI::App& app, CommandRunner& chosen);
void add_verify_command(CLI::App& app, CommandRunner& chosen);
void add_observe_command(CLI::App& app, CommandRunner& chosen);
void add_import_command(CLI::App& app, CommandRunner& chosen);
void add_export_command(CLI::App& app, CommandRunner& chosen);
void add_recover_command(CLI::App& app, CommandRunner& chosen);
void add_merge_driver_command(CLI::App& app, CommandRunner& chosen);
void add_git_setup_command(CLI::App& app, CommandRunner& chosen);
void add_collect_command(CLI::App& app, CommandRunner& chosen);
void add_init_command(CLI::App& app, CommandRunner& chosen);
void add_render_command(CLI::App& app, CommandRunner& chosen);
void add_paths_command(CLI::App& app, CommandRunner& chosen);
void add_store_command(CLI::App& app, CommandRunner& chosen);

// The ledger file used when --ledger is not given.
inline constexpr const char* k_default_ledger = "odometer-ledger.json";

}  // namespace odometer::cli
