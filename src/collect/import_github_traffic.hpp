#pragma once

// Saved GitHub traffic responses (the bodies of /traffic/clones,
// /traffic/views, /traffic/popular/referrers and /traffic/popular/paths that
// archiving scripts keep, one file per fetch), mapped onto the series the
// [github] collector keeps (docs/migrating.md). It lives in collect/, above
// sources/, because it reads the bodies with the source's own parsers
// (sources/github_parse.hpp): one parser per response, never two that could
// disagree.

#include <optional>
#include <string_view>

#include "core/result.hpp"
#include "store/import_format.hpp"

namespace odometer {

enum class TrafficBody { clones, views, referrers, paths, empty_list };

// What a saved response is, by its shape: an object with a "clones" or
// "views" list, a list of objects with "referrer" or "path" (empty_list for
// [], which could be either and holds nothing); nullopt for anything else,
// invalid JSON included.
std::optional<TrafficBody> github_traffic_kind(std::string_view text);

// Reads one saved response of repo (OWNER/REPO, checked). Days of clones
// and views become days (uniques: days of the non-additive series); a
// 14-day count above the sum of its days becomes a floor of the newest day;
// a referrer's or path's 14-day views and uniques become gauge readings of
// the day the response was fetched, which only the file name can tell
// (time_in_file_name): a referrers or paths file without a date in its
// name is an error. Errors name the file and the JSON path.
Result<FileImport> import_github_traffic(const ImportFile& file, std::string_view repo);

}  // namespace odometer
