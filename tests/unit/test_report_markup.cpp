// Tests of src/report/markup.hpp: the escaping every HTML and SVG output
// relies on for text chosen by strangers.

#include "report/markup.hpp"

#include <gtest/gtest.h>

namespace odometer {
namespace {

TEST(Escaped, ReplacesTheFiveMarkupCharacters) {
  EXPECT_EQ(escaped("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escaped("\"&'<>"), "&quot;&amp;&apos;&lt;&gt;");
  EXPECT_EQ(escaped("&amp;"), "&amp;amp;");  // escaped again, never trusted as an entity
  EXPECT_EQ(escaped("plain text / path?q=1"), "plain text / path?q=1");
}

TEST(Escaped, KeepsValidUtf8) {
  EXPECT_EQ(escaped("caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x9A\x80"),
            "caf\xC3\xA9 \xE6\x97\xA5 \xF0\x9F\x9A\x80");
  EXPECT_EQ(escaped("tab\tand\nnewline"), "tab\tand\nnewline");
}

TEST(Escaped, ReplacesInvalidUtf8AndControlCharacters) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(escaped("a\xFF"
                    "b"),
            "a" + r + "b");
  EXPECT_EQ(escaped("\xC0\xBC"), r + r);                  // overlong '<'
  EXPECT_EQ(escaped("\xED\xA0\x80"), r + r + r);          // a surrogate
  EXPECT_EQ(escaped("\xF4\x90\x80\x80"), r + r + r + r);  // above U+10FFFF
  EXPECT_EQ(escaped("\xE6\x97"), r + r);                  // truncated
  EXPECT_EQ(escaped(std::string("a\0b", 3)), "a" + r + "b");
  EXPECT_EQ(escaped("\x1B[31m\x7F"), r + "[31m" + r);
}

TEST(IsPrintableUtf8, RefusesWhatABadgeCannotCarry) {
  EXPECT_TRUE(is_printable_utf8(""));
  EXPECT_TRUE(is_printable_utf8("installs \xE6\x97\xA5 <&>"));
  EXPECT_FALSE(is_printable_utf8("a\tb"));
  EXPECT_FALSE(is_printable_utf8("a\nb"));
  EXPECT_FALSE(is_printable_utf8("\x7F"));
  EXPECT_FALSE(is_printable_utf8("\xC3"));
  EXPECT_FALSE(is_printable_utf8("\xED\xA0\x80"));
}

TEST(Escaped, NeutralisesBidiOverridesFromApiText) {
  // A referrer "evil<RLO>gnp.exe" would read "evilexe.png" on the page.
  EXPECT_EQ(escaped("evil\xE2\x80\xAEgnp.exe"), "evil\xEF\xBF\xBDgnp.exe");
  EXPECT_EQ(escaped("a\xE2\x81\xA6"
                    "b\xE2\x81\xA9"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  // Ordinary text, badge text included, is untouched.
  EXPECT_EQ(escaped("installs 1.2k · ünïcode"), "installs 1.2k · ünïcode");
}

}  // namespace
}  // namespace odometer
