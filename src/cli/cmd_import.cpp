#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "cli/import_file.hpp"
#include "store/any_ledger.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string ledger = k_default_ledger;
  std::optional<std::string> repo_owner;
};

Result<int> run_import(const ImportOptions& options) {
  if (auto ok = import_into_ledger(options.file, options.ledger, options.repo_owner,
                                   ImportAccepts::cache_or_ledger);
      !ok) {
    return ok.error();
  }
  return k_exit_ok;
}

}  // namespace

Status import_into_ledger(const std::string& file, const std::string& ledger,
                          const std::optional<std::string>& repo_owner, ImportAccepts accepts) {
  auto text = read_file_if_exists(file);
  if (!text) {
    return text.error();
  }
  if (!text->has_value()) {
    return make_error(file + ": no such file");
  }
  auto imported = parse_any_ledger(**text, file, repo_owner);
  if (!imported) {
    return imported.error();
  }
  if (accepts == ImportAccepts::cache_only && imported->format != LedgerFormat::seed_cache) {
    return make_error(file + " is an odometer ledger, not a site's installs-cache.json");
  }
  auto store = open_store(ledger);
  if (!store) {
    return store.error();
  }
  auto merged = (*store)->commit(imported->ledger);
  if (!merged) {
    return merged.error();
  }
  fmt::print("imported {} into {}: {} series\n", file, (*store)->describe(),
             imported->ledger.series().size());
  for (const auto& [key, series] : imported->ledger.series()) {
    const auto value = merged->find(key)->value();
    fmt::print("  {}  {}\n", key.str(), value ? with_thousands_separators(*value) : "-");
  }
  for (const auto& note : imported->notes) {
    fmt::print("note: {}\n", note);
  }
  return {};
}

void add_import_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<ImportOptions>();
  auto* command = app.add_subcommand(
      "import",
      "Merge a site's installs-cache.json (the cache of a VitePress installs counter, any "
      "generation) or another ledger into the ledger");
  command->add_option("FILE", options->file, "The cache (or ledger) file")->required();
  command->add_option("--ledger", options->ledger, "The ledger file or store URL")
      ->capture_default_str();
  command->add_option("--repo-owner", options->repo_owner,
                      "The GitHub owner of the repositories in clonesByRepo/releasesByRepo");
  command->callback([options, &chosen] { chosen = [options] { return run_import(*options); }; });
}

}  // namespace odometer::cli
