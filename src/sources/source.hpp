#pragma once

// The plug-in interface of collect. A source declares its config table,
// builds requests and parses responses into observations; it never writes
// the ledger. Adding a registry is one new file with a factory, plus its
// line in registry.cpp (docs/extending.md walks through it).

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
#include "net/client.hpp"
#include "util/text.hpp"

namespace odometer {

// Every problem of a config file, each with its line, reported at once.
class ConfigProblems {
public:
  explicit ConfigProblems(std::string file) : m_file(std::move(file)) {}
  // "FILE:LINE: message" for a node that has a source position.
  void add(const toml::node& node, std::string_view message);
  void add(std::string_view message);
  const std::vector<std::string>& messages() const { return m_messages; }
  bool empty() const { return m_messages.empty(); }

private:
  std::string m_file;
  std::vector<std::string> m_messages;
};

// Reports every key of table not in known, with a "did you mean" when a
// known key is close. `where` names the table ("[github]").
void check_keys(const toml::table& table, std::string_view where,
                std::span<const std::string_view> known, ConfigProblems& problems);

// Typed reads that record a problem (with the line) for a wrong type.
std::optional<std::string> read_string(const toml::table& table, std::string_view key,
                                       std::string_view where, ConfigProblems& problems);
std::optional<bool> read_bool(const toml::table& table, std::string_view key,
                              std::string_view where, ConfigProblems& problems);
std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                         std::string_view where, ConfigProblems& problems);
// A string or an array of strings.
std::optional<std::vector<std::string>> read_strings(const toml::table& table, std::string_view key,
                                                     std::string_view where,
                                                     ConfigProblems& problems);

// The `api` key: an http(s) base URL that overrides default_api (registry
// mirrors, proxies, tests), without a trailing '/'. A bad one is a problem
// (naming `example`) and gives the default.
std::string read_api_url(const toml::table& table, std::string_view where,
                         std::string_view default_api, std::string_view example,
                         ConfigProblems& problems);

// Percent-encodes text for one URL path segment ("@scope/name" ->
// "%40scope%2Fname"); "." and ".." are encoded too.
std::string encode_path_segment(std::string_view text);

// Why a fetch for one entity failed, for its EntityProblem: a 404 reads
// "not found on REGISTRY (URL)", never a zero; anything else is the
// client's message (URL and status or cause).
std::string fetch_problem(const Fetched& fetched, std::string_view registry, std::string_view url);

enum class SourceState { ok, skipped, failed };

std::string_view to_string(SourceState state);

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
  // Lines for the run's report that are neither problems nor counts: what
  // a budget allowed, how far a backfill got.
  std::vector<std::string> notes;
  // ok when nothing went wrong; skipped or failed with the reason when the
  // whole source could not run; per-entity problems make it "failed" too.
  SourceState state = SourceState::ok;
  std::string reason;
};

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

  virtual std::string name() const = 0;
  // Why the source cannot run at all, known before any request (a missing
  // token where one is required); nullopt when it can run.
  virtual std::optional<std::string> missing_requirement() const { return std::nullopt; }
  virtual std::optional<Secret> secret() const { return std::nullopt; }
  virtual std::vector<HostPolicy> host_policies() const { return {}; }
  // Collects; never throws. Called once, possibly on its own thread.
  virtual SourceResult collect(SourceContext& context) = 0;
};

struct SourceFactory {
  std::string_view table;  // the config table: "github", "npm", ...
  // Reads the table (recording every problem) and returns the source, or
  // nullptr when the table has problems.
  std::unique_ptr<Source> (*make)(const toml::table& table, const GetEnv& getenv,
                                  ConfigProblems& problems);
};

// Every source odometer knows, in the order they are reported.
std::span<const SourceFactory> source_registry();

}  // namespace odometer
