// Tests of src/core/day.hpp and src/core/timestamp.hpp: strict parsing,
// formatting, ordering and calendar arithmetic of UTC days and instants.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/timestamp.hpp"

namespace odometer {
namespace {

using namespace std::string_view_literals;

// Parses a day the test knows to be valid; fails the test otherwise.
Day day(std::string_view text) {
  auto parsed = Day::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : Day();
}

Timestamp timestamp(std::string_view text) {
  auto parsed = Timestamp::parse(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error().message;
  return parsed.ok() ? *parsed : Timestamp();
}

std::string two_digits(int value) {
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

std::string four_digits(int value) {
  return two_digits(value / 100) + two_digits(value % 100);
}

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
  constexpr std::array<int, 12> k_lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : k_lengths[static_cast<std::size_t>(month - 1)];
}

// ---------------------------------------------------------------------------
// Day::parse

TEST(DayParse, AcceptsTheEpoch) {
  EXPECT_EQ(day("1970-01-01").days_since_epoch(), 0);
}

TEST(DayParse, AcceptsKnownDates) {
  EXPECT_EQ(day("1970-01-02").days_since_epoch(), 1);
  EXPECT_EQ(day("1969-12-31").days_since_epoch(), -1);
  EXPECT_EQ(day("2000-03-01").days_since_epoch(), 11017);
  EXPECT_EQ(day("2026-05-02").days_since_epoch(), 20575);
}

TEST(DayParse, AcceptsTheWholeFourDigitRange) {
  EXPECT_EQ(day("0001-01-01").to_string(), "0001-01-01");
  EXPECT_EQ(day("9999-12-31").to_string(), "9999-12-31");
}

TEST(DayParse, AcceptsFebruary29OfLeapYears) {
  EXPECT_TRUE(Day::parse("2024-02-29").ok());
  EXPECT_TRUE(Day::parse("2000-02-29").ok());  // divisible by 400
}

TEST(DayParse, RejectsDatesThatDoNotExist) {
  for (const std::string_view text :
       {"2026-02-29"sv, "2026-02-30"sv, "2024-02-30"sv, "1900-02-29"sv, "2026-13-01"sv,
        "2026-00-10"sv, "2026-01-00"sv, "2026-01-32"sv, "2026-04-31"sv, "0000-01-01"sv,
        "2026-99-99"sv}) {
    SCOPED_TRACE(text);
    auto parsed = Day::parse(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find("no such calendar date"), std::string::npos)
        << parsed.error().message;
  }
}

TEST(DayParse, RejectsWrongShapes) {
  for (const std::string_view text :
       {"2026-1-01"sv, "2026-01-1"sv, "26-01-01"sv, "2026/01/01"sv, "2026.01.01"sv, " 2026-01-01"sv,
        "2026-01-01 "sv, "2026-01-01\n"sv, "20260101"sv, ""sv, "2026-01-01T00"sv, "2026-01-0a"sv,
        "abcd-ef-gh"sv, "2026--01-01"sv, "2026-01_01"sv, "2026-01-01\0"sv,
        "\0\0\0\0\0\0\0\0\0\0"sv}) {
    SCOPED_TRACE(text);
    auto parsed = Day::parse(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find("expected YYYY-MM-DD"), std::string::npos)
        << parsed.error().message;
  }
}

TEST(DayParse, RejectsSigns) {
  for (const std::string_view text : {"+026-01-01"sv, "-026-01-01"sv, "2026-+1-01"sv,
                                      "2026--1-01"sv, "2026-01-+1"sv, "2026-01--1"sv}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(Day::parse(text).ok());
  }
}

TEST(DayParse, RejectsNonAsciiDigits) {
  // U+0661 ARABIC-INDIC DIGIT ONE is two bytes, so this input is ten bytes
  // long like a valid day; U+00B2 SUPERSCRIPT TWO likewise; the full-width
  // year is longer.
  for (const std::string_view text : {"2026-01-\xD9\xA1"sv, "2026-01-\xC2\xB2"sv,
                                      "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x96-01-01"sv}) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(Day::parse(text).ok());
  }
}

TEST(DayParse, ErrorQuotesTheInput) {
  auto bad_shape = Day::parse("2026/01/01");
  ASSERT_FALSE(bad_shape.ok());
  EXPECT_NE(bad_shape.error().message.find("\"2026/01/01\""), std::string::npos)
      << bad_shape.error().message;

  auto bad_date = Day::parse("2026-02-30");
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.error().message.find("\"2026-02-30\""), std::string::npos)
      << bad_date.error().message;

