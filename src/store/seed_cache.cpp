#include "store/seed_cache.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <set>

#include "util/json_reader.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::array<std::string_view, 12> k_known_fields{
    "npm",    "pypi",         "crates",   "ghcr",  "maven",          "ghPackages",
    "clones", "clonesByRepo", "releases", "total", "releasesByRepo", "fetchedAt"};

constexpr std::array<SeedCacheSum, 5> k_registry_sums{{
    {"npm", &SeedCache::npm, "npm", "downloads"},
    {"pypi", &SeedCache::pypi, "pypi", "downloads"},
    {"crates", &SeedCache::crates, "crates", "downloads"},
    {"ghPackages", &SeedCache::gh_packages, "ghcr", "pulls"},
    {"maven", &SeedCache::maven, "maven", "downloads"},
}};

constexpr std::array<SeedCacheInformation, 2> k_information_fields{{
    {"ghcr", &SeedCache::ghcr, "seed-cache:ghcr:all"},
    {"total", &SeedCache::total, "seed-cache:total:all"},
}};

using CountMember = std::optional<Count> SeedCache::*;

// The member that holds a number field of the cache, or nullptr.
CountMember number_member(std::string_view field) {
  for (const auto& sum : k_registry_sums) {
    if (sum.field == field) {
      return sum.member;
    }
  }
  for (const auto& information : k_information_fields) {
    if (information.field == field) {
      return information.member;
    }
  }
  if (field == "clones") {
    return &SeedCache::clones;
  }
  if (field == "releases") {
    return &SeedCache::releases;
  }
  return nullptr;
}

std::string list_fields(const std::vector<std::string>& fields) {
  if (fields.empty()) {
    return "none";
  }
  std::string out;
  for (const auto& field : fields) {
    out.append(out.empty() ? "" : ", ").append(field);
  }
  return out;
}

Result<Timestamp> read_fetched_at(const JsonReader& reader, element value) {
  std::string_view text;
  if (value.get(text) != simdjson::SUCCESS) {
    return reader.fail("$.fetchedAt", "expected a timestamp string, got " + describe_json(value));
  }
  // The site's loader writes JavaScript's toISOString(): milliseconds, Z.
  std::string_view rest = text.size() >= 19 ? text.substr(19) : std::string_view("?");
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
      rest.remove_prefix(1);
    }
  }
  auto parsed = Timestamp::parse(std::string(text.substr(0, 19)) + "Z");
  if (!parsed || (rest != "Z" && rest != "+00:00")) {
    return reader.fail("$.fetchedAt", "invalid timestamp \"" + std::string(text) + "\"");
  }
  return parsed;
}

Result<SeedCacheClones> read_clones(const JsonReader& reader, element value,
                                    const std::string& path) {
  TRY_ASSIGN(const object fields, reader.object_of(value, path));
  std::optional<Count> clone_count;
  std::optional<Day> last_seen;
  for (const auto inner : fields) {
    const std::string inner_path = path + "." + std::string(inner.key);
    if (inner.key == "count" && !clone_count) {
      TRY_ASSIGN(clone_count, reader.count_value(inner.value, inner_path));
    } else if (inner.key == "lastSeenDay" && !last_seen) {
      std::string_view text;
      if (inner.value.get(text) != simdjson::SUCCESS) {
        return reader.fail(inner_path, "expected a YYYY-MM-DD string");
      }
      auto day = Day::parse(text);
      if (!day) {
        return reader.fail(inner_path, day.error().message);
      }
      last_seen = *day;
    } else {
      return reader.fail(inner_path, "unexpected or repeated field");
    }
  }
  if (!clone_count || !last_seen) {
    return reader.fail(path, "expected both count and lastSeenDay");
  }
  return SeedCacheClones{*clone_count, *last_seen};
}

