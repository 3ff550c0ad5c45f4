#include "report/markup.hpp"

#include <cstddef>

#include "core/utf8.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at text[i], or 0 if it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto sequence = utf8_sequence_at(text, i);
  return sequence ? sequence->length : 0;
}

bool is_forbidden_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7F;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text, Apostrophe apostrophe) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += k_replacement;
      ++i;
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
        out += apostrophe == Apostrophe::named ? "&apos;" : "&#39;";
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
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      return false;
    }
    const auto byte = static_cast<unsigned char>(text[i]);
    if (length == 1 && (byte < 0x20 || byte == 0x7F)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace odometer
