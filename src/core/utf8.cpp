#include "core/utf8.hpp"

namespace odometer {

std::optional<Utf8Sequence> utf8_sequence_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80U) {
    return Utf8Sequence{lead, 1};
  }
  // The lead byte gives the length and the range of the second byte, which
  // rules out overlong forms (E0, F0), surrogates (ED) and code points above
  // U+10FFFF (F4); C0, C1 and F5 to FF never start a sequence.
  std::size_t length = 0;
  char32_t code = 0;
  unsigned min_second = 0x80U;
  unsigned max_second = 0xBFU;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    length = 2;
    code = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    length = 3;
    code = lead & 0x0FU;
    if (lead == 0xE0U) {
      min_second = 0xA0U;
    } else if (lead == 0xEDU) {
      max_second = 0x9FU;
    }
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    length = 4;
    code = lead & 0x07U;
    if (lead == 0xF0U) {
      min_second = 0x90U;
    } else if (lead == 0xF4U) {
      max_second = 0x8FU;
    }
  } else {
    return std::nullopt;
  }
  if (length > text.size() - at) {
    return std::nullopt;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[at + k]);
    if (byte < (k == 1 ? min_second : 0x80U) || byte > (k == 1 ? max_second : 0xBFU)) {
      return std::nullopt;
    }
    code = (code << 6U) | (byte & 0x3FU);
  }
  return Utf8Sequence{code, length};
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto sequence = utf8_sequence_at(text, at);
    if (!sequence) {
      return false;
    }
    at += sequence->length;
  }
  return true;
}

}  // namespace odometer
