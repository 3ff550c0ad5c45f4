// Tests of src/report/badge.hpp: compact numbers at every unit boundary,
// color checking (nothing but a known name or a hex color reaches the SVG),
// escaping of label and message in JSON and SVG, text widths, and golden
// files for one SVG and one JSON badge.
//
// Golden files (tests/fixtures/report/) are compared byte for byte. After an
// intended change, regenerate them and review the diff by eye:
//   ODOMETER_UPDATE_GOLDEN=1 build-dev/tests/test_report_badge

#include "report/badge.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <string_view>

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

TEST(BadgeColor, RejectsEverythingElse) {
  for (const std::string_view bad :
       {"", "Blue", "purple-ish", "#ab", "#abcd", "#abcdefg", "#ggg", "abc", "#abc\"",
        "red\" onload=\"alert(1)", "url(#x)", "rgb(1,2,3)", "blue;", " blue"}) {
    const auto checked = checked_badge_color(bad);
    EXPECT_FALSE(checked.ok()) << bad;
    if (!checked.ok()) {
      EXPECT_TRUE(contains(checked.error().message, "badge color")) << checked.error().message;
    }
  }
  EXPECT_FALSE(badge_json("installs", 5, "red\" x=\"").ok());
  EXPECT_FALSE(badge_svg("installs", "5", "red\" x=\"").ok());
}

TEST(BadgeJson, IsAShieldsEndpointDocument) {
  EXPECT_EQ(badge_json("installs", 8'116, "blue").value(),
            "{\"schemaVersion\": 1, \"label\": \"installs\", \"message\": \"8.1k\", \"color\": "
            "\"blue\"}\n");
}

TEST(BadgeJson, EscapesTheLabel) {
  const auto json = badge_json("a \"quoted\" \\ label\n", 0, "#ABC").value();
  EXPECT_TRUE(contains(json, R"("label": "a \"quoted\" \\ label\u000a")")) << json;
  EXPECT_TRUE(contains(json, R"("color": "#abc")")) << json;
}

TEST(BadgeSvg, HasTheFlatStyleParts) {
  const auto svg = badge_svg("installs", "8.1k", "blue").value();
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")) << svg;
  EXPECT_TRUE(contains(svg, "role=\"img\" aria-label=\"installs: 8.1k\"")) << svg;
  EXPECT_TRUE(contains(svg, "<title>installs: 8.1k</title>")) << svg;
  EXPECT_TRUE(contains(svg, "<linearGradient id=\"s\"")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#555\"")) << svg;
  EXPECT_TRUE(contains(svg, "fill=\"#007ec6\"")) << svg;                      // blue
  EXPECT_TRUE(contains(svg, "fill=\"#010101\" fill-opacity=\".3\"")) << svg;  // the shadow
  EXPECT_TRUE(svg.ends_with("</svg>\n"));
}

TEST(BadgeSvg, WidthsFollowTheText) {
  // Two rectangles: label width + 10 and message width + 10.
  const int label = badge_text_width("installs");
  const int message = badge_text_width("8.1k");
  const auto svg = badge_svg("installs", "8.1k", "#4c1").value();
  EXPECT_TRUE(contains(svg, "width=\"" + std::to_string(label + message + 20) + "\" height"))
      << svg;
  EXPECT_TRUE(contains(svg, "<rect width=\"" + std::to_string(label + 10) + "\" height=\"20\""))
      << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"" + std::to_string(label + 10) + "\" width=\"" +
                                std::to_string(message + 10) + "\" height=\"20\" fill=\"#4c1\""))
      << svg;
  EXPECT_TRUE(contains(svg, "textLength=\"" + std::to_string(label * 10) + "\"")) << svg;
}

TEST(BadgeTextWidth, UsesVerdanaWidthsRoundedUpToOdd) {
  // "8.1k": 1302 + 745 + 1302 + 1212 = 4561 units * 11 / 2048 = 24.5 -> 25.
  EXPECT_EQ(badge_text_width("8.1k"), 25);
  // "ii": 2 * 562 * 11 / 2048 = 6.04 -> 7.
  EXPECT_EQ(badge_text_width("ii"), 7);
  // "WW" is wider than "ii"; every width is odd.
  EXPECT_GT(badge_text_width("WW"), badge_text_width("ii"));
  EXPECT_EQ(badge_text_width("WW") % 2, 1);
  EXPECT_EQ(badge_text_width(""), 1);
}

TEST(BadgeTextWidth, CountsCodePointsNotBytes) {
  // "é" (2 bytes) and "日" (3 bytes) are one code point each, one em wide.
  EXPECT_EQ(badge_text_width("\xC3\xA9"), 11);
  EXPECT_EQ(badge_text_width("\xE6\x97\xA5"), 11);
  EXPECT_EQ(badge_text_width("\xE6\x97\xA5\xE6\x97\xA5"), 23);  // 22 -> odd
}

TEST(BadgeSvg, EscapesLabelAndMessage) {
  const auto svg = badge_svg("<script>alert(1)</script>", "\"&'<>", "red").value();
  EXPECT_FALSE(contains(svg, "<script")) << svg;
  EXPECT_TRUE(contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt;")) << svg;
  EXPECT_TRUE(contains(svg, "&quot;&amp;&#39;&lt;&gt;")) << svg;
  EXPECT_TRUE(contains(svg,
                       "aria-label=\"&lt;script&gt;alert(1)&lt;/script&gt;: "
                       "&quot;&amp;&#39;&lt;&gt;\""))
      << svg;
  // Every '<' left opens one of the badge's own elements.
  for (std::size_t at = svg.find('<'); at != std::string::npos; at = svg.find('<', at + 1)) {
    const std::string_view rest = std::string_view(svg).substr(at + 1);
    bool known = false;
    for (const std::string_view tag :
         {"svg", "/svg", "title", "/title", "linearGradient", "/linearGradient", "stop", "clipPath",
          "/clipPath", "rect", "g ", "g>", "/g>", "text", "/text"}) {
      known = known || rest.starts_with(tag);
    }
    EXPECT_TRUE(known) << "unexpected markup at " << at << ": " << rest.substr(0, 20);
  }
}

TEST(BadgeSvg, RefusesTextXmlCannotCarry) {
  EXPECT_FALSE(badge_svg("a\x01"
                         "b",
                         "1", "blue")
                   .ok());
  EXPECT_FALSE(badge_svg("label", "\xFF", "blue").ok());
  EXPECT_FALSE(badge_svg("label", "\xC3", "blue").ok());  // truncated sequence
}

TEST(BadgeSvg, WithoutALabelDrawsOnlyTheMessage) {
  const auto svg = badge_svg("", "8.1k", "orange").value();
  EXPECT_TRUE(contains(svg, "<title>8.1k</title>")) << svg;
  EXPECT_FALSE(contains(svg, "fill=\"#555\"")) << svg;
  EXPECT_TRUE(contains(svg, "<rect x=\"0\" width=\"35\" height=\"20\" fill=\"#fe7d37\"")) << svg;
}

TEST(BadgeGolden, SvgAndJsonMatchTheReviewedFiles) {
  testing::expect_golden("report/badge-installs.svg",
                         badge_svg("installs", compact_number(37'701), "brightgreen").value());
  testing::expect_golden("report/badge-installs.json",
                         badge_json("installs", 37'701, "brightgreen").value());
}

}  // namespace
}  // namespace odometer