  auto empty = Day::parse("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.error().message.find("\"\""), std::string::npos) << empty.error().message;
}

TEST(DayFromYmd, BuildsRealDatesAndRejectsOthers) {
  auto leap = Day::from_ymd(2024, 2, 29);
  ASSERT_TRUE(leap.ok());
  EXPECT_EQ(leap->to_string(), "2024-02-29");
  EXPECT_FALSE(Day::from_ymd(2026, 2, 29).ok());
  EXPECT_FALSE(Day::from_ymd(2026, 13, 1).ok());
  EXPECT_FALSE(Day::from_ymd(2026, 1, 0).ok());
  EXPECT_FALSE(Day::from_ymd(0, 1, 1).ok());
  EXPECT_FALSE(Day::from_ymd(10000, 1, 1).ok());
}

// Regression: std::chrono::month and std::chrono::day keep only the low byte
// of their argument, so from_ymd(2026, 257, 1) and from_ymd(2026, 1, 257)
// returned 2026-01-01 instead of an error.
TEST(DayFromYmd, RejectsMonthOrDayThatWrapsAByte) {
  EXPECT_FALSE(Day::from_ymd(2026, 257, 1).ok());
  EXPECT_FALSE(Day::from_ymd(2026, 1, 257).ok());
  EXPECT_FALSE(Day::from_ymd(2026, 4294967041U, 1).ok());
  EXPECT_FALSE(Day::from_ymd(65536 + 2026, 1, 1).ok());
  auto wrapped = Day::from_ymd(2026, 256 + 13, 1);
  ASSERT_FALSE(wrapped.ok());
  EXPECT_NE(wrapped.error().message.find("no such date"), std::string::npos);
}

// parse_fixed, the fast reader's day parser, must accept exactly what
// Day::parse accepts, as the same day.
void expect_same_as_parse(std::string_view text) {
  ASSERT_EQ(text.size(), 10U);
  const auto fixed = Day::parse_fixed(text.data());
  const auto parsed = Day::parse(text);
  ASSERT_EQ(fixed.has_value(), parsed.ok()) << text;
  if (fixed) {
    ASSERT_EQ(*fixed, *parsed) << text;
  }
}

TEST(DayParseFixed, AgreesWithParseOnEveryDayOfTheCalendar) {
  // Every day from 0001-01-01 to 9999-12-31, and every day number of each
  // month spelled with 00 and 29..39, valid or not.
  for (int year = 1; year <= 9999; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const std::string prefix = four_digits(year) + "-" + two_digits(month) + "-";
      for (int d = 0; d <= 39; ++d) {
        expect_same_as_parse(prefix + two_digits(d));
      }
    }
  }
}

TEST(DayParseFixed, AgreesWithParseOnMalformedTexts) {
  for (const auto text :
       {"0000-01-01"sv, "2026-00-01"sv, "2026-13-01"sv, "2026-02-29"sv, "2024-02-30"sv,
        "2026-04-31"sv, "2026-99-99"sv, "2026/05/01"sv, "2026-05-1 "sv, " 2026-05-1"sv,
        "+026-05-01"sv, "-026-05-01"sv, "2026-5-01x"sv, "20260501xx"sv, "2026--5-01"sv,
        "2026-05-0\\"sv, "2026-05\\01"sv, "2026-05-0\""sv, "2026-05-01"sv}) {
    expect_same_as_parse(text);
  }
  // Every byte value at every position of a valid day.
  const std::string valid = "2024-02-29";
  for (std::size_t at = 0; at < valid.size(); ++at) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string text = valid;
      text[at] = static_cast<char>(byte);
      expect_same_as_parse(text);
    }
  }
}

// ---------------------------------------------------------------------------
// Formatting

TEST(DayFormat, RoundTripsEveryDayFrom1970To2100) {
  // The expected text and day number come from an independent calendar walk,
  // not from std::chrono, so both directions are checked against it.
  std::int32_t expected_days = 0;
  for (int year = 1970; year <= 2100; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int d = 1; d <= days_in_month(year, month); ++d) {
        const std::string text = four_digits(year) + "-" + two_digits(month) + "-" + two_digits(d);
        auto parsed = Day::parse(text);
        ASSERT_TRUE(parsed.ok()) << text;
        ASSERT_EQ(parsed->days_since_epoch(), expected_days) << text;
        ASSERT_EQ(Day::from_days_since_epoch(expected_days).to_string(), text);
        ++expected_days;
      }
    }
  }
  EXPECT_EQ(day("2101-01-01").days_since_epoch(), expected_days);
}

