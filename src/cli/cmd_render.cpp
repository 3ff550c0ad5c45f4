// odometer render: every configured output, computed in memory first (so a
// bad ledger, config or --now writes nothing), then each file written
// atomically. The same ledger and --now give the same bytes.

#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "cli/command.hpp"
#include "cli/config_option.hpp"
#include "collect/last_run.hpp"
#include "report/counters_json.hpp"
#include "report/ledger_csv.hpp"
#include "report/summary.hpp"
#include "report/visual_outputs.hpp"
#include "store/site_files.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"

namespace odometer::cli {

namespace {

struct RenderOptions {
  std::optional<std::string> config;
  std::optional<std::string> ledger;
  std::optional<std::string> out;
  std::optional<std::string> now;
};

struct OutputFile {
  std::filesystem::path path;
  std::string text;
};

// The site files of [outputs] seed_cache and seed_public (a docs site's
// installs-cache.json and installs.json), and a note on stderr naming the
// series they have no field for.
Result<std::vector<OutputFile>> site_files(const Ledger& ledger, const OutputSettings& outputs,
                                           const std::vector<CounterSpec>& counters,
                                           Timestamp now) {
  if (!outputs.seed_cache && !outputs.seed_public) {
    return std::vector<OutputFile>{};
  }
  auto site = make_site_files(ledger, outputs.repo_owner, counters, now);
  if (!site) {
    return make_error("the site files: " + site.error().message + " with [outputs] repo_owner");
  }
  if (const auto note = left_out_note(*site)) {
    fmt::print(stderr, "note: {}\n", *note);
  }
  std::vector<OutputFile> files;
  if (outputs.seed_cache) {
    files.push_back(OutputFile{*outputs.seed_cache, std::move(site->cache_json)});
  }
  if (outputs.seed_public) {
    files.push_back(OutputFile{*outputs.seed_public, std::move(site->public_json)});
  }
  return files;
}

// The last collect run as the dashboard shows it.
DashboardRun dashboard_run(const LastRun& last_run) {
  DashboardRun run{last_run.finished_at.to_string(), {}};
  for (const auto& problem : last_run.problems) {
    run.failures.push_back(
        RunFailure{problem.source, problem.entity,
                   std::string(to_string(problem.state)) + ": " + problem.reason});
  }
  return run;
}

Result<int> run_render(const RenderOptions& options) {
  auto config = load_optional_config(options.config);
  if (!config) {
    return config.error();
  }
  Timestamp now = Timestamp::now();
  if (options.now) {
    auto parsed = Timestamp::parse(*options.now);
    if (!parsed) {
      return make_error("--now: " + parsed.error().message +
                        " (expected UTC like 2026-05-02T12:00:00Z)");
    }
    now = *parsed;
  }
  const LedgerChoice choice = choose_ledger(options.ledger, *config);
  auto ledger = read_ledger(choice.location);
  if (!ledger) {
    return ledger.error();
  }
  const std::vector<CounterSpec> counters = *config ? (*config)->counters : default_counters();
  const OutputSettings outputs = *config ? (*config)->outputs : OutputSettings{};
  const std::filesystem::path dir = options.out ? std::filesystem::path(*options.out) : outputs.dir;
  const std::vector<CounterValue> values = evaluate_all(*ledger, counters);

  std::vector<OutputFile> files;
  if (outputs.summary) {
    files.push_back(
        OutputFile{dir / "summary.txt", format_summary(outputs.summary_format, values) + "\n"});
  }
  if (outputs.counters) {
    files.push_back(OutputFile{dir / "counters.json", counters_json(values, now)});
  }
  if (outputs.csv) {
    files.push_back(OutputFile{dir / "ledger.csv", ledger_csv(*ledger)});
  }
  if (outputs.badges) {
    auto badges = render_badges(values, outputs.badge_colors);
    if (!badges) {
      return badges.error();
    }
    for (auto& badge : *badges) {
      files.push_back(OutputFile{dir / badge.name, std::move(badge.text)});
    }
  }
  if (outputs.dashboard) {
    // The note of the last collect run beside the ledger; a damaged one is
    // reported, not fatal: the numbers are in the ledger.
    std::optional<DashboardRun> last_run;
    if (auto read = read_last_run(last_run_path(choice.local_files)); !read) {
      fmt::print(stderr, "warning: {}\n", read.error().message);
    } else if (*read) {
      last_run = dashboard_run(**read);
    }
    auto page = render_dashboard_file(*ledger, counters,
                                      DashboardHeader{outputs.title, outputs.link, now}, last_run);
    files.push_back(OutputFile{dir / page.name, std::move(page.text)});
  }
  auto site = site_files(*ledger, outputs, counters, now);
  if (!site) {
    return site.error();
  }
  files.insert(files.end(), site->begin(), site->end());

  for (const auto& file : files) {
    if (const auto folder = file.path.parent_path(); !folder.empty()) {
      std::error_code error;
      std::filesystem::create_directories(folder, error);
      if (error) {
        return make_error("cannot create folder " + folder.string() + ": " + error.message());
      }
    }
    if (auto ok = write_file_atomically(file.path, file.text); !ok) {
      return ok.error();
    }
    fmt::print("{}\n", file.path.string());
  }
  // What a person running it wants to see last: the line and the page.
  if (outputs.summary) {
    fmt::print("\n{}\n", format_summary(outputs.summary_format, values));
  }
  if (outputs.dashboard) {
    fmt::print("dashboard: {}\n", (dir / "dashboard.html").string());
  }
  return k_exit_ok;
}

}  // namespace

void add_render_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<RenderOptions>();
  auto* command = app.add_subcommand(
      "render",
      "Write the outputs of [outputs] (summary.txt, counters.json, badges, ledger.csv, "
      "dashboard.html, a site's installs-cache.json and installs.json) from the ledger; prints "
      "each path written, then the summary line");
  command->add_option("--config", options->config,
                      "The config file (default: odometer.toml if it exists, else defaults)");
  command->add_option("--ledger", options->ledger,
                      "The ledger file or store URL (default: the config's, else "
                      "odometer-ledger.json)");
  command->add_option("--out", options->out,
                      "The output folder (default: [outputs] dir, else odometer-out beside the "
                      "config)");
  command->add_option("--now", options->now,
                      "The time written as counters.json's updated_at, RFC 3339 UTC like "
                      "2026-05-02T12:00:00Z (default: now)");
  command->callback([options, &chosen] { chosen = [options] { return run_render(*options); }; });
}

}  // namespace odometer::cli
