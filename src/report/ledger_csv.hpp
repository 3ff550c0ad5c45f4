#pragma once

#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"

namespace odometer {

// The whole ledger as CSV, one row per key and day, for spreadsheets, and
// exact: parse_ledger_csv(ledger_csv(L)) == L for every ledger L.
//
//   key,kind,day,value,at
//
// kind is the series kind of the row:
//   daily               a day's count of an additive daily series
//   daily-floor         a floor (T, F): at least F counted up to and including T
//   daily-non-additive  a day's count of a non-additive daily series (no total)
//   cumulative          the highest all-time total seen that day
//   gauge               the day's reading; `at` is when it was read
//   updated-at          the ledger's updated_at, in `at`; key, day and value empty
// `at` is empty on every other row. A series without any entry is one row
// with its kind and an empty day and value. Rows are sorted by key (the
// updated-at row, with its empty key, comes first), then day; on the same
// day a count comes before a floor. A field with a comma, a quote or a line
// break is quoted as RFC 4180 says (inside quotes, '"' is doubled). Lines
// end in "\n" (not RFC 4180's CRLF) so that the file diffs cleanly in git;
// spreadsheets read both.
std::string ledger_csv(const Ledger& ledger);

// Reads what ledger_csv writes, in any row order, with CRLF or LF and a
// byte order mark or none; also the older four-column files (without
// `at`), whose gauge readings are then taken as read at the start of their
// day. Strict, like the ledger file's reader: every error names
// SOURCE:LINE and what is wrong: a wrong header, an unknown kind, an invalid
// key, day or timestamp, a count that is negative, fractional or above
// 10^15, a kind that differs between rows of one key, two rows for one key,
// kind and day, an `at` on a row that is not a gauge's, a gauge row
// without one, an empty-series row beside rows of the same key.
Result<Ledger> parse_ledger_csv(std::string_view text, std::string_view source);

// Whether text starts with the header of a ledger.csv (either version), for
// telling it from other CSV files.
bool has_ledger_csv_header(std::string_view text);

}  // namespace odometer
