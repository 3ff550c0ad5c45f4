#pragma once

// The pure parsers of the [pub] source (pub.dev).

#include <optional>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "core/series.hpp"
#include "sources/day_count.hpp"

namespace odometer {

// `GET {api}/api/packages/{package}/daily-downloads`:
// `totalDailyDownloads[i]` is the downloads on `newestDate` minus i days.
// -1 means pub.dev has no data for that day: the day is left out (never a
// zero); any other negative number is an error. Newest day first.
Result<std::vector<DayCount>> parse_pub_daily_downloads(std::string_view body,
                                                        std::string_view url);

// `GET {api}/api/packages/{package}/score`: `downloadCount30Days`, the
// downloads of the last 30 days; nullopt when pub.dev gives null (a new
// package).
Result<std::optional<Count>> parse_pub_downloads_30d(std::string_view body, std::string_view url);

}  // namespace odometer
