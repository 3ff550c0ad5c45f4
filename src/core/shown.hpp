#pragma once

// How text from outside (a file, a server, a config) is shown to people:
// the one rule for escaping in error messages and for the bidirectional
// overrides that outputs neutralise. In core, below everything, because the
// parsers of days, timestamps and series keys echo what they refuse.

#include <cstddef>
#include <string>
#include <string_view>

namespace odometer {

// The bytes of a value that a message shows before cutting it.
inline constexpr std::size_t k_shown_limit = 120;

// Whether code is a bidirectional formatting character (U+061C, U+200E,
// U+200F, U+202A..U+202E, U+2066..U+2069): it reorders the text around it,
// so "evil\u202Etxt.exe" reads differently from what it is.
bool is_bidi_control(char32_t code);

// value as one printable line for an error message: C0 controls, DEL, the C1
// controls U+0080..U+009F (NEL among them), bidi controls and bytes that are
// not UTF-8 written as escapes ("\n", "\t", "\x00", "\x7f", "\u0085",
// "\u202e"; a backslash as "\\"); a value longer than limit bytes cut there
// (at a code point boundary) and followed by "… (N bytes)".
std::string shown_value(std::string_view value, std::size_t limit = k_shown_limit);

enum class Newlines { keep, escape };

// A whole message with the same escapes as shown_value, except that '\'
// stays as it is, '\n' too unless newlines is escape (a message that must
// stay one line), and nothing is cut: the last guard before stderr.
std::string shown_message(std::string_view message, Newlines newlines = Newlines::keep);

// text with every bidi control replaced by U+FFFD, for outputs that show
// names chosen by strangers (dashboard, badges, CSV, `show`). Bytes that
// are not UTF-8 are left to each output's own escaping.
std::string without_bidi_controls(std::string_view text);

}  // namespace odometer
