// Tests of src/report/badge.hpp: compact numbers at every unit boundary,
// color checking (nothing but a known name or a hex color reaches the SVG),
// escaping of label and message in JSON and SVG, text widths and positions
// as badge-maker computes them, text colors on light backgrounds, the color
// scheme of a config, and golden files for one SVG and one JSON badge. That
// every badge is byte for byte badge-maker's is checked against badge-maker
// itself in tests/integration/test_badge_maker.cpp.
//
// Golden files (tests/fixtures/report/) are compared byte for byte. After an
// intended change, regenerate them and review the diff by eye:
//   ODOMETER_UPDATE_GOLDEN=1 build-dev/tests/test_report_badge

#include "report/badge.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/golden.hpp"

namespace odometer {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(CompactNumber, BelowOneThousandIsPrintedWhole) {
  EXPECT_EQ(compact_number(0), "0");
  EXPECT_EQ(compact_number(7), "7");
  EXPECT_EQ(compact_number(999), "999");
}

TEST(CompactNumber, ThousandsKeepOneDecimalBelowTen) {
  EXPECT_EQ(compact_number(1'000), "1k");
  EXPECT_EQ(compact_number(1'049), "1k");    // 1.049 -> 1.0 -> no decimal
  EXPECT_EQ(compact_number(1'050), "1.1k");  // half up
  EXPECT_EQ(compact_number(8'116), "8.1k");
  EXPECT_EQ(compact_number(9'949), "9.9k");
  EXPECT_EQ(compact_number(9'950), "10k");  // 9.95 rounds to 10.0
  EXPECT_EQ(compact_number(10'000), "10k");
  EXPECT_EQ(compact_number(10'499), "10k");
  EXPECT_EQ(compact_number(10'500), "11k");
  EXPECT_EQ(compact_number(37'701), "38k");
}

TEST(CompactNumber, NeverPrintsOneThousandOfAUnit) {
  EXPECT_EQ(compact_number(999'499), "999k");
  EXPECT_EQ(compact_number(999'500), "1M");
  EXPECT_EQ(compact_number(999'950), "1M");
  EXPECT_EQ(compact_number(999'999), "1M");
  EXPECT_EQ(compact_number(999'999'999), "1G");
  EXPECT_EQ(compact_number(999'499'999), "999M");
}

TEST(CompactNumber, LargerUnits) {
  EXPECT_EQ(compact_number(1'000'000), "1M");
  EXPECT_EQ(compact_number(1'200'000), "1.2M");
  EXPECT_EQ(compact_number(1'250'000), "1.3M");
  EXPECT_EQ(compact_number(1'000'000'000), "1G");
  EXPECT_EQ(compact_number(2'345'678'901'234ULL), "2.3T");
  EXPECT_EQ(compact_number(1'000'000'000'000'000ULL), "1P");
  EXPECT_EQ(compact_number(1'000'000'000'000'000'000ULL), "1E");
  EXPECT_EQ(compact_number(std::numeric_limits<Count>::max()), "18E");
  EXPECT_EQ(compact_number(18'446'744'073'709'551'615ULL), "18E");
}

TEST(BadgeColor, AcceptsNamesAndHexColors) {
  EXPECT_EQ(checked_badge_color("blue").value(), "blue");
  EXPECT_EQ(checked_badge_color("brightgreen").value(), "brightgreen");
  EXPECT_EQ(checked_badge_color("#abc").value(), "#abc");
  EXPECT_EQ(checked_badge_color("#A1B2C3").value(), "#a1b2c3");
}

TEST(BadgeColor, AcceptsWhatBadgeMakerAccepts) {
  // Aliases as given (shields resolves them), hex without '#' as badge-maker
  // normalises it, CSS color names in lowercase.
  for (const std::string_view alias :
       {"gray", "lightgray", "success", "important", "critical", "informational", "inactive"}) {
    EXPECT_EQ(checked_badge_color(alias).value(), alias);
  }
  EXPECT_EQ(checked_badge_color("abc").value(), "#abc");
  EXPECT_EQ(checked_badge_color("C0FFEE").value(), "#c0ffee");
  EXPECT_EQ(checked_badge_color("teal").value(), "teal");
  EXPECT_EQ(checked_badge_color("rebeccapurple").value(), "rebeccapurple");
}

TEST(BadgeColor, RejectsEverythingElse) {
  for (const std::string_view bad : {"",
                                     "Blue",
                                     "TEAL",
                                     "purple-ish",
                                     "#ab",
                                     "#abcd",
                                     "#abcdefg",
                                     "#aabbccdd",
                                     "#ggg",
                                     "ab",
                                     "#abc\"",
                                     "red\" onload=\"alert(1)",
                                     "url(#x)",
                                     "rgb(1,2,3)",
                                     "hsl(0, 50%, 50%)",
                                     "blue;",
                                     " blue",
                                     "blue ",
                                     "transparent",
                                     "##abc"}) {
    const auto checked = checked_badge_color(bad);
    EXPECT_FALSE(checked.ok()) << bad;
    if (!checked.ok()) {
      EXPECT_TRUE(contains(checked.error().message, "badge color")) << checked.error().message;
    }
  }
  EXPECT_FALSE(badge_json("installs", 5, {.color = "red\" x=\""}).ok());
  EXPECT_FALSE(badge_svg("installs", "5", {.color = "red\" x=\""}).ok());
  EXPECT_FALSE(badge_json("installs", 5, {.label_color = "red\" x=\""}).ok());
  EXPECT_FALSE(badge_svg("installs", "5", {.label_color = "red\" x=\""}).ok());
}

TEST(BadgeColor, NamesForDidYouMeanAreEveryAcceptedNameOnce) {
  const auto names = badge_color_names();
  const std::set<std::string_view> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size());
  for (const std::string_view name : {"blue", "lightgrey", "success", "inactive", "teal", "pink"}) {
    EXPECT_TRUE(unique.contains(name)) << name;
  }
  for (const std::string_view name : names) {
    EXPECT_TRUE(checked_badge_color(name).ok()) << name;
  }
}

TEST(BadgeColorScheme, ACountersChoiceOverTheDefaultsOverBlue) {
  BadgeColorScheme scheme;
  EXPECT_EQ(scheme.colors_of("installs"), (BadgeColors{"blue", std::nullopt}));
  scheme.defaults = BadgeColorChoice{std::nullopt, "#333"};
  scheme.counters["clones"] = BadgeColorChoice{"success", std::nullopt};
  scheme.counters["stars"] = BadgeColorChoice{"yellow", "white"};
  EXPECT_EQ(scheme.colors_of("installs"), (BadgeColors{"blue", "#333"}));
  EXPECT_EQ(scheme.colors_of("clones"), (BadgeColors{"success", "#333"}));
  EXPECT_EQ(scheme.colors_of("stars"), (BadgeColors{"yellow", "white"}));
  scheme.defaults.color = "orange";
  EXPECT_EQ(scheme.colors_of("installs"), (BadgeColors{"orange", "#333"}));
}

TEST(BadgeJson, IsAShieldsEndpointDocument) {
  EXPECT_EQ(badge_json("installs", 8'116, {.color = "blue"}).value(),
            "{\"schemaVersion\": 1, \"label\": \"installs\", \"message\": \"8.1k\", \"color\": "
            "\"blue\"}\n");
}

TEST(BadgeJson, CarriesTheLabelColorWhenSet) {
  EXPECT_EQ(badge_json("installs", 8'116, {.color = "C0FFEE", .label_color = "White"}).ok(), false);
  EXPECT_EQ(badge_json("installs", 8'116, {.color = "C0FFEE", .label_color = "white"}).value(),
            "{\"schemaVersion\": 1, \"label\": \"installs\", \"message\": \"8.1k\", \"color\": "
            "\"#c0ffee\", \"labelColor\": \"white\"}\n");
}

TEST(BadgeJson, EscapesTheLabel) {
  const auto json = badge_json("a \"quoted\" \\ label\n", 0, {.color = "#ABC"}).value();
  EXPECT_TRUE(contains(json, R"("label": "a \"quoted\" \\ label\u000a")")) << json;
  EXPECT_TRUE(contains(json, R"("color": "#abc")")) << json;
}

TEST(BadgeSvg, HasTheFlatStyleParts) {
  const auto svg = badge_svg("installs", "8.1k", {.color = "blue"}).value();
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")) << svg;
  EXPECT_TRUE(contains(svg, "role=\"img\" aria-label=\"installs: 8.1k\"")) << svg;
  EXPECT_TRUE(contains(svg, "<title>installs: 8.1k</title>")) << svg;
  EXPECT_TRUE(contains(svg, "<linearGradient id=\"s\"")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#555\"")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#007ec6\"")) << svg;  // blue
  // The shadow: a blurred and a plain copy, 1 px lower, hidden from screen
  // readers.
  EXPECT_TRUE(contains(svg,
                       "<g aria-hidden=\"true\" fill=\"#010101\"><text x=\"255\" y=\"150\" "
                       "fill-opacity=\".8\" filter=\"url(#blur)\" textLength=\"390\">installs"
                       "</text><text x=\"255\" y=\"150\" fill-opacity=\".3\" textLength=\"390\">"
                       "installs</text></g><text x=\"255\" y=\"140\" textLength=\"390\">installs"
                       "</text>"))
      << svg;
  EXPECT_TRUE(contains(svg, "<filter id=\"blur\"><feGaussianBlur stdDeviation=\"16\"/></filter>"))
      << svg;
  // As badge-maker writes it: no line break at the end.
  EXPECT_TRUE(svg.ends_with("</g></svg>")) << svg;
}

TEST(BadgeSvg, WidthsFollowTheText) {
  // Two rectangles: label width + 10 and message width + 10.
  const int label = badge_text_width("installs");
  const int message = badge_text_width("8.1k");
  const auto svg = badge_svg("installs", "8.1k", {.color = "#4c1"}).value();
  EXPECT_TRUE(contains(svg, "width=\"" + std::to_string(label + message + 20) + "\" height"))
      << svg;
  EXPECT_TRUE(contains(svg, "<rect width=\"" + std::to_string(label + 10) + "\" height=\"20\""))
      << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"" + std::to_string(label + 10) + "\" width=\"" +
                                std::to_string(message + 10) + "\" height=\"20\" fill=\"#4c1\""))
      << svg;
  EXPECT_TRUE(contains(svg, "textLength=\"" + std::to_string(label * 10) + "\"")) << svg;
}

TEST(BadgeSvg, TextIsCentredAsBadgeMakerCentresIt) {
  // "repo clones" is 63 px: the label box 73; "38k" is 21: the message box 31.
  // Label x = 10 * (1 + 63 / 2 + 5) = 375; message x = 10 * (73 - 1 + 21 / 2
  // + 5) = 875 (the old badges put them at 365 and 885).
  const auto svg = badge_svg("repo clones", "38k", {.color = "blue"}).value();
  EXPECT_TRUE(contains(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"104\"")) << svg;
  EXPECT_TRUE(contains(svg, "<rect width=\"73\" height=\"20\" fill=\"#555\"/>")) << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"73\" width=\"31\" height=\"20\" fill=\"#007ec6\"/>")) << svg;
  EXPECT_TRUE(contains(svg, "<text x=\"375\" y=\"140\" textLength=\"630\">repo clones</text>"))
      << svg;
  EXPECT_TRUE(contains(svg, "<text x=\"875\" y=\"140\" textLength=\"210\">38k</text>")) << svg;
}

TEST(BadgeSvg, DarkTextOnALightBackground) {
  // badge-maker: brightness (299 R + 587 G + 114 B) / 255000 rounded to two
  // decimals; above 0.69, #333 text on a #ccc shadow.
  const auto svg = badge_svg("label", "msg", {.color = "#fff", .label_color = "gold"}).value();
  EXPECT_EQ(svg.find("fill=\"#010101\""), std::string::npos) << svg;
  EXPECT_TRUE(contains(svg, "<g aria-hidden=\"true\" fill=\"#ccc\">")) << svg;
  EXPECT_TRUE(contains(svg, "textLength=\"270\" fill=\"#333\">label</text>")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#333\">msg</text>")) << svg;
  EXPECT_TRUE(contains(svg, "<rect width=\"37\" height=\"20\" fill=\"gold\"/>")) << svg;

  const auto dark = badge_svg("label", "msg", {.color = "#000"}).value();
  EXPECT_FALSE(contains(dark, "#333")) << dark;
  EXPECT_FALSE(contains(dark, "#ccc")) << dark;
}

TEST(BadgeSvg, TheThresholdIsDecidedOnTheExactDouble) {
  // #0cf9f1: 299 * 12 + 587 * 249 + 114 * 241 = 177225, so the brightness is
  // the double nearest 0.695, just below it: toFixed(2) gives 0.69, white
  // text. Rounding 0.695 * 100 in doubles would give 69.5 and dark text.
  EXPECT_FALSE(contains(badge_svg("", "x", {.color = "#0cf9f1"}).value(), "#333"));
  // #06fee7: 177226, brightness 0.70: dark text.
  EXPECT_TRUE(contains(badge_svg("", "x", {.color = "#06fee7"}).value(), "#333"));
}

TEST(BadgeTextWidth, TruncatesThenMakesOdd) {
  // anafanafo's Verdana 11px table, in px: "8.1k" = 6.99 + 4 + 6.99 + 6.51 =
  // 24.49 -> 24 -> 25.
  EXPECT_EQ(badge_text_width("8.1k"), 25);
  // "ii": 2 * 3.02 = 6.04 -> 6 -> 7.
  EXPECT_EQ(badge_text_width("ii"), 7);
  // "repo clones": 63.31 -> 63, where rounding up gave 65 before.
  EXPECT_EQ(badge_text_width("repo clones"), 63);
  // "package installs": exactly 88 -> 89.
  EXPECT_EQ(badge_text_width("package installs"), 89);
  // "WW" is wider than "ii"; every width is odd.
  EXPECT_GT(badge_text_width("WW"), badge_text_width("ii"));
  EXPECT_EQ(badge_text_width("WW") % 2, 1);
  EXPECT_EQ(badge_text_width(""), 1);
}

TEST(BadgeTextWidth, CountsCodePointsNotBytes) {
  // "é" (2 bytes) is 6.55 px in the table, no longer one em (11).
  EXPECT_EQ(badge_text_width("\xC3\xA9"), 7);
  // "日" (3 bytes) is 11 px.
  EXPECT_EQ(badge_text_width("\xE6\x97\xA5"), 11);
  EXPECT_EQ(badge_text_width("\xE6\x97\xA5\xE6\x97\xA5"), 23);  // 22 -> odd
  // "Grüße über": 62.47 px (one em per non-ASCII letter made it 74).
  EXPECT_EQ(badge_text_width("Gr\xC3\xBC\xC3\x9F"
                             "e \xC3\xBC"
                             "ber"),
            63);
  // A code point the table lacks (U+E000, private use) is as wide as "m".
  EXPECT_EQ(badge_text_width("\xEE\x80\x80"), badge_text_width("m"));
  EXPECT_EQ(badge_text_width("m"), 11);  // 10.7
}

TEST(BadgeTextWidth, ReadsNoFurtherThanTheText) {
  // A sequence cut off at the end (not valid UTF-8, which badge_svg refuses),
  // in a buffer of exactly its size: AddressSanitizer would catch a read
  // past it.
  const std::vector<char> bytes = {'a', 'b', '\xE6', '\x97'};
  const int width = badge_text_width(std::string_view(bytes.data(), bytes.size()));
  EXPECT_GE(width, badge_text_width("ab"));
  EXPECT_EQ(width % 2, 1);
}

TEST(BadgeSvg, TrimsLikeBadgeMaker) {
  // makeBadge trims label and message with String.prototype.trim, which
  // also removes no-break and ideographic spaces.
  const auto plain = badge_svg("installs", "38k", {}).value();
  EXPECT_EQ(badge_svg("  installs\xC2\xA0",
                      "\xE3\x80\x80"
                      "38k ",
                      {})
                .value(),
            plain);
  // Tab and line breaks at the ends are trimmed too; inside they are refused.
  EXPECT_EQ(badge_svg("\tinstalls\n", "38k", {}).value(), plain);
  EXPECT_FALSE(badge_svg("in\tstalls", "38k", {}).ok());
}

TEST(BadgeSvg, EscapesLabelAndMessage) {
  const auto svg = badge_svg("<script>alert(1)</script>", "\"&'<>", {.color = "red"}).value();
  EXPECT_FALSE(contains(svg, "<script")) << svg;
  EXPECT_TRUE(contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt;")) << svg;
  // badge-maker's escapeXml writes &apos; (the old badges wrote &#39;).
  EXPECT_TRUE(contains(svg, "&quot;&amp;&apos;&lt;&gt;")) << svg;
  EXPECT_TRUE(contains(svg,
                       "aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;: "
                       "&quot;&amp;&apos;&lt;&gt;\""))
      << svg;
  // Every '<' left opens one of the badge's own elements.
  for (std::size_t at = svg.find('<'); at != std::string::npos; at = svg.find('<', at + 1)) {
    const std::string_view rest = std::string_view(svg).substr(at + 1);
    bool known = false;
    for (const std::string_view tag :
         {"svg", "/svg", "title", "/title", "filter", "/filter", "feGaussianBlur", "linearGradient",
          "/linearGradient", "stop", "clipPath", "/clipPath", "rect", "g ", "g>", "/g>", "text",
          "/text"}) {
      known = known || rest.starts_with(tag);
    }
    EXPECT_TRUE(known) << "unexpected markup at " << at << ": " << rest.substr(0, 20);
  }
}

TEST(BadgeSvg, RefusesTextXmlCannotCarry) {
  EXPECT_FALSE(badge_svg("a\x01"
                         "b",
                         "1", {})
                   .ok());
  EXPECT_FALSE(badge_svg("label", "\xFF", {}).ok());
  EXPECT_FALSE(badge_svg("label", "\xC3", {}).ok());          // truncated sequence
  EXPECT_FALSE(badge_svg("label", "\xED\xA0\x80", {}).ok());  // a surrogate
  EXPECT_FALSE(badge_svg("label", "\xC0\xAF", {}).ok());      // overlong '/'
}

TEST(BadgeSvg, WithoutALabelDrawsOnlyTheMessage) {
  const auto svg = badge_svg("", "8.1k", {.color = "orange"}).value();
  EXPECT_TRUE(contains(svg, "<title>8.1k</title>")) << svg;
  EXPECT_FALSE(contains(svg, "fill=\"#555\"")) << svg;
  // badge-maker 6's orange is #ea7233 (its palette before was #fe7d37). The
  // empty label box takes the message color.
  EXPECT_TRUE(contains(svg, "<rect width=\"0\" height=\"20\" fill=\"#ea7233\"/>")) << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"0\" width=\"35\" height=\"20\" fill=\"#ea7233\"")) << svg;
  EXPECT_TRUE(contains(svg, "<text x=\"175\" y=\"140\" textLength=\"250\">8.1k</text>")) << svg;
}

TEST(BadgeSvg, ALabelColorWithoutALabelKeepsAnEmptyLabelBox) {
  // As badge-maker: a label color makes a label box even for an empty label,
  // 10 px of padding wide.
  const auto svg = badge_svg("", "8.1k", {.color = "orange", .label_color = "red"}).value();
  EXPECT_TRUE(contains(svg, "<rect width=\"10\" height=\"20\" fill=\"#dd4343\"/>")) << svg;
  EXPECT_TRUE(contains(svg, "<text x=\"265\" y=\"140\"")) << svg;
}

TEST(BadgeSvg, AnEmptyMessageHasABoxAndNoText) {
  const auto svg = badge_svg("x", "", {}).value();
  EXPECT_TRUE(contains(svg, "aria-label=\"x: \"")) << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"17\" width=\"11\" height=\"20\" fill=\"#007ec6\"/>")) << svg;
  EXPECT_EQ(svg.find("</text></g><g transform"), std::string::npos) << svg;
}

TEST(BadgeSvg, CssColorsAreDrawnByName) {
  const auto svg = badge_svg("a", "b", {.color = "teal", .label_color = "C0FFEE"}).value();
  EXPECT_TRUE(contains(svg, "fill=\"teal\"/>")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#c0ffee\"/>")) << svg;
}

TEST(BadgeGolden, SvgAndJsonMatchTheReviewedFiles) {
  testing::expect_golden(
      "report/badge-installs.svg",
      badge_svg("installs", compact_number(37'701), {.color = "brightgreen"}).value());
  testing::expect_golden("report/badge-installs.json",
                         badge_json("installs", 37'701, {.color = "brightgreen"}).value());
}

}  // namespace
}  // namespace odometer