TEST(DayFormat, FormatToWritesExactlyTenCharacters) {
  std::array<char, 12> buffer{};
  buffer.fill('x');
  day("2026-05-02").format_to(buffer.data());
  EXPECT_EQ(std::string(buffer.data(), 10), "2026-05-02");
  EXPECT_EQ(buffer[10], 'x');
  EXPECT_EQ(buffer[11], 'x');
}

TEST(DayFormat, DefaultIsTheEpoch) {
  EXPECT_EQ(Day().to_string(), "1970-01-01");
}

// ---------------------------------------------------------------------------
// Ordering and arithmetic

TEST(DayOrder, FollowsTheCalendar) {
  EXPECT_LT(day("2025-12-31"), day("2026-01-01"));
  EXPECT_LT(day("1969-12-31"), day("1970-01-01"));
  EXPECT_GT(day("2026-02-01"), day("2026-01-31"));
  EXPECT_EQ(day("2026-05-02"), day("2026-05-02"));
  EXPECT_NE(day("2026-05-02"), day("2026-05-03"));
}

TEST(DayOrder, SortsLikeItsText) {
  std::vector<std::string> texts = {"2026-05-02", "1999-12-31", "2024-02-29",
                                    "2026-01-01", "1970-01-01", "2100-03-01"};
  std::vector<Day> days;
  for (const auto& text : texts) {
    days.push_back(day(text));
  }
  std::sort(texts.begin(), texts.end());
  std::sort(days.begin(), days.end());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(days[i].to_string(), texts[i]);
  }
}

TEST(DayArithmetic, AddsAcrossMonthAndYearEnds) {
  EXPECT_EQ((day("2026-01-31") + 1).to_string(), "2026-02-01");
  EXPECT_EQ((day("2025-12-31") + 1).to_string(), "2026-01-01");
  EXPECT_EQ((day("2026-04-30") + 1).to_string(), "2026-05-01");
  EXPECT_EQ((day("2026-01-01") + 365).to_string(), "2027-01-01");
}

TEST(DayArithmetic, AddsAcrossLeapDays) {
  EXPECT_EQ((day("2024-02-28") + 1).to_string(), "2024-02-29");
  EXPECT_EQ((day("2024-02-29") + 1).to_string(), "2024-03-01");
  EXPECT_EQ((day("2026-02-28") + 1).to_string(), "2026-03-01");
  EXPECT_EQ((day("2024-01-01") + 366).to_string(), "2025-01-01");
  EXPECT_EQ((day("2100-02-28") + 1).to_string(), "2100-03-01");  // not a leap year
}

TEST(DayArithmetic, SubtractsAcrossBoundaries) {
  EXPECT_EQ((day("2024-03-01") - 1).to_string(), "2024-02-29");
  EXPECT_EQ((day("2026-03-01") - 1).to_string(), "2026-02-28");
  EXPECT_EQ((day("2026-01-01") - 1).to_string(), "2025-12-31");
  EXPECT_EQ((day("1970-01-01") - 1).to_string(), "1969-12-31");
  EXPECT_EQ((day("2026-05-02") + -2).to_string(), "2026-04-30");
}

TEST(DayArithmetic, DifferenceCountsDays) {
  EXPECT_EQ(day("2026-05-02") - day("2026-01-01"), 121);
  EXPECT_EQ(day("2026-01-01") - day("2026-05-02"), -121);
  EXPECT_EQ(day("2025-01-01") - day("2024-01-01"), 366);
  EXPECT_EQ(day("2026-01-01") - day("2025-01-01"), 365);
  EXPECT_EQ(day("2026-05-02") - day("2026-05-02"), 0);
  const Day start = day("2023-11-17");
  EXPECT_EQ((start + 1000) - start, 1000);
}

// ---------------------------------------------------------------------------
// Timestamp

TEST(TimestampParse, AcceptsStrictUtc) {
  EXPECT_EQ(timestamp("2026-05-02T20:02:26Z").unix_seconds(), 1777752146);
  EXPECT_EQ(timestamp("1970-01-01T00:00:00Z").unix_seconds(), 0);
  EXPECT_EQ(timestamp("2026-05-02T23:59:59Z").unix_seconds(), 1777680000 + 86399);
}

