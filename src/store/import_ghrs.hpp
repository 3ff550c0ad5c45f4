#pragma once

// A github-repo-stats ("ghrs") data folder, OWNER/REPO/ghrs-data/ on that
// tool's data branch, mapped onto the series the [github] collector keeps
// (docs/migrating.md has the table of every column).

#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "core/timestamp.hpp"
#include "store/import_format.hpp"

namespace odometer {

// The folder ghrs keeps one repository's data in.
inline constexpr std::string_view k_ghrs_folder = "ghrs-data";

// Reads one file of a repository's ghrs-data folder. `relative` is its path
// inside that folder, '/'-separated ("stargazers.csv",
// "snapshots/2025-03-04_181002_top_referrers_snapshot.csv"), which says what
// the file is; repo is OWNER/REPO (checked). A file that ghrs does not write
// is not read: its FileImport is empty and says so in `skipped`. Errors name
// the file and line: a wrong header, a bad count, an impossible date or
// time, a snapshot file name without its time.
Result<FileImport> import_ghrs_file(const ImportFile& file, std::string_view relative,
                                    std::string_view repo);

// A time as ghrs (pandas) writes it, "2025-03-01 00:00:00+00:00", as UTC:
// 'T' or ' ' between date and time, optional fractional seconds (dropped),
// and a UTC offset (+HH:MM, -HH:MM or Z), which is required. nullopt for
// anything else, an impossible date or time included.
std::optional<Timestamp> parse_ghrs_time(std::string_view text);

}  // namespace odometer
