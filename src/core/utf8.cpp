#include "core/utf8.hpp"

namespace odometer {

std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) {
    return CodePoint{lead, 1};
  }
  std::size_t length = 0;
  char32_t code = 0;
  if ((lead & 0xE0U) == 0xC0U) {
    length = 2;
    code = lead & 0x1FU;
  } else if ((lead & 0xF0U) == 0xE0U) {
    length = 3;
    code = lead & 0x0FU;
  } else if ((lead & 0xF8U) == 0xF0U) {
    length = 4;
    code = lead & 0x07U;
  } else {
    return std::nullopt;
  }
  if (at + length > text.size()) {
    return std::nullopt;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[at + k]);
    if ((next & 0xC0U) != 0x80U) {
      return std::nullopt;
    }
    code = (code << 6U) | (next & 0x3FU);
  }
  constexpr char32_t k_min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < k_min_for_length[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    return std::nullopt;
  }
  return CodePoint{code, length};
}

bool is_valid_utf8(std::string_view text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const auto code = decode_utf8(text, at);
    if (!code) {
      return false;
    }
    at += code->length;
  }
  return true;
}

}  // namespace odometer
