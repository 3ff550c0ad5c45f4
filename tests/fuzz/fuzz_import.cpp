// Every import format on arbitrary bytes: an odometer ledger, or the
// replaced system's installs-cache.json (every generation), imported with
// and without a repository owner. Accept or name the problem; never crash.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "store/any_ledger.hpp"
#include "store/seed_cache.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& owner :
       {std::optional<std::string>(), std::optional<std::string>("runcycles")}) {
    auto any = odometer::parse_any_ledger(text, "fuzz.json", owner);
    FUZZ_CHECK(any.ok() || !any.error().message.empty(), "an error names its problem");
  }
  if (auto cache = odometer::parse_seed_cache(text, "installs-cache.json")) {
    auto imported = odometer::import_seed_cache(*cache, std::string("runcycles"));
    FUZZ_CHECK(imported.ok() || !imported.error().message.empty(), "an error names its problem");
  }
  return 0;
}
