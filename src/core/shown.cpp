#include "core/shown.hpp"

#include <cstdio>

#include "core/utf8.hpp"

namespace odometer {

namespace {

enum class Mode { value, message, line };

void append_code(std::string& out, const char* format, unsigned int code) {
  char text[12];
  (void)std::snprintf(text, sizeof text, format, code);
  out += text;
}

// Appends text[at...] escaped; returns the bytes of text consumed.
std::size_t append_one(std::string& out, std::string_view text, std::size_t at, Mode mode) {
  const auto code = decode_utf8(text, at);
  if (!code) {
    append_code(out, "\\x%02x", static_cast<unsigned char>(text[at]));
    return 1;
  }
  const char32_t value = code->value;
  if (value == '\n' && mode == Mode::message) {
    out += '\n';
  } else if (value == '\\') {
    out += mode == Mode::value ? "\\\\" : "\\";
  } else if (value == '\n') {
    out += "\\n";
  } else if (value == '\r') {
    out += "\\r";
  } else if (value == '\t') {
    out += "\\t";
  } else if (value < 0x20 || value == 0x7F) {
    append_code(out, "\\x%02x", static_cast<unsigned int>(value));
  } else if ((value >= 0x80 && value <= 0x9F) || is_bidi_control(value)) {
    append_code(out, "\\u%04x", static_cast<unsigned int>(value));
  } else {
    out += text.substr(at, code->length);
  }
  return code->length;
}

}  // namespace

bool is_bidi_control(char32_t code) {
  return code == 0x061C || code == 0x200E || code == 0x200F || (code >= 0x202A && code <= 0x202E) ||
         (code >= 0x2066 && code <= 0x2069);
}

std::string shown_value(std::string_view value, std::size_t limit) {
  std::string out;
  std::size_t at = 0;
  while (at < value.size() && at < limit) {
    at += append_one(out, value, at, Mode::value);
  }
  if (at < value.size()) {
    out += "… (" + std::to_string(value.size()) + " bytes)";
  }
  return out;
}

std::string shown_message(std::string_view message, Newlines newlines) {
  std::string out;
  out.reserve(message.size());
  const Mode mode = newlines == Newlines::keep ? Mode::message : Mode::line;
  std::size_t at = 0;
  while (at < message.size()) {
    at += append_one(out, message, at, mode);
  }
  return out;
}

std::string without_bidi_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    const auto code = decode_utf8(text, at);
    const std::size_t length = code ? code->length : 1;
    if (code && is_bidi_control(code->value)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else {
      out += text.substr(at, length);
    }
    at += length;
  }
  return out;
}

}  // namespace odometer
