#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace odometer {

// The most bytes text can take as a JSON string literal: every byte a
// \u00XX escape, plus the quotes.
inline std::size_t max_json_string_size(std::string_view text) {
  return text.size() * 6 + 2;
}

// Writes text as a JSON string literal at out, quotes included: '"', '\'
// and control characters escaped, every other byte (UTF-8 included) copied
// as it is. Needs max_json_string_size(text) bytes of room; returns the end.
char* put_json_string(char* out, std::string_view text);

// Appends text as a JSON string literal, as put_json_string writes it.
void append_json_string(std::string& out, std::string_view text);

}  // namespace odometer
