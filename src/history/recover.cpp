// Recovery treats git history as a pile of replicas of one CRDT: whatever
// any commit ever held, on any branch, is merged back in, so a stale copy
// committed on top can no longer erase anything. Each distinct blob is
// parsed once (a daily job commits many identical versions), and each
// commit is compared with its parents to name the commits that lost data.
//
// Losses are described in the vocabulary of the file: for the replaced
// system's cache by its fields ("dropped clonesByRepo", "lowered
// clonesByRepo.docs 7107 -> 6521"), for ledgers by series key.

#include "history/recover.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "store/ledger_json.hpp"
#include "store/seed_cache.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

// The highest value a name ever had in a commit's ancestry, and where.
struct Peak {
  Count value = 0;
  std::string commit;
};
using Peaks = std::map<std::string, Peak>;

// One parsed blob, reduced to what the comparisons need.
struct Version {
  std::optional<Ledger> ledger;         // nullopt when unreadable
  std::set<std::string> fields;         // every field or key, for "dropped"
  std::map<std::string, Count> values;  // the numbers that must not go down
  std::string problem;
};

// Fields of the cache that are information only: their definition changed
// (total) or they were always 0 (ghcr), so a lower value is no loss.
bool is_information(std::string_view field) {
  return field == "total" || field == "ghcr";
}

void describe_cache(const SeedCache& cache, Version& version) {
  const std::pair<const char*, const std::optional<Count>*> scalars[] = {
      {"npm", &cache.npm},       {"pypi", &cache.pypi},         {"crates", &cache.crates},
      {"ghcr", &cache.ghcr},     {"maven", &cache.maven},       {"ghPackages", &cache.gh_packages},
      {"clones", &cache.clones}, {"releases", &cache.releases}, {"total", &cache.total},
  };
  for (const auto& [name, value] : scalars) {
    if (*value) {
      version.fields.insert(name);
      if (!is_information(name)) {
        version.values[name] = **value;
      }
    }
  }
  if (cache.clones_by_repo) {
    version.fields.insert("clonesByRepo");
    for (const auto& [repo, clones] : *cache.clones_by_repo) {
      version.fields.insert("clonesByRepo." + repo);
      version.values["clonesByRepo." + repo] = clones.count;
    }
  }
  if (cache.releases_by_repo) {
    version.fields.insert("releasesByRepo");
    for (const auto& [repo, downloads] : *cache.releases_by_repo) {
      version.fields.insert("releasesByRepo." + repo);
      version.values["releasesByRepo." + repo] = downloads;
    }
  }
}

void describe_ledger(const Ledger& ledger, Version& version) {
  for (const auto& [key, series] : ledger.series()) {
    version.fields.insert(key.str());
    // A gauge may go down and a non-additive series has no total.
    if (series.kind() != Kind::gauge && series.value()) {
      version.values[key.str()] = *series.value();
    }
  }
}

Version parse_version(const std::string& text, const std::string& source,
                      const std::optional<std::string>& repo_owner) {
  Version version;
  if (text.find("\"format\"") != std::string::npos) {
    auto ledger = parse_ledger_json(text, source);
    if (!ledger) {
      version.problem = ledger.error().message;
      return version;
    }
    describe_ledger(*ledger, version);
    version.ledger = std::move(*ledger);
    return version;
  }
  auto cache = parse_seed_cache(text, source);
  if (!cache) {
    version.problem = cache.error().message;
    return version;
  }
  auto imported = import_seed_cache(*cache, repo_owner);
  if (!imported) {
    version.problem = source + ": " + imported.error().message;
    return version;
  }
  describe_cache(*cache, version);
  version.ledger = std::move(imported->ledger);
  return version;
}

// Fields the parent had and the child has not. A whole map that vanished
// is one loss, not one per entry.
void add_dropped(const Version& parent, const Version& child, std::vector<std::string>& losses) {
  for (const auto& field : parent.fields) {
    if (child.fields.contains(field)) {
      continue;
    }
    const auto dot = field.find('.');
    const bool map_entry = dot != std::string::npos && field.find(':') == std::string::npos;
    if (!map_entry || child.fields.contains(field.substr(0, dot))) {
      losses.push_back("dropped " + field + (is_information(field) ? " (information only)" : ""));
    }
  }
}

