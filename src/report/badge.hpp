#pragma once

// Shields-style badges: the compact number a badge shows, a shields.io
// endpoint document (for a badge drawn by shields.io), and a flat badge drawn
// here (for a site that serves its own SVG files). Pure functions: text in,
// text out.

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// The number as shields prints it: 0, 999, 1k, 8.1k, 999k, 1M, 1.2M, 1G, ...
// up to E (18E for the largest Count). Below 10 of a unit it keeps one
// decimal unless that decimal is 0; otherwise it rounds to a whole number of
// units, and a number that rounds to 1000 units takes the next unit (999,950
// is "1M", never "1000k"). Rounding is half up on the exact value.
std::string compact_number(Count value);

// Returns the color as a badge may use it: a name from the fixed set (blue,
// brightgreen, green, yellowgreen, yellow, orange, red, grey, gray,
// lightgrey, lightgray, blueviolet, success, important, critical,
// informational, inactive) as given, or a hex color "#abc"/"#aabbcc"
// lowercased. Anything else is an error quoting the text: nothing from a
// config can reach an attribute unchecked.
Result<std::string> checked_badge_color(std::string_view color);

// A shields.io endpoint document:
// {"schemaVersion": 1, "label": "installs", "message": "8.1k", "color": "blue"}
// with a trailing newline; strings JSON-escaped. Errors for a color that
// checked_badge_color rejects.
Result<std::string> badge_json(std::string_view label, Count value, std::string_view color);

// A flat badge (the shields "flat" style) as a standalone SVG document:
// label on grey, message on color, Verdana 11px text with a shadow, a
// <title> and aria-label "label: message", role="img". Label and message are
// XML-escaped. Errors for a rejected color, or for text that is not valid
// UTF-8 or holds a control character (XML cannot carry those).
Result<std::string> badge_svg(std::string_view label, std::string_view message,
                              std::string_view color);

// The width in pixels that label or message text takes in a badge: Verdana
// 11px advance widths for ASCII 32..126 and 11px (one em) for any other code
// point, rounded up to an odd number as shields does so the text centres
// on a whole pixel.
int badge_text_width(std::string_view text);

}  // namespace odometer
