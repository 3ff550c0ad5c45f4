#pragma once

// The pure parser of the [openvsx] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/api/{namespace}/{extension}`: `downloadCount`, the all-time
// downloads of the extension (all versions and platforms). An error names
// the URL and the JSON path, and quotes nothing of the server's text.
Result<Count> parse_openvsx_downloads(std::string_view body, std::string_view url);

}  // namespace odometer
