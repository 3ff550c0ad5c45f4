#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "store/site_files.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

struct ExportOptions {
  std::string format;
  std::string ledger = k_default_ledger;
  std::optional<std::string> repo_owner;
  std::string output;
};

Result<int> run_export(const ExportOptions& options) {
  auto ledger = read_ledger(options.ledger);
  if (!ledger) {
    return ledger.error();
  }
  // The same files as render's [outputs] seed_cache and seed_public.
  auto site = make_site_files(*ledger, options.repo_owner, default_counters(), Timestamp::now());
  if (!site) {
    return make_error(site.error().message + " with --repo-owner");
  }
  if (const auto note = left_out_note(*site)) {
    fmt::print(stderr, "note: {}\n", *note);
  }
  const std::string& text = options.format == "public" ? site->public_json : site->cache_json;
  if (options.output.empty()) {
    fmt::print("{}", text);
    return k_exit_ok;
  }
  if (auto ok = write_file_atomically(options.output, text); !ok) {
    return ok.error();
  }
  return k_exit_ok;
}

}  // namespace

void add_export_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<ExportOptions>();
  auto* command =
      app.add_subcommand("export",
                         "Write a docs site's installs counter files from the ledger: its cache "
                         "installs-cache.json (seed-cache) or the public installs.json (public)");
  command->add_option("--format", options->format, "seed-cache or public")
      ->required()
      ->check(CLI::IsMember({"seed-cache", "public"}));
  command->add_option("--ledger", options->ledger, "The ledger file or store URL")
      ->capture_default_str();
  command->add_option("--repo-owner", options->repo_owner,
                      "Whose repositories go into clonesByRepo/releasesByRepo (default: the only "
                      "owner in the ledger)");
  command->add_option("-o,--output", options->output, "Write here (atomically) instead of stdout");
  command->callback([options, &chosen] { chosen = [options] { return run_export(*options); }; });
}

}  // namespace odometer::cli
