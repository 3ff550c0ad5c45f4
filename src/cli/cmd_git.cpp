// The git side of the safety net: a merge driver that resolves every
// concurrent change of the ledger by the CRDT merge, and git-setup, which
// registers it and installs a pre-commit hook that refuses a commit that
// would lower any count.

#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "cli/command.hpp"
#include "history/git_repository.hpp"
#include "store/any_ledger.hpp"
#include "store/ledger_json.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

constexpr std::string_view k_hook_marker = "# odometer pre-commit hook";

struct MergeDriverOptions {
  std::string base;
  std::string ours;
  std::string theirs;
  std::string path;
};

Result<Ledger> read_side(const std::string& file, std::string_view label, const std::string& path) {
  auto text = read_file_if_exists(file);
  if (!text) {
    return text.error();
  }
  if (!text->has_value() || (*text)->empty()) {
    return Ledger();  // the file did not exist on that side
  }
  const std::string source = path + " (" + std::string(label) + ")";
  auto parsed = parse_any_ledger(**text, source, std::nullopt);
  if (!parsed) {
    return parsed.error();
  }
  if (parsed->format != LedgerFormat::odometer_ledger) {
    return make_error(source + " is not an odometer ledger; the merge driver only merges ledgers");
  }
  return std::move(parsed->ledger);
}

Result<int> run_merge_driver(const MergeDriverOptions& options) {
  Ledger merged;
  const std::pair<const std::string*, std::string_view> sides[] = {
      {&options.base, "common ancestor"}, {&options.ours, "ours"}, {&options.theirs, "theirs"}};
  for (const auto& [file, label] : sides) {
    auto side = read_side(*file, label, options.path);
    if (!side) {
      fmt::print(stderr, "odometer merge-driver: conflict: {}\n", side.error().message);
      return k_exit_error;
    }
    if (auto ok = merged.merge(*side); !ok) {
      fmt::print(stderr, "odometer merge-driver: conflict in {}: {}\n", options.path,
                 ok.error().message);
      return k_exit_error;
    }
  }
  if (auto ok = write_file_atomically(options.ours, write_ledger_json(merged)); !ok) {
    return ok.error();
  }
  return k_exit_ok;
}

struct GitSetupOptions {
  std::string path = k_default_ledger;
  std::string repo = ".";
};

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// The absolute path of the running odometer, so hooks and the driver find
// it even where it is not on PATH.
std::string own_executable() {
  std::error_code error;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("odometer") : path.string();
}

std::string hook_script(const std::string& ledger_path, const std::string& odometer) {
  std::ostringstream out;
  out << "#!/bin/sh\n"
      << k_hook_marker << " (installed by `odometer git-setup`): refuses a commit\n"
      << "# whose staged ledger holds less than the one in HEAD. Bypass: --no-verify.\n"
      << "ledger=" << shell_quote(ledger_path) << "\n"
      << "odometer=" << shell_quote(odometer) << "\n"
      << "git diff --cached --quiet -- \"$ledger\" && exit 0\n"
      << "git cat-file -e \"HEAD:$ledger\" 2>/dev/null || exit 0\n"
      << "if ! git cat-file -e \":$ledger\" 2>/dev/null; then\n"
      << "  echo \"odometer: this commit deletes $ledger; refused\" >&2\n"
      << "  exit 1\n"
      << "fi\n"
      << "dir=$(mktemp -d) || exit 1\n"
      << "trap 'rm -rf \"$dir\"' EXIT\n"
      << "git show \"HEAD:$ledger\" >\"$dir/HEAD\" && git show \":$ledger\" >\"$dir/staged\" || "
         "exit 1\n"
      << "if ! \"$odometer\" verify \"$dir/staged\" --against \"$dir/HEAD\" >/dev/null; then\n"
      << "  echo \"odometer: the staged $ledger lowers the counts above; commit refused\" >&2\n"
      << "  exit 1\n"
      << "fi\n";
  return out.str();
}

