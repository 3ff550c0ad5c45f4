#include "core/day.hpp"

#include "core/shown.hpp"

#include <chrono>

namespace odometer {

namespace {

bool parse_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

void write_digits(char* out, int value, int count) {
  for (int i = count - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

Result<Day> Day::from_ymd(int year, unsigned month, unsigned day) {
  // Range-check before building the chrono types: std::chrono::month and day
  // keep only the low byte (year a short), so month 257 would otherwise pass
  // as January.
  const bool in_range =
      year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  const std::chrono::year_month_day ymd{std::chrono::year{in_range ? year : 1970},
                                        std::chrono::month{in_range ? month : 1U},
                                        std::chrono::day{in_range ? day : 1U}};
  if (!in_range || !ymd.ok()) {
    return make_error("no such date: " + std::to_string(year) + "-" + std::to_string(month) + "-" +
                      std::to_string(day));
  }
  const std::chrono::sys_days days{ymd};
  return Day(static_cast<std::int32_t>(days.time_since_epoch().count()));
}

Result<Day> Day::parse(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  const bool shape_ok = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        parse_digits(text, 0, 4, year) && parse_digits(text, 5, 2, month) &&
                        parse_digits(text, 8, 2, day);
  if (!shape_ok) {
    return make_error("invalid day \"" + shown_value(text) + "\": expected YYYY-MM-DD");
  }
  auto result = from_ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (!result) {
    return make_error("invalid day \"" + shown_value(text) + "\": no such calendar date");
  }
  return result;
}

std::optional<Day> Day::parse_fixed(const char* text) {
  // Unsigned differences: a byte below '0' wraps to a large value.
  const auto digit = [text](int i) { return static_cast<unsigned>(text[i] - '0'); };
  const unsigned y0 = digit(0);
  const unsigned y1 = digit(1);
  const unsigned y2 = digit(2);
  const unsigned y3 = digit(3);
  const unsigned m0 = digit(5);
  const unsigned m1 = digit(6);
  const unsigned d0 = digit(8);
  const unsigned d1 = digit(9);
  const bool digits =
      y0 <= 9 && y1 <= 9 && y2 <= 9 && y3 <= 9 && m0 <= 9 && m1 <= 9 && d0 <= 9 && d1 <= 9;
  if (!digits || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const unsigned year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
  const unsigned month = m0 * 10 + m1;
  const unsigned day = d0 * 10 + d1;
  if (year < 1 || month < 1 || month > 12 || day < 1) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(year)},
                                        std::chrono::month{month}, std::chrono::day{day}};
  if (day > static_cast<unsigned>(std::chrono::year_month_day_last{
                ymd.year(), std::chrono::month_day_last{ymd.month()}}
                                      .day())) {
    return std::nullopt;
  }
  const std::chrono::sys_days days{ymd};
  return Day(static_cast<std::int32_t>(days.time_since_epoch().count()));
}

void Day::format_to(char* out) const {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{m_days}}};
  write_digits(out, static_cast<int>(ymd.year()), 4);
  out[4] = '-';
  write_digits(out + 5, static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  out[7] = '-';
  write_digits(out + 8, static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
}

std::string Day::to_string() const {
  std::string out(10, '0');
  format_to(out.data());
  return out;
}

}  // namespace odometer
