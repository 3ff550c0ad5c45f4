#include "store/seed_cache.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <limits>
#include <set>

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

// Fields kept as information only, as gauges under their own key: ghcr
// (generation 2's container count, of unknown scope) and total (a derived
// figure whose definition changed over time).
struct InformationField {
  std::string_view field;
  std::optional<Count> SeedCache::*member;
  std::string_view key;
};
constexpr std::array<InformationField, 2> k_information_fields{{
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

class CacheReader {
public:
  explicit CacheReader(std::string_view source) : m_source(source) {}

  Error fail(std::string_view field, std::string_view problem) const {
    return make_error(std::string(m_source) + ": " + std::string(field) + ": " +
                      std::string(problem));
  }

  Result<Count> count(element value, std::string_view field) const {
    std::int64_t signed_value = 0;
    std::uint64_t unsigned_value = 0;
    if (value.get(signed_value) == simdjson::SUCCESS) {
      auto checked = checked_count(signed_value);
      return checked ? checked : fail(field, checked.error().message);
    }
    if (value.get(unsigned_value) == simdjson::SUCCESS) {
      return fail(field, "count " + std::to_string(unsigned_value) + " is above 10^15");
    }
    return fail(field, value.is_double() ? "expected a whole number, got a decimal number"
                                         : "expected a whole number");
  }

  Result<Timestamp> fetched_at(element value) const {
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) {
      return fail("fetchedAt", "expected a timestamp string");
    }
    // The replaced system wrote JavaScript's toISOString(): milliseconds, Z.
    std::string_view rest = text.size() >= 19 ? text.substr(19) : std::string_view("?");
    if (!rest.empty() && rest.front() == '.') {
      rest.remove_prefix(1);
      while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') {
        rest.remove_prefix(1);
      }
    }
    auto parsed = Timestamp::parse(std::string(text.substr(0, 19)) + "Z");
    if (!parsed || (rest != "Z" && rest != "+00:00")) {
      return fail("fetchedAt", "invalid timestamp \"" + std::string(text) + "\"");
    }
    return parsed;
  }

  Result<std::map<std::string, SeedCacheClones>> clones_by_repo(element value) const {
    object repos;
    if (value.get(repos) != simdjson::SUCCESS) {
      return fail("clonesByRepo", "expected an object");
    }
    std::map<std::string, SeedCacheClones> out;
    for (const auto entry : repos) {
      const std::string field = "clonesByRepo." + std::string(entry.key);
      object fields;
      if (entry.value.get(fields) != simdjson::SUCCESS) {
        return fail(field, "expected {count, lastSeenDay}");
      }
      std::optional<Count> clone_count;
      std::optional<Day> last_seen;
      for (const auto inner : fields) {
        if (inner.key == "count" && !clone_count) {
          auto parsed = count(inner.value, field + ".count");
          if (!parsed) {
            return parsed.error();
          }
          clone_count = *parsed;
        } else if (inner.key == "lastSeenDay" && !last_seen) {
          std::string_view text;
          auto day = inner.value.get(text) == simdjson::SUCCESS
                         ? Day::parse(text)
                         : Result<Day>(make_error("expected a YYYY-MM-DD string"));
          if (!day) {
            return fail(field + ".lastSeenDay", day.error().message);
          }
          last_seen = *day;
        } else {
          return fail(field + "." + std::string(inner.key), "unexpected or repeated field");
        }
      }
      if (!clone_count || !last_seen) {
        return fail(field, "expected both count and lastSeenDay");
      }
      if (!out.emplace(std::string(entry.key), SeedCacheClones{*clone_count, *last_seen}).second) {
        return fail(field, "duplicate key");
      }
    }
    return out;
  }

  Result<std::map<std::string, Count>> releases_by_repo(element value) const {
    object repos;
    if (value.get(repos) != simdjson::SUCCESS) {
      return fail("releasesByRepo", "expected an object");
    }
    std::map<std::string, Count> out;
    for (const auto entry : repos) {
      const std::string field = "releasesByRepo." + std::string(entry.key);
      auto parsed = count(entry.value, field);
      if (!parsed) {
        return parsed.error();
      }
      if (!out.emplace(std::string(entry.key), *parsed).second) {
        return fail(field, "duplicate key");
      }
    }
    return out;
  }

private:
  std::string_view m_source;
};

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
  simdjson::dom::parser parser;
  const simdjson::padded_string padded(text);
  element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return make_error(std::string(source) + ": invalid JSON: " + simdjson::error_message(error));
  }
  object top;
  if (root.get(top) != simdjson::SUCCESS) {
    return make_error(std::string(source) + ": not a cache file: the top level is not an object");
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
                      "; fields found: " + list_fields(found));
  }
  std::set<std::string_view> seen;
  const CacheReader reader(source);
  SeedCache cache;
  for (const auto entry : top) {
    if (!seen.insert(entry.key).second) {
      return reader.fail(entry.key, "duplicate key");
    }
    if (const auto member = number_member(entry.key)) {
      auto value = reader.count(entry.value, entry.key);
      if (!value) {
        return value.error();
      }
      cache.*member = *value;
    } else if (entry.key == "clonesByRepo") {
      auto repos = reader.clones_by_repo(entry.value);
      if (!repos) {
        return repos.error();
      }
      cache.clones_by_repo = std::move(*repos);
    } else if (entry.key == "releasesByRepo") {
      auto repos = reader.releases_by_repo(entry.value);
      if (!repos) {
        return repos.error();
      }
      cache.releases_by_repo = std::move(*repos);
    } else {
      auto when = reader.fetched_at(entry.value);
      if (!when) {
        return when.error();
      }
      cache.fetched_at = *when;
    }
  }
  return cache;
}

