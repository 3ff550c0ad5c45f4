// Forks per day since a repository's creation, from `created_at` of each
// fork in `GET /repos/{o}/{r}/forks?sort=oldest` (100 a page).
//
// A repository with thousands of forks costs dozens of requests, so a run
// spends at most a budget of them and the backfill continues over several
// runs. Where to continue is read from the series itself, which makes the
// resume state exactly as mergeable as the counts (per-day max): two
// collectors, or a copy restored from git history, agree on it after any
// merge, and there is no second piece of state to lose or contradict.
//
// That works because every stored day is complete: a run keeps only days it
// read from their first fork to their last, and only days before the day
// of the run (forks of today may still come). A day that straddles the last
// page a run read waits for a run that reads on. So after the newest stored
// day L with its running total n, the list holds the forks after L from
// index n on (0-based); the next run starts at the page that holds index
// n-1 (the last fork of L), so that L's end and everything after it are in
// what it reads. Deleted forks move later ones to lower indexes: if that
// page begins after L, the run steps back a page until it begins at or
// before L. Within a run a fork is counted once by its id, so a list that
// shifts between two requests cannot count one twice.
//
// A deleted fork never lowers a stored day: a day read again with fewer
// forks merges by max into the count it had. The per-run budget is shared
// in rounds, in order of how far behind a repository is (none stored first,
// then the oldest newest day): the first round reads every repository's
// next page (for most, the last one: the new forks), later rounds read on
// for those that are not at the end. A budget smaller than the number of
// repositories defers the rest, named; one that leaves no second page
// cannot complete a day that straddles two pages, which the run says.

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
#include "util/text.hpp"

