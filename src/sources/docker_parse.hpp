#pragma once

// The pure parser of the [docker] source.

#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/v2/repositories/{namespace}/{repo}/`: `pull_count`, the
// all-time pulls of the repository (every tag). An error names the URL and
// the JSON path.
Result<Count> parse_docker_pulls(std::string_view body, std::string_view url);

}  // namespace odometer
