#pragma once

// The pure parser of the [rubygems] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/api/v1/gems/{gem}.json`: `downloads`, the all-time downloads
// of the gem (every version; `version_downloads` is the current version
// only). An error names the URL and the JSON path.
Result<Count> parse_rubygems_downloads(std::string_view body, std::string_view url);

}  // namespace odometer
