#include "report/badge.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

#include "report/markup.hpp"
#include "util/json_text.hpp"

namespace odometer {
namespace {

// Verdana's advance widths in font units (2048 to the em) for ASCII 32..126,
// the font shields measures badge text with. At 11px one unit is 11/2048 px.
constexpr std::array<std::uint16_t, 95> k_verdana_advance = {
    720,  806,  940,  1676, 1302, 2204, 1488, 550,  930,  930,  1302, 1676, 745,  930,  745,  930,
    1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 1302, 930,  930,  1676, 1676, 1676, 1117,
    2048, 1400, 1404, 1430, 1578, 1295, 1177, 1588, 1539, 862,  931,  1419, 1140, 1726, 1532, 1612,
    1235, 1612, 1424, 1400, 1262, 1499, 1400, 2025, 1403, 1260, 1403, 930,  930,  930,  1676, 1302,
    1302, 1230, 1276, 1067, 1276, 1220, 720,  1276, 1296, 562,  705,  1212, 562,  1992, 1296, 1243,
    1276, 1276, 874,  1067, 807,  1296, 1212, 1676, 1212, 1212, 1076, 1300, 930,  1300, 1676};
constexpr std::uint64_t k_units_per_em = 2048;
constexpr std::uint64_t k_font_px = 11;
// Any code point outside the table is taken as one em wide: about right for
// CJK and symbols, a little wide for accented Latin (textLength then squeezes
// the text to the box, so it never overflows).
constexpr std::uint16_t k_default_advance = 2048;

constexpr int k_padding = 5;
constexpr std::string_view k_label_color = "#555";

struct NamedColor {
  std::string_view name;
  std::string_view hex;
};

// The shields color scheme, with its aliases.
constexpr std::array<NamedColor, 17> k_named_colors = {{
    {"brightgreen", "#4c1"},
    {"green", "#97ca00"},
    {"yellowgreen", "#a4a61d"},
    {"yellow", "#dfb317"},
    {"orange", "#fe7d37"},
    {"red", "#e05d44"},
    {"blue", "#007ec6"},
    {"blueviolet", "#8a2be2"},
    {"grey", "#555"},
    {"gray", "#555"},
    {"lightgrey", "#9f9f9f"},
    {"lightgray", "#9f9f9f"},
    {"success", "#4c1"},
    {"important", "#fe7d37"},
    {"critical", "#e05d44"},
    {"informational", "#007ec6"},
    {"inactive", "#9f9f9f"},
}};

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// The hex value a checked color draws with.
std::string_view fill_of(std::string_view checked_color) {
  for (const auto& named : k_named_colors) {
    if (named.name == checked_color) {
      return named.hex;
    }
  }
  return checked_color;
}

Status check_text(std::string_view what, std::string_view text) {
  if (!is_printable_utf8(text)) {
    return make_error("badge " + std::string(what) +
                      " is not valid UTF-8 or holds a control character");
  }
  return {};
}

void append_int(std::string& out, std::int64_t value) {
  out += std::to_string(value);
}

// One text run and its shadow, in the tenfold coordinates shields uses
// (font-size 110 under scale(.1)) so that positions stay whole numbers.
void append_text(std::string& out, int left, int width, std::string_view text) {
  const std::int64_t x = std::int64_t{left + k_padding} * 10 + std::int64_t{width} * 5;
  const std::string escaped_text = escaped(text);
  out += "<text aria-hidden=\"true\" x=\"";
  append_int(out, x);
  out += "\" y=\"150\" fill=\"#010101\" fill-opacity=\".3\" transform=\"scale(.1)\" textLength=\"";
  append_int(out, std::int64_t{width} * 10);
  out += "\">" + escaped_text + "</text>";
  out += "<text x=\"";
  append_int(out, x);
  out += "\" y=\"140\" transform=\"scale(.1)\" fill=\"#fff\" textLength=\"";
  append_int(out, std::int64_t{width} * 10);
  out += "\">" + escaped_text + "</text>";
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
  for (const auto& named : k_named_colors) {
    if (named.name == color) {
      return std::string(color);
    }
  }
  const bool hex_shape = (color.size() == 4 || color.size() == 7) && color[0] == '#';
  bool all_hex = hex_shape;
  for (std::size_t i = 1; all_hex && i < color.size(); ++i) {
    all_hex = is_hex_digit(color[i]);
  }
  if (!all_hex) {
    std::string quoted;
    append_json_string(quoted, color);
    return make_error("badge color " + quoted +
                      " is neither a known name (blue, green, brightgreen, orange, red, grey, "
                      "...) nor a hex color like #abc or #aabbcc");
  }
  std::string lower(color);
  for (char& c : lower) {
    c = to_lower_ascii(c);
  }
  return lower;
}

Result<std::string> badge_json(std::string_view label, Count value, std::string_view color) {
  auto checked = checked_badge_color(color);
  if (!checked.ok()) {
    return checked.error();
  }
  std::string out = "{\"schemaVersion\": 1, \"label\": ";
  append_json_string(out, label);
  out += ", \"message\": ";
  append_json_string(out, compact_number(value));
  out += ", \"color\": ";
  append_json_string(out, *checked);
  out += "}\n";
  return out;
}

int badge_text_width(std::string_view text) {
  std::uint64_t units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if ((byte & 0xC0U) == 0x80U) {
      continue;  // a continuation byte: its code point is already counted
    }
    if (byte >= 32 && byte <= 126) {
      units += k_verdana_advance[byte - 32U];
    } else {
      units += k_default_advance;
    }
  }
  // Round up to whole pixels, then to an odd number.
  std::uint64_t pixels = (units * k_font_px + k_units_per_em - 1) / k_units_per_em;
  if (pixels % 2 == 0) {
    ++pixels;
  }
  return static_cast<int>(pixels);
}

Result<std::string> badge_svg(std::string_view label, std::string_view message,
                              std::string_view color) {
  auto checked = checked_badge_color(color);
  if (!checked.ok()) {
    return checked.error();
  }
  if (auto status = check_text("label", label); !status.ok()) {
    return status.error();
  }
  if (auto status = check_text("message", message); !status.ok()) {
    return status.error();
  }
  const bool has_label = !label.empty();
  const int label_text = has_label ? badge_text_width(label) : 0;
  const int message_text = badge_text_width(message);
  const int left = has_label ? label_text + 2 * k_padding : 0;
  const int right = message_text + 2 * k_padding;
  const int total = left + right;
  const std::string title =
      escaped(has_label ? std::string(label) + ": " + std::string(message) : std::string(message));

  std::string out;
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"";
  append_int(out, total);
  out += "\" height=\"20\" role=\"img\" aria-label=\"" + title + "\">";
  out += "<title>" + title + "</title>";
  out +=
      "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" "
      "stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>";
  out += "<clipPath id=\"r\"><rect width=\"";
  append_int(out, total);
  out += "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>";
  out += "<g clip-path=\"url(#r)\">";
  if (has_label) {
    out += "<rect width=\"";
    append_int(out, left);
    out += "\" height=\"20\" fill=\"" + std::string(k_label_color) + "\"/>";
  }
  out += "<rect x=\"";
  append_int(out, left);
  out += "\" width=\"";
  append_int(out, right);
  out += "\" height=\"20\" fill=\"" + std::string(fill_of(*checked)) + "\"/>";
  out += "<rect width=\"";
  append_int(out, total);
  out += "\" height=\"20\" fill=\"url(#s)\"/></g>";
  out +=
      "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu "
      "Sans,sans-serif\" text-rendering=\"geometricPrecision\" font-size=\"110\">";
  if (has_label) {
    append_text(out, 0, label_text, label);
  }
  append_text(out, left, message_text, message);
  out += "</g></svg>\n";
  return out;
}

}  // namespace odometer
