#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace odometer {

// In core, below everything, because series keys are checked with these;
// every other layer that walks UTF-8 (escaping for HTML and SVG, measuring
// badge text, caching and recording responses) uses them too.

// One code point of UTF-8 text and how many bytes it takes.
struct CodePoint {
  char32_t value = 0;
  std::size_t length = 0;
};

// The code point that starts at text[at], or nullopt when the bytes there
// are not well-formed UTF-8: an overlong form, a surrogate, a value above
// U+10FFFF, a truncated sequence or a stray continuation byte.
// Precondition: at < text.size().
std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at);

// True if text is well-formed UTF-8 throughout.
bool is_valid_utf8(std::string_view text);

}  // namespace odometer
