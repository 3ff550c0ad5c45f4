// How badge-maker draws a flat badge, and why odometer copies it to the byte.
//
// A badge is two boxes: the label on the left, the message on the right, each
// as wide as its text plus 5 px of padding on either side. shields.io cannot
// measure text with a font at request time, so badge-maker (through its
// dependency anafanafo) keeps a table of Verdana 11px advance widths, in px
// with two decimals, for ranges of code points: ASCII, Latin-1, most of the
// Latin, Greek and Cyrillic blocks, CJK, and more (11,241 ranges). A string's
// width is the sum of its code points' widths, added up left to right in
// double precision, as JavaScript does. A control character (below 32, or
// 127) is 0 wide; a code point the table lacks is taken to be as wide as "m"
// (10.7 px), a fair guess for a letter of an unknown script. Because the
// widths are decimals that doubles cannot hold exactly, the order of the
// additions and the precision decide whether a sum lands just below or
// just above a whole number, so odometer adds the same doubles in the same
// order (IEEE 754 arithmetic, checked at compile time).
//
// The sum is then truncated (JavaScript's `| 0`), not rounded up, and made
// odd by adding 1 to an even width. An odd box width puts the centre of the
// text, at half the width, on half a pixel, which with text-anchor="middle"
// lines the glyphs up on the pixel grid more often. "repo clones" measures
// 63.31 px and gets 63; "package installs" measures 88 and gets 89.
//
// The text is drawn at ten times its size under scale(.1) so that centres on
// half pixels are whole numbers in the file: x is 10 * (margin + w/2 + 5),
// where the label's margin is 1 and the message's is the label box's width
// minus 1 (or 0 without a label box), and textLength is 10 * w, which
// stretches or squeezes the real glyphs to the measured width. That is why a
// good table matters: a width off by 12 px visibly stretches the text.
// Each text is drawn three times: a blurred shadow and a plain shadow 1 px
// lower (y 150 instead of 140) in a group hidden from screen readers, then
// the text itself.
//
// Colors: shields' nine named colors and seven aliases map to its palette;
// other accepted colors go into the SVG as written (lowercased hex, or a CSS
// color name). The text is white on a dark shadow unless the background is
// light: badge-maker computes the brightness (299 R + 587 G + 114 B) /
// 255000, rounds it to two decimals with Number.toFixed (exact decimal
// rounding of the double, ties up) and draws #333 text on a #ccc shadow
// above 0.69. A brightness rounds above 0.69 exactly when the double is above
// 0.695, which is decided here with integers, not by trusting a rounding
// function to agree with V8's toFixed on the one sum, 177225, whose quotient
// is the double nearest 0.695 (just below it: white text).
//
// What badge-maker does and odometer does not: text with control characters
// is refused (XML cannot carry it), and colors outside the documented set
// (rgb(), hsl(), hex with alpha) are refused rather than passed through. The
// test suite renders hundreds of badges with both and requires identical
// bytes (tests/integration/test_badge_maker.cpp).

#include "report/badge.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <utility>
#include <vector>

#include "core/shown.hpp"
#include "core/utf8.hpp"
#include "report/badge_tables.hpp"
#include "report/markup.hpp"
#include "util/json_text.hpp"

namespace odometer {
namespace {

static_assert(std::numeric_limits<double>::is_iec559,
              "badge widths add doubles exactly as JavaScript does");

constexpr int k_padding = 5;
constexpr int k_height = 20;
constexpr std::string_view k_default_label_fill = "#555";
constexpr std::string_view k_default_text_fill = "#fff";

struct Rgb {
  unsigned red = 0;
  unsigned green = 0;
  unsigned blue = 0;
};

// A color badge-maker accepts, in its three forms.
struct ParsedColor {
  std::string text;  // for the endpoint JSON (checked_badge_color's result)
  std::string fill;  // in the SVG
  Rgb rgb;           // for the text color
};

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return static_cast<unsigned>(c - '0');
  }
  if (c >= 'a' && c <= 'f') {
    return static_cast<unsigned>(c - 'a' + 10);
  }
  return static_cast<unsigned>(c - 'A' + 10);
}

bool is_hex_color_digits(std::string_view digits) {
  return (digits.size() == 3 || digits.size() == 6) &&
         std::all_of(digits.begin(), digits.end(), is_hex_digit);
}

// "#abc" or "#aabbcc" (checked), as css-color-converter reads it.
Rgb rgb_of_hex(std::string_view hex) {
  const std::string_view digits = hex.substr(1);
  const auto channel = [&](std::size_t index) {
    if (digits.size() == 3) {
      return hex_value(digits[index]) * 17U;
    }
    return hex_value(digits[2 * index]) * 16U + hex_value(digits[2 * index + 1]);
  };
  return Rgb{channel(0), channel(1), channel(2)};
}

