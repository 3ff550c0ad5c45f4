#pragma once

#include <string_view>

namespace odometer {

// True if text is well-formed UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF). In core, below everything, because series keys are
// checked with it; the network layer checks what it caches and records
// with the same function.
bool is_valid_utf8(std::string_view text);

}  // namespace odometer
