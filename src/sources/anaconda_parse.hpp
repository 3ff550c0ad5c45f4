#pragma once

// The pure parser of the [anaconda] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/package/{channel}/{package}`: the sum of `files[].ndownloads`,
// the all-time downloads of every file (all versions and platforms) on
// that channel. No files is 0. Errors if the sum exceeds 10^15.
Result<Count> parse_anaconda_downloads(std::string_view body, std::string_view url);

}  // namespace odometer
