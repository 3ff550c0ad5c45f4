#include "cli/app.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command.hpp"
#include "core/shown.hpp"
#include "odometer/version.hpp"
#include "sources/source.hpp"
#include "util/redact.hpp"

namespace odometer::cli {

int run(int argc, const char* const* argv) {
  CLI::App app{"odometer: adoption counters that only ever go forward", "odometer"};
  app.set_version_flag("--version", std::string("odometer ") + k_version);
  app.require_subcommand(1);
  app.fallthrough(false);

  CommandRunner chosen;
  add_init_command(app, chosen);
  add_collect_command(app, chosen);
  add_merge_command(app, chosen);
  add_show_command(app, chosen);
  add_render_command(app, chosen);
  add_paths_command(app, chosen);
  add_verify_command(app, chosen);
  add_observe_command(app, chosen);
  add_import_command(app, chosen);
  add_export_command(app, chosen);
  add_recover_command(app, chosen);
  add_merge_driver_command(app, chosen);
  add_git_setup_command(app, chosen);
  add_store_command(app, chosen);

  // CLI11 would only say that a subcommand is required.
  std::vector<std::string> names;
  for (const auto* command : app.get_subcommands({})) {
    names.push_back(command->get_name());
  }
  if (argc > 1 && argv[1][0] != '-' &&
      std::find(names.begin(), names.end(), argv[1]) == names.end()) {
    const std::vector<std::string_view> candidates(names.begin(), names.end());
    const auto near = closest_match(argv[1], candidates);
    std::string list;
    for (const auto& name : names) {
      list.append(list.empty() ? "" : ", ").append(name);
    }
    fmt::print(stderr, "odometer: unknown command \"{}\"{}; the commands are {}\n", argv[1],
               near ? " (did you mean \"" + std::string(*near) + "\"?)" : std::string(), list);
    return k_exit_usage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? k_exit_ok : k_exit_usage;
  }
  try {
    auto outcome = chosen();
    if (!outcome) {
      fmt::print(stderr, "odometer: error: {}\n",
                 shown_message(hide_secrets(outcome.error().message)));
      return k_exit_error;
    }
    return *outcome;
  } catch (const std::exception& error) {
    fmt::print(stderr, "odometer: error: {}\n", shown_message(hide_secrets(error.what())));
    return k_exit_error;
  }
}

}  // namespace odometer::cli
