#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"

namespace odometer {

enum class LedgerFormat { odometer_ledger, seed_cache };

struct AnyLedger {
  Ledger ledger;
  LedgerFormat format = LedgerFormat::odometer_ledger;
  std::vector<std::string> notes;  // from a cache import
};

// Reads text as an odometer ledger, or — when it has no "format" field — as
// the replaced system's installs-cache.json (imported with repo_owner).
// Errors name `source`.
Result<AnyLedger> parse_any_ledger(std::string_view text, std::string_view source,
                                   const std::optional<std::string>& repo_owner);

}  // namespace odometer
