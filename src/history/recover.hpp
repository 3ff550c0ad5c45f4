#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ledger.hpp"
#include "history/git_repository.hpp"

namespace odometer {

// A commit whose version of the file held less than its parent's version.
struct LossyCommit {
  CommitInfo commit;
  std::vector<std::string> losses;  // "dropped clonesByRepo", "lowered npm 4049 -> 4039", ...
};

struct Recovery {
  Ledger ledger;                      // the merge of every readable version
  std::vector<LossyCommit> lossy;     // in history order
  std::vector<std::string> problems;  // versions that could not be read or merged
  std::size_t commits = 0;            // commits walked
  std::size_t versions = 0;           // commits that have the file
  std::size_t distinct = 0;           // distinct blobs parsed
};

// Reads every version of `path` in the history reachable from rev (every ref
// when absent) — across merges and side branches — in either format
// (ledger or installs-cache, imported with repo_owner), parses each distinct
// blob once and merges them all. A version that cannot be read is listed in
// problems and left out; it never stops the recovery.
Result<Recovery> recover(const GitRepository& repo, const std::string& path,
                         const std::optional<std::string>& rev,
                         const std::optional<std::string>& repo_owner);

}  // namespace odometer
