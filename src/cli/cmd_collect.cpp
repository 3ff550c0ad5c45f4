#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "collect/collect.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct CollectCliOptions {
  std::string config = k_default_config;
  CollectOptions run;
  std::string record;
  std::string replay;
  std::size_t jobs = 0;
  std::string shard;  // "K/N"
  bool verbose = false;
};

// One status line per run on a terminal ("github 12/16 · npm 3/3"),
// redrawn in place; nothing at all when stderr is not a terminal.
class ProgressLine {
public:
  ProgressLine() : m_enabled(::isatty(STDERR_FILENO) == 1) {}

  void update(const std::string& source, std::size_t done, std::size_t total) {
    if (!m_enabled) {
      return;
    }
    const std::lock_guard lock(m_mutex);
    m_state[source] = {done, total};
    std::string line;
    for (const auto& [name, counts] : m_state) {
      line += (line.empty() ? "" : " · ") + name + " " + std::to_string(counts.first) + "/" +
              std::to_string(counts.second);
    }
    fmt::print(stderr, "\r\033[K{}", line);
    (void)std::fflush(stderr);
  }

  void finish() {
    if (m_enabled && !m_state.empty()) {
      fmt::print(stderr, "\r\033[K");
    }
  }

private:
  bool m_enabled;
  std::mutex m_mutex;
  std::map<std::string, std::pair<std::size_t, std::size_t>> m_state;
};

std::string status_text(const SourceResult& result) {
  if (result.state != SourceState::ok) {
    return std::string(to_string(result.state)) + ": " + result.reason;
  }
  std::size_t failed = 0;
  std::size_t skipped = 0;
  for (const auto& problem : result.problems) {
    (problem.state == SourceState::skipped ? skipped : failed) += 1;
  }
  std::string text = failed > 0 ? "failed for " + std::to_string(failed) : "ok";
  if (skipped > 0) {
    text += ", skipped for " + std::to_string(skipped);
  }
  if (!result.deferred.empty()) {
    text += ", " + std::to_string(result.deferred.size()) + " deferred to a later run";
  }
  return text;
}

// Deferred entities, by name with --verbose; else how many and the
// earliest due (the reasons sort by their day).
void print_deferred(const SourceOutcome& outcome, bool verbose) {
  const auto& deferred = outcome.result.deferred;
  if (deferred.empty()) {
    return;
  }
  if (verbose || deferred.size() == 1) {
    for (const auto& entity : deferred) {
      fmt::print("  {} {}: {}\n", outcome.name, entity.entity, entity.reason);
    }
    return;
  }
  const auto first =
      std::min_element(deferred.begin(), deferred.end(),
                       [](const auto& a, const auto& b) { return a.reason < b.reason; });
  fmt::print("  {} ({} entities, e.g. {}): {}\n", outcome.name, deferred.size(), first->entity,
             first->reason);
}

void print_problems(const SourceOutcome& outcome, bool verbose) {
  // Without --verbose the same reason for many entities is one line.
  std::map<std::string, std::vector<std::string>> by_reason;
  for (const auto& problem : outcome.result.problems) {
    by_reason[std::string(to_string(problem.state)) + ": " + problem.reason].push_back(
        problem.entity);
  }
  for (const auto& [reason, entities] : by_reason) {
    if (verbose || entities.size() == 1) {
      for (const auto& entity : entities) {
        // An empty entity is the source as a whole (the new-series cap).
        fmt::print("  {}{}{}: {}\n", outcome.name, entity.empty() ? "" : " ", entity, reason);
      }
    } else {
      fmt::print("  {} ({} entities, e.g. {}): {}\n", outcome.name, entities.size(),
                 entities.front(), reason);
    }
  }
}

