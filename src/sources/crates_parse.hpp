#pragma once

// The pure parsers of the [crates] source: a body and its URL in, numbers
// or an error naming the URL and the JSON path out.

#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/series.hpp"
#include "sources/day_count.hpp"

namespace odometer {

// `GET {api}/api/v1/crates/{name}`: `crate.downloads`, the all-time total.
Result<Count> parse_crate_downloads(std::string_view body, std::string_view url);

// `GET {api}/api/v1/crates/{name}/downloads`: the crate's downloads per day
// over the last 90 days, the sum for each `date` of `version_downloads[]`
// (the newest versions) and `meta.extra_downloads[]` (every other version).
// Days in date order; a day with no row is left out. A day whose sum is
// above 10^15 is an error.
Result<std::vector<DayCount>> parse_crate_daily_downloads(std::string_view body,
                                                          std::string_view url);

}  // namespace odometer
