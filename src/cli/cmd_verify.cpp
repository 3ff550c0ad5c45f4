#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "history/git_repository.hpp"
#include "store/any_ledger.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct VerifyOptions {
  std::string candidate;
  std::string against;
  std::optional<std::string> repo_owner;
};

std::string number_or_none(const std::optional<Count>& value) {
  return value ? with_thousands_separators(*value) : "none";
}

Result<Ledger> read_any(const std::string& text, const std::string& source,
                        const VerifyOptions& options) {
  auto parsed = parse_any_ledger(text, source, options.repo_owner);
  if (!parsed) {
    return parsed.error();
  }
  return std::move(parsed->ledger);
}

Result<Ledger> read_file_ledger(const std::string& file, const VerifyOptions& options) {
  auto text = read_file_if_exists(file);
  if (!text) {
    return text.error();
  }
  if (!text->has_value()) {
    return make_error(file + ": no such file");
  }
  return read_any(**text, file, options);
}

// A ledger file (or an installs-cache) as read_file_ledger reads it, or the
// ledger of a store URL.
Result<Ledger> read_location(const std::string& location, const VerifyOptions& options) {
  if (auto file = ledger_file_path(location)) {
    return read_file_ledger(file->string(), options);
  }
  return read_ledger(location);
}

// The version of the candidate's file at git revision rev; an empty ledger
// when the file did not exist there (nothing can be lost).
Result<Ledger> read_revision_ledger(const std::string& rev, const VerifyOptions& options) {
  const auto candidate = ledger_file_path(options.candidate);
  if (!candidate) {
    return make_error("--against " + rev +
                      ": not a file or a store URL, and NEW is a database, which has no git "
                      "history to take a revision from");
  }
  const auto folder = std::filesystem::absolute(*candidate).parent_path();
  auto repo = GitRepository::open(folder);
  if (!repo) {
    return make_error("--against " + rev + ": not a file, and " + repo.error().message);
  }
  auto path = repo->relative_path(*candidate);
  if (!path) {
    return path.error();
  }
  auto text = repo->file_at(rev, *path);
  if (!text) {
    return make_error("--against " + rev + ": not a file, and " + text.error().message);
  }
  if (!text->has_value()) {
    return Ledger();
  }
  return read_any(**text, *path + " at " + rev, options);
}

Result<int> run_verify(const VerifyOptions& options) {
  auto candidate = read_location(options.candidate, options);
  if (!candidate) {
    return candidate.error();
  }
  // A store URL, else a file that exists, else a revision of NEW's file.
  const auto against_file = ledger_file_path(options.against);
  auto old = !against_file || std::filesystem::exists(*against_file)
                 ? read_location(options.against, options)
                 : read_revision_ledger(options.against, options);
  if (!old) {
    return old.error();
  }
  const auto found = regressions(*old, *candidate);
  if (found.empty()) {
    fmt::print("{}: no regressions against {} ({} series checked)\n", redact_url(options.candidate),
               redact_url(options.against), old->series().size());
    return k_exit_ok;
  }
  fmt::print(stderr, "{}: {} regression(s) against {}:\n", redact_url(options.candidate),
             found.size(), redact_url(options.against));
  for (const auto& regression : found) {
    fmt::print(stderr, "  {}: {} {} -> {}\n", regression.key.str(), regression.what,
               number_or_none(regression.old_value), number_or_none(regression.new_value));
  }
  return k_exit_regressions;
}

}  // namespace

void add_verify_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<VerifyOptions>();
  auto* command = app.add_subcommand(
      "verify",
      "Check that NEW keeps every count of OLD; print each key that dropped or vanished and exit "
      "4 if any did");
  command
      ->add_option("NEW", options->candidate,
                   "The ledger (or installs-cache) file, or the store URL, to check")
      ->required();
  command
      ->add_option("--against", options->against,
                   "The file or store URL it must not lose from, or a git revision (HEAD, main, "
                   "a commit) whose version of NEW it must not lose from (NEW a file)")
      ->required();
  command->add_option("--repo-owner", options->repo_owner,
                      "The GitHub owner, when comparing installs-cache files with clonesByRepo");
  command->callback([options, &chosen] { chosen = [options] { return run_verify(*options); }; });
}

}  // namespace odometer::cli
