#pragma once

// The pure parser of the [hex] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/api/packages/{name}`: `downloads.all`, the all-time downloads.
// Hex leaves a key of `downloads` out when its count is zero, so an absent
// `all` reads as 0 — but only when the `downloads` object is there and
// none of its other counts (`recent`, `week`, `day`) is above zero: a
// package downloaded this week has downloaded something of all time, so
// that shape is an error, never a zero. A missing `downloads` object is an
// error too. Errors name the URL and the JSON path.
Result<Count> parse_hex_downloads(std::string_view body, std::string_view url);

}  // namespace odometer