namespace odometer {

namespace {

constexpr std::size_t k_per_page = 100;

struct Backfill {
  const HistoryRepo* repo = nullptr;
  SeriesKey key;
  std::optional<Day> last_stored;  // L
  Count stored_forks = 0;          // the sum of the stored days
  std::size_t page = 1;
  bool placed = false;  // the first page is known to begin at or before L
  std::set<std::int64_t> ids;
  std::map<Day, Count> days;  // days after L
  std::optional<Day> newest_read;
  std::size_t requests = 0;
  bool ended = false;
  bool failed = false;
  bool active = true;
};

std::string page_url(const Backfill& backfill) {
  return backfill.repo->url + "/forks?sort=oldest&per_page=" + std::to_string(k_per_page) +
         "&page=" + std::to_string(backfill.page);
}

Count sum_of_days(const Series& series) {
  Count sum = 0;
  if (const auto* daily = series.daily()) {
    for (const auto& [day, count] : daily->days()) {
      sum = saturating_add(sum, count);
    }
  }
  return sum;
}

// Takes one page into backfill; returns the problem that ends it, if any.
std::optional<EntityProblem> take_page(Backfill& backfill, const Fetched& fetched,
                                       const std::string& url) {
  const std::string& entity = backfill.repo->entity;
  if (!fetched.ok()) {
    return EntityProblem{entity, SourceState::failed, fetched.error.message};
  }
  auto forks = parse_forks(fetched.response.body, url);
  if (!forks) {
    return EntityProblem{entity, SourceState::failed, forks.error().message};
  }
  if (!backfill.placed && backfill.page > 1 && backfill.last_stored &&
      (forks->empty() || forks->front().created.day() > *backfill.last_stored)) {
    --backfill.page;  // deleted forks moved the list: L ends on an earlier page
    return std::nullopt;
  }
  backfill.placed = true;
  for (const auto& fork : *forks) {
    if (!backfill.ids.insert(fork.id).second) {
      continue;
    }
    const Day day = fork.created.day();
    backfill.newest_read = backfill.newest_read ? std::max(*backfill.newest_read, day) : day;
    if (!backfill.last_stored || day > *backfill.last_stored) {
      ++backfill.days[day];
    }
  }
  const auto link = fetched.response.header("link");
  const bool last = link ? !parse_link_next(*link) : forks->size() < k_per_page;
  if (last) {
    backfill.ended = true;
    backfill.active = false;
  } else {
    ++backfill.page;
  }
  return std::nullopt;
}

// The days of backfill that were read whole.
std::map<Day, Count> complete_days(const Backfill& backfill, Day today) {
  std::map<Day, Count> out;
  for (const auto& [day, forks] : backfill.days) {
    if (day < today && (backfill.ended || (backfill.newest_read && day < *backfill.newest_read))) {
      out.emplace(day, forks);
    }
  }
  return out;
}

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

}  // namespace

HistoryResult collect_fork_history(const std::vector<HistoryRepo>& repos, SourceContext& context,
                                   GithubRequest make_request, std::size_t budget) {
  HistoryResult result;
  std::vector<Backfill> backfills;
  backfills.reserve(repos.size());
  for (const auto& repo : repos) {
    auto key = github_key(k_github_forks_daily, repo.entity);
    if (!key) {
      result.problems.push_back(
          EntityProblem{repo.entity, SourceState::failed, key.error().message});
      continue;
    }
    Backfill backfill{&repo, std::move(*key)};
    if (const Series* stored = context.stored.find(backfill.key)) {
      backfill.last_stored = stored->last_day();
      backfill.stored_forks = sum_of_days(*stored);
    }
    if (backfill.stored_forks > 0) {
      backfill.page = static_cast<std::size_t>((backfill.stored_forks - 1) / k_per_page) + 1;
    }
    backfills.push_back(std::move(backfill));
  }
  // Furthest behind first: nothing stored, then the oldest newest day.
  std::stable_sort(backfills.begin(), backfills.end(), [](const Backfill& a, const Backfill& b) {
    if (a.last_stored.has_value() != b.last_stored.has_value()) {
      return !a.last_stored.has_value();
    }
    return a.last_stored && *a.last_stored < *b.last_stored;
  });
  while (result.requests < budget) {
    std::vector<Backfill*> round;
    std::vector<Request> requests;
    for (auto& backfill : backfills) {
      if (backfill.active && result.requests + requests.size() < budget) {
        round.push_back(&backfill);
        requests.push_back(make_request(page_url(backfill), backfill.repo->credential));
      }
    }
    if (round.empty()) {
      break;
    }
    result.requests += requests.size();
    const auto fetched = context.http.fetch_all(requests);
    for (std::size_t i = 0; i < round.size(); ++i) {
      ++round[i]->requests;
      if (auto problem = take_page(*round[i], fetched[i], requests[i].url)) {
        round[i]->active = false;
        round[i]->failed = true;
        result.problems.push_back(std::move(*problem));
      }
    }
  }

  const Day today = context.now.day();
  std::size_t up_to_date = 0;
  std::vector<std::string> deferred;
  for (const auto& backfill : backfills) {
    const auto days = complete_days(backfill, today);
    Count added = 0;
    for (const auto& [day, forks] : days) {
      added = saturating_add(added, forks);
      result.observations.push_back(Observation{.key = backfill.key,
                                                .kind = Kind::daily,
                                                .day = day,
                                                .value = static_cast<std::int64_t>(forks)});
    }
    if (backfill.ended) {
      ++up_to_date;
    } else if (backfill.requests == 0) {
      deferred.push_back(backfill.repo->entity);
    } else if (!backfill.failed) {
      const auto through =
          days.empty() ? backfill.last_stored : std::optional(days.rbegin()->first);
      std::string note = "forks-daily " + backfill.repo->entity + ": " +
                         with_thousands_separators(saturating_add(backfill.stored_forks, added)) +
                         " forks stored" + (through ? " through " + through->to_string() : "") +
                         "; the rest next run";
      if (days.empty() && backfill.requests >= 2) {
        note +=
            " (no day was completed: one day's forks fill more pages than this run's "
            "budget reads; raise forks_daily_budget)";
      }
      result.notes.push_back(std::move(note));
    }
  }
  result.notes.insert(result.notes.begin(),
                      "forks-daily: " + std::to_string(result.requests) + " of " +
                          std::to_string(budget) + " requests (forks_daily_budget), " +
                          std::to_string(up_to_date) + " of " + std::to_string(repos.size()) +
                          " repositories up to date");
  if (!deferred.empty()) {
    result.notes.push_back(
        "forks-daily: " + std::to_string(deferred.size()) +
        " repositories wait for the next run (budget spent): " + join_names(deferred));
  }
  return result;
}

}  // namespace odometer
