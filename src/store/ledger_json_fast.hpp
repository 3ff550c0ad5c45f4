#pragma once

// The fast path of parse_ledger_json, for the text write_ledger_json
// produces. Declared here so that tests can hold it to the strict reader.

#include <cstddef>
#include <optional>

#include "core/ledger.hpp"

namespace odometer {

// Reads the len bytes at data, which must be followed by at least
// SIMDJSON_PADDING readable bytes. Returns the ledger when the text is a
// valid ledger in the canonical layout: the fields in the order they are
// written, series keys and days strictly ascending, counts as plain integers
// from 0 to 10^15. Returns nullopt for anything else, valid or not, and the
// caller then runs the strict reader, which accepts the text or names the
// problem. It never returns a ledger that the strict reader would reject or
// read differently.
std::optional<Ledger> read_canonical_ledger(const char* data, std::size_t len);

}  // namespace odometer
