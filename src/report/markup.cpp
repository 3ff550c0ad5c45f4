#include "report/markup.hpp"

#include <cstddef>

#include "core/shown.hpp"
#include "core/utf8.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

bool is_forbidden_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto code = decode_utf8(text, i);
    if (!code) {
      out += k_replacement;
      ++i;
      continue;
    }
    const std::size_t length = code->length;
    if (is_bidi_control(code->value)) {
      out += k_replacement;  // it would reorder the page around it
      i += length;
      continue;
    }
    if (length > 1) {
      out += text.substr(i, length);
      i += length;
      continue;
    }
    const char c = text[i++];
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";  // as badge-maker writes it; HTML5 knows it too
        break;
      default:
        if (is_forbidden_control(static_cast<unsigned char>(c))) {
          out += k_replacement;
        } else {
          out.push_back(c);
        }
    }
  }
}

std::string escaped(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

bool is_printable_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto code = decode_utf8(text, i);
    if (!code || code->value < 0x20 || code->value == 0x7F) {
      return false;
    }
    i += code->length;
  }
  return true;
}

}  // namespace odometer
