#pragma once

// Pure parsers for npm's download-count range endpoint: a body and the URL
// it came from in, days or an error out. Every error starts with the URL
// and names the JSON path ("$.downloads[3].downloads"). The API clamps a
// range that is too wide without a word, so what a body covers is its own
// `start`..`end`, which the caller compares with what it asked for.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/result.hpp"
#include "core/series.hpp"
#include "sources/daily_count.hpp"

namespace odometer {

// One package's answer: the days it covers (inclusive, UTC) and one count
// per day, in the order given. Every day lies within start..end and appears
// once.
struct NpmRange {
  std::string package;
  Day start;
  Day end;
  std::vector<DailyCount> days;
};

// `GET {api}/downloads/range/{start}:{end}/{pkg}` for one package.
Result<NpmRange> parse_npm_range(std::string_view body, std::string_view url);

// The same for several unscoped packages (`.../{a},{b},...`): a map from
// the name to its range, or nullopt where npm answered null (a package that
// does not exist).
Result<std::map<std::string, std::optional<NpmRange>>> parse_npm_bulk_range(std::string_view body,
                                                                            std::string_view url);

}  // namespace odometer
