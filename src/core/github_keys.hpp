#pragma once

// The keys of GitHub's series (docs/series-keys.md), for the [github]
// source and for every import that brings GitHub numbers recorded by other
// tools: both must name a repository's series the same way, or an import
// would start series that the collector never continues. The dashboard
// reads them by the same names.

#include <array>
#include <string_view>

#include "core/ledger.hpp"
#include "core/result.hpp"
#include "core/series_key.hpp"

namespace odometer {

// The metrics of a repository's series: github:METRIC:OWNER/REPO.
inline constexpr std::string_view k_github_clones = "clones";
inline constexpr std::string_view k_github_clone_uniques = "clone-uniques";  // non-additive
inline constexpr std::string_view k_github_views = "views";
inline constexpr std::string_view k_github_view_uniques = "view-uniques";            // non-additive
inline constexpr std::string_view k_github_stars = "stars";                          // gauge
inline constexpr std::string_view k_github_forks = "forks";                          // gauge
inline constexpr std::string_view k_github_release_downloads = "release-downloads";  // cumulative
// Bookkeeping, not a count: the day traffic was last read (YYYYMMDD).
inline constexpr std::string_view k_github_traffic_read = "traffic-read";  // gauge
// Stars and forks gained per day since creation: daily, additive, not installs.
inline constexpr std::string_view k_github_stars_daily = "stars-daily";
inline constexpr std::string_view k_github_forks_daily = "forks-daily";

// Whether name can be a GitHub owner or repository name as the imports
// accept it: letters, digits, '.', '-' and '_', and not "." or "..".
bool is_github_name(std::string_view name);

// Returns an error quoting repo unless it is OWNER/REPO: two GitHub names
// joined by one '/'.
Status check_github_repository(std::string_view repo);

// github:METRIC:REPO. Errors as SeriesKey::make does.
Result<SeriesKey> github_key(std::string_view metric, std::string_view repo);

// The two lists of GitHub's traffic/popular endpoints. Each entry is two
// gauges: its views and its unique visitors over the last 14 days, one
// reading a day.
enum class GithubPopular { referrer, path };

// Their metrics: "referrer" and "referrer-uniques", or "path" and
// "path-uniques".
struct GithubPopularMetrics {
  std::string_view views;
  std::string_view uniques;
};
GithubPopularMetrics github_popular_metrics(GithubPopular which);

struct GithubPopularKeys {
  SeriesKey views;    // github:referrer:… or github:path:…
  SeriesKey uniques;  // github:referrer-uniques:… or github:path-uniques:…
};

// The keys github:referrer:OWNER/REPO/REFERRER and
// github:referrer-uniques:OWNER/REPO/REFERRER, or github:path:OWNER/REPO/PATH
// and github:path-uniques:… with the path exactly as GitHub gives it, which
// starts with '/' ("github:path:o/r/o/r/issues"); a path without the leading
// '/' gets one, so the repository part of the key stays unambiguous. Errors
// when the name cannot be part of a key (control characters, invalid UTF-8):
// the name is chosen by strangers and is skipped then, never stored mangled.
Result<GithubPopularKeys> github_popular_keys(GithubPopular which, std::string_view repo,
                                              std::string_view name);

// One entry as read at `at`: the readings of its two gauges on at's day.
// Errors as github_popular_keys.
Result<std::array<Observation, 2>> github_popular_readings(GithubPopular which,
                                                           std::string_view repo,
                                                           std::string_view name, Count views,
                                                           Count uniques, Timestamp at);

}  // namespace odometer
