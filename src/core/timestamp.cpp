#include "core/timestamp.hpp"

#include "core/shown.hpp"

#include <chrono>

namespace odometer {

namespace {

constexpr std::int64_t k_seconds_per_day = 86400;

bool parse_two(std::string_view text, std::size_t pos, int limit, int& out) {
  const char a = text[pos];
  const char b = text[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') {
    return false;
  }
  out = (a - '0') * 10 + (b - '0');
  return out <= limit;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) {
    --q;
  }
  return q;
}

}  // namespace

Result<Timestamp> Timestamp::parse(std::string_view text) {
  auto invalid = [&] {
    return make_error("invalid timestamp \"" + shown_value(text) +
                      "\": expected YYYY-MM-DDTHH:MM:SSZ (UTC)");
  };
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return invalid();
  }
  auto day = Day::parse(text.substr(0, 10));
  int hours = 0;
  int minutes = 0;
  int seconds = 0;
  if (!day || !parse_two(text, 11, 23, hours) || !parse_two(text, 14, 59, minutes) ||
      !parse_two(text, 17, 59, seconds)) {
    return invalid();
  }
  return Timestamp(std::int64_t{day->days_since_epoch()} * k_seconds_per_day +
                   std::int64_t{hours} * 3600 + std::int64_t{minutes} * 60 + seconds);
}

Timestamp Timestamp::now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp(std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count());
}

Day Timestamp::day() const {
  return Day::from_days_since_epoch(
      static_cast<std::int32_t>(floor_div(m_seconds, k_seconds_per_day)));
}

std::string Timestamp::to_string() const {
  const std::int64_t in_day =
      m_seconds - std::int64_t{day().days_since_epoch()} * k_seconds_per_day;
  const auto two = [](std::int64_t v) {
    return std::string{static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
  };
  return day().to_string() + "T" + two(in_day / 3600) + ":" + two(in_day / 60 % 60) + ":" +
         two(in_day % 60) + "Z";
}

}  // namespace odometer
