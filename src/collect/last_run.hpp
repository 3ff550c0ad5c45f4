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
#include "sources/source.hpp"

namespace odometer {

struct CollectReport;

struct LastRunProblem {
  std::string source;
  std::string entity;                       // empty when the whole source could not run
  SourceState state = SourceState::failed;  // skipped or failed; written as its word
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

// The note of a finished run: its exit code, every source that ran, and
// every problem (a whole source's only when it has no entity's).
LastRun last_run_of(const CollectReport& report, Timestamp finished_at);

// Writes atomically; an error naming the file when it cannot.
Status write_last_run(const std::filesystem::path& path, const LastRun& run);

// nullopt when the file does not exist; an error naming the file when it
// cannot be read or is not a note (a state other than "skipped" or
// "failed" included).
Result<std::optional<LastRun>> read_last_run(const std::filesystem::path& path);

}  // namespace odometer
