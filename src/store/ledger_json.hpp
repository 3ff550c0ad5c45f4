#pragma once

// The canonical ledger file (DESIGN.md §3): format "odometer-ledger",
// version 1. Keys are sorted, one line per day entry, integers only, UTF-8,
// a trailing newline, so the same state always gives the same bytes and a
// daily update is a small git diff.

#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"
#include "util/atomic_file.hpp"

namespace odometer {

inline constexpr std::string_view k_ledger_format = "odometer-ledger";
inline constexpr int k_ledger_version = 1;

// Parses a ledger document. Every error names `source` (the file name) and
// the JSON path of the problem, e.g.
//   ledger.json: $.series["npm:downloads:x"].days["2026-05-01"]: count -5 is negative
// Rejected: invalid JSON or UTF-8, duplicate object keys, wrong types,
// non-integers, negative or absurd counts, invalid days, timestamps or keys,
// a format other than odometer-ledger, and any version other than 1.
Result<Ledger> parse_ledger_json(std::string_view text, std::string_view source);
// The same; parses in place, without a copy, when the string has 64 bytes
// of spare capacity (as read_file_if_exists leaves).
Result<Ledger> parse_ledger_json(const std::string& text, std::string_view source);

// The strict reader alone, without the fast path for canonical text
// (ledger_json_fast.hpp): the same results, more slowly. For tests that hold
// the two readers to each other.
Result<Ledger> parse_ledger_json_strict(std::string_view text, std::string_view source);

// The canonical text of ledger.
std::string write_ledger_json(const Ledger& ledger);
// The same text, handed to sink in pieces of about a megabyte, so that a
// ledger of millions of days is written without holding its whole text.
// Returns the sink's first error, after which it stops.
Status write_ledger_json(const Ledger& ledger, const TextSink& sink);

}  // namespace odometer
