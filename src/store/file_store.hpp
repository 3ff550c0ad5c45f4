#pragma once

#include <filesystem>
#include <memory>

#include "core/ledger.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace odometer {

// The ledger file store: one canonical JSON file. commit() holds an
// exclusive flock on "<file>.lock" beside it while it re-reads, merges and
// atomically replaces the file, so concurrent writers both keep their counts.
std::unique_ptr<Store> make_file_store(std::filesystem::path path);

// Reads and parses a ledger file. A missing file is an error here (use a
// Store to treat it as empty); every error names the file.
Result<Ledger> read_ledger_file(const std::filesystem::path& path);

}  // namespace odometer
