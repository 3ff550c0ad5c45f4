// Tests of src/core/series_key.hpp: what a key may be, how it splits, how
// bad keys are reported, and the UTF-8 check behind it.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/series_key.hpp"
#include "core/utf8.hpp"

namespace odometer {
namespace {

using namespace std::string_view_literals;

SeriesKey key(std::string_view text) {
  auto parsed = SeriesKey::parse(text);
  if (!parsed.ok()) {
    ADD_FAILURE() << parsed.error().message;
    return *SeriesKey::parse("test:failed:key");
  }
  return *parsed;
}

// The error message of parsing text, which must fail.
std::string parse_error(std::string_view text) {
  auto parsed = SeriesKey::parse(text);
  if (parsed.ok()) {
    ADD_FAILURE() << "accepted \"" << text << "\"";
    return {};
  }
  return parsed.error().message;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------------------
// Valid keys and their parts

TEST(SeriesKeyParse, SplitsAGithubKey) {
  const auto k = key("github:clones:runcycles/docs");
  EXPECT_EQ(k.str(), "github:clones:runcycles/docs");
  EXPECT_EQ(k.source(), "github");
  EXPECT_EQ(k.metric(), "clones");
  EXPECT_EQ(k.entity(), "runcycles/docs");
}

TEST(SeriesKeyParse, AcceptsAScopedNpmPackage) {
  const auto k = key("npm:downloads:@runcycles/mcp-server");
  EXPECT_EQ(k.source(), "npm");
  EXPECT_EQ(k.metric(), "downloads");
  EXPECT_EQ(k.entity(), "@runcycles/mcp-server");
}

TEST(SeriesKeyParse, AcceptsDigitsAndDashesInSourceAndMetric) {
  const auto k = key("manual:ghcr-pulls:runcycles/cycles-server");
  EXPECT_EQ(k.metric(), "ghcr-pulls");
  const auto numbered = key("s3:v2-hits:x");
  EXPECT_EQ(numbered.source(), "s3");
  EXPECT_EQ(numbered.metric(), "v2-hits");
}

TEST(SeriesKeyParse, EntityMayHoldColonsDotsAndAts) {
  const auto k = key("maven:downloads:io.runcycles:client@1.0:jar");
  EXPECT_EQ(k.source(), "maven");
  EXPECT_EQ(k.metric(), "downloads");
  EXPECT_EQ(k.entity(), "io.runcycles:client@1.0:jar");
}

TEST(SeriesKeyParse, SplitsOnTheFirstTwoColonsOnly) {
  const auto k = key("a:b:c:d:e");
  EXPECT_EQ(k.source(), "a");
  EXPECT_EQ(k.metric(), "b");
  EXPECT_EQ(k.entity(), "c:d:e");
  EXPECT_EQ(key("a:b::").entity(), ":");
}

TEST(SeriesKeyParse, AcceptsNonAsciiUtf8InTheEntity) {
  const auto k = key("manual:stars:caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x98\x80");
  EXPECT_EQ(k.entity(), "caf\xC3\xA9/\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x98\x80");
}

TEST(SeriesKeyParse, AcceptsSpacesInTheEntity) {
  EXPECT_EQ(key("manual:stars:my project").entity(), "my project");
}

TEST(SeriesKeyMake, JoinsThreeParts) {
  auto made = SeriesKey::make("github", "clones", "runcycles/docs");
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(*made, key("github:clones:runcycles/docs"));
  EXPECT_EQ(made->entity(), "runcycles/docs");
}

TEST(SeriesKeyMake, RejectsABadPart) {
  auto made = SeriesKey::make("GitHub", "clones", "runcycles/docs");
  ASSERT_FALSE(made.ok());
  EXPECT_TRUE(contains(made.error().message, "source")) << made.error().message;
  EXPECT_FALSE(SeriesKey::make("github", "", "x").ok());
  EXPECT_FALSE(SeriesKey::make("github", "clones", "").ok());
}

// Regression: make("github", "clones:x", "repo") built "github:clones:x:repo",
// which parses as metric "clones" and entity "x:repo", so the key silently
// named a different series than the one asked for.
TEST(SeriesKeyMake, RejectsAColonInSourceOrMetricInsteadOfResplitting) {
  auto in_metric = SeriesKey::make("github", "clones:x", "repo");
  ASSERT_FALSE(in_metric.ok()) << "made " << in_metric->str() << " with metric "
                               << in_metric->metric();
  EXPECT_TRUE(contains(in_metric.error().message, "metric")) << in_metric.error().message;

  auto in_source = SeriesKey::make("a:b", "c", "d");
  ASSERT_FALSE(in_source.ok());
  EXPECT_TRUE(contains(in_source.error().message, "source")) << in_source.error().message;
}

// ---------------------------------------------------------------------------
// Rejected keys

TEST(SeriesKeyParse, RejectsUppercaseSource) {
  const auto message = parse_error("GitHub:clones:runcycles/docs");
  EXPECT_TRUE(contains(message, "\"GitHub:clones:runcycles/docs\"")) << message;
  EXPECT_TRUE(contains(message, "source \"GitHub\"")) << message;
  EXPECT_TRUE(contains(message, "a-z, 0-9 and '-'")) << message;
}

TEST(SeriesKeyParse, RejectsUppercaseMetric) {
  const auto message = parse_error("github:Clones:runcycles/docs");
  EXPECT_TRUE(contains(message, "metric \"Clones\"")) << message;
}

TEST(SeriesKeyParse, RejectsUnderscoreInSourceOrMetric) {
  EXPECT_TRUE(contains(parse_error("git_hub:clones:x"), "source \"git_hub\""));
  EXPECT_TRUE(contains(parse_error("github:clone_count:x"), "metric \"clone_count\""));
}

TEST(SeriesKeyParse, RejectsOtherCharactersInSourceOrMetric) {
  for (const std::string_view text :
       {"git hub:clones:x"sv, "github:clo.nes:x"sv, "github:clones/x:y"sv,
        "gith\xC3\xBC"
        "b:c:x"sv,
        "github:clones\t:x"sv}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(SeriesKey::parse(text).ok());
  }
}

TEST(SeriesKeyParse, RejectsEmptyParts) {
  EXPECT_TRUE(contains(parse_error(":clones:x"), "the source is empty"));
  EXPECT_TRUE(contains(parse_error("github::x"), "the metric is empty"));
  EXPECT_TRUE(contains(parse_error("github:clones:"), "the entity is empty"));
  EXPECT_TRUE(contains(parse_error("::"), "is empty"));
}

TEST(SeriesKeyParse, RejectsMissingColons) {
  for (const std::string_view text : {""sv, "github"sv, "github:clones"sv, "github-clones-x"sv}) {
    SCOPED_TRACE(text);
    const auto message = parse_error(text);
    EXPECT_TRUE(contains(message, "expected <source>:<metric>:<entity>")) << message;
    EXPECT_TRUE(contains(message, "\"" + std::string(text) + "\"")) << message;
  }
}

TEST(SeriesKeyParse, RejectsControlCharactersInTheEntity) {
  for (const std::string_view text :
       {"github:clones:a\nb"sv, "github:clones:a\tb"sv, "github:clones:a\x7f"sv,
        "github:clones:\rx"sv, "github:clones:a\0b"sv, "github:clones:\x1b[31m"sv}) {
    SCOPED_TRACE(text);
    const auto message = parse_error(text);
    EXPECT_TRUE(contains(message, "control character")) << message;
    EXPECT_TRUE(contains(message, "github:clones:")) << message;
  }
}

// Regression: only C0 controls and DEL were refused, so U+0085 (NEL, a line
// break) and U+009B (CSI, a terminal escape) got into keys although the
// contract says "without control characters".
TEST(SeriesKeyParse, RejectsC1ControlCharactersInTheEntity) {
  for (const std::string_view text : {"github:clones:a\xC2\x85"
                                      "b"sv,
                                      "github:clones:\xC2\x9B"
                                      "31m"sv,
                                      "github:clones:\xC2\x80"sv, "github:clones:\xC2\x9F"sv}) {
    SCOPED_TRACE(text);
    const auto message = parse_error(text);
    EXPECT_TRUE(contains(message, "control character")) << message;
  }
  // The neighbours of the C1 block are ordinary characters.
  EXPECT_TRUE(SeriesKey::parse("github:clones:\xC2\xA0").ok());  // U+00A0 NO-BREAK SPACE
  EXPECT_TRUE(SeriesKey::parse("github:clones:\xC3\x80").ok());  // U+00C0
}

TEST(SeriesKeyParse, RejectsInvalidUtf8InTheEntity) {
  for (const std::string_view text : {"github:clones:\xC0\xAF"sv,      // overlong '/'
                                      "github:clones:\xE0\x80\xAF"sv,  // overlong '/', three bytes
                                      "github:clones:a\x80"sv,         // lone continuation byte
                                      "github:clones:\xED\xA0\x80"sv,  // surrogate U+D800
                                      "github:clones:\xE6\x97"sv,  // truncated three-byte sequence
                                      "github:clones:\xF4\x90\x80\x80"sv,  // above U+10FFFF
                                      "github:clones:\xFF"sv}) {
    SCOPED_TRACE(text);
    const auto message = parse_error(text);
    EXPECT_TRUE(contains(message, "invalid series key")) << message;
    EXPECT_TRUE(contains(message, "not valid UTF-8")) << message;
  }
}

// ---------------------------------------------------------------------------
// is_valid_utf8

TEST(IsValidUtf8, AcceptsWellFormedText) {
  for (const std::string_view text : {""sv, "plain ascii"sv, "\x7F"sv,
                                      "\xC3\xA9"sv,          // U+00E9
                                      "\xDF\xBF"sv,          // U+07FF, largest two-byte
                                      "\xE0\xA0\x80"sv,      // U+0800, smallest three-byte
                                      "\xE6\x97\xA5"sv,      // U+65E5
                                      "\xED\x9F\xBF"sv,      // U+D7FF, just below the surrogates
                                      "\xEE\x80\x80"sv,      // U+E000, just above them
                                      "\xEF\xBF\xBF"sv,      // U+FFFF
                                      "\xF0\x90\x80\x80"sv,  // U+10000, smallest four-byte
                                      "\xF0\x9F\x98\x80"sv,  // U+1F600
                                      "\xF4\x8F\xBF\xBF"sv,  // U+10FFFF, the largest code point
                                      "a\xC3\xA9z\xE6\x97\xA5"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_TRUE(is_valid_utf8(text));
  }
  EXPECT_TRUE(is_valid_utf8("a\0b"sv));  // NUL is valid UTF-8; keys refuse it as a control
}

TEST(IsValidUtf8, RejectsOverlongEncodings) {
  for (const std::string_view text :
       {"\xC0\x80"sv, "\xC0\xAF"sv, "\xC1\xBF"sv, "\xE0\x80\x80"sv, "\xE0\x9F\xBF"sv,
        "\xF0\x80\x80\x80"sv, "\xF0\x8F\xBF\xBF"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(is_valid_utf8(text));
  }
}

TEST(IsValidUtf8, RejectsLoneContinuationBytes) {
  for (const std::string_view text : {"\x80"sv, "\xBF"sv, "a\x80"sv, "\xC3\xA9\xA9"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(is_valid_utf8(text));
  }
}

TEST(IsValidUtf8, RejectsSurrogates) {
  for (const std::string_view text : {"\xED\xA0\x80"sv, "\xED\xAF\xBF"sv, "\xED\xB0\x80"sv,
                                      "\xED\xBF\xBF"sv, "\xED\xA0\xBD\xED\xB8\x80"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(is_valid_utf8(text));
  }
}

TEST(IsValidUtf8, RejectsTruncatedSequences) {
  for (const std::string_view text : {"\xC3"sv, "\xE6\x97"sv, "\xF0\x9F\x98"sv,
                                      "\xE6\x97"
                                      "a"sv,
                                      "\xC3"
                                      "a"sv,
                                      "\xF0\x9F\x98"
                                      "a"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(is_valid_utf8(text));
  }
}

TEST(IsValidUtf8, RejectsCodePointsAboveTheMaximumAndInvalidLeadBytes) {
  for (const std::string_view text :
       {"\xF4\x90\x80\x80"sv, "\xF5\x80\x80\x80"sv, "\xF7\xBF\xBF\xBF"sv, "\xF8\x88\x80\x80\x80"sv,
        "\xFE"sv, "\xFF"sv}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(text)));
    EXPECT_FALSE(is_valid_utf8(text));
  }
}

TEST(DecodeUtf8, DecodesOneCodePointAndItsLength) {
  const std::string_view text = "a\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80"sv;
  const auto at = [&](std::size_t i) { return decode_utf8(text, i); };
  ASSERT_TRUE(at(0) && at(1) && at(3) && at(6));
  EXPECT_EQ(at(0)->value, U'a');
  EXPECT_EQ(at(0)->length, 1U);
  EXPECT_EQ(at(1)->value, U'\u00E9');
  EXPECT_EQ(at(1)->length, 2U);
  EXPECT_EQ(at(3)->value, U'\u65E5');
  EXPECT_EQ(at(3)->length, 3U);
  EXPECT_EQ(at(6)->value, U'\U0001F600');
  EXPECT_EQ(at(6)->length, 4U);
  // Inside a sequence: a continuation byte starts none.
  EXPECT_FALSE(at(2));
}

TEST(DecodeUtf8, ReadsNoFurtherThanTheText) {
  // A sequence cut off at the end, in a buffer of exactly its size:
  // AddressSanitizer would catch a read past it.
  const std::vector<char> bytes = {'a', '\xE6', '\x97'};
  EXPECT_FALSE(decode_utf8(std::string_view(bytes.data(), bytes.size()), 1));
}

// ---------------------------------------------------------------------------
// Ordering

TEST(SeriesKeyOrder, IsByText) {
  EXPECT_LT(key("github:clones:a"), key("github:clones:b"));
  EXPECT_LT(key("github:clones:z"), key("github:views:a"));
  EXPECT_LT(key("npm:downloads:x"), key("pypi:downloads:x"));
  EXPECT_EQ(key("npm:downloads:x"), key("npm:downloads:x"));
  // By the whole text, not part by part: '-' sorts before ':', so the longer
  // source "a-b" comes first although the source "a" is its prefix.
  EXPECT_LT(key("a-b:m:e"), key("a:m:e"));
}

TEST(SeriesKeyOrder, MatchesSortedStrings) {
  std::vector<std::string> texts = {"pypi:downloads:runcycles",
                                    "github:clones:runcycles/docs",
                                    "github:clones:runcycles/docs-site",
                                    "a-b:m:e",
                                    "a:m:e",
                                    "npm:downloads:@runcycles/mcp-server",
                                    "github:clones:runcycles/Docs"};
  std::set<SeriesKey> keys;
  for (const auto& text : texts) {
    keys.insert(key(text));
  }
  std::sort(texts.begin(), texts.end());
  std::vector<std::string> ordered;
  for (const auto& k : keys) {
    ordered.push_back(k.str());
  }
  EXPECT_EQ(ordered, texts);
}

}  // namespace
}  // namespace odometer
