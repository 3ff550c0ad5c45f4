#pragma once

// What the dashboard reads from the ledger besides the counters, in the
// shapes GitHub's traffic API gives: traffic per day, one row per
// repository, the package series, and the latest top referrers and paths
// (gauges of core/github_keys.hpp). Reading only: no number here is a
// counter (those come from core/counters.hpp), and a gauge is never summed.
// Every result refers to nothing in the ledger; the ledger may go after the
// call.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/github_keys.hpp"
#include "core/ledger.hpp"
#include "report/dashboard_charts.hpp"

namespace odometer {

// For every day from the first to the last day that any additive
// github:METRIC:* daily series holds, the sum of their counts of that day,
// saturating; 0 on a day none holds (the traffic API leaves out days
// without clones or views). Floors are not days and are left out. Empty
// when there is no such series.
std::vector<ChartPoint> traffic_per_day(const Ledger& ledger, std::string_view metric);

// The days of the daily series github:METRIC:REPO (repo empty: of every
// repository, summed per day, saturating) for every day from first to last,
// 0 on a day none holds. For an additive metric, clones or views per day;
// for a non-additive one (clone-uniques, view-uniques) each day's uniques,
// never summed over days; summed over repositories they are an upper bound
// of the day's unique people (one person may visit several repositories).
std::vector<ChartPoint> github_days(const Ledger& ledger, std::string_view metric,
                                    std::string_view repo, Day first, Day last);

// A repository's stars or forks (metric "stars" or "forks") as of each day:
// from github:METRIC-daily:REPO (stars or forks gained per day since the
// repository's creation) as its total as of each day (Series::value_history)
// where that series exists, else the readings of the gauge github:METRIC:REPO
// (GaugeSeries::reading_as_of, from its first reading on). From the first
// day either holds to the newest day of both. Empty when there is neither.
std::vector<ChartPoint> popularity_history(const Ledger& ledger, std::string_view metric,
                                           std::string_view repo);

// The repositories of repository_rows and those with a github:stars-daily
// or github:forks-daily series, the most active first: by the sum of
// their clones and views over the days stored (floors left out), then by
// name.
std::vector<std::string> repositories_by_activity(const Ledger& ledger);

// One row of the Repositories table: the value (Series::value) of each
// github:METRIC:OWNER/REPO series, nullopt where there is none. stars and
// forks are gauges, shown as their latest reading.
struct RepositoryRow {
  std::string repo;  // OWNER/REPO, as in the key
  std::optional<Count> clones;
  std::optional<Count> views;
  std::optional<Count> stars;
  std::optional<Count> forks;
  std::optional<Count> release_downloads;
};

// Every repository that has a clones, views, stars, forks or
// release-downloads series, sorted by name.
std::vector<RepositoryRow> repository_rows(const Ledger& ledger);

// One row of the Packages table.
struct PackageRow {
  SeriesKey key;
  Kind kind = Kind::daily;
  std::optional<Count> value;  // Series::value
  std::optional<Day> last_day;
};

// Every series of a registry (not github, whose release downloads are in
// the repository rows) whose metric is a package metric (is_package_metric
// of core/counters.hpp: imported sums are not), sorted by key.
std::vector<PackageRow> package_rows(const Ledger& ledger);

// One referrer or path as GitHub last reported it.
struct TopEntry {
  std::string repo;  // OWNER/REPO
  std::string name;  // the referrer, or the path with its leading '/'
  Count value = 0;   // GitHub's 14-day views
  // GitHub's 14-day unique visitors (github:referrer-uniques:… or
  // github:path-uniques:…), read on the same day; nullopt when the ledger has no such reading (one
  // written before uniques were kept).
  std::optional<Count> uniques;
  Day day;  // the day of the reading
  // The gauge's readings before day, oldest first: the same referrer or
  // path as GitHub reported it on earlier runs.
  std::vector<ChartPoint> earlier;
};

// The `most` largest readings of the gauges github:referrer:OWNER/REPO/NAME
// or github:path:OWNER/REPO/PATH, each the reading of its own newest day,
// counting only the gauges read on their repository's newest day: a
// referrer that has left GitHub's top ten keeps its last reading in the
// ledger, but is no longer among the latest. The largest first; ties by
// repository, then name.
std::vector<TopEntry> latest_top(const Ledger& ledger, GithubPopular which, std::size_t most);

// The latest readings of one repository (those latest_top would count),
// the `most` largest; same order as latest_top.
std::vector<TopEntry> latest_of_repository(const Ledger& ledger, GithubPopular which,
                                           std::string_view repo, std::size_t most);

// One referrer summed over the repositories: the latest readings of
// latest_top that bear its name, added up (saturating). The views are
// exact; the uniques are each repository's added up, so at most that many
// people (one person may come to several repositories from the same site),
// and nullopt unless every repository's reading has its uniques.
struct DomainTotal {
  std::string name;
  Count value = 0;
  std::optional<Count> uniques;
  std::vector<TopEntry> repos;  // each repository's reading, the largest first
};

// The `most` largest referrers summed over every repository (only the
// readings latest_top would count), the largest first by views; ties by
// name.
std::vector<DomainTotal> referrers_by_domain(const Ledger& ledger, std::size_t most);

// A referrer over every repository as GitHub reported it on each day.
// views and uniques are 14-day windows as read that day, never to be
// summed over days.
struct ReferrerHistory {
  std::vector<ChartPoint> views;
  // On the days every reading added up has its uniques; at most that many
  // people, as in DomainTotal.
  std::vector<ChartPoint> uniques;
};

// For each name, its history: for every day from the first day any
// repository's referrers were read to the last (a read day of a
// repository: one that any github:referrer:REPO/* gauge has), each
// repository's reading of the name on its newest read day on or before
// that day, 0 when the name was not among that day's readings (it was
// out of GitHub's top ten), added up (saturating). A repository read later
// than a day adds nothing to it. Empty when no repository has referrers.
std::vector<ReferrerHistory> referrer_histories(const Ledger& ledger,
                                                const std::vector<std::string>& names);

}  // namespace odometer
