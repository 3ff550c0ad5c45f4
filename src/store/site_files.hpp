#pragma once

// The two files of a docs site's installs counter (a VitePress data loader,
// installs.data.ts, and its page): the loader's cache installs-cache.json
// (generation 4 of seed_cache.hpp) and the public installs.json.
//
// The loader reads the cache and computes
//   clones = the sum of clonesByRepo[*].count
//   total  = npm + pypi + crates + releases + ghPackages + maven
// itself, and refuses to write its cache again when a number it computes is
// lower than the file's. So both files hold exactly what those formulas give
// from their own fields, and a series that no field stands for (Docker Hub
// pulls, NuGet, another owner's repositories) is left out rather than folded
// into a field it does not belong to; SiteFiles::left_out names them.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/ledger.hpp"
#include "core/result.hpp"
#include "store/seed_cache.hpp"

namespace odometer {

struct SiteFiles {
  SeedCache cache;
  std::string cache_json;   // installs-cache.json
  std::string public_json;  // installs.json: {"total": N, "clones": N, "fetchedAt": "..."}
  // The series that one of the counters adds up but no field of the files
  // holds, sorted by key.
  std::vector<SeriesKey> left_out;
};

// The site files of ledger. clonesByRepo and releasesByRepo hold the
// repositories of repo_owner, or of the only owner in the ledger when it is
// nullopt (an error listing the owners when there are several). fetchedAt
// is the ledger's updated_at, so the same ledger gives the same bytes; only
// a ledger that was never updated takes `otherwise`. left_out is relative
// to counters. Every sum saturates.
Result<SiteFiles> make_site_files(const Ledger& ledger,
                                  const std::optional<std::string>& repo_owner,
                                  std::span<const CounterSpec> counters, Timestamp otherwise);

// What a user is told when left_out is not empty: how many series the files
// leave out, the first few keys, and where they are counted instead;
// nullopt when nothing is left out.
std::optional<std::string> left_out_note(const SiteFiles& files);

}  // namespace odometer