void print_report(const CollectReport& report, const CollectCliOptions& options,
                  const std::string& ledger) {
  std::size_t name_width = 6;
  for (const auto& outcome : report.sources) {
    name_width = std::max(name_width, outcome.name.size());
  }
  fmt::print("{:<{}}  {:>8}  {:>12}  {}\n", "SOURCE", name_width, "ENTITIES", "OBSERVATIONS",
             "STATUS");
  for (const auto& outcome : report.sources) {
    fmt::print("{:<{}}  {:>8}  {:>12}  {}\n", outcome.name, name_width, outcome.result.entities,
               outcome.result.observations.size(), status_text(outcome.result));
  }
  for (const auto& outcome : report.sources) {
    print_problems(outcome, options.verbose);
    print_deferred(outcome, options.verbose);
    for (const auto& note : outcome.result.notes) {
      fmt::print("  {}: {}\n", outcome.name, note);
    }
  }
  // Gauges and unique counts have no total: they are named, never summed.
  std::vector<const GroupChange*> summed;
  std::string not_summed;
  std::size_t group_width = 5;
  for (const auto& change : report.changes) {
    if (change.summed) {
      summed.push_back(&change);
      group_width = std::max(group_width, change.group.size());
    } else {
      not_summed += fmt::format("{}{} ({} series)", not_summed.empty() ? "" : ", ", change.group,
                                change.series);
    }
  }
  if (!summed.empty()) {
    fmt::print("\n{:<{}}  {:>14}     {}\n", "GROUP", group_width, "BEFORE", "AFTER");
    for (const GroupChange* change : summed) {
      fmt::print("{:<{}}  {:>14}  -> {}\n", change->group, group_width,
                 change->before ? with_thousands_separators(*change->before) : "new",
                 with_thousands_separators(change->after));
    }
  }
  if (!not_summed.empty()) {
    fmt::print("read, not summed (gauges and unique counts): {}\n", not_summed);
  }
  if (!report.drops.empty()) {
    for (const auto& drop : report.drops) {
      fmt::print(stderr, "warning: {} reports {} for {}, below the ledger's {}, which is kept\n",
                 drop.source, with_thousands_separators(drop.reported), drop.key,
                 with_thousands_separators(drop.kept));
    }
  }
  if (!report.last_run_error.empty()) {
    fmt::print(stderr, "warning: {}\n", report.last_run_error);
  }
  if (!report.recording_error.empty()) {
    fmt::print(stderr, "error: {}\n", report.recording_error);
  }
  if (const auto& shard = options.run.shard) {
    fmt::print("\nshard {}/{}: github read only the repositories of this shard\n", shard->index,
               shard->count);
  }
  fmt::print("\nrequests: {} sent, {} answered 304 (not modified), {} retried\n", report.http.sent,
             report.http.not_modified, report.http.retries);
  fmt::print("{}\n", report.committed
                         ? "ledger: " + ledger + " (" + std::to_string(report.observations) +
                               " observations committed)"
                         : "dry run: nothing written");
}

Result<int> run_collect_command(CollectCliOptions& options) {
  // A replay makes the requests of the recorded run, which had its tokens:
  // a variable that is not set reads as a placeholder, never sent anywhere.
  const bool replaying = !options.replay.empty();
  const GetEnv getenv = [replaying](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value != nullptr && *value != '\0') {
      return std::string(value);
    }
    return replaying ? std::optional<std::string>("replay-placeholder") : std::nullopt;
  };
  if (!options.shard.empty()) {
    TRY_ASSIGN(options.run.shard, parse_shard(options.shard));
  }
  auto config = load_config(options.config, getenv);
  if (!config) {
    return config.error();
  }
  if (!options.record.empty()) {
    options.run.record = options.record;
  }
  if (!options.replay.empty()) {
    options.run.replay = options.replay;
  }
  if (options.jobs > 0) {
    options.run.jobs = options.jobs;
  }
  ProgressLine progress;
  auto report = run_collect(*config, options.run, nullptr,
                            [&](const std::string& source, std::size_t done, std::size_t total) {
                              progress.update(source, done, total);
                            });
  progress.finish();
  if (!report) {
    return report.error();
  }
  print_report(*report, options, redact_url(ledger_location(*config)));
  return report->exit_code;
}

}  // namespace

void add_collect_command(CLI::App& app, CommandRunner& chosen) {
  auto options = std::make_shared<CollectCliOptions>();
  auto* command = app.add_subcommand(
      "collect",
      "Collect from every configured source and commit the observations to the ledger (exit 3 "
      "when some source failed or was skipped; what succeeded is kept)");
  command->add_option("--config", options->config, "The config file")->capture_default_str();
  command->add_option("--only", options->run.only, "Run only these sources (e.g. github)");
  command->add_option("--require", options->run.require,
                      "Exit 1 unless these sources fully succeed (checked before any request "
                      "when a token is missing)");
  auto* record = command->add_option("--record", options->record,
                                     "Store every response in DIR (secrets removed)");
  auto* replay = command->add_option("--replay", options->replay,
                                     "Answer every request from a recording in DIR; no network");
  record->excludes(replay);
  command->add_option("--jobs", options->jobs, "Requests in flight per host (default: [http])")
      ->check(CLI::Range(1, 256));
  command->add_option("--shard", options->shard,
                      "Read only shard K of N of the GitHub repositories (by a hash of the full "
                      "name), so N machines split an org; e.g. 2/4");
  command->add_flag("--dry-run", options->run.dry_run, "Show what would change; write nothing");
  command->add_flag("--verbose", options->verbose, "List every problem of every entity");
  command->callback(
      [options, &chosen] { chosen = [options] { return run_collect_command(*options); }; });
}

}  // namespace odometer::cli