// Appends line to a text file unless it is there already.
Status add_line(const std::filesystem::path& file, const std::string& line) {
  auto text = read_file_if_exists(file);
  if (!text) {
    return text.error();
  }
  std::string content = text->value_or("");
  std::istringstream lines(content);
  for (std::string existing; std::getline(lines, existing);) {
    if (existing == line) {
      return {};
    }
  }
  if (!content.empty() && content.back() != '\n') {
    content += '\n';
  }
  std::error_code error;
  std::filesystem::create_directories(file.parent_path(), error);
  return write_file_atomically(file, content + line + "\n");
}

Result<int> run_git_setup(const GitSetupOptions& options) {
  auto repo = GitRepository::open(options.repo);
  if (!repo) {
    return repo.error();
  }
  if (repo->work_tree().empty()) {
    return make_error("git-setup needs a repository with a work tree");
  }
  const std::string odometer = own_executable();
  // Refuse before changing anything when a foreign hook is in the way.
  const auto hooks_path = repo->config("core.hooksPath");
  // Hooks live in the common folder even when run from a linked worktree.
  const auto hooks = hooks_path ? repo->work_tree() / *hooks_path : repo->common_dir() / "hooks";
  const auto hook = hooks / "pre-commit";
  auto existing = read_file_if_exists(hook);
  if (!existing) {
    return existing.error();
  }
  if (existing->has_value() && (*existing)->find(k_hook_marker) == std::string::npos) {
    return make_error(hook.string() +
                      " exists and is not odometer's; add this line to it instead:\n  " +
                      shell_quote(odometer) + " verify <staged ledger> --against <HEAD ledger>");
  }
  if (auto ok =
          repo->set_config("merge.odometer.name", "odometer ledger merge (never loses a count)");
      !ok) {
    return ok.error();
  }
  if (auto ok = repo->set_config("merge.odometer.driver",
                                 shell_quote(odometer) + " merge-driver %O %A %B %P");
      !ok) {
    return ok.error();
  }
  const std::string attribute = options.path + " merge=odometer";
  if (auto ok = add_line(repo->work_tree() / ".gitattributes", attribute); !ok) {
    return ok.error();
  }
  // The lock and the ETag cache beside the ledger are per machine.
  for (const char* suffix : {".lock", ".etags.json"}) {
    if (auto ok = add_line(repo->common_dir() / "info" / "exclude", options.path + suffix); !ok) {
      return ok.error();
    }
  }
  std::error_code error;
  std::filesystem::create_directories(hooks, error);
  if (auto ok = write_file_atomically(hook, hook_script(options.path, odometer)); !ok) {
    return ok.error();
  }
  if (::chmod(hook.c_str(), 0755) != 0) {
    return make_error(describe_errno("cannot make executable", hook));
  }
  fmt::print("registered the odometer merge driver for {} (.git/config, .gitattributes)\n",
             options.path);
  fmt::print("installed {}\n", hook.string());
  fmt::print("commit .gitattributes so that every clone merges {} this way\n", options.path);
  return k_exit_ok;
}

}  // namespace

void add_merge_driver_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<MergeDriverOptions>();
  auto* command = app.add_subcommand(
      "merge-driver",
      "git merge driver: writes the merge of the three versions of a ledger into %A (set up by "
      "git-setup)");
  command->add_option("BASE", options->base, "%O: the common ancestor's version")->required();
  command->add_option("OURS", options->ours, "%A: our version; receives the result")->required();
  command->add_option("THEIRS", options->theirs, "%B: their version")->required();
  command->add_option("PATH", options->path, "%P: the file's path, for messages");
  command->callback(
      [options, &chosen] { chosen = [options] { return run_merge_driver(*options); }; });
}

void add_git_setup_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<GitSetupOptions>();
  auto* command = app.add_subcommand(
      "git-setup",
      "Register the merge driver for the ledger (.git/config, .gitattributes) and install a "
      "pre-commit hook that refuses commits that lower a count");
  command->add_option("--path", options->path, "The ledger's path in the repository")
      ->capture_default_str();
  command->add_option("--repo", options->repo, "The repository (default: the current folder)");
  command->callback([options, &chosen] { chosen = [options] { return run_git_setup(*options); }; });
}

}  // namespace odometer::cli
