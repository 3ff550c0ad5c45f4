#pragma once

// Pure parsers for the GitHub REST responses the [github] source reads: a
// body and the URL it came from in, numbers or an error out. Every error
// starts with the URL and names the JSON path ("$[2].assets[0].download_count")
// and what is wrong with it. Counts must be whole numbers from 0 to 10^15
// (checked_count); anything else (a decimal, a string, -5, 1e30) is an error,
// never a zero. Unknown fields are ignored: GitHub adds fields over time.

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// The fields of a repository object the source uses.
struct GithubRepository {
  std::string full_name;  // "owner/name" as GitHub spells it; exactly one '/'
  std::string name;       // the `name` field, what include/exclude globs match
  bool fork = false;
  bool archived = false;
  bool is_private = false;
  Count stars = 0;  // stargazers_count
  Count forks = 0;  // forks_count
};

// A page of `GET /orgs/{org}/repos` or `/users/{user}/repos`: a JSON array
// of at most k_github_page_size repository objects.
Result<std::vector<GithubRepository>> parse_repositories(std::string_view body,
                                                         std::string_view url);
// One repository object: `GET /repos/{owner}/{name}`.
Result<GithubRepository> parse_repository(std::string_view body, std::string_view url);

// What GitHub's REST documentation says one answer holds at most. An
// answer beyond these is not GitHub's (a proxy, a fake, a bug): it is an
// error for that repository, and nothing of it is stored — series are never
// removed, so a million invented referrers would stay for good.
inline constexpr std::size_t k_github_page_size = 100;       // per_page=100: repos, releases
inline constexpr std::size_t k_github_traffic_days = 15;     // 14 days and today, each once
inline constexpr std::size_t k_github_popular_entries = 10;  // "the top 10"
// A listing (repositories, releases, stargazer history, App installations)
// longer than this is taken for a server whose link headers never end.
inline constexpr std::size_t k_github_max_pages = 1000;

// Notes url as read for the listing that starts at first. An error when it
// was read before (a link header that leads back) or when the listing
// passes k_github_max_pages.
Status note_page_read(std::set<std::string>& read, const std::string& url, std::string_view first);

struct TrafficDay {
  Day day;  // the UTC day of the entry's timestamp
  Count count = 0;
  Count uniques = 0;
  bool operator==(const TrafficDay&) const = default;
};

// `GET /repos/{o}/{r}/traffic/clones?per=day` (field "clones") or
// `.../traffic/views?per=day` (field "views"): the 14-day sums at the top
// and one entry per day that had any traffic, in the order given. More than
// k_github_traffic_days entries, or a day twice, is an error.
struct TrafficWindow {
  Count count = 0;
  Count uniques = 0;
  std::vector<TrafficDay> days;
};
Result<TrafficWindow> parse_traffic(std::string_view body, std::string_view url,
                                    std::string_view field);

// One row of `.../traffic/popular/referrers` (field "referrer") or
// `.../traffic/popular/paths` (field "path"): a 14-day aggregate. The name is
// chosen by strangers: valid UTF-8 (the JSON parser checks that), but it may
// hold any character, control characters included. More than
// k_github_popular_entries rows is an error.
struct PopularEntry {
  std::string name;
  Count count = 0;
  Count uniques = 0;
  bool operator==(const PopularEntry&) const = default;
};
Result<std::vector<PopularEntry>> parse_popular(std::string_view body, std::string_view url,
                                                std::string_view field);

// The sum of `[].assets[].download_count` over one page of
// `GET /repos/{o}/{r}/releases`. Errors if the sum exceeds 10^15 or the
// page lists more than k_github_page_size releases.
Result<Count> parse_release_downloads(std::string_view body, std::string_view url);

// The target of rel="next" in an RFC 8288 `link` header, as written there
// (GitHub sends absolute URLs); nullopt when there is none (the last page)
// or the header cannot be read.
std::optional<std::string> parse_link_next(std::string_view header);
// The same for any relation: "last" for the listing's last page.
std::optional<std::string> parse_link(std::string_view header, std::string_view relation);

// `GET /rate_limit`'s REST budget (`resources.core`), which that request
// does not spend: the hour's limit, what is left, and the reset as Unix
// time. An error names the URL and the JSON path.
struct GithubRateLimit {
  Count limit = 0;
  Count remaining = 0;
  Count reset = 0;
};
Result<GithubRateLimit> parse_rate_limit(std::string_view body, std::string_view url);

}  // namespace odometer
