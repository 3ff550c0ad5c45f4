#pragma once

#include <string>
#include <string_view>

namespace odometer {

// Appends text escaped for HTML or XML, in element content and in quoted
// attribute values alike: & < > " ' become entities. Text from APIs is chosen
// by strangers (referrer names, paths), so nothing passes through unescaped.
// Bytes that are not valid UTF-8, control characters other than tab and
// newline (which XML cannot carry), and bidi controls (core/shown.hpp: they
// would reorder the page around them) become U+FFFD.
void append_escaped(std::string& out, std::string_view text);

// append_escaped into a new string.
std::string escaped(std::string_view text);

// True if text is valid UTF-8 without control characters (tab and newline
// included): text a badge can carry.
bool is_printable_utf8(std::string_view text);

}  // namespace odometer
