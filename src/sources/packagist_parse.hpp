#pragma once

// The pure parser of the [packagist] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/packages/{vendor}/{package}.json`: `package.downloads.total`,
// the all-time installs (`monthly` and `daily` are rolling estimates and
// are not read). An error names the URL and the JSON path.
Result<Count> parse_packagist_downloads(std::string_view body, std::string_view url);

}  // namespace odometer
