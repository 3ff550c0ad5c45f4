#pragma once

// The replaced system's cache file (installs-cache.json) in all four of its
// generations (DESIGN.md §4), and its public installs.json:
//
//   1  total, fetchedAt
//   2  npm, pypi, ghcr, maven, total, fetchedAt
//   3  generation 2 plus crates
//   4  npm, pypi, crates, clones, clonesByRepo {repo: {count, lastSeenDay}},
//      releases, releasesByRepo {repo: n}, ghPackages, maven, total, fetchedAt
//
// Real files mix generations (generation-3 fields next to a total of another
// definition), so every field is read on its own.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/ledger.hpp"
#include "core/result.hpp"

namespace odometer {

struct SeedCacheClones {
  Count count = 0;
  Day last_seen_day;
};

struct SeedCache {
  std::optional<Count> npm;
  std::optional<Count> pypi;
  std::optional<Count> crates;
  std::optional<Count> ghcr;
  std::optional<Count> maven;
  std::optional<Count> gh_packages;
  std::optional<Count> clones;
  std::optional<Count> releases;
  std::optional<Count> total;
  std::optional<std::map<std::string, SeedCacheClones>> clones_by_repo;
  std::optional<std::map<std::string, Count>> releases_by_repo;
  Timestamp fetched_at;
};

// A per-registry sum of the cache: its field, and the SOURCE:METRIC whose
// series it adds up. Import keeps it as SOURCE:METRIC-imported:all (a floor
// for the per-package series collected later); the site files write the
// counter SOURCE:METRIC:* with that floor.
struct SeedCacheSum {
  std::string_view field;
  std::optional<Count> SeedCache::*member;
  std::string_view source;
  std::string_view metric;
};

// npm, pypi, crates, ghPackages and maven, in the order the cache lists them.
std::span<const SeedCacheSum> seed_cache_registry_sums();
// The one of them for a field of the cache. Precondition: field is one of
// those five.
const SeedCacheSum& seed_cache_registry_sum(std::string_view field);
// SOURCE:METRIC-imported:all, the key a sum is kept under (by every import
// of a site's figures, the weekly snapshot CSVs included).
Result<SeriesKey> imported_sum_key(const SeedCacheSum& sum);

// A field kept as information only, as a gauge under its own key: ghcr
// (generation 2's container count, of unknown scope) and total (a derived
// figure whose definition changed over time).
struct SeedCacheInformation {
  std::string_view field;
  std::optional<Count> SeedCache::*member;
  std::string_view key;
};

// ghcr and total, in that order.
std::span<const SeedCacheInformation> seed_cache_information_fields();

// The generation (1-4) whose fields the cache has; the newest one wins when
// fields of several are present.
int seed_cache_generation(const SeedCache& cache);

// Parses a cache file. Errors name `source` and the field; a shape that is
// not a cache (unknown fields, no fetchedAt, no count) is an error listing
// the fields found.
Result<SeedCache> parse_seed_cache(std::string_view text, std::string_view source);

struct SeedImport {
  Ledger ledger;
  std::vector<std::string> notes;  // what was found and checked, for the user
};

// Maps a cache onto series (docs/migrating.md has the table). `repo_owner`
// is required when the cache has clonesByRepo or releasesByRepo; the error
// says so. The derived `releases` and `clones` sums are checked against the
// per-repository entries, and a mismatch becomes a note, not an error.
Result<SeedImport> import_seed_cache(const SeedCache& cache,
                                     const std::optional<std::string>& repo_owner);

}  // namespace odometer