// Numbers of the child below the highest its ancestry ever held: a re-seed
// that brings back a field with less than an older commit had is a loss
// too, even when its parent had lost the field altogether.
void add_lowered(const Peaks& peaks, const Version& child, std::vector<std::string>& losses) {
  for (const auto& [name, value] : child.values) {
    const auto peak = peaks.find(name);
    if (peak != peaks.end() && value < peak->second.value) {
      losses.push_back("lowered " + name + " " + with_thousands_separators(peak->second.value) +
                       " -> " + with_thousands_separators(value) + " (the higher value was in " +
                       peak->second.commit.substr(0, 7) + ")");
    }
  }
}

void raise_peaks(Peaks& peaks, const Peaks& other) {
  for (const auto& [name, peak] : other) {
    auto [it, fresh] = peaks.try_emplace(name, peak);
    if (!fresh && it->second.value < peak.value) {
      it->second = peak;
    }
  }
}

}  // namespace

Result<Recovery> recover(const GitRepository& repo, const std::string& path,
                         const std::optional<std::string>& rev,
                         const std::optional<std::string>& repo_owner) {
  auto commits = repo.history_of(path, rev);
  if (!commits) {
    return commits.error();
  }
  Recovery recovery;
  recovery.commits = commits->size();
  std::unordered_map<std::string, Version> by_blob;
  std::unordered_map<std::string, const CommitInfo*> by_id;
  // Peaks per commit, freed once every child has been visited.
  std::unordered_map<std::string, Peaks> peaks_of;
  std::unordered_map<std::string, std::size_t> children_left;
  for (const auto& commit : *commits) {
    by_id.emplace(commit.id, &commit);
    for (const auto& parent : commit.parents) {
      ++children_left[parent];
    }
  }

  // Parents come before children in the walk.
  for (const auto& commit : *commits) {
    Peaks peaks;
    for (const auto& parent : commit.parents) {
      auto it = peaks_of.find(parent);
      if (it == peaks_of.end()) {
        continue;
      }
      raise_peaks(peaks, it->second);
      if (--children_left[parent] == 0) {
        peaks_of.erase(it);
      }
    }
    if (!commit.blob) {
      // The file vanished: nothing is lost from the recovery, but a site
      // reading it would show nothing, so the commit is named.
      const bool parent_had_it = std::any_of(
          commit.parents.begin(), commit.parents.end(),
          [&](const std::string& parent) { return by_id.at(parent)->blob.has_value(); });
      if (parent_had_it) {
        recovery.lossy.push_back(LossyCommit{commit, {"deleted " + path}});
      }
    } else {
      ++recovery.versions;
      auto [it, fresh] = by_blob.try_emplace(*commit.blob);
      Version& version = it->second;
      const std::string source = path + " at " + commit.id.substr(0, 7);
      if (fresh) {
        auto text = repo.read_blob(*commit.blob);
        version = text ? parse_version(*text, source, repo_owner)
                       : Version{std::nullopt, {}, {}, text.error().message};
        if (!version.ledger) {
          recovery.problems.push_back(version.problem);
        } else if (auto ok = recovery.ledger.merge(*version.ledger); !ok) {
          recovery.problems.push_back(source + ": not merged: " + ok.error().message);
        }
      }
      LossyCommit lossy{commit, {}};
      if (!version.ledger) {
        lossy.losses.push_back("unreadable: " + version.problem);
      } else {
        for (const auto& parent_id : commit.parents) {
          const CommitInfo* parent = by_id.at(parent_id);
          if (parent->blob && *parent->blob != *commit.blob) {
            add_dropped(by_blob.at(*parent->blob), version, lossy.losses);
          }
        }
        add_lowered(peaks, version, lossy.losses);
        for (const auto& [name, value] : version.values) {
          raise_peaks(peaks, Peaks{{name, Peak{value, commit.id}}});
        }
      }
      if (!lossy.losses.empty()) {
        std::sort(lossy.losses.begin(), lossy.losses.end());
        lossy.losses.erase(std::unique(lossy.losses.begin(), lossy.losses.end()),
                           lossy.losses.end());
        recovery.lossy.push_back(std::move(lossy));
      }
    }
    if (children_left[commit.id] > 0) {
      peaks_of.emplace(commit.id, std::move(peaks));
    }
  }
  recovery.distinct = by_blob.size();
  return recovery;
}

}  // namespace odometer
