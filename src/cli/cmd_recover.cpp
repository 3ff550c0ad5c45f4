#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "history/recover.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct RecoverOptions {
  std::string path;
  std::string repo = ".";
  std::optional<std::string> rev;
  std::optional<std::string> repo_owner;
  std::string output;
};

void print_lossy_commits(const Recovery& recovery) {
  if (recovery.lossy.empty()) {
    fmt::print("no commit lowered or dropped anything\n");
    return;
  }
  fmt::print("commits that lowered or dropped something:\n");
  fmt::print("{:<9}  {:<10}  {}\n", "COMMIT", "DATE", "SUBJECT / WHAT DROPPED");
  for (const auto& lossy : recovery.lossy) {
    fmt::print("{:<9}  {:<10}  {}\n", lossy.commit.id.substr(0, 7),
               lossy.commit.when.day().to_string(), lossy.commit.subject);
    for (const auto& loss : lossy.losses) {
      fmt::print("{:<9}  {:<10}    {}\n", "", "", loss);
    }
  }
}

Result<int> run_recover(const RecoverOptions& options) {
  auto repo = GitRepository::open(options.repo);
  if (!repo) {
    return repo.error();
  }
  auto recovery = recover(*repo, options.path, options.rev, options.repo_owner);
  if (!recovery) {
    return recovery.error();
  }
  if (recovery->versions == 0) {
    return make_error("no commit reachable from " + options.rev.value_or("any ref") + " has " +
                      options.path);
  }
  fmt::print("read {} versions of {} ({} distinct) in {} commits\n", recovery->versions,
             options.path, recovery->distinct, recovery->commits);
  for (const auto& problem : recovery->problems) {
    fmt::print(stderr, "warning: left out {}\n", problem);
  }
  print_lossy_commits(*recovery);
  if (options.output.empty()) {
    return k_exit_ok;
  }
  auto store = open_store(options.output);
  if (!store) {
    return store.error();
  }
  auto merged = (*store)->commit_without_readback(recovery->ledger);
  if (!merged) {
    return merged.error();
  }
  fmt::print("wrote {}: {} series\n", (*store)->describe(), merged->series);
  return k_exit_ok;
}

}  // namespace

void add_recover_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<RecoverOptions>();
  auto* command = app.add_subcommand(
      "recover",
      "Rebuild the best ledger from every version of a file in git history, and list the commits "
      "that lowered or dropped counts");
  command
      ->add_option("--path", options->path,
                   "The file's path in the repository (a ledger or an installs-cache.json)")
      ->required();
  command->add_option("--repo", options->repo, "The repository (default: the current folder)");
  command->add_option("--rev", options->rev,
                      "Walk the history of this revision (default: all refs)");
  command->add_option("--repo-owner", options->repo_owner,
                      "The GitHub owner of the repositories in a cache's clonesByRepo");
  command->add_option("-o,--output", options->output,
                      "Merge the recovered state into this ledger file or store URL");
  command->callback([options, &chosen] { chosen = [options] { return run_recover(*options); }; });
}

}  // namespace odometer::cli
