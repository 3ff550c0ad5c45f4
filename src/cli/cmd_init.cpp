// `odometer init`: writes a commented odometer.toml from flags and, with
// --from-cache, brings the replaced system's counts into the ledger first.
// The order matters: every check (names, an existing config, the cache
// itself) comes before any write, and the config is written last, so a
// failed init leaves no config behind and never touches one that exists.

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "cli/command.hpp"
#include "cli/import_file.hpp"
#include "collect/config.hpp"
#include "collect/init_config.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

namespace fs = std::filesystem;

// The replaced system wrote its public file beside the cache under this name.
constexpr const char* k_seed_public_name = "installs.json";

struct InitOptions {
  std::string config = k_default_config;
  InitSettings settings;
  std::optional<std::string> from_cache;
  std::optional<std::string> seed_public;
  std::optional<std::string> repo_owner;
  bool force = false;
};

// path as the config should name it: relative to the config's folder (the
// loader resolves paths from there), with '/' separators.
Result<std::string> relative_to_config(const fs::path& path, const fs::path& config) {
  std::error_code error;
  const fs::path target = fs::absolute(path, error).lexically_normal();
  if (error) {
    return make_error(path.string() + ": " + error.message());
  }
  const fs::path base = fs::absolute(config, error).parent_path().lexically_normal();
  if (error) {
    return make_error(config.string() + ": " + error.message());
  }
  return target.lexically_proximate(base).generic_string();
}

Result<int> run_init(InitOptions options) {
  InitSettings& settings = options.settings;
  remove_duplicate_names(settings);
  std::vector<std::string> problems = check_init_settings(settings);
  if (options.repo_owner) {
    if (auto problem = github_account_problem(*options.repo_owner)) {
      problems.push_back("--repo-owner " + toml_quote(*options.repo_owner) + ": " + *problem);
    }
  }
  if (options.seed_public && !options.from_cache) {
    problems.emplace_back("--seed-public goes with --from-cache");
  }
  if (!problems.empty()) {
    for (const auto& problem : problems) {
      fmt::print(stderr, "odometer: error: {}\n", problem);
    }
    fmt::print(stderr, "Run with --help for more information.\n");
    return k_exit_usage;
  }

  const fs::path config = options.config;
  std::error_code error;
  const fs::file_type type = fs::symlink_status(config, error).type();
  if (type == fs::file_type::none) {
    return make_error(config.string() + ": " + error.message());
  }
  if (type != fs::file_type::not_found && !options.force) {
    return make_error(config.string() +
                      " exists; pass --force to overwrite it (it was left as it was)");
  }

  if (options.from_cache) {
    auto seed_cache = relative_to_config(*options.from_cache, config);
    if (!seed_cache) {
      return seed_cache.error();
    }
    const fs::path public_file =
        options.seed_public ? fs::path(*options.seed_public)
                            : fs::path(*options.from_cache).parent_path() / k_seed_public_name;
    auto seed_public = relative_to_config(public_file, config);
    if (!seed_public) {
      return seed_public.error();
    }
    if (*seed_public == *seed_cache) {
      // Both outputs would write one file, each overwriting the other.
      fmt::print(stderr,
                 "odometer: error: --from-cache {}: installs.json would be the cache itself; "
                 "name another file with --seed-public\n",
                 *options.from_cache);
      return k_exit_usage;
    }
    settings.seed_cache = std::move(*seed_cache);
    settings.seed_public = std::move(*seed_public);
    // The cache names repositories without their owner; the account being
    // configured is the natural one.
    const auto owner = options.repo_owner
                           ? options.repo_owner
                           : (settings.github_org ? settings.github_org : settings.github_user);
    const fs::path ledger = config.parent_path() / settings.ledger;
    if (auto ok = import_into_ledger(*options.from_cache, ledger.string(), owner,
                                     ImportAccepts::cache_only);
        !ok) {
      return ok.error();
    }
  }

  if (auto ok = write_file_atomically(config, write_init_config(settings)); !ok) {
    return ok.error();
  }
  fmt::print("wrote {}\n", config.string());
  fmt::print("next: set GITHUB_TOKEN (docs/github-actions.md), then `odometer collect{}`\n",
             options.config == k_default_config ? "" : " --config " + options.config);
  return k_exit_ok;
}

}  // namespace

void add_init_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<InitOptions>();
  auto* command = app.add_subcommand(
      "init", "Write a commented odometer.toml, optionally importing a site's installs-cache.json");
  command->add_option("--config", options->config, "The config file to write")
      ->capture_default_str();
  command->add_option("--github-org", options->settings.github_org,
                      "Collect every repository of this GitHub organisation");
  command->add_option("--github-user", options->settings.github_user,
                      "Collect every public repository of this GitHub user");
  command->add_option("--npm", options->settings.npm_packages,
                      "npm packages (\"name\" or \"@scope/name\"); repeatable");
  command->add_option("--pypi", options->settings.pypi_packages, "PyPI projects; repeatable");
  command->add_option("--crates", options->settings.crates, "crates.io crates; repeatable");
  command
      ->add_option("--ledger", options->settings.ledger,
                   "[ledger] path, relative to the config's folder")
      ->capture_default_str();
  command->add_option("--from-cache", options->from_cache,
                      "Import this installs-cache.json into the ledger and keep writing it "
                      "(and installs.json beside it) from odometer");
  command->add_option("--seed-public", options->seed_public,
                      "With --from-cache: where installs.json goes, if not beside the cache");
  command->add_option("--repo-owner", options->repo_owner,
                      "With --from-cache: the GitHub owner of the cache's repositories "
                      "(default: --github-org or --github-user)");
  command->add_flag("--force", options->force, "Overwrite an existing config");
  command->callback([options, &chosen] { chosen = [options] { return run_init(*options); }; });
}

}  // namespace odometer::cli
