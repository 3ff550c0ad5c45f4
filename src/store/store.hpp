#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"

namespace odometer {

// What a commit that reads nothing back reports.
struct CommitSummary {
  std::size_t series = 0;  // how many series the store holds after the commit
};

// Where a ledger lives. Every implementation keeps the same promise: commit
// merges into what is stored (never replaces it), atomically, so that two
// writers at once both keep their counts and a crash leaves either the old
// or the new state, never a mix. A Store object is used by one thread at a
// time.
class Store {
public:
  virtual ~Store() = default;

  // The stored ledger; an empty ledger if nothing is stored yet. An
  // unreadable or invalid store is an error, never "start from zero".
  virtual Result<Ledger> load() = 0;
  // The same, except that nothing stored yet (no file; a database without
  // odometer's tables) is an error naming the store: for commands that only
  // read, where an empty ledger would hide a wrong path.
  virtual Result<Ledger> load_existing() = 0;
  // Merges ledger into the stored state and returns the merged state: at
  // least every series of ledger, each in full as stored after the commit,
  // and the merged updated_at. (The file store returns its whole ledger; a
  // database store reads back only the series of ledger.) On any error the
  // stored state is unchanged.
  virtual Result<Ledger> commit(const Ledger& ledger) = 0;
  // Merges like commit() but reads nothing back: for writers that do not
  // look at the merged series (collect, merge, recover). Reading 10,000
  // series back costs a database store more than the commit itself.
  virtual Result<CommitSummary> commit_without_readback(const Ledger& ledger) = 0;
  // Makes the store ready for its first commit (a database's schema,
  // created or upgraded to this version's; an empty ledger file) and
  // returns what it did, for a person to read. Commits do this by
  // themselves; `odometer store init` does it ahead of time.
  virtual Result<std::string> init() = 0;
  // A human-readable name for messages (the path, for a file; the URL with
  // its password hidden, for a database).
  virtual std::string describe() const = 0;
};

// Opens the store at location: "postgres://..." or "postgresql://..." is a
// PostgreSQL database (any libpq connection URI; docs/storage.md), and
// "file:PATH" or a plain path is a ledger file. Connects lazily: an
// unreachable server is reported by the first load or commit. Returns an
// error naming the location when the scheme is unknown.
Result<std::unique_ptr<Store>> open_store(std::string_view location);

// The ledger at location, for a command that only reads it (show, render,
// export, verify, the inputs of merge): open_store(location) and
// load_existing(), so a missing file or an empty database is an error.
Result<Ledger> read_ledger(std::string_view location);

// The path when location names a ledger file ("file:PATH" or a plain path);
// nullopt for a database URL.
std::optional<std::filesystem::path> ledger_file_path(std::string_view location);

}  // namespace odometer
