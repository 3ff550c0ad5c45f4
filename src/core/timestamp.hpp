#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/day.hpp"
#include "core/result.hpp"

namespace odometer {

// A UTC instant with one-second resolution, written as YYYY-MM-DDTHH:MM:SSZ.
// A plain value (copy freely; const use is thread-safe).
class Timestamp {
public:
  Timestamp() = default;

  // Strict YYYY-MM-DDTHH:MM:SSZ (UTC only). Returns an error quoting the input.
  static Result<Timestamp> parse(std::string_view text);
  // The instant seconds after 1970-01-01T00:00:00Z (negative: before it).
  static Timestamp from_unix_seconds(std::int64_t seconds) { return Timestamp(seconds); }
  // 00:00:00Z of day.
  static Timestamp start_of(Day day) {
    return Timestamp(std::int64_t{day.days_since_epoch()} * 86400);
  }
  // The current time from the system clock.
  static Timestamp now();

  std::int64_t unix_seconds() const { return m_seconds; }
  // The UTC day the instant falls on.
  Day day() const;
  // YYYY-MM-DDTHH:MM:SSZ, what parse reads back.
  std::string to_string() const;

  auto operator<=>(const Timestamp&) const = default;  // NOLINT(modernize-use-nullptr)

private:
  explicit Timestamp(std::int64_t seconds) : m_seconds(seconds) {}
  std::int64_t m_seconds = 0;
};

}  // namespace odometer
