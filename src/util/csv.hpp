#pragma once

// CSV as RFC 4180 defines it, for every CSV that odometer reads or writes.
// Debian ships no C++ CSV library the project could use, and the format is
// small enough that one reader, tested on its own, is the safer choice than
// a split on commas in each importer.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// One record (row) of a CSV text.
struct CsvRecord {
  std::size_t line = 0;  // the 1-based line the record starts on
  std::vector<std::string> fields;
};

// Reads text as RFC 4180 CSV: fields separated by ',', records by CRLF or
// LF (both may occur in one file), a field in double quotes may hold
// commas, line breaks and '""' for one '"'. A UTF-8 byte order mark at the
// start is skipped. An empty line is no record (RFC 4180 would read it as
// one empty field; no format odometer reads has a one-column row). The last
// record may end without a line break.
//
// Errors (ErrorCode::invalid) are "SOURCE:LINE: problem": a quote inside an
// unquoted field, text after a closing quote, a quoted field never closed
// (the line where it opened), a carriage return not followed by a line
// feed outside quotes. Fields are bytes as written: UTF-8 is not checked
// here (series keys check it when a field becomes one).
Result<std::vector<CsvRecord>> read_csv(std::string_view text, std::string_view source);

// A count written as a CSV field: decimal digits, at most 10^15. A number
// written with a fraction of zeros ("12.0", as pandas writes a column that
// once held a gap) is that whole number. Anything else is an error
// (ErrorCode::invalid) that quotes the field and says what is wrong (empty,
// negative, a fraction such as "1.5", not a number, too large), for the
// caller to prefix with where it is.
Result<Count> parse_count_field(std::string_view text);

// Appends text as one CSV field: as it is, or in double quotes (with '"'
// doubled) when it holds a comma, a quote, a carriage return or a line feed.
void append_csv_field(std::string& out, std::string_view text);

}  // namespace odometer
