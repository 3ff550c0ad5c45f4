#pragma once

// Pure parsers for the two GitHub endpoints that reach back to a
// repository's creation: the weekly star history and the list of forks.
// Errors start with the URL and name the JSON path, as github_parse.hpp's.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/result.hpp"
#include "core/series.hpp"
#include "core/timestamp.hpp"

namespace odometer {

// One row of `GET /repos/{o}/{r}/stargazers/history`: the stars gained on
// each day from `first` (the week's first day, 00:00 UTC).
struct StarWeek {
  Day first;
  std::vector<Count> days;  // at most 7
  bool operator==(const StarWeek&) const = default;
};

// A page of weeks, in the order given (newest first). `week` must be a
// whole day (Unix seconds divisible by 86400); `days` at most seven counts.
Result<std::vector<StarWeek>> parse_star_history(std::string_view body, std::string_view url);

// One fork of `GET /repos/{o}/{r}/forks?sort=oldest`.
struct ForkEntry {
  std::int64_t id = 0;
  Timestamp created;  // created_at
  bool operator==(const ForkEntry&) const = default;
};

// A page of forks, in the order given.
Result<std::vector<ForkEntry>> parse_forks(std::string_view body, std::string_view url);

}  // namespace odometer