Result<SeedImport> import_seed_cache(const SeedCache& cache,
                                     const std::optional<std::string>& repo_owner) {
  const bool has_repos = (cache.clones_by_repo && !cache.clones_by_repo->empty()) ||
                         (cache.releases_by_repo && !cache.releases_by_repo->empty());
  if (has_repos && (!repo_owner || repo_owner->empty())) {
    return make_error(
        "the cache has clonesByRepo/releasesByRepo: give the GitHub owner of those repositories "
        "with --repo-owner");
  }
  SeedImport result;
  const Day day = cache.fetched_at.day();
  const auto observe = [&](const std::string& key, Kind kind, Count value, bool floor,
                           Day on) -> Status {
    auto parsed = SeriesKey::parse(key);
    if (!parsed) {
      return parsed.error();
    }
    Observation observation{*parsed, kind, on, static_cast<std::int64_t>(value), floor};
    observation.at = cache.fetched_at;
    return result.ledger.observe(observation);
  };
  for (const auto& sum : k_registry_sums) {
    if (const auto& value = cache.*(sum.member)) {
      const std::string key =
          std::string(sum.source) + ":" + std::string(sum.metric) + "-imported:all";
      if (auto ok = observe(key, Kind::cumulative, *value, false, day); !ok) {
        return ok.error();
      }
    }
  }
  for (const auto& information : k_information_fields) {
    if (const auto& value = cache.*(information.member)) {
      if (auto ok = observe(std::string(information.key), Kind::gauge, *value, false, day); !ok) {
        return ok.error();
      }
    }
  }
  if (cache.total) {
    result.notes.push_back("total " + std::to_string(*cache.total) +
                           " kept as information only (its definition changed over time)");
  }
  Count clone_sum = 0;
  for (const auto& [repo, clones] :
       cache.clones_by_repo.value_or(std::map<std::string, SeedCacheClones>{})) {
    if (auto ok = observe("github:clones:" + *repo_owner + "/" + repo, Kind::daily, clones.count,
                          true, clones.last_seen_day);
        !ok) {
      return ok.error();
    }
    clone_sum = saturating_add(clone_sum, clones.count);
  }
  if (cache.clones && cache.clones_by_repo && *cache.clones != clone_sum) {
    result.notes.push_back("clones is " + std::to_string(*cache.clones) +
                           " but clonesByRepo adds up to " + std::to_string(clone_sum) +
                           "; the per-repository counts were imported");
  }
  Count release_sum = 0;
  for (const auto& [repo, downloads] :
       cache.releases_by_repo.value_or(std::map<std::string, Count>{})) {
    if (auto ok = observe("github:release-downloads:" + *repo_owner + "/" + repo, Kind::cumulative,
                          downloads, false, day);
        !ok) {
      return ok.error();
    }
    release_sum = saturating_add(release_sum, downloads);
  }
  if (cache.releases && cache.releases_by_repo && *cache.releases != release_sum) {
    result.notes.push_back("releases is " + std::to_string(*cache.releases) +
                           " but releasesByRepo adds up to " + std::to_string(release_sum) +
                           "; the per-repository counts were imported");
  }
  result.ledger.touch(cache.fetched_at);
  return result;
}

std::span<const SeedCacheSum> seed_cache_registry_sums() {
  return k_registry_sums;
}

}  // namespace odometer
