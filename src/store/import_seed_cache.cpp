// A site's installs-cache.json mapped onto series (docs/migrating.md has the
// table): per-registry sums become SOURCE:METRIC-imported:all floors, the
// per-repository clone accumulator {count, lastSeenDay} becomes a floor
// (lastSeenDay, count) of each repository's clones, and total and ghcr are
// kept as information only.

#include <map>
#include <string>

#include "store/seed_cache.hpp"

namespace odometer {

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
    TRY_ASSIGN(auto parsed, SeriesKey::parse(key));
    Observation observation{std::move(parsed), kind, on, static_cast<std::int64_t>(value), floor};
    observation.at = cache.fetched_at;
    return result.ledger.observe(observation);
  };
  for (const auto& sum : seed_cache_registry_sums()) {
    if (const auto& value = cache.*(sum.member)) {
      TRY_ASSIGN(const auto key, imported_sum_key(sum));
      TRY(observe(key.str(), Kind::cumulative, *value, false, day));
    }
  }
  for (const auto& information : seed_cache_information_fields()) {
    if (const auto& value = cache.*(information.member)) {
      TRY(observe(std::string(information.key), Kind::gauge, *value, false, day));
    }
  }
  if (cache.total) {
    result.notes.push_back("total " + std::to_string(*cache.total) +
                           " kept as information only (its definition changed over time)");
  }
  Count clone_sum = 0;
  for (const auto& [repo, clones] :
       cache.clones_by_repo.value_or(std::map<std::string, SeedCacheClones>{})) {
    TRY(observe("github:clones:" + *repo_owner + "/" + repo, Kind::daily, clones.count, true,
                clones.last_seen_day));
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
    TRY(observe("github:release-downloads:" + *repo_owner + "/" + repo, Kind::cumulative, downloads,
                false, day));
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

}  // namespace odometer
