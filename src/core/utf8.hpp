#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace odometer {

// One code point of UTF-8 text and the length of its encoding in bytes.
struct Utf8Sequence {
  char32_t code = 0;
  std::size_t length = 0;
};

// The code point whose encoding starts at text[at], or nullopt when no
// well-formed sequence starts there: a stray continuation byte, an overlong
// form, a surrogate, a code point above U+10FFFF, or a sequence cut off by
// the end of text (never read past). Precondition: at < text.size(). The
// one UTF-8 decoder: is_valid_utf8, the HTML escaping and the badge widths
// all read text through it.
std::optional<Utf8Sequence> utf8_sequence_at(std::string_view text, std::size_t at);

// True if text is well-formed UTF-8 (no overlongs, no surrogates, nothing
// above U+10FFFF). In core, below everything, because series keys are
// checked with it; the network layer checks what it caches and records
// with the same function.
bool is_valid_utf8(std::string_view text);

}  // namespace odometer
