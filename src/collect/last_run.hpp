#pragma once

// What the last `collect` run did, kept in a small file beside the ledger
// (`odometer-ledger.json.last-run.json`) so that `render` can show when the
// data was collected and what failed. Not a part of the ledger: it is
// replaced by every run, never merged, and safe to delete.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/timestamp.hpp"

namespace odometer {

struct CollectReport;

struct LastRunProblem {
  std::string source;
  std::string entity;  // empty when the whole source could not run
  std::string state;   // "skipped" or "failed"
  std::string reason;
  bool operator==(const LastRunProblem&) const = default;
};

struct LastRun {
  Timestamp finished_at;
  int exit_code = 0;
  std::vector<std::string> sources;  // the sources that ran
  std::vector<LastRunProblem> problems;
  bool operator==(const LastRun&) const = default;
};

// Where the note of the ledger at `ledger` lives: LEDGER.last-run.json beside it.
std::filesystem::path last_run_path(const std::filesystem::path& ledger);

// The note of a finished run: its exit code, the sources that ran and every
// problem of a source or an entity.
LastRun last_run_of(const CollectReport& report, Timestamp finished_at);

// Writes atomically.
Status write_last_run(const std::filesystem::path& path, const LastRun& run);

// nullopt when the file does not exist; an error naming the file when it
// cannot be read.
Result<std::optional<LastRun>> read_last_run(const std::filesystem::path& path);

}  // namespace odometer
