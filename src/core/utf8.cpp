#include "core/utf8.hpp"

#include <array>

namespace odometer {
namespace {

// The well-formed UTF-8 byte sequences of the Unicode Standard (table 3-7):
// by lead byte, the sequence's length, the bits of the lead that belong to
// the code point, and the range of the second byte, which rules out
// overlong forms (E0, F0), surrogates (ED) and code points above U+10FFFF
// (F4). Every further byte is 80..BF. C0, C1 and F5..FF start nothing.
struct LeadByte {
  unsigned char first;
  unsigned char last;
  std::size_t length;
  unsigned char bits;
  unsigned char min_second;
  unsigned char max_second;
};

constexpr std::array<LeadByte, 8> k_lead_bytes = {{
    {0xC2, 0xDF, 2, 0x1F, 0x80, 0xBF},
    {0xE0, 0xE0, 3, 0x0F, 0xA0, 0xBF},
    {0xE1, 0xEC, 3, 0x0F, 0x80, 0xBF},
    {0xED, 0xED, 3, 0x0F, 0x80, 0x9F},
    {0xEE, 0xEF, 3, 0x0F, 0x80, 0xBF},
    {0xF0, 0xF0, 4, 0x07, 0x90, 0xBF},
    {0xF1, 0xF3, 4, 0x07, 0x80, 0xBF},
    {0xF4, 0xF4, 4, 0x07, 0x80, 0x8F},
}};

}  // namespace

std::optional<Utf8Sequence> utf8_sequence_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80U) {
    return Utf8Sequence{lead, 1};
  }
  for (const LeadByte& rule : k_lead_bytes) {
    if (lead < rule.first || lead > rule.last) {
      continue;
    }
    if (rule.length > text.size() - at) {
      return std::nullopt;
    }
    char32_t code = lead & rule.bits;
    for (std::size_t k = 1; k < rule.length; ++k) {
      const auto byte = static_cast<unsigned char>(text[at + k]);
      const unsigned char low = k == 1 ? rule.min_second : 0x80;
      const unsigned char high = k == 1 ? rule.max_second : 0xBF;
      if (byte < low || byte > high) {
        return std::nullopt;
      }
      code = (code << 6U) | (byte & 0x3FU);
    }
    return Utf8Sequence{code, rule.length};
  }
  return std::nullopt;
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
