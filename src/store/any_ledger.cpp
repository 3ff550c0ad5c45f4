#include "store/any_ledger.hpp"

#include "store/ledger_json.hpp"
#include "store/seed_cache.hpp"

namespace odometer {

Result<AnyLedger> parse_any_ledger(std::string_view text, std::string_view source,
                                   const std::optional<std::string>& repo_owner) {
  // Every odometer ledger has a "format" field and no cache generation ever
  // had one, so its presence decides which reader gives the useful errors.
  if (text.find("\"format\"") != std::string_view::npos) {
    auto ledger = parse_ledger_json(text, source);
    if (!ledger) {
      return ledger.error();
    }
    return AnyLedger{std::move(*ledger), LedgerFormat::odometer_ledger, {}};
  }
  auto cache = parse_seed_cache(text, source);
  if (!cache) {
    return cache.error();
  }
  auto imported = import_seed_cache(*cache, repo_owner);
  if (!imported) {
    return make_error(std::string(source) + ": " + imported.error().message);
  }
  return AnyLedger{std::move(imported->ledger), LedgerFormat::seed_cache,
                   std::move(imported->notes)};
}

}  // namespace odometer
