// The strict ledger reader on arbitrary bytes: it accepts or names the
// problem, never crashes; what it accepts writes back to text that reads as
// the same ledger (the canonical form is a fixed point).

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.hpp"
#include "store/ledger_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ledger = odometer::parse_ledger_json_strict(text, "fuzz.json");
  if (!ledger) {
    FUZZ_CHECK(!ledger.error().message.empty(), "an error names its problem");
    return 0;
  }
  const std::string written = odometer::write_ledger_json(*ledger);
  auto again = odometer::parse_ledger_json_strict(written, "written.json");
  FUZZ_CHECK(again.ok(), "the canonical text of an accepted ledger reads back");
  FUZZ_CHECK(*again == *ledger, "the canonical text reads back as the same ledger");
  FUZZ_CHECK(odometer::write_ledger_json(*again) == written, "the canonical text is a fixed point");
  return 0;
}
