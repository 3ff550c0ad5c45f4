// Stars per day since a repository's creation, from the weekly rows of
// `GET /repos/{o}/{r}/stargazers/history` (newest week first).
//
// The series is daily and additive: each day holds the stars gained that
// day, merged by max, so re-reading a week is idempotent and today keeps
// growing until it is over. Days without stars are left out, as GitHub's
// traffic leaves out days without clones.
//
// How far back to read follows from what is stored. Without a stored day
// the walk goes back to creation (the last page). With one, it stops at the
// first page that reaches the newest stored day: everything after that day
// is on the pages read. That rule is only sound if stored days never have a
// gap behind them, so a repository's days are kept only when its walk
// finished: a page that fails loses the whole repository for this run
// rather than storing newer weeks that a later run would take for the end
// of the gap. A page that shifted between two requests (a new week began)
// repeats a week, which the per-day max makes harmless.
//
// The end of the list is the absence of rel="next" when the server sends a
// link header, else a page shorter than asked for, or an empty one. A 404
// on the first page means the server has no such endpoint (an older GitHub
// Enterprise Server): skipped with that reason, never a zero.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/github_keys.hpp"
#include "sources/github_history.hpp"
#include "sources/github_history_parse.hpp"
#include "sources/github_parse.hpp"

namespace odometer {

namespace {

constexpr std::size_t k_per_page = 100;

struct Walk {
  const HistoryRepo* repo = nullptr;
  SeriesKey key;
  std::optional<Day> newest_stored;
  std::string url;  // the next page
  std::set<std::string> read;
  std::map<Day, Count> days;
  bool active = true;
  bool kept = false;
};

std::string page_url(const HistoryRepo& repo) {
  return repo.url + "/stargazers/history?per_page=" + std::to_string(k_per_page) + "&page=1";
}

// Takes one page into walk; returns the problem that ends it, if any.
std::optional<EntityProblem> take_page(Walk& walk, const Fetched& fetched, const std::string& url) {
  const std::string& entity = walk.repo->entity;
  if (!fetched.ok()) {
    if (fetched.error.code == ErrorCode::not_found && walk.read.size() == 1) {
      return EntityProblem{entity, SourceState::skipped,
                           "stars-daily skipped: " + url +
                               " answered 404 (this GitHub has no star history endpoint)"};
    }
    return EntityProblem{entity, SourceState::failed, fetched.error.message};
  }
  auto weeks = parse_star_history(fetched.response.body, url);
  if (!weeks) {
    return EntityProblem{entity, SourceState::failed, weeks.error().message};
  }
  std::optional<Day> oldest;
  for (const auto& week : *weeks) {
    oldest = oldest ? std::min(*oldest, week.first) : week.first;
    for (std::size_t i = 0; i < week.days.size(); ++i) {
      if (week.days[i] > 0) {
        Count& day = walk.days[week.first + static_cast<std::int32_t>(i)];
        day = std::max(day, week.days[i]);
      }
    }
  }
  const auto link = fetched.response.header("link");
  const auto next = link ? parse_link_next(*link) : std::nullopt;
  const bool last = weeks->empty() || (link ? !next : weeks->size() < k_per_page);
  const bool reached = walk.newest_stored && oldest && *oldest <= *walk.newest_stored;
  if (last || reached) {
    walk.active = false;
    walk.kept = true;
    return std::nullopt;
  }
  if (next) {
    walk.url = resolve_url(url, *next);
  } else {
    walk.url = walk.repo->url + "/stargazers/history?per_page=" + std::to_string(k_per_page) +
               "&page=" + std::to_string(walk.read.size() + 1);
  }
  if (walk.read.contains(walk.url) || walk.read.size() >= k_github_max_pages) {
    return EntityProblem{entity, SourceState::failed,
                         url + ": the next page leads back to a page already read or past " +
                             std::to_string(k_github_max_pages) + " pages"};
  }
  return std::nullopt;
}

}  // namespace

HistoryResult collect_star_history(const std::vector<HistoryRepo>& repos, SourceContext& context,
                                   GithubRequest make_request) {
  HistoryResult result;
  std::vector<Walk> walks;
  walks.reserve(repos.size());
  for (const auto& repo : repos) {
    auto key = github_key(k_github_stars_daily, repo.entity);
    if (!key) {
      result.problems.push_back(
          EntityProblem{repo.entity, SourceState::failed, key.error().message});
      continue;
    }
    Walk walk{&repo, std::move(*key)};
    if (const Series* stored = context.stored.find(walk.key)) {
      walk.newest_stored = stored->last_day();
    }
    walk.url = page_url(repo);
    walks.push_back(std::move(walk));
  }
  while (true) {
    std::vector<Walk*> round;
    std::vector<Request> requests;
    for (auto& walk : walks) {
      if (walk.active) {
        walk.read.insert(walk.url);
        round.push_back(&walk);
        requests.push_back(make_request(walk.url, walk.repo->credential));
      }
    }
    if (round.empty()) {
      break;
    }
    result.requests += requests.size();
    const auto fetched = context.http.fetch_all(requests);
    for (std::size_t i = 0; i < round.size(); ++i) {
      if (auto problem = take_page(*round[i], fetched[i], requests[i].url)) {
        round[i]->active = false;
        result.problems.push_back(std::move(*problem));
      }
    }
  }
  std::size_t kept = 0;
  for (const auto& walk : walks) {
    if (!walk.kept) {
      continue;
    }
    ++kept;
    for (const auto& [day, stars] : walk.days) {
      result.observations.push_back(Observation{.key = walk.key,
                                                .kind = Kind::daily,
                                                .day = day,
                                                .value = static_cast<std::int64_t>(stars)});
    }
  }
  result.notes.push_back("stars-daily: " + std::to_string(result.requests) + " requests, " +
                         std::to_string(kept) + " of " + std::to_string(repos.size()) +
                         " repositories read up to date");
  return result;
}

}  // namespace odometer
