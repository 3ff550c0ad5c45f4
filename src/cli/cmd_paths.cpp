// odometer paths: where the config keeps the ledger and where render writes,
// for scripts that commit them (the GitHub Action's scripts/action.sh).

#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "cli/config_option.hpp"
#include "store/store.hpp"
#include "util/redact.hpp"

namespace odometer::cli {

namespace {

struct PathsOptions {
  std::optional<std::string> config;
};

Result<int> run_paths(const PathsOptions& options) {
  auto config = load_optional_config(options.config);
  if (!config) {
    return config.error();
  }
  const OutputSettings outputs = *config ? (*config)->outputs : OutputSettings{};
  const std::string location = choose_ledger(std::nullopt, *config).location;
  if (ledger_file_path(location)) {
    fmt::print("ledger\t{}\n", location);
  } else {
    fmt::print("store\t{}\n", redact_url(location));  // a database: nothing to commit
  }
  fmt::print("outputs\t{}\n", outputs.dir.string());
  if (outputs.seed_cache) {
    fmt::print("site-cache\t{}\n", outputs.seed_cache->string());
  }
  if (outputs.seed_public) {
    fmt::print("site-public\t{}\n", outputs.seed_public->string());
  }
  return k_exit_ok;
}

}  // namespace

void add_paths_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<PathsOptions>();
  auto* command = app.add_subcommand(
      "paths",
      "Print where the config keeps the ledger and what render writes, one \"KIND<TAB>PATH\" a "
      "line: ledger (a file) or store (a database URL, its password hidden), outputs (the "
      "folder), site-cache and site-public (when set)");
  command->add_option("--config", options->config,
                      "The config file (default: odometer.toml if it exists, else defaults)");
  command->callback([options, &chosen] { chosen = [options] { return run_paths(*options); }; });
}

}  // namespace odometer::cli
