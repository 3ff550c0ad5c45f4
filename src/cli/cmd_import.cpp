#include <fmt/core.h>

#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/config_option.hpp"
#include "cli/import_file.hpp"
#include "cli/import_paths.hpp"
#include "store/any_ledger.hpp"
#include "store/import_format.hpp"
#include "store/store.hpp"
#include "util/atomic_file.hpp"
#include "util/text.hpp"

namespace odometer::cli {

namespace {

struct ImportOptions {
  std::vector<std::string> paths;
  std::optional<std::string> config;
  std::optional<std::string> ledger;
  std::optional<std::string> repo_owner;
  std::optional<std::string> repo;
  std::optional<std::string> format;
  bool dry_run = false;
};

// The import as one change to the ledger: every file's ledger merged, and
// what of it the stored ledger does not hold yet.
struct ImportPlan {
  Ledger incoming;
  std::map<SeriesKey, std::size_t> changed;  // series that add to the ledger: new entries
  std::size_t new_entries = 0;
};

Result<ImportPlan> plan_import(const Ledger& stored, const std::vector<FileImport>& files) {
  ImportPlan plan;
  for (const auto& file : files) {
    if (auto ok = plan.incoming.merge(file.ledger); !ok) {
      return make_error(file.name + ": " + ok.error().message +
                        " (another file of this import gives that series another kind)");
    }
  }
  for (const auto& [key, series] : plan.incoming.series()) {
    // The commit would refuse it too, but only after the dry run said yes.
    if (const Series* held = stored.find(key)) {
      if (auto ok = held->check_mergeable(series); !ok) {
        return make_error("the ledger's " + key.str() + ": " + ok.error().message);
      }
    }
    if (const std::size_t count = new_entries(stored, key, series); count > 0) {
      plan.changed.emplace(key, count);
      plan.new_entries += count;
    }
  }
  return plan;
}

// "3 days 2025-03-01..2025-03-04" for the entries of one map.
template <typename V>
std::string entries_text(const DayMap<V>& entries, std::string_view one, std::string_view many) {
  if (entries.empty()) {
    return "";
  }
  std::string out = std::to_string(entries.size()) + " " +
                    std::string(entries.size() == 1 ? one : many) + " " +
                    entries.begin()->first.to_string();
  if (entries.size() > 1) {
    out += ".." + std::prev(entries.end())->first.to_string();
  }
  return out;
}

std::string series_text(const Series& series) {
  std::vector<std::string> parts;
  if (const auto* daily = series.daily()) {
    parts.push_back(entries_text(daily->days(), "day", "days"));
    parts.push_back(entries_text(daily->floors(), "floor", "floors"));
    if (daily->additivity() == Additivity::non_additive) {
      parts.emplace_back("non-additive");
    }
  } else if (const auto* cumulative = series.cumulative()) {
    parts.push_back(entries_text(cumulative->days(), "day", "days"));
  } else {
    parts.push_back(entries_text(series.gauge()->days(), "reading", "readings"));
  }
  std::string out(to_string(series.kind()));
  for (const auto& part : parts) {
    if (!part.empty()) {
      out += ", " + part;
    }
  }
  return out;
}

// Per file: what it was read as, each series with its entries and how many
// are new to the ledger, then what was skipped and why.
void print_import_plan(const Ledger& stored, const std::vector<FileImport>& files) {
  for (const auto& file : files) {
    fmt::print("{}: {}\n", file.name, file.what);
    if (file.ledger.empty() && file.skipped.empty()) {
      fmt::print("  nothing to take\n");
    }
    for (const auto& [key, series] : file.ledger.series()) {
      fmt::print("  {}: {} ({} new)\n", key.str(), series_text(series),
                 new_entries(stored, key, series));
    }
    for (const auto& skipped : file.skipped) {
      fmt::print("  skipped: {}\n", skipped);
    }
    for (const auto& note : file.notes) {
      fmt::print("  note: {}\n", note);
    }
  }
}

// "22 entries in 10 series".
std::string describe_change(const ImportPlan& plan) {
  return std::to_string(plan.new_entries) + (plan.new_entries == 1 ? " entry" : " entries") +
         " in " + std::to_string(plan.changed.size()) + " series";
}

Result<int> run_import(const ImportOptions& options) {
  ImportChoices choices{std::nullopt, options.repo, options.repo_owner};
  if (options.format) {
    TRY_ASSIGN(choices.format, parse_import_format(*options.format));
  }
  TRY_ASSIGN(const auto files, read_import_paths(options.paths, choices));
  TRY_ASSIGN(const auto config, load_optional_config(options.config));
  TRY_ASSIGN(auto store, open_store(choose_ledger(options.ledger, config).location));
  TRY_ASSIGN(const Ledger stored, store->load());
  TRY_ASSIGN(const ImportPlan plan, plan_import(stored, files));
  print_import_plan(stored, files);
  if (plan.new_entries == 0 && stored.includes(plan.incoming)) {
    // Nothing to commit: the ledger's bytes stay exactly as they are.
    fmt::print("nothing new for {}: it holds every entry already{}\n", store->describe(),
               options.dry_run ? " (dry run)" : "");
    return k_exit_ok;
  }
  if (options.dry_run) {
    fmt::print("dry run: would add {} to {}; nothing written\n", describe_change(plan),
               store->describe());
    return k_exit_ok;
  }
  TRY_ASSIGN(const Ledger merged, store->commit(plan.incoming));
  fmt::print("imported {} into {}\n", describe_change(plan), store->describe());
  for (const auto& [key, entries] : plan.changed) {
    const auto value = merged.find(key)->value();
    fmt::print("  {}  {}\n", key.str(), value ? with_thousands_separators(*value) : "-");
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
      "Merge records kept elsewhere into the ledger in one commit: a site's installs-cache.json, "
      "another ledger, a ledger.csv, a github-repo-stats data folder, the weekly snapshot CSVs, "
      "saved GitHub traffic responses (docs/migrating.md)");
  command->add_option("PATH", options->paths, "Files or folders to import")->required();
  command->add_option("--config", options->config,
                      "The config whose ledger to import into (default: odometer.toml if it "
                      "exists)");
  command->add_option("--ledger", options->ledger,
                      "The ledger file or store URL (default: the config's, else "
                      "odometer-ledger.json)");
  command->add_option("--repo-owner", options->repo_owner,
                      "The GitHub owner of the repositories a site cache or the snapshot CSVs "
                      "name without one");
  command->add_option("--repo", options->repo,
                      "OWNER/REPO of a ghrs folder or saved traffic responses, where the path "
                      "does not say");
  command->add_option("--format", options->format,
                      "Read every PATH as this format instead of telling it from the files: " +
                          import_format_names());
  command->add_flag("--dry-run", options->dry_run,
                    "Show what each file gives and what would be added; write nothing");
  command->callback([options, &chosen] { chosen = [options] { return run_import(*options); }; });
}

}  // namespace odometer::cli
