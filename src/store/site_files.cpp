#include "store/site_files.hpp"

#include <set>
#include <string_view>

#include "core/github_keys.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

// How many of the series left out a note names.
constexpr std::size_t k_left_out_named = 10;

// The owner of the GitHub repositories (clones, release downloads) in the
// ledger, "" when there are none; an error listing them when there are
// several (the caller is then told to choose one).
Result<std::string> only_repo_owner(const Ledger& ledger) {
  std::set<std::string> owners;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() == "github" &&
        (key.metric() == k_github_clones || key.metric() == k_github_release_downloads)) {
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

bool is_clones(const SeriesKey& key, const Series& series) {
  return key.source() == "github" && key.metric() == k_github_clones &&
         series.kind() == Kind::daily;
}

bool is_release_downloads(const SeriesKey& key, const Series& series) {
  return key.source() == "github" && key.metric() == k_github_release_downloads &&
         series.kind() != Kind::gauge;
}

// The series some field of the site files holds: those a registry sum
// counts (the counter engine says which, -imported floors included) and the
// owner's repositories' clones and release downloads.
std::set<SeriesKey> series_in_fields(const Ledger& ledger, std::string_view owner_prefix) {
  std::set<SeriesKey> held;
  for (const auto& sum : seed_cache_registry_sums()) {
    for (auto& key : counted_series(ledger, metric_counter(sum.source, sum.metric))) {
      held.insert(std::move(key));
    }
  }
  for (const auto& [key, series] : ledger.series()) {
    if ((is_clones(key, series) || is_release_downloads(key, series)) &&
        key.entity().starts_with(owner_prefix)) {
      held.insert(key);
    }
  }
  return held;
}

void append_number(std::string& out, std::string_view field, Count value) {
  out.append(out.size() > 1 ? ",\"" : "\"").append(field).append("\":");
  out.append(std::to_string(value));
}

// The one-line JSON of a generation-4 cache, in the field order the site's
// loader writes it.
std::string cache_json(const SeedCache& cache) {
  std::string out = "{";
  append_number(out, "npm", cache.npm.value_or(0));
  append_number(out, "pypi", cache.pypi.value_or(0));
  append_number(out, "crates", cache.crates.value_or(0));
  append_number(out, "clones", cache.clones.value_or(0));
  out.append(",\"clonesByRepo\":{");
  bool first = true;
  for (const auto& [repo, clones] : *cache.clones_by_repo) {
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
  for (const auto& [repo, downloads] : *cache.releases_by_repo) {
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

std::string public_json(const SeedCache& cache) {
  std::string out = "{";
  append_number(out, "total", cache.total.value_or(0));
  append_number(out, "clones", cache.clones.value_or(0));
  out.append(",\"fetchedAt\":\"").append(cache.fetched_at.to_string()).append("\"}\n");
  return out;
}

}  // namespace

Result<SiteFiles> make_site_files(const Ledger& ledger,
                                  const std::optional<std::string>& repo_owner,
                                  std::span<const CounterSpec> counters, Timestamp otherwise) {
  auto owner = repo_owner ? Result<std::string>(*repo_owner) : only_repo_owner(ledger);
  if (!owner) {
    return owner.error();
  }
  const std::string owner_prefix = *owner + "/";
  SiteFiles files;
  SeedCache& cache = files.cache;
  for (const auto& sum : seed_cache_registry_sums()) {
    cache.*(sum.member) = metric_sum(ledger, sum.source, sum.metric);
  }
  cache.clones_by_repo.emplace();
  cache.releases_by_repo.emplace();
  Count clones = 0;
  Count releases = 0;
  for (const auto& [key, series] : ledger.series()) {
    if (!key.entity().starts_with(owner_prefix)) {
      continue;
    }
    const std::string repo(key.entity().substr(owner_prefix.size()));
    const Count value = series.value().value_or(0);
    if (is_clones(key, series)) {
      (*cache.clones_by_repo)[repo] = SeedCacheClones{value, series.last_day().value_or(Day())};
      clones = saturating_add(clones, value);
    } else if (is_release_downloads(key, series)) {
      (*cache.releases_by_repo)[repo] = value;
      releases = saturating_add(releases, value);
    }
  }
  // The loader's own formulas, from the fields just written.
  cache.clones = clones;
  cache.releases = releases;
  Count total = releases;
  for (const auto& sum : seed_cache_registry_sums()) {
    total = saturating_add(total, *(cache.*(sum.member)));
  }
  cache.total = total;
  cache.fetched_at = ledger.updated_at().value_or(otherwise);
  files.cache_json = cache_json(cache);
  files.public_json = public_json(cache);

  const std::set<SeriesKey> held = series_in_fields(ledger, owner_prefix);
  std::set<SeriesKey> left_out;
  for (const auto& spec : counters) {
    for (const auto& key : counted_series(ledger, spec)) {
      if (held.count(key) == 0) {
        left_out.insert(key);
      }
    }
  }
  files.left_out.assign(left_out.begin(), left_out.end());
  return files;
}

std::optional<std::string> left_out_note(const SiteFiles& files) {
  if (files.left_out.empty()) {
    return std::nullopt;
  }
  std::string named;
  for (std::size_t i = 0; i < files.left_out.size() && i < k_left_out_named; ++i) {
    named.append(named.empty() ? "" : ", ").append(files.left_out[i].str());
  }
  if (files.left_out.size() > k_left_out_named) {
    named += " and " + std::to_string(files.left_out.size() - k_left_out_named) + " more";
  }
  return "the site's installs-cache.json and installs.json have no field for " +
         std::to_string(files.left_out.size()) + " series the counters add up (" + named +
         "), so their total and clones leave them out; summary.txt and counters.json count "
         "them (docs/outputs.md, \"Site files\")";
}

}  // namespace odometer