TEST(TimestampParse, RejectsAnythingButYyyyMmDdThhMmSsZ) {
  for (const std::string_view text : {"2026-05-02T20:02:26"sv,
                                      "2026-05-02T20:02:26+00:00"sv,
                                      "2026-05-02T20:02:26-01:00"sv,
                                      "2026-05-02T20:02:26.5Z"sv,
                                      "2026-05-02T20:02:26.000Z"sv,
                                      "2026-05-02T24:00:00Z"sv,
                                      "2026-05-02T23:60:00Z"sv,
                                      "2026-05-02T23:59:60Z"sv,
                                      "2026-05-02 20:02:26Z"sv,
                                      "2026-05-02t20:02:26Z"sv,
                                      "2026-05-02T20:02:26z"sv,
                                      "2026-05-02T2:02:26Z"sv,
                                      "2026-05-02T20-02-26Z"sv,
                                      "2026-02-30T00:00:00Z"sv,
                                      "2026-5-02T20:02:26Z"sv,
                                      "2026-05-02T+0:02:26Z"sv,
                                      "2026-05-02"sv,
                                      ""sv,
                                      " 2026-05-02T20:02:26Z"sv,
                                      "2026-05-02T20:02:26Z "sv}) {
    SCOPED_TRACE(text);
    auto parsed = Timestamp::parse(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_NE(parsed.error().message.find("\"" + std::string(text) + "\""), std::string::npos)
        << parsed.error().message;
  }
}

TEST(TimestampFormat, RoundTripsKnownTexts) {
  for (const std::string_view text :
       {"2026-05-02T20:02:26Z"sv, "1970-01-01T00:00:00Z"sv, "2024-02-29T23:59:59Z"sv,
        "1969-12-31T23:59:59Z"sv, "0001-01-01T00:00:00Z"sv, "9999-12-31T23:59:59Z"sv}) {
    EXPECT_EQ(timestamp(text).to_string(), text);
  }
}

TEST(TimestampFormat, RoundTripsSecondsAcrossDecades) {
  // A stride that is prime and not a divisor of a day hits every time of day.
  constexpr std::int64_t k_stride = 100003;
  for (std::int64_t seconds = -86400LL * 3660; seconds < 86400LL * 40000; seconds += k_stride) {
    const auto original = Timestamp::from_unix_seconds(seconds);
    auto parsed = Timestamp::parse(original.to_string());
    ASSERT_TRUE(parsed.ok()) << original.to_string();
    ASSERT_EQ(parsed->unix_seconds(), seconds) << original.to_string();
  }
}

TEST(TimestampDay, IsTheUtcCalendarDay) {
  EXPECT_EQ(timestamp("2026-05-02T00:00:00Z").day(), day("2026-05-02"));
  EXPECT_EQ(timestamp("2026-05-02T20:02:26Z").day(), day("2026-05-02"));
  EXPECT_EQ(timestamp("2026-05-02T23:59:59Z").day(), day("2026-05-02"));
}

TEST(TimestampDay, NegativeTimesMapToTheDayBefore1970) {
  EXPECT_EQ(Timestamp::from_unix_seconds(-1).day(), day("1969-12-31"));
  EXPECT_EQ(Timestamp::from_unix_seconds(-86400).day(), day("1969-12-31"));
  EXPECT_EQ(Timestamp::from_unix_seconds(-86401).day(), day("1969-12-30"));
  EXPECT_EQ(Timestamp::from_unix_seconds(-1).to_string(), "1969-12-31T23:59:59Z");
  EXPECT_EQ(Timestamp::from_unix_seconds(-86400).to_string(), "1969-12-31T00:00:00Z");
  EXPECT_EQ(Timestamp::from_unix_seconds(-86401).to_string(), "1969-12-30T23:59:59Z");
  EXPECT_EQ(timestamp("1969-12-31T23:59:59Z").unix_seconds(), -1);
}

TEST(TimestampStartOf, IsMidnightOfTheDay) {
  const Day d = day("2026-05-02");
  EXPECT_EQ(Timestamp::start_of(d).to_string(), "2026-05-02T00:00:00Z");
  EXPECT_EQ(Timestamp::start_of(d).day(), d);
  EXPECT_EQ(Timestamp::start_of(d + 1).unix_seconds() - Timestamp::start_of(d).unix_seconds(),
            86400);
  EXPECT_EQ(Timestamp::start_of(day("1969-12-31")).unix_seconds(), -86400);
  EXPECT_EQ(Timestamp::start_of(day("0001-01-01")).to_string(), "0001-01-01T00:00:00Z");
}

TEST(TimestampOrder, FollowsTime) {
  EXPECT_LT(timestamp("2026-05-02T20:02:26Z"), timestamp("2026-05-02T20:02:27Z"));
  EXPECT_LT(timestamp("1969-12-31T23:59:59Z"), timestamp("1970-01-01T00:00:00Z"));
  EXPECT_EQ(timestamp("2026-05-02T20:02:26Z"), Timestamp::from_unix_seconds(1777752146));
}

}  // namespace
}  // namespace odometer
