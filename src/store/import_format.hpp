#pragma once

// What every import of records kept by other tools shares (docs/migrating.md):
// a file in, the ledger of what it gives plus what it skipped and why out.
// Formats are pure functions of the files' text, so that importing the same
// files twice gives the same ledger byte for byte, and the CLI can show a dry
// run that is exactly what a real run commits.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/ledger.hpp"
#include "core/result.hpp"
#include "util/csv.hpp"

namespace odometer {

// One file to import.
struct ImportFile {
  std::string name;  // how messages name it: the path as the user gave it
  std::string text;
};

// What one file gives.
struct FileImport {
  std::string name;  // the ImportFile's
  std::string what;  // what the file was read as, for people ("ghrs stargazers.csv of acme/widget")
  Ledger ledger;     // every value taken, as the kinds of its series say
  std::vector<std::string> skipped;  // what was not taken and why, one sentence each
  std::vector<std::string> notes;    // what was found and checked, for the user
};

// How many entries (days, floors, gauge readings) of incoming would add to
// or raise what stored holds for key: 0 when the merge would change nothing.
std::size_t new_entries(const Ledger& stored, const SeriesKey& key, const Series& incoming);

// Collects what the rows of a file skip, by reason, so that a reason that
// applies to hundreds of rows is said once, with the lines it applies to.
class SkipLog {
public:
  // Records that line skips something for reason.
  void add(const std::string& reason, std::size_t line);
  // One sentence per reason, in the order they were first added:
  // "REASON (line 4)" or "REASON (lines 2, 3, 5, ... 40: 12 rows)".
  std::vector<std::string> sentences() const;

private:
  std::vector<std::pair<std::string, std::vector<std::size_t>>> m_reasons;
};

// "FILE:LINE: problem", ErrorCode::invalid. Line 0 is the file as a whole:
// "FILE: problem".
Error file_error(const ImportFile& file, std::size_t line, std::string_view problem);

// The records of a CSV file after its header, each with as many fields as
// the header. Errors name the file and line: an empty file, a header other
// than `header` (both are quoted), a record with too few or too many fields,
// and every error of read_csv.
Result<std::vector<CsvRecord>> read_csv_rows(const ImportFile& file,
                                             std::span<const std::string_view> header);

// The header of a CSV text (its first record), or an empty list when the
// text has none or is not CSV: for telling formats apart.
std::vector<std::string> csv_header(std::string_view text);

// The count in a field of record (parse_count_field); errors name
// FILE:LINE and the column.
Result<Count> read_csv_count(const ImportFile& file, const CsvRecord& record, std::size_t column,
                             std::string_view column_name);

// Folds observation into ledger; an error is reported as FILE:LINE: ...
Status observe_row(Ledger& ledger, const Observation& observation, const ImportFile& file,
                   std::size_t line);

// A time that a file name tells, for files whose contents hold none.
struct FileNameTime {
  Timestamp time;                // UTC
  std::size_t position = 0;      // where the date starts in the name
  bool has_time_of_day = false;  // else time is the start of the day
};

// The first YYYY-MM-DD in name that is a real day, with the time of day
// when HHMMSS follows it after '_' or 'T' ("clones-2025-03-04.json",
// "2025-03-04_181002_top_paths_snapshot.csv"), read as UTC; nullopt when
// the name holds no such date.
std::optional<FileNameTime> time_in_file_name(std::string_view name);

// The latest time the ledger's numbers speak of: the latest reading time of
// its gauges and the start of the newest day (or floor) of its other
// series; nullopt when it holds no number.
std::optional<Timestamp> latest_data_time(const Ledger& ledger);

// Sets updated_at of an imported ledger to latest_data_time: never the
// clock, so that importing the same files again gives the same ledger and
// leaves a ledger that already holds them byte for byte as it is.
void stamp_with_data_time(Ledger& ledger);

}  // namespace odometer
