#pragma once

#include <string>

#include "core/ledger.hpp"

namespace odometer {

// The whole ledger as CSV, one row per key and day, for spreadsheets:
//
//   key,kind,day,value
//
// kind is the series kind of the row:
//   daily               a day's count of an additive daily series
//   daily-floor         a floor (T, F): at least F counted up to and including T
//   daily-non-additive  a day's count of a non-additive daily series (no total)
//   cumulative          the highest all-time total seen that day
//   gauge               the day's reading (its time of observation is not written)
// Rows are sorted by key, then day; on the same day a count comes before a
// floor. A key with a comma, a quote or a line break is quoted as RFC 4180
// says (inside quotes, '"' is doubled). Lines end in "\n" (not RFC 4180's
// CRLF) so that the file diffs cleanly in git; spreadsheets read both.
std::string ledger_csv(const Ledger& ledger);

}  // namespace odometer
