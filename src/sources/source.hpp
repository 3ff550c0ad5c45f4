#pragma once

// The plug-in interface of collect. A source declares its config table,
// builds requests and parses responses into observations; it never writes
// the ledger. Adding a registry is one new file with its factory plus its
// line in registry.cpp; a package registry is built on package_source.hpp
// (docs/extending.md walks through one).

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/ledger.hpp"
#include "core/result.hpp"
#include "net/client.hpp"
#include "sources/config_table.hpp"
#include "util/shard.hpp"
#include "util/text.hpp"

namespace odometer {

// Percent-encodes text for one URL path segment ("@scope/name" ->
// "%40scope%2Fname"); "." and ".." are encoded too.
std::string encode_path_segment(std::string_view text);

// name with every part between '/' encoded as one segment ("library/nginx"
// stays two segments; nothing in a part can add another).
std::string encode_path_segments(std::string_view name);

// "not found on REGISTRY (URL)", ErrorCode::not_found: what a package the
// registry does not know is reported as, never a zero.
Error not_found_on(std::string_view registry, std::string_view url);

// Why a fetch for one entity failed, for its EntityProblem: a 404
// (ErrorCode::not_found from the client) is not_found_on(registry, url);
// anything else is the client's error as it is (URL and status or cause,
// and its code). Call it only for a fetch that is not ok().
Error fetch_problem(const Fetched& fetched, std::string_view registry, std::string_view url);

enum class SourceState { ok, skipped, failed };

// "ok", "skipped", "failed": the words of the terminal report and of the
// last-run note.
std::string_view to_string(SourceState state);
// The state a word of to_string names; nullopt for any other text.
std::optional<SourceState> source_state_from(std::string_view text);

// What went wrong for one entity (a repository, a package).
struct EntityProblem {
  std::string entity;
  SourceState state = SourceState::failed;  // skipped or failed
  std::string reason;
};

struct SourceResult {
  std::vector<Observation> observations;
  std::size_t entities = 0;
  std::vector<EntityProblem> problems;
  // Entities this run left for a later one by plan (the rate-limit budget),
  // each with its reason; not a problem: nothing is lost by it.
  std::vector<EntityProblem> deferred;
  // Lines for the run's report that are neither problems nor counts: what
  // a budget allowed, how far a backfill got.
  std::vector<std::string> notes;
  // ok when nothing went wrong; skipped or failed with the reason when the
  // whole source could not run; per-entity problems make it "failed" too.
  SourceState state = SourceState::ok;
  std::string reason;
};

// SOURCE:METRIC:ENTITY = value on the day of now (a gauge is read at now).
// An error if that is not a valid series key.
Result<Observation> observation_at(Timestamp now, std::string_view source, std::string_view metric,
                                   std::string_view entity, Kind kind, Count value);

// Marks result failed with "FAILED of TOTAL WHAT failed" ("1 of 3 packages
// failed") when any of its entities failed; changes nothing otherwise.
void note_failures(SourceResult& result, std::size_t failed, std::size_t total,
                   std::string_view what);

// The environment a source reads (tokens); a function so tests inject one.
using GetEnv = std::function<std::optional<std::string>(const std::string&)>;

// The secret a source needs attached to its own host's requests.
struct Secret {
  std::string token;
  std::string host;
};

struct SourceContext {
  HttpClient& http;
  Timestamp now;
  const Ledger& stored;  // the ledger before this run, read-only
  // Reports progress; thread-safe; may be called often.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // `collect --shard K/N`: the share of the repositories this run reads
  // (util/shard.hpp); sources of packages read everything.
  std::optional<Shard> shard;
};

// A registry's stated limit for one host: requests to it start at least
// min_interval apart. collect applies it to the shared HTTP client.
struct HostPolicy {
  std::string host;  // as url_host() writes it: "pypistats.org"
  std::chrono::milliseconds min_interval{0};
};

class Source {
public:
  virtual ~Source() = default;

  // The config table it was made from: "npm".
  virtual std::string name() const = 0;
  // Why the source cannot run at all, known before any request (a missing
  // token where one is required); nullopt when it can run.
  virtual std::optional<std::string> missing_requirement() const { return std::nullopt; }
  // The token its requests need and the one host it may go to; collect
  // gives it to the HttpClient, which alone attaches it.
  virtual std::optional<Secret> secret() const { return std::nullopt; }
  // The pace its registry asks for; collect applies it before any source runs.
  virtual std::vector<HostPolicy> host_policies() const { return {}; }
  // Fetches through context.http and returns what it observed and every
  // problem; never writes the ledger, never throws. Called once, possibly
  // on its own thread.
  virtual SourceResult collect(SourceContext& context) = 0;
};

// Reads a source's table (recording every problem) and returns the source,
// or nullptr when the table has problems. getenv is read only while making.
using MakeSource = std::unique_ptr<Source>(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems);

struct SourceFactory {
  std::string_view table;  // the config table: "github", "npm", ...
  MakeSource* make;
};

// Every source odometer knows, in the order they are reported
// (registry.cpp). The span is static.
std::span<const SourceFactory> source_registry();

}  // namespace odometer
