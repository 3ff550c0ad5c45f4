#pragma once

#include <optional>
#include <string>

#include "core/result.hpp"

namespace odometer::cli {

// What FILE may be.
enum class ImportAccepts { cache_or_ledger, cache_only };

// The work of `import`, shared with `init --from-cache`: reads FILE (the
// replaced system's installs-cache.json of any generation, or — when
// accepts allows — an odometer ledger), merges it into the ledger through
// the store (so nothing already there is lost) and prints every imported
// series with its value after the merge, then the import's notes. On any
// error the ledger is unchanged.
Status import_into_ledger(const std::string& file, const std::string& ledger,
                          const std::optional<std::string>& repo_owner, ImportAccepts accepts);

}  // namespace odometer::cli
