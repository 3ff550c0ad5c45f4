#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"

namespace odometer {

// Where a ledger lives. Every implementation keeps the same promise: commit
// merges into what is stored (never replaces it), atomically, so that two
// writers at once both keep their counts and a crash leaves either the old
// or the new state, never a mix.
class Store {
public:
  virtual ~Store() = default;

  // The stored ledger; an empty ledger if nothing is stored yet. An
  // unreadable or invalid store is an error, never "start from zero".
  virtual Result<Ledger> load() = 0;
  // Merges ledger into the stored state and returns the merged state. On any
  // error the stored state is unchanged.
  virtual Result<Ledger> commit(const Ledger& ledger) = 0;
  // A human-readable name for messages (the path, for a file).
  virtual std::string describe() const = 0;
};

// Opens the store at location: "file:PATH" or a plain path is a ledger file.
// Returns an error naming the location when the scheme is unknown.
Result<std::unique_ptr<Store>> open_store(std::string_view location);

}  // namespace odometer
