#include "store/seed_cache.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <limits>
#include <set>

#include "core/counters.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::array<std::string_view, 12> k_known_fields{
    "npm",    "pypi",         "crates",   "ghcr",  "maven",          "ghPackages",
    "clones", "clonesByRepo", "releases", "total", "releasesByRepo", "fetchedAt"};

// The scalar sums and the series each becomes (DESIGN.md §4).
struct SumField {
  std::string_view field;
  std::optional<Count> SeedCache::*member;
  std::string_view key;  // "" when kept as information only
};
constexpr std::array<SumField, 7> k_sum_fields{{
    {"npm", &SeedCache::npm, "npm:downloads-imported:all"},
    {"pypi", &SeedCache::pypi, "pypi:downloads-imported:all"},
    {"crates", &SeedCache::crates, "crates:downloads-imported:all"},
    {"ghPackages", &SeedCache::gh_packages, "ghcr:pulls-imported:all"},
    {"maven", &SeedCache::maven, "maven:downloads-imported:all"},
    {"ghcr", &SeedCache::ghcr, "seed-cache:ghcr:all"},
    {"total", &SeedCache::total, "seed-cache:total:all"},
}};

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

void append_number(std::string& out, std::string_view field, Count value) {
  out.append(out.size() > 1 ? ",\"" : "\"").append(field).append("\":");
  out.append(std::to_string(value));
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
    const auto sum = std::find_if(k_sum_fields.begin(), k_sum_fields.end(),
                                  [&](const SumField& f) { return f.field == entry.key; });
    if (sum != k_sum_fields.end()) {
      auto value = reader.count(entry.value, entry.key);
      if (!value) {
        return value.error();
      }
      cache.*(sum->member) = *value;
    } else if (entry.key == "clones" || entry.key == "releases") {
      auto value = reader.count(entry.value, entry.key);
      if (!value) {
        return value.error();
      }
      (entry.key == "clones" ? cache.clones : cache.releases) = *value;
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
  for (const auto& sum : k_sum_fields) {
    if (const auto& value = cache.*(sum.member)) {
      const bool information = sum.key.starts_with("seed-cache:");
      if (auto ok = observe(std::string(sum.key), information ? Kind::gauge : Kind::cumulative,
                            *value, false, day);
          !ok) {
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

SeedCache seed_cache_from_ledger(const Ledger& ledger, std::string_view repo_owner,
                                 Timestamp fetched_at) {
  SeedCache cache;
  cache.npm = metric_sum(ledger, "npm", "downloads");
  cache.pypi = metric_sum(ledger, "pypi", "downloads");
  cache.crates = metric_sum(ledger, "crates", "downloads");
  cache.gh_packages = metric_sum(ledger, "ghcr", "pulls");
  cache.maven = metric_sum(ledger, "maven", "downloads");
  cache.clones_by_repo.emplace();
  cache.releases_by_repo.emplace();
  const std::string owner_prefix = std::string(repo_owner) + "/";
  Count clones = 0;
  Count releases = 0;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() != "github" || !key.entity().starts_with(owner_prefix)) {
      continue;
    }
    const std::string repo(key.entity().substr(owner_prefix.size()));
    const Count value = series.value().value_or(0);
    if (key.metric() == "clones" && series.kind() == Kind::daily) {
      (*cache.clones_by_repo)[repo] = SeedCacheClones{value, series.last_day().value_or(Day())};
      clones = saturating_add(clones, value);
    } else if (key.metric() == "release-downloads" && series.kind() != Kind::gauge) {
      (*cache.releases_by_repo)[repo] = value;
      releases = saturating_add(releases, value);
    }
  }
  cache.clones = clones;
  cache.releases = releases;
  Count total = 0;
  for (const Count part :
       {*cache.npm, *cache.pypi, *cache.crates, releases, *cache.gh_packages, *cache.maven}) {
    total = saturating_add(total, part);
  }
  cache.total = total;
  cache.fetched_at = fetched_at;
  return cache;
}

Result<std::string> infer_repo_owner(const Ledger& ledger) {
  std::set<std::string> owners;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() == "github" &&
        (key.metric() == "clones" || key.metric() == "release-downloads")) {
      owners.emplace(key.entity().substr(0, key.entity().find('/')));
    }
  }
  if (owners.size() > 1) {
    std::string list;
    for (const auto& owner : owners) {
      list.append(list.empty() ? "" : ", ").append(owner);
    }
    return make_error("the ledger has repositories of several owners (" + list + "): choose one");
  }
  return owners.empty() ? std::string() : *owners.begin();
}

std::string write_seed_cache(const SeedCache& cache) {
  std::string out = "{";
  append_number(out, "npm", cache.npm.value_or(0));
  append_number(out, "pypi", cache.pypi.value_or(0));
  append_number(out, "crates", cache.crates.value_or(0));
  append_number(out, "clones", cache.clones.value_or(0));
  out.append(",\"clonesByRepo\":{");
  bool first = true;
  for (const auto& [repo, clones] :
       cache.clones_by_repo.value_or(std::map<std::string, SeedCacheClones>{})) {
    out.append(first ? "" : ",");
    append_json_string(out, repo);
    out.append(":{\"count\":")
        .append(std::to_string(clones.count))
        .append(",\"lastSeenDay\":\"")
        .append(clones.last_seen_day.to_string())
        .append("\"}");
    first = false;
  }
  out.append("}");
  append_number(out, "releases", cache.releases.value_or(0));
  out.append(",\"releasesByRepo\":{");
  first = true;
  for (const auto& [repo, downloads] :
       cache.releases_by_repo.value_or(std::map<std::string, Count>{})) {
    out.append(first ? "" : ",");
    append_json_string(out, repo);
    out.append(":").append(std::to_string(downloads));
    first = false;
  }
  out.append("}");
  append_number(out, "ghPackages", cache.gh_packages.value_or(0));
  append_number(out, "maven", cache.maven.value_or(0));
  append_number(out, "total", cache.total.value_or(0));
  out.append(",\"fetchedAt\":\"").append(cache.fetched_at.to_string()).append("\"}\n");
  return out;
}

std::string write_seed_public(const SeedCache& cache) {
  std::string out = "{";
  append_number(out, "total", cache.total.value_or(0));
  append_number(out, "clones", cache.clones.value_or(0));
  out.append(",\"fetchedAt\":\"").append(cache.fetched_at.to_string()).append("\"}\n");
  return out;
}

}  // namespace odometer