std::string lowercase_hex(std::string_view digits) {
  std::string out = "#";
  for (const char c : digits) {
    out.push_back((c >= 'A' && c <= 'F') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::optional<std::string_view> shields_fill(std::string_view name) {
  for (const auto& named : badge_tables::shields_colors()) {
    if (named.name == name) {
      return named.fill;
    }
  }
  return std::nullopt;
}

// badge-maker's normalizeColor and toSvgColor, in their order: shields
// names, aliases, hex digits without '#', then CSS colors (here: '#' hex and
// names).
std::optional<ParsedColor> parse_color(std::string_view text) {
  if (auto fill = shields_fill(text)) {
    return ParsedColor{std::string(text), std::string(*fill), rgb_of_hex(*fill)};
  }
  for (const auto& alias : badge_tables::shields_aliases()) {
    if (alias.alias == text) {
      const std::string_view fill = shields_fill(alias.name).value_or(k_default_label_fill);
      return ParsedColor{std::string(text), std::string(fill), rgb_of_hex(fill)};
    }
  }
  const bool hash = text.starts_with('#');
  if (is_hex_color_digits(hash ? text.substr(1) : text)) {
    std::string hex = lowercase_hex(hash ? text.substr(1) : text);
    const Rgb rgb = rgb_of_hex(hex);
    return ParsedColor{hex, hex, rgb};
  }
  const auto css = badge_tables::css_colors();
  const auto found = std::lower_bound(
      css.begin(), css.end(), text,
      [](const badge_tables::CssColor& color, std::string_view name) { return color.name < name; });
  if (found != css.end() && found->name == text) {
    return ParsedColor{std::string(text), std::string(text),
                       Rgb{found->red, found->green, found->blue}};
  }
  return std::nullopt;
}

// brightness(rgb).toFixed(2) > 0.69 in badge-maker, decided exactly: the
// quotient q = sum / 255000 is a double; toFixed rounds its exact value to
// hundredths with ties up, and the result exceeds 0.69 exactly when q >=
// 0.695, i.e. (no double equals 0.695) when q > 139/200.
bool is_light(const Rgb& rgb) {
  const unsigned sum = rgb.red * 299U + rgb.green * 587U + rgb.blue * 114U;
  const double quotient = static_cast<double>(sum) / 255000.0;
  if (quotient < 0.5) {
    return false;
  }
  if (quotient >= 1.0) {
    return true;
  }
  // In [0.5, 1) a double is m / 2^53 for a whole m below 2^53.
  constexpr int k_mantissa_bits = 53;
  const auto mantissa = static_cast<std::uint64_t>(std::ldexp(quotient, k_mantissa_bits));
  return mantissa * 200U > (std::uint64_t{139} << static_cast<unsigned>(k_mantissa_bits));
}

// The code points String.prototype.trim removes: WhiteSpace and
// LineTerminator of ECMAScript.
bool is_js_whitespace(char32_t code) {
  return (code >= 0x09 && code <= 0x0D) || code == 0x20 || code == 0xA0 || code == 0x1680 ||
         (code >= 0x2000 && code <= 0x200A) || code == 0x2028 || code == 0x2029 || code == 0x202F ||
         code == 0x205F || code == 0x3000 || code == 0xFEFF;
}

// Valid UTF-8 text without the whitespace at either end.
std::string_view trimmed_like_js(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = 0;  // after the last code point that is not whitespace
  bool leading = true;
  for (std::size_t at = 0; at < text.size();) {
    // Valid UTF-8 here (badge_text checks first).
    const auto [code, length] = decode_utf8(text, at).value_or(CodePoint{0xFFFD, 1});
    if (!is_js_whitespace(code)) {
      if (leading) {
        begin = at;
        leading = false;
      }
      end = at + length;
    }
    at += length;
  }
  return leading ? std::string_view() : text.substr(begin, end - begin);
}

Result<std::string_view> badge_text(std::string_view what, std::string_view text) {
  if (!is_valid_utf8(text)) {
    return make_error("badge " + std::string(what) + " is not valid UTF-8");
  }
  const std::string_view trimmed = trimmed_like_js(text);
  if (!is_printable_utf8(trimmed)) {
    return make_error("badge " + std::string(what) +
                      " holds a control character, which an SVG cannot carry");
  }
  return trimmed;
}

double advance_of(char32_t code) {
  if (code <= 31 || code == 127) {
    return 0.0;
  }
  const auto table = badge_tables::verdana_11px();
  // The last range starting at or before code.
  const auto after = std::upper_bound(
      table.begin(), table.end(), code,
      [](char32_t wanted, const badge_tables::WidthRange& range) { return wanted < range.first; });
  if (after != table.begin() && code <= std::prev(after)->last) {
    return static_cast<double>(std::prev(after)->hundredths) / 100.0;
  }
  return advance_of(U'm');
}

// One attribute, ` name="value"`.
void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out += ' ';
  out += name;
  out += "=\"";
  append_escaped(out, value);
  out += '"';
}

void append_attribute(std::string& out, std::string_view name, std::int64_t value) {
  append_attribute(out, name, std::to_string(value));
}

// One text (label or message) as badge-maker's getTextElement draws it with
// a shadow; nothing for empty text.
void append_text(std::string& out, int margin, int width, std::string_view text, const Rgb& on) {
  if (text.empty()) {
    return;
  }
  const bool light = is_light(on);
  // 10 * (margin + width / 2 + padding), whole because width is odd.
  const std::int64_t x = std::int64_t{margin + k_padding} * 10 + std::int64_t{width} * 5;
  const std::int64_t text_length = std::int64_t{width} * 10;
  const auto shadow = [&](bool blurred) {
    out += "<text";
    append_attribute(out, "x", x);
    append_attribute(out, "y", 150);
    append_attribute(out, "fill-opacity", blurred ? ".8" : ".3");
    if (blurred) {
      append_attribute(out, "filter", "url(#blur)");
    }
    append_attribute(out, "textLength", text_length);
    out += '>';
    append_escaped(out, text);
    out += "</text>";
  };
  out += "<g transform=\"scale(.1)\"><g aria-hidden=\"true\"";
  append_attribute(out, "fill", light ? "#ccc" : "#010101");
  out += '>';
  shadow(true);
  shadow(false);
  out += "</g><text";
  append_attribute(out, "x", x);
  append_attribute(out, "y", 140);
  append_attribute(out, "textLength", text_length);
  if (light) {
    append_attribute(out, "fill", "#333");
  }
  out += '>';
  append_escaped(out, text);
  out += "</text></g>";
}

Result<ParsedColor> checked(std::string_view color) {
  if (auto parsed = parse_color(color)) {
    return std::move(*parsed);
  }
  std::string quoted;
  append_json_string(quoted, color);
  return make_error("badge color " + quoted +
                    " is none of shields' names (brightgreen, green, yellowgreen, yellow, orange, "
                    "red, blue, grey, lightgrey, or an alias such as success), a CSS color name "
                    "or a hex color like #abc or #aabbcc");
}

}  // namespace

std::string compact_number(Count value) {
  static constexpr std::array<char, 6> k_prefixes = {'k', 'M', 'G', 'T', 'P', 'E'};
  if (value < 1000) {
    return std::to_string(value);
  }
  // The largest unit not above value: 1000^(index + 1).
  std::size_t index = 0;
  Count unit = 1000;
  while (index + 1 < k_prefixes.size() && value / 1000 >= unit) {
    unit *= 1000;
    ++index;
  }
  const Count whole = value / unit;
  const Count rest = value % unit;  // rest < unit <= 10^18, so 10 * rest fits
  if (whole < 10) {
    // Tenths of a unit, rounded half up: whole * 10 + round(10 * rest / unit).
    const Count tenths = whole * 10 + (rest * 10 + unit / 2) / unit;
    if (tenths % 10 != 0) {
      return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + k_prefixes[index];
    }
  }
  const Count rounded = whole + (rest >= unit - rest ? 1 : 0);
  if (rounded >= 1000 && index + 1 < k_prefixes.size()) {
    return std::string("1") + k_prefixes[index + 1];
  }
  return std::to_string(rounded) + k_prefixes[index];
}

Result<std::string> checked_badge_color(std::string_view color) {
  auto parsed = checked(color);
  if (!parsed) {
    return parsed.error();
  }
  return std::move(parsed->text);
}

std::span<const std::string_view> badge_color_names() {
  static const std::vector<std::string_view> k_names = [] {
    std::vector<std::string_view> names;
    for (const auto& named : badge_tables::shields_colors()) {
      names.push_back(named.name);
    }
    for (const auto& alias : badge_tables::shields_aliases()) {
      names.push_back(alias.alias);
    }
    for (const auto& css : badge_tables::css_colors()) {
      if (std::find(names.begin(), names.end(), css.name) == names.end()) {
        names.push_back(css.name);
      }
    }
    return names;
  }();
  return k_names;
}

BadgeColors BadgeColorScheme::colors_of(std::string_view counter) const {
  BadgeColors colors;
  const auto apply = [&](const BadgeColorChoice& choice) {
    if (choice.color) {
      colors.color = *choice.color;
    }
    if (choice.label_color) {
      colors.label_color = choice.label_color;
    }
  };
  apply(defaults);
  if (const auto found = counters.find(counter); found != counters.end()) {
    apply(found->second);
  }
  return colors;
}

Result<std::string> badge_json(std::string_view label, Count value, const BadgeColors& colors) {
  auto color = checked_badge_color(colors.color);
  if (!color) {
    return color.error();
  }
  std::optional<std::string> label_color;
  if (colors.label_color) {
    auto checked_label = checked_badge_color(*colors.label_color);
    if (!checked_label) {
      return checked_label.error();
    }
    label_color = std::move(*checked_label);
  }
  std::string out = "{\"schemaVersion\": 1, \"label\": ";
  append_json_string(out, label);
  out += ", \"message\": ";
  append_json_string(out, compact_number(value));
  out += ", \"color\": ";
  append_json_string(out, *color);
  if (label_color) {
    out += ", \"labelColor\": ";
    append_json_string(out, *label_color);
  }
  out += "}\n";
  return out;
}

int badge_text_width(std::string_view text) {
  double width = 0.0;
  for (std::size_t at = 0; at < text.size();) {
    // A byte that is not UTF-8 measures as U+FFFD, which the SVG would show.
    const auto [code, length] = decode_utf8(text, at).value_or(CodePoint{0xFFFD, 1});
    width += advance_of(code);
    at += length;
  }
  // `| 0`: truncation, the same for any width below 2^31 px.
  auto pixels = static_cast<std::int64_t>(width);
  if (pixels % 2 == 0) {
    ++pixels;
  }
  return static_cast<int>(pixels);
}

Result<std::string> badge_svg(std::string_view label_text, std::string_view message_text,
                              const BadgeColors& colors) {
  auto color = checked(colors.color);
  if (!color) {
    return color.error();
  }
  std::optional<ParsedColor> label_color;
  if (colors.label_color) {
    auto checked_label = checked(*colors.label_color);
    if (!checked_label) {
      return checked_label.error();
    }
    label_color = std::move(*checked_label);
  }
  // Bidi controls from API text are shown as U+FFFD, and measured as shown.
  const std::string shown_label = without_bidi_controls(label_text);
  const std::string shown_message = without_bidi_controls(message_text);
  auto label = badge_text("label", shown_label);
  if (!label) {
    return label.error();
  }
  auto message = badge_text("message", shown_message);
  if (!message) {
    return message.error();
  }

  // badge-maker's Badge constructor, without logo and links.
  const bool has_label = !label->empty() || label_color.has_value();
  const ParsedColor left_color =
      has_label ? label_color.value_or(ParsedColor{std::string(k_default_label_fill),
                                                   std::string(k_default_label_fill),
                                                   rgb_of_hex(k_default_label_fill)})
                : *color;
  const int label_width = label->empty() ? 0 : badge_text_width(*label);
  const int left = has_label ? label_width + 2 * k_padding : 0;
  const int message_width = badge_text_width(*message);
  int message_margin = left - (message->empty() ? 0 : 1);
  if (!has_label) {
    message_margin += 1;
  }
  const int right = message_width + 2 * k_padding;
  const int total = left + right;
  const std::string accessible =
      label->empty() ? std::string(*message) : std::string(*label) + ": " + std::string(*message);

  std::string out = "<svg";
  append_attribute(out, "xmlns", "http://www.w3.org/2000/svg");
  append_attribute(out, "width", total);
  append_attribute(out, "height", k_height);
  append_attribute(out, "role", "img");
  append_attribute(out, "aria-label", accessible);
  out += "><title>";
  append_escaped(out, accessible);
  out +=
      "</title><filter id=\"blur\"><feGaussianBlur stdDeviation=\"16\"/></filter>"
      "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
      "stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
      "<clipPath id=\"r\"><rect";
  append_attribute(out, "width", total);
  append_attribute(out, "height", k_height);
  out += " rx=\"3\"/></clipPath><g clip-path=\"url(#r)\"><rect";
  append_attribute(out, "width", left);
  append_attribute(out, "height", k_height);
  append_attribute(out, "fill", left_color.fill);
  out += "/><rect";
  append_attribute(out, "x", left);
  append_attribute(out, "width", right);
  append_attribute(out, "height", k_height);
  append_attribute(out, "fill", color->fill);
  out += "/><rect";
  append_attribute(out, "width", total);
  append_attribute(out, "height", k_height);
  out += " fill=\"url(#s)\"/></g><g";
  append_attribute(out, "fill", k_default_text_fill);
  out +=
      " text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" "
      "text-rendering=\"geometricPrecision\" font-size=\"110\">";
  append_text(out, 1, label_width, *label, left_color.rgb);
  append_text(out, message_margin, message_width, *message, color->rgb);
  out += "</g></svg>";
  return out;
}

}  // namespace odometer
