#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "report/number_format.hpp"
#include "store/any_ledger.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

struct ImportOptions {
  std::string file;
  std::string ledger = k_default_ledger;
  std::optional<std::string> repo_owner;
};

Result<int> run_import(const ImportOptions& options) {
  auto text = read_file_if_exists(options.file);
  if (!text) {
    return text.error();
  }
  if (!text->has_value()) {
    return make_error(options.file + ": no such file");
  }
  auto imported = parse_any_ledger(**text, options.file, options.repo_owner);
  if (!imported) {
    return imported.error();
  }
  auto store = open_store(options.ledger);
  if (!store) {
    return store.error();
  }
  auto merged = (*store)->commit(imported->ledger);
  if (!merged) {
    return merged.error();
  }
  fmt::print("imported {} into {}: {} series\n", options.file, (*store)->describe(),
             imported->ledger.series().size());
  for (const auto& [key, series] : imported->ledger.series()) {
    const auto value = merged->find(key)->value();
    fmt::print("  {}  {}\n", key.str(), value ? with_thousands_separators(*value) : "-");
  }
  for (const auto& note : imported->notes) {
    fmt::print("note: {}\n", note);
  }
  return k_exit_ok;
}

}  // namespace

void add_import_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<ImportOptions>();
  auto* command = app.add_subcommand(
      "import",
      "Merge the replaced system's installs-cache.json (any generation) or another ledger into "
      "the ledger");
  command->add_option("FILE", options->file, "The cache (or ledger) file")->required();
  command->add_option("--ledger", options->ledger, "The ledger file")->capture_default_str();
  command->add_option("--repo-owner", options->repo_owner,
                      "The GitHub owner of the repositories in clonesByRepo/releasesByRepo");
  command->callback([options, &chosen] { chosen = [options] { return run_import(*options); }; });
}

}  // namespace odometer::cli
