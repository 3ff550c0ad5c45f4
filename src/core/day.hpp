#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace odometer {

// A UTC calendar day, stored as days since 1970-01-01. Valid for the years
// 0001 to 9999, which is what YYYY-MM-DD can spell.
class Day {
public:
  Day() = default;

  // Strict YYYY-MM-DD: exactly ten characters, a real calendar date.
  // Returns an error that quotes the input otherwise.
  static Result<Day> parse(std::string_view text);
  // Day::parse without a message, for readers of millions of days: accepts
  // exactly the same texts. Reads text[0] to text[9].
  static std::optional<Day> parse_fixed(const char* text);
  // Day days after 1970-01-01 (negative: before it). Unchecked: to_string
  // of a day outside the years 0001..9999 is not meaningful.
  static Day from_days_since_epoch(std::int32_t days) { return Day(days); }
  // Returns an error if the date does not exist (2026-02-30).
  static Result<Day> from_ymd(int year, unsigned month, unsigned day);

  std::int32_t days_since_epoch() const { return m_days; }
  // YYYY-MM-DD, what parse reads back.
  std::string to_string() const;
  // Writes exactly ten characters to out.
  void format_to(char* out) const;

  Day operator+(std::int32_t n) const { return Day(m_days + n); }
  Day operator-(std::int32_t n) const { return Day(m_days - n); }
  std::int32_t operator-(Day other) const { return m_days - other.m_days; }
  // clang-tidy 14 misreads defaulted <=> as a literal 0 comparison.
  auto operator<=>(const Day&) const = default;  // NOLINT(modernize-use-nullptr)

private:
  explicit Day(std::int32_t days) : m_days(days) {}
  std::int32_t m_days = 0;
};

}  // namespace odometer