// A map of repository names to what read gives for each; a name twice is an
// error.
template <typename T, typename Read>
Result<std::map<std::string, T>> read_by_repo(const JsonReader& reader, element value,
                                              std::string_view field, const Read& read) {
  const std::string path = "$." + std::string(field);
  TRY_ASSIGN(const object repos, reader.object_of(value, path));
  std::map<std::string, T> out;
  for (const auto entry : repos) {
    const std::string repo_path = path + "." + std::string(entry.key);
    TRY_ASSIGN(T repo, read(entry.value, repo_path));
    if (!out.emplace(std::string(entry.key), std::move(repo)).second) {
      return reader.fail(repo_path, "duplicate key");
    }
  }
  return out;
}

}  // namespace

int seed_cache_generation(const SeedCache& cache) {
  if (cache.clones || cache.clones_by_repo || cache.releases || cache.releases_by_repo ||
      cache.gh_packages) {
    return 4;
  }
  if (cache.crates) {
    return 3;
  }
  return cache.npm || cache.pypi || cache.ghcr || cache.maven ? 2 : 1;
}

Result<SeedCache> parse_seed_cache(std::string_view text, std::string_view source) {
  JsonReader reader(source);
  TRY_ASSIGN(const element root, reader.parse(text));
  object top;
  if (root.get(top) != simdjson::SUCCESS) {
    return make_error(std::string(source) + ": not a cache file: the top level is not an object",
                      ErrorCode::invalid);
  }
  std::vector<std::string> found;
  bool unknown = false;
  for (const auto entry : top) {
    found.emplace_back(entry.key);
    unknown = unknown || std::find(k_known_fields.begin(), k_known_fields.end(), entry.key) ==
                             k_known_fields.end();
  }
  const bool has_fetched_at = std::find(found.begin(), found.end(), "fetchedAt") != found.end();
  if (unknown || !has_fetched_at || found.size() < 2) {
    return make_error(std::string(source) +
                          ": not a recognised installs-cache shape (neither an odometer ledger)" +
                          (has_fetched_at ? "" : ", no fetchedAt") +
                          "; fields found: " + list_fields(found),
                      ErrorCode::invalid);
  }
  std::set<std::string_view> seen;
  SeedCache cache;
  for (const auto entry : top) {
    const std::string path = "$." + std::string(entry.key);
    if (!seen.insert(entry.key).second) {
      return reader.fail(path, "duplicate key");
    }
    if (const auto member = number_member(entry.key)) {
      TRY_ASSIGN(cache.*member, reader.count_value(entry.value, path));
    } else if (entry.key == "clonesByRepo") {
      TRY_ASSIGN(cache.clones_by_repo,
                 read_by_repo<SeedCacheClones>(reader, entry.value, entry.key,
                                               [&](element value, const std::string& at) {
                                                 return read_clones(reader, value, at);
                                               }));
    } else if (entry.key == "releasesByRepo") {
      TRY_ASSIGN(cache.releases_by_repo,
                 read_by_repo<Count>(reader, entry.value, entry.key,
                                     [&](element value, const std::string& at) {
                                       return reader.count_value(value, at);
                                     }));
    } else {
      TRY_ASSIGN(cache.fetched_at, read_fetched_at(reader, entry.value));
    }
  }
  return cache;
}

std::span<const SeedCacheSum> seed_cache_registry_sums() {
  return k_registry_sums;
}

const SeedCacheSum& seed_cache_registry_sum(std::string_view field) {
  const auto* found = std::find_if(k_registry_sums.begin(), k_registry_sums.end(),
                                   [field](const SeedCacheSum& sum) { return sum.field == field; });
  return found != k_registry_sums.end() ? *found : k_registry_sums.front();
}

Result<SeriesKey> imported_sum_key(const SeedCacheSum& sum) {
  return SeriesKey::make(sum.source, std::string(sum.metric) + "-imported", "all");
}

std::span<const SeedCacheInformation> seed_cache_information_fields() {
  return k_information_fields;
}

}  // namespace odometer
