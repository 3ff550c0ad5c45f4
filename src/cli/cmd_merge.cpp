#include <fmt/core.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/command.hpp"
#include "store/store.hpp"

namespace odometer::cli {

namespace {

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string output;
};

Result<int> run_merge(const MergeOptions& options) {
  Ledger merged;
  for (const auto& input : options.inputs) {
    auto ledger = read_ledger(input);
    if (!ledger) {
      return ledger.error();
    }
    if (merged.empty() && !merged.updated_at()) {
      merged = std::move(*ledger);  // the first input: no copy of millions of days
    } else if (auto ok = merged.merge(*ledger); !ok) {
      return make_error(input + ": " + ok.error().message);
    }
  }
  auto store = open_store(options.output);
  if (!store) {
    return store.error();
  }
  auto result = (*store)->commit_without_readback(merged);
  if (!result) {
    return result.error();
  }
  fmt::print("merged {} ledger(s) into {}: {} series\n", options.inputs.size(),
             (*store)->describe(), result->series);
  return k_exit_ok;
}

}  // namespace

void add_merge_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<MergeOptions>();
  auto* command = app.add_subcommand(
      "merge",
      "Merge ledgers (files or store URLs) into OUT without losing any count (OUT may be one of "
      "the inputs; a file is locked and replaced atomically, a database gets one transaction)");
  command->add_option("FILE", options->inputs, "Ledger files or store URLs to merge")->required();
  command->add_option("-o,--output", options->output, "The ledger file or store URL to merge into")
      ->required();
  command->callback([options, &chosen] { chosen = [options] { return run_merge(*options); }; });
}

}  // namespace odometer::cli
