#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "store/seed_cache.hpp"
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
  auto owner =
      options.repo_owner ? Result<std::string>(*options.repo_owner) : infer_repo_owner(*ledger);
  if (!owner) {
    return make_error(owner.error().message + " with --repo-owner");
  }
  const Timestamp fetched_at = ledger->updated_at().value_or(Timestamp::now());
  const SeedCache cache = seed_cache_from_ledger(*ledger, *owner, fetched_at);
  const std::string text =
      options.format == "public" ? write_seed_public(cache) : write_seed_cache(cache);
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
                         "Write the replaced system's files from the ledger: installs-cache.json "
                         "(seed-cache) or installs.json (public)");
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
