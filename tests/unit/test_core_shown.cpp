// How outside text is shown: one escape for every control and bidi
// character in error messages, long values cut with their length, and bidi
// overrides neutralised in outputs.

#include "core/shown.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/day.hpp"
#include "core/series_key.hpp"
#include "core/timestamp.hpp"

namespace odometer {
namespace {

TEST(ShownValue, EscapesC0DelC1AndBidiControlsTheSameWay) {
  EXPECT_EQ(shown_value(std::string("a\nb\rc\td\0e", 9)), "a\\nb\\rc\\td\\x00e");
  EXPECT_EQ(shown_value("del\x7f"), "del\\x7f");
  EXPECT_EQ(shown_value("nel\xC2\x85"), "nel\\u0085");
  EXPECT_EQ(shown_value("csi\xC2\x9B"), "csi\\u009b");
  EXPECT_EQ(shown_value("evil\xE2\x80\xAEtxt"), "evil\\u202etxt");
  EXPECT_EQ(shown_value("isolate\xE2\x81\xA6x"), "isolate\\u2066x");
  EXPECT_EQ(shown_value("not utf-8 \xff"), "not utf-8 \\xff");
  EXPECT_EQ(shown_value("back\\slash"), "back\\\\slash");
  EXPECT_EQ(shown_value("ünïcode ok"), "ünïcode ok");
}

TEST(ShownValue, CutsALongValueAndGivesItsLength) {
  const std::string huge(50'000'000, '9');
  const std::string shown = shown_value(huge);
  EXPECT_EQ(shown, std::string(k_shown_limit, '9') + "… (50000000 bytes)");
  // Never inside a code point.
  const std::string accents(200, 'x');
  EXPECT_EQ(shown_value("é" + accents, 1), "é… (202 bytes)");
}

TEST(ShownMessage, KeepsLinesAndBackslashesAndEscapesTheRest) {
  EXPECT_EQ(shown_message("2 problems:\n  a\\b \x1b[31m\xC2\x85"),
            "2 problems:\n  a\\b \\x1b[31m\\u0085");
  EXPECT_EQ(shown_message("one\nline", Newlines::escape), "one\\nline");
}

TEST(WithoutBidiControls, ReplacesEveryBidiControlAndNothingElse) {
  EXPECT_EQ(without_bidi_controls("a\xE2\x80\xAE"
                                  "b\xE2\x81\xA6"
                                  "c\xE2\x81\xA9"
                                  "d\xE2\x80\x8F"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c\xEF\xBF\xBD"
            "d\xEF\xBF\xBD");
  EXPECT_EQ(without_bidi_controls("plain ascii, ünïcode, 日本"), "plain ascii, ünïcode, 日本");
}

TEST(ErrorsEchoValues, AFiftyMegabyteTimestampGivesAShortMessage) {
  const std::string huge(50'000'000, 'x');
  auto parsed = Timestamp::parse(huge);
  ASSERT_FALSE(parsed);
  EXPECT_LT(parsed.error().message.size(), 400U);
  EXPECT_NE(parsed.error().message.find("(50000000 bytes)"), std::string::npos);
}

TEST(ErrorsEchoValues, AnInvalidDayOrKeyIsEscapedLikeEveryOtherValue) {
  EXPECT_NE(Day::parse("2026-\xC2\x85-01").error().message.find("2026-\\u0085-01"),
            std::string::npos);
  EXPECT_NE(SeriesKey::parse("np\x7fm:downloads:x").error().message.find("np\\x7fm"),
            std::string::npos);
  EXPECT_NE(SeriesKey::parse("np\xC2\x85m:downloads:x").error().message.find("np\\u0085m"),
            std::string::npos);
}

}  // namespace
}  // namespace odometer
