#pragma once

// Shields-style badges: the compact number a badge shows, a shields.io
// endpoint document (for a badge drawn by shields.io), and a flat badge drawn
// here, byte for byte the SVG shields' own renderer (the npm package
// badge-maker, flat style) draws for the same label, message and colors.
// Pure functions: text in, text out; thread-safe.

#include <map>
#include <optional>
#include <span>
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

// The message color of a badge whose config names none.
inline constexpr std::string_view k_default_badge_color = "blue";

// Returns the color as the endpoint JSON carries it, if badge-maker accepts
// it and odometer supports it:
//   - a shields name (brightgreen, green, yellowgreen, yellow, orange, red,
//     blue, grey, lightgrey) or alias (gray, lightgray, success, important,
//     critical, informational, inactive), as given;
//   - a hex color of 3 or 6 digits, with or without '#', as "#" and the
//     digits in lowercase ("ABC" and "#abc" are "#abc");
//   - a CSS color name in lowercase (teal, rebeccapurple, ...), as given.
// Anything else (other case, spaces, rgb()/hsl(), hex with alpha) is an
// error quoting the text: nothing from a config reaches an attribute
// unchecked.
Result<std::string> checked_badge_color(std::string_view color);

// Every color name checked_badge_color accepts (shields names, aliases and
// CSS names), for a "did you mean" on a misspelled one. Static storage.
std::span<const std::string_view> badge_color_names();

// The colors of one badge, each as checked_badge_color accepts it.
struct BadgeColors {
  std::string color{k_default_badge_color};  // the message's background
  std::optional<std::string> label_color;    // the label's; nullopt: shields' default #555
  bool operator==(const BadgeColors&) const = default;
};

// What a config sets for a badge's colors; a part left unset takes the
// default.
struct BadgeColorChoice {
  std::optional<std::string> color;
  std::optional<std::string> label_color;
  bool operator==(const BadgeColorChoice&) const = default;
};

// The colors of every counter's badge: [outputs] badge_color and
// badge_label_color for all, [[counter]] color and label_color for one.
struct BadgeColorScheme {
  BadgeColorChoice defaults;
  std::map<std::string, BadgeColorChoice, std::less<>> counters;  // by counter name

  // The counter's own choice, else the default's, else blue on shields'
  // default label color.
  BadgeColors colors_of(std::string_view counter) const;
  bool operator==(const BadgeColorScheme&) const = default;
};

// A shields.io endpoint document:
// {"schemaVersion": 1, "label": "installs", "message": "8.1k", "color": "blue"}
// and `"labelColor": ...` after color when a label color is set, with a
// trailing newline; strings JSON-escaped, colors as checked_badge_color
// returns them. Errors for a color checked_badge_color rejects.
Result<std::string> badge_json(std::string_view label, Count value, const BadgeColors& colors);

// A flat badge as a standalone SVG document, identical to what badge-maker
// (the version pinned in tests/oracles/package.json) renders for
// makeBadge({label, message, color, labelColor}) with style "flat", and
// like it without a trailing newline: label and message trimmed of
// whitespace as JavaScript's String.prototype.trim does; Verdana 11px widths
// from badge-maker's table; label on the label color (the message color
// when there is neither a label nor a label color), message on the color;
// white text with a dark shadow, or #333 text with a light shadow on a light
// background; a <title> and aria-label "label: message"; role="img".
// Label and message are XML-escaped. Errors for a rejected color, or for
// text that is not valid UTF-8 or holds a control character once trimmed
// (XML cannot carry those).
Result<std::string> badge_svg(std::string_view label, std::string_view message,
                              const BadgeColors& colors);

// The width in pixels badge-maker gives label or message text (valid
// UTF-8): the sum, in double precision and in order, of each code point's
// Verdana 11px advance from its table (0 for a control character, the
// width of "m" for a code point the table lacks), truncated to a whole
// number and then made odd by adding 1 to an even one ("repo clones" is
// 63.31 px: 63; "8.1k" is 24.49: 25; "" is 0: 1). Text that is not valid
// UTF-8 is measured without reading past its end, but is not meaningful.
int badge_text_width(std::string_view text);

}  // namespace odometer
