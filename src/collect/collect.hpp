#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "collect/config.hpp"
#include "collect/exit_code.hpp"
#include "core/ledger.hpp"
#include "net/client.hpp"
#include "net/http.hpp"
#include "util/shard.hpp"

namespace odometer {

struct CollectOptions {
  std::vector<std::string> only;     // run just these sources
  std::vector<std::string> require;  // fail the run (exit 1) unless these succeed
  std::optional<std::filesystem::path> record;
  std::optional<std::filesystem::path> replay;
  std::optional<std::size_t> jobs;  // requests in flight per host, overriding the config
  std::optional<Shard> shard;       // read only this share of the GitHub repositories
  bool dry_run = false;
};

struct SourceOutcome {
  std::string name;
  SourceResult result;
};

// One SOURCE:METRIC the run observed. For a group whose series have a total
// (daily and cumulative), the counter SOURCE:METRIC:* (core/counters.hpp,
// with its -imported floor) before and after the run; gauges and unique
// counts have no total and are never summed, so for them only `series`
// means anything.
struct GroupChange {
  std::string group;  // "github:clones"
  bool summed = true;
  std::optional<Count> before;  // nullopt: nothing of the group was counted before
  Count after = 0;
  std::size_t series = 0;  // the group's series this run observed
};

// A cumulative number a source reported below what the ledger already
// holds (a deleted version, a registry's correction, a hand-kept count typed
// too low). Never applied: the ledger keeps the higher number.
struct Drop {
  std::string source;
  std::string key;
  Count reported = 0;
  Count kept = 0;
};

struct CollectReport {
  std::vector<SourceOutcome> sources;
  std::vector<GroupChange> changes;  // groups this run observed
  std::vector<Drop> drops;
  ClientStats http;
  std::size_t observations = 0;
  bool committed = false;
  std::string last_run_error;   // the run's note could not be written (the ledger is fine)
  std::string recording_error;  // --record could not write every response (exit 1)
  // k_exit_ok; k_exit_partial when some source or entity was skipped or
  // failed; k_exit_error when a required source did not succeed or the
  // recording asked for is incomplete (collect/exit_code.hpp).
  int exit_code = k_exit_ok;
};

// Progress of each source (done, total), for a terminal display.
using ProgressSink =
    std::function<void(const std::string& source, std::size_t done, std::size_t total)>;

// Runs every configured source concurrently, folds all observations into
// one store commit (unless dry_run), writes the run's outcome beside the
// ledger (last_run.hpp; not on a dry run), and reports. `transport` is used when
// neither record nor replay asks for another; the etag cache lives beside
// the ledger. An error (not a report) when the run cannot start or the
// ledger cannot be read or written: nothing is changed then.
Result<CollectReport> run_collect(Config& config, const CollectOptions& options,
                                  Transport* transport, const ProgressSink& progress);

}  // namespace odometer
