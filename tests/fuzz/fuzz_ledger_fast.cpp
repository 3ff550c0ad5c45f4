// The fast ledger reader against the strict one: whenever the fast path
// accepts a text, the strict reader must accept it too and read the same
// ledger (ledger_json_fast.hpp's promise). The fast path may give up on
// anything; it may never disagree.

#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "store/ledger_json.hpp"
#include "store/ledger_json_fast.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The fast reader may read SIMDJSON_PADDING bytes past the end.
  std::string padded(reinterpret_cast<const char*>(data), size);
  padded.reserve(size + simdjson::SIMDJSON_PADDING);
  auto fast = odometer::read_canonical_ledger(padded.data(), size);
  if (!fast) {
    return 0;
  }
  auto strict = odometer::parse_ledger_json_strict(std::string_view(padded), "fuzz.json");
  FUZZ_CHECK(strict.ok(), "the strict reader accepts what the fast reader accepts");
  FUZZ_CHECK(*strict == *fast, "both readers read the same ledger");
  return 0;
}
