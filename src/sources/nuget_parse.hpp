#pragma once

// The pure parsers of the [nuget] source: a body and its URL in, a value or
// an error naming the URL and the JSON path out.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// `GET {api}/v3/index.json`, the service index: the `@id` of the first of
// `resources[]` whose `@type` starts with "SearchQueryService" (the search
// service, "https://azuresearch-usnc.nuget.org/query"). Resources of other
// types are skipped whatever their shape; no search service, or one whose
// `@id` is not an http(s) URL, is an error.
Result<std::string> parse_nuget_search_service(std::string_view body, std::string_view url);

// `GET {search}?q=packageid:{id}&prerelease=true&semVerLevel=2.0.0`: the
// `totalDownloads` of the entry of `data[]` whose `id` equals id without
// regard to case; nullopt when no entry does (the package does not exist).
// Two matching entries are an error.
Result<std::optional<Count>> parse_nuget_total_downloads(std::string_view body,
                                                         std::string_view url, std::string_view id);

}  // namespace odometer
