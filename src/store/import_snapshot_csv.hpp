#pragma once

// The weekly snapshot CSVs of the runcycles docs site
// (.outreach/adoption-snapshots*.csv), mapped onto series (docs/migrating.md
// has the table of every column).

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "store/import_format.hpp"

namespace odometer {

// The three files, told apart by their headers.
enum class SnapshotCsv {
  org,        // adoption-snapshots.csv: the org's totals
  by_repo,    // adoption-snapshots-by-repo.csv: per repository
  referrers,  // adoption-snapshots-referrers.csv: each repository's top referrers
};

// Which of the three text is, by its header; nullopt for none of them.
std::optional<SnapshotCsv> snapshot_csv_kind(std::string_view text);

// Reads one of the three files. owner is the GitHub org the workflow ran
// for (the files name repositories without it); an error says to give it
// when it is missing. A 14-day sum becomes a floor on the snapshot's date,
// stars, forks and referrers' views and uniques gauge readings of that
// date; a 0 is skipped (the workflow wrote 0 for a failed API call).
// Errors name the file and line: a header of none of the three, a bad count or date, a repository
// name that is not a GitHub name.
Result<FileImport> import_snapshot_csv(const ImportFile& file,
                                       const std::optional<std::string>& owner);

}  // namespace odometer
