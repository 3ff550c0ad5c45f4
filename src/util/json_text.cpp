#include "util/json_text.hpp"

namespace odometer {

char* put_json_string(char* out, std::string_view text) {
  static constexpr std::string_view k_hex_digits = "0123456789abcdef";
  *out++ = '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte == '"' || byte == '\\') {
      *out++ = '\\';
      *out++ = c;
    } else if (byte < 0x20 || byte == 0x7F) {
      *out++ = '\\';
      *out++ = 'u';
      *out++ = '0';
      *out++ = '0';
      *out++ = k_hex_digits[byte >> 4U];
      *out++ = k_hex_digits[byte & 0x0FU];
    } else {
      *out++ = c;
    }
  }
  *out++ = '"';
  return out;
}

void append_json_string(std::string& out, std::string_view text) {
  const std::size_t used = out.size();
  out.resize(used + max_json_string_size(text));
  char* end = put_json_string(out.data() + used, text);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

}  // namespace odometer
