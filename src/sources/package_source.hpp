#pragma once

// The one shape of a package registry: a config table of name lists and an
// `api` (read_package_table, whose rules are the same in every table), and
// a run that sends every request of every package in one fetch_all and
// turns each answer into observations or a problem of that package alone
// (collect_packages). A registry whose package answers one GET with one
// all-time count is only a CountSourceSpec (rubygems.cpp, docker.cpp); one
// that reads more derives from PackageSource and lists its fetches
// (crates.cpp, pub.cpp, homebrew.cpp). npm and the VS Code Marketplace run
// their own requests but read their tables here too.

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/day_count.hpp"
#include "sources/source.hpp"

namespace odometer {

// "publisher.extension" (VS Code) or "namespace.extension" (Open VSX): one
// '.', with letters, digits, '-' and '_' on both sides.
bool is_dotted_extension_name(std::string_view name);

// One list of names in a registry's table.
struct NameList {
  std::string_view key;  // "packages", "formulae"
  NameRule rule;
};

// What a package registry's table holds, and what its problems call it.
// Specs are constants; sources keep a reference to theirs.
struct PackageSpec {
  std::string_view table;     // the config table: "rubygems"
  std::string_view registry;  // for "not found on RubyGems (URL)"
  std::span<const NameList> lists;
  std::string_view default_api;
  std::string_view api_example = {};  // what a bad api is told to look like; default_api if empty
  std::span<const std::string_view> other_keys = {};  // keys the source reads itself ("contact")
};

// A package table as read.
struct PackageTable {
  std::string api;                              // without a trailing '/'
  std::vector<std::vector<std::string>> names;  // names[i]: spec.lists[i] as read_names gave them
};

// Reads a registry's table: unknown keys (with a "did you mean"), the api,
// and every list with read_names. The lists together must name something:
// with none of them there it is `[homebrew] needs formulae = [...] or
// casks = [...]`, and a list given empty is `[crates] crates must name at
// least one` unless another list of the table names a package. Records
// every problem with its line; returns nullopt if it recorded any.
std::optional<PackageTable> read_package_table(const toml::table& table, const PackageSpec& spec,
                                               ConfigProblems& problems);

// The daily series SOURCE:METRIC:ENTITY with one observation per day; an
// error if that is not a valid series key.
Result<std::vector<Observation>> daily_observations(std::string_view source,
                                                    std::string_view metric,
                                                    std::string_view entity,
                                                    const std::vector<DayCount>& days);

// One request for one package, and how its 2xx body becomes observations.
struct PackageFetch {
  std::string entity;  // what a problem names: "wget", "conda-forge/numpy"
  Request request;
  // Parses the whole body first: an error stores nothing of it.
  std::function<Result<std::vector<Observation>>(std::string_view body)> read;
};

// Sends every fetch in one fetch_all (so they run concurrently) and
// collects what they give. A 404 is "not found on REGISTRY (URL)", never a
// zero; a failed request or an unreadable body is a failed EntityProblem of
// its package, and other packages are unaffected. entities counts distinct
// entities; progress is reported once each is done. Never throws.
SourceResult collect_packages(SourceContext& context, std::string_view registry,
                              const std::vector<PackageFetch>& fetches);

// A package source: its table as read_package_table read it, and a run of
// collect_packages over fetches(). Derived classes say what to fetch.
class PackageSource : public Source {
public:
  PackageSource(const PackageSpec& spec, PackageTable table)
      : m_spec(spec), m_table(std::move(table)) {}

  std::string name() const override { return std::string(m_spec.table); }
  // collect_packages over fetches(context.now).
  SourceResult collect(SourceContext& context) override;

protected:
  // Every request of one run, and how each answer becomes observations.
  virtual std::vector<PackageFetch> fetches(Timestamp now) const = 0;

  const PackageSpec& spec() const { return m_spec; }
  const std::string& api() const { return m_table.api; }
  // The names of spec().lists[list], as configured.
  const std::vector<std::string>& names(std::size_t list = 0) const { return m_table.names[list]; }

private:
  const PackageSpec& m_spec;
  PackageTable m_table;
};

// Reads the table for spec and makes a T (a PackageSource, or any source
// constructed from a PackageTable) of what it read; nullptr when the table
// has problems.
template <typename T>
std::unique_ptr<Source> make_package_source(const toml::table& table, const PackageSpec& spec,
                                            ConfigProblems& problems) {
  auto read = read_package_table(table, spec, problems);
  if (!read) {
    return nullptr;
  }
  return std::make_unique<T>(std::move(*read));
}

// The count at a path of nested objects in a JSON body ({"package",
// "downloads", "total"} reads $.package.downloads.total), or an error naming
// the URL and the path: not JSON, a missing field, not a count.
Result<Count> parse_count_at(std::string_view body, std::string_view url,
                             std::initializer_list<std::string_view> fields);

// A registry whose package answers one GET with one all-time count.
struct CountSourceSpec {
  PackageSpec package;      // with the one list of names
  std::string_view source;  // the key's source: "rubygems", "conda"
  std::string_view metric;  // "downloads", "pulls"
  // The key's entity of a valid configured name; nullptr: the name itself.
  std::string (*entity)(std::string_view name) = nullptr;
  // The URL that answers for entity, under api (no trailing '/').
  std::string (*url)(std::string_view api, std::string_view entity);
  // The pure parser: body and URL in, the count or an error naming both.
  Result<Count> (*parse)(std::string_view body, std::string_view url);
};

// Reads the table and returns a source that stores one cumulative series
// SOURCE:METRIC:ENTITY per package; nullptr when the table has problems.
// The spec must outlive the source (a constant).
std::unique_ptr<Source> make_count_source(const CountSourceSpec& spec, const toml::table& table,
                                          ConfigProblems& problems);

}  // namespace odometer
