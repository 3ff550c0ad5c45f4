#pragma once

// Where in a JSON text an integer too large for 64 bits is. simdjson
// refuses such a document as a whole, before any path is known; this scan
// finds the first one so that the error can name its JSON path, as every
// other error about a value does.

#include <optional>
#include <string>
#include <string_view>

namespace odometer {

struct NumberAt {
  std::string path;     // "$.series[\"npm:downloads:x\"].days[\"2026-05-01\"]"
  std::string literal;  // the number as written
};

// The first integer literal of text beyond the int64 (negative) or uint64
// (positive) range, with its path; nullopt when there is none. Reads any
// text without failing (a malformed document just ends the scan early).
std::optional<NumberAt> find_out_of_range_integer(std::string_view text);

}  // namespace odometer
