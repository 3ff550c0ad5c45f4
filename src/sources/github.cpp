// The [github] source: every repository of an org or user and/or a list;
// traffic (clones, views, referrers, paths), stars, forks and release
// downloads (docs/series-keys.md). Its table is read in github_config.cpp;
// how one run is organised, and why:
//
// First the set of repositories is settled, because everything else is per
// repository. An org or user listing's first page names the last one (the
// `link` header's rel="next" and rel="last"), and the pages between go out
// together; links of another shape are followed page by page. The filters
// (forks, archived, private, include and exclude globs on the name) apply
// to the listing only. An entry of `repos`
// is asked for by name, and wins over the filters: a repository named
// explicitly is wanted even if it is a fork. Entries already seen in the
// listing cost no request. If the listing fails, the whole source fails:
// running on a partial list would look like success while repositories go
// missing from the ledger without a word.
//
// Then the per-repository requests (four traffic endpoints and the first
// releases page) go out together in one fetch_all, so the client runs them
// concurrently and its rate-limit bookkeeping sees them together; an org
// with 200 repositories costs one round trip of wall time, not 1,000.
// Releases are the only other paginated endpoint: repositories with more
// pages go out together in follow-up rounds until no page has a next link.
// Stars and forks come free with the repository objects. When the answers
// carry a rate limit (x-ratelimit-*), the repositories go in batches, most
// urgent first, while the budget lasts; the rest are deferred to a later
// run, each with the day it is due by (github_schedule.hpp has the rules).
// Stars and forks per day since creation (metrics stars-daily and
// forks-daily, only when named) follow these rounds, page by page, for the
// repositories read this run (github_history.hpp).
//
// Every response is parsed whole before anything from it becomes an
// observation: a body that is truncated, is not JSON, or holds one bad count
// fails that repository (naming the URL and the JSON path) and contributes
// nothing, because a partly read response would store numbers that look
// real but are not. Other responses of the same repository, and other
// repositories, are unaffected. Release downloads are a sum over all pages,
// so a repository's release figure is stored only if every page was read.
//
// Nothing turns into a silent zero: no token means the traffic endpoints
// (which need push access) are not asked at all and each repository says so;
// a plain 403 means the token may not read that repository's traffic, which
// is reported as skipped; a rate limit or any other failure is a failure
// with the client's reason. The source never handles the token: secret()
// hands it to the HttpClient, which attaches it only to the API host.
//
// Every request about a repository names the credential that is for it
// (github_credentials.hpp): the table's token, another token, or the
// installation of an App on the owner (github_app.hpp), whose token is
// asked for again before each round so that one near its expiry is renewed
// between rounds. Each credential has its own rate-limit budget. A
// repository that no App installation covers fails alone.

#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/github_keys.hpp"
#include "sources/github_app.hpp"
#include "sources/github_config.hpp"
#include "sources/github_credentials.hpp"
#include "sources/github_history.hpp"
#include "sources/github_parse.hpp"
#include "sources/github_schedule.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

// The URLs of pages next .. last when the two differ only in the value of
// `page=` (2 and N): next with page=2, 3, ... N. nullopt for links of any
// other shape, or more pages than a listing may have.
std::optional<std::vector<std::string>> pages_between(const std::string& next,
                                                      const std::string& last) {
  const auto number_at = [](const std::string& url) -> std::optional<std::size_t> {
    for (const char* name : {"?page=", "&page="}) {
      if (const auto at = url.find(name); at != std::string::npos) {
        return at + std::strlen(name);
      }
    }
    return std::nullopt;
  };
  const auto at = number_at(next);
  if (!at || number_at(last) != at || next.compare(0, *at, last, 0, *at) != 0) {
    return std::nullopt;
  }
  const auto end_of = [&](const std::string& url) { return url.find('&', *at); };
  const std::size_t next_end = std::min(end_of(next), next.size());
  const std::size_t last_end = std::min(end_of(last), last.size());
  if (next.substr(next_end) != last.substr(last_end) || next.substr(*at, next_end - *at) != "2") {
    return std::nullopt;
  }
  std::size_t pages = 0;
  const std::string number = last.substr(*at, last_end - *at);
  const auto [rest, error] = std::from_chars(number.data(), number.data() + number.size(), pages);
  if (error != std::errc() || rest != number.data() + number.size() || pages < 2 ||
      pages > k_github_max_pages) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (std::size_t page = 2; page <= pages; ++page) {
    out.push_back(next.substr(0, *at) + std::to_string(page) + next.substr(next_end));
  }
  return out;
}

bool matches_any(const std::vector<std::string>& patterns, const std::string& name) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
  });
}

// A 403 that is an answer ("must have push access"), not a rate limit that
// the client gave up waiting for.
bool is_access_denied(const Fetched& fetched) {
  return !fetched.ok() && fetched.error.code != ErrorCode::rate_limited &&
         fetched.response.status == 403;
}

// credential: the client credential it goes out with (github_credentials.hpp).
Request make_request(std::string url, std::string credential) {
  Request request;
  request.url = std::move(url);
  request.credential = std::move(credential);
  request.headers = {{"Accept", "application/vnd.github+json"},
                     {"X-GitHub-Api-Version", "2022-11-28"}};
  return request;
}

enum class Endpoint { clones, views, referrers, paths, releases };

bool is_traffic(Endpoint endpoint) {
  return endpoint != Endpoint::releases;
}

// One repository being collected.
struct Repo {
  std::string entity;  // full_name, or the configured spelling if it could not be read
  std::string url;     // {api}/repos/{owner}/{name}
  std::vector<Observation> observations;
  std::vector<EntityProblem> problems;
  bool failed = false;
  bool traffic_denied = false;
  Count release_downloads = 0;
  bool releases_ok = true;
  std::set<std::string> release_pages;  // URLs read, against a looping link header
  bool unreadable = false;              // named in `repos`, but its object could not be read
  std::optional<Day> last_read;         // traffic, from github:traffic-read
  bool deferred = false;                // left to a later run by the schedule
  bool waiting = true;                  // its batch has not started yet
  std::size_t windows_read = 0;         // clones and views windows stored this run
  std::optional<GithubRoute> route;     // the credential it is read with, once scheduled
};

struct Pending {
  std::size_t repo = 0;
  Endpoint endpoint = Endpoint::releases;
  std::string url;
  std::string credential;  // filled in just before the round goes out
};

class Run {
public:
  Run(const GithubConfig& config, GithubCredentials& credentials, SourceContext& context)
      : m_config(config), m_credentials(credentials), m_context(context) {}

  SourceResult collect() {
    if (auto started = m_credentials.start(m_context.http, m_result.problems); !started) {
      m_result.state = SourceState::failed;
      m_result.reason = started.error().message;
      return std::move(m_result);
    }
    std::vector<GithubRepository> listed;
    std::vector<GithubRepository> unselected;  // listed but filtered out
    if (m_config.org || m_config.user) {
      const std::string first =
          m_config.org ? m_config.api + "/orgs/" + *m_config.org + "/repos?per_page=100&type=all"
                       : m_config.api + "/users/" + *m_config.user + "/repos?per_page=100";
      const auto route = route_of(m_config.org ? *m_config.org : *m_config.user);
      auto all = route ? list(first, route->credential)
                       : Result<std::vector<GithubRepository>>(route.error());
      if (!all) {
        m_result.state = SourceState::failed;
        m_result.reason = all.error().message;
        return std::move(m_result);
      }
      for (auto& repo : *all) {
        if (in_my_shard(repo.full_name)) {
          (selected(repo) ? listed : unselected).push_back(std::move(repo));
        }
      }
    }
    for (const auto& repo : listed) {
      // A repository created while the pages are read can shift another
      // onto two pages; it is still one repository.
      if (!known(repo.full_name)) {
        add(repo);
      }
    }
    add_explicit(unselected);
    m_result.entities = m_repos.size();

    read_in_budget();
    history();
    finish();
    return std::move(m_result);
  }

private:
  // With `collect --shard K/N`, only the repositories of shard K are read,
  // listed and named ones alike; an entry of `repos` is placed by the name
  // it is written with, so a renamed repository stays in one shard.
  bool in_my_shard(std::string_view full_name) const {
    return !m_context.shard || in_shard(full_name, *m_context.shard);
  }

  bool selected(const GithubRepository& repo) const {
    if ((repo.fork && !m_config.include_forks) || (repo.archived && !m_config.include_archived) ||
        (repo.is_private && !m_config.include_private)) {
      return false;
    }
    if (!m_config.include.empty() && !matches_any(m_config.include, repo.name)) {
      return false;
    }
    return !matches_any(m_config.exclude, repo.name);
  }

  // How requests about a repository or an account go out: the credential
  // for it, an App's token renewed when due (github_credentials.hpp).
  Result<GithubRoute> route_of(std::string_view name) {
    return m_credentials.route(m_context.http, name);
  }

  // The rate-limit budget of one credential's requests.
  RequestBudget& budget(const std::string& credential) {
    return m_budgets.try_emplace(credential, m_config.rate_limit_share).first->second;
  }

  // The whole listing. The first page's link header names the next and
  // the last page; when they differ only in `page=`, every page between is
  // asked for at once (conditionally, like every GET). A last page that
  // still has a next one (the org grew meanwhile), or links of another
  // shape, are followed one page at a time.
  Result<std::vector<GithubRepository>> list(const std::string& first,
                                             const std::string& credential) {
    std::vector<GithubRepository> all;
    std::set<std::string> seen;
    std::vector<std::string> urls{first};
    while (!urls.empty()) {
      std::vector<Request> requests;
      for (const auto& url : urls) {
        TRY(note_page_read(seen, url, first));
        requests.push_back(make_request(url, credential));
      }
      const auto fetched = m_context.http.fetch_all(requests);
      for (std::size_t i = 0; i < fetched.size(); ++i) {
        budget(credential).observe(fetched[i].response);
        if (!fetched[i].ok()) {
          return fetched[i].error;
        }
        TRY_ASSIGN(auto page, parse_repositories(fetched[i].response.body, urls[i]));
        std::move(page.begin(), page.end(), std::back_inserter(all));
      }
      const auto link = fetched.back().response.header("link");
      const auto next = link ? parse_link_next(*link) : std::nullopt;
      const std::string from = urls.back();
      urls.clear();
      if (!next) {
        break;
      }
      urls.push_back(resolve_url(from, *next));
      if (const auto last = parse_link(*link, "last"); last && from == first) {
        if (auto pages = pages_between(urls.back(), resolve_url(from, *last))) {
          urls = std::move(*pages);
        }
      }
    }
    return all;
  }

  bool known(const std::string& full_name) const {
    return m_names.contains(ascii_lowercase(full_name));
  }

  void add(const GithubRepository& info) {
    m_names.insert(ascii_lowercase(info.full_name));
    Repo repo;
    repo.entity = info.full_name;
    repo.url = m_config.api + "/repos/" + encode_path_segments(info.full_name);
    m_repos.push_back(std::move(repo));
    if (m_config.wants(GithubMetric::stars)) {
      gauge(m_repos.back(), k_github_stars, info.full_name, info.stars);
    }
    if (m_config.wants(GithubMetric::forks)) {
      gauge(m_repos.back(), k_github_forks, info.full_name, info.forks);
    }
  }

  // The `repos` entries not listed already: one request each, all at once.
  void add_explicit(const std::vector<GithubRepository>& unselected) {
    std::vector<std::string> wanted;
    for (const auto& entry : m_config.repos) {  // each once in any case (github_config.cpp)
      if (!in_my_shard(entry) || known(entry)) {
        continue;
      }
      const auto found = std::find_if(unselected.begin(), unselected.end(), [&](const auto& repo) {
        return ascii_lowercase(repo.full_name) == ascii_lowercase(entry);
      });
      if (found != unselected.end()) {
        add(*found);  // named explicitly: the listing's filters do not apply
      } else {
        wanted.push_back(entry);
      }
    }
    std::vector<Request> requests;
    std::vector<Result<GithubRoute>> credentials;
    requests.reserve(wanted.size());
    for (const auto& entry : wanted) {
      credentials.push_back(route_of(entry));
      if (credentials.back()) {
        requests.push_back(
            make_request(m_config.api + "/repos/" + entry, credentials.back()->credential));
      }
    }
    const auto fetched = m_context.http.fetch_all(requests);
    for (std::size_t i = 0; i < fetched.size(); ++i) {
      budget(requests[i].credential).observe(fetched[i].response);
    }
    for (std::size_t i = 0, sent = 0; i < wanted.size(); ++i) {
      auto info = !credentials[i] ? Result<GithubRepository>(credentials[i].error())
                  : fetched[sent].ok()
                      ? parse_repository(fetched[sent].response.body, requests[sent].url)
                      : Result<GithubRepository>(fetched[sent].error);
      sent += credentials[i] ? 1U : 0U;
      if (!info) {
        Repo repo;
        repo.entity = wanted[i];
        repo.unreadable = true;
        m_repos.push_back(std::move(repo));
        fail(m_repos.back(), info.error().message);
        continue;
      }
      // A renamed repository redirects to its new name, which may be listed.
      if (!known(info->full_name)) {
        add(*info);
      }
    }
  }

  // The repositories in the order the schedule reads them: by urgency
  // when traffic is read (github_schedule.hpp), else as listed.
  std::vector<std::size_t> reading_order() {
    std::vector<std::size_t> readable;
    for (std::size_t i = 0; i < m_repos.size(); ++i) {
      if (m_repos[i].unreadable) {
        stop_waiting(i);
      } else {
        readable.push_back(i);
      }
    }
    if (!reads_traffic()) {
      return readable;
    }
    std::vector<TrafficRepo> repos;
    for (const std::size_t i : readable) {
      Repo& repo = m_repos[i];
      if (auto key = github_key(k_github_traffic_read, repo.entity)) {
        if (const Series* series = m_context.stored.find(*key)) {
          repo.last_read = decode_read_day(static_cast<std::int64_t>(series->value().value_or(0)));
        }
      }
      repos.push_back(TrafficRepo{repo.entity, repo.last_read});
    }
    std::vector<std::size_t> order;
    for (const std::size_t j : order_by_urgency(repos, today(), m_config.safety_days)) {
      order.push_back(readable[j]);
    }
    return order;
  }

  bool reads_traffic() const { return m_credentials.any_token() && m_config.wants_traffic(); }
  Day today() const { return m_context.now.day(); }

  // The first requests of one repository (traffic and the first releases
  // page), at least one.
  std::size_t requests_of(const Repo& repo) const {
    std::size_t n = m_config.wants(GithubMetric::releases) ? 1U : 0U;
    if (repo.route && repo.route->authenticated) {
      for (const auto metric : {GithubMetric::clones, GithubMetric::views, GithubMetric::referrers,
                                GithubMetric::paths}) {
        n += m_config.wants(metric) ? 1U : 0U;
      }
    }
    return n;
  }

  // Reads the repositories in order while the rate-limit budget lasts, in
  // batches so that the budget is learned again from the answers. Each
  // credential has its own budget (first learnt from GET /rate_limit), so
  // a repository waits only for its own credential's points; one without
  // a known budget (a server without a limit, a replay) is read at once.
  // What does not fit is deferred with the day it is due by, and a
  // deferred repository about to lose a day is a warning.
  void read_in_budget() {
    constexpr std::size_t k_batch = 200;
    // Each credential's repositories, most urgent first: a credential's
    // budget decides only about its own queue.
    std::map<std::string, std::vector<std::size_t>> queues;
    std::vector<std::size_t> order;
    for (const std::size_t i : reading_order()) {
      Repo& repo = m_repos[i];
      auto route = route_of(repo.entity);
      if (!route) {
        stop_waiting(i);
        fail(repo, route.error().message);
        continue;
      }
      repo.route = std::move(*route);
      queues[repo.route->credential].push_back(i);
      order.push_back(i);
    }
    learn_rate_limits(order);
    std::map<std::string, std::size_t> read;  // per credential: the front of its queue
    std::set<std::string> closed;             // credentials out of budget for this run
    while (true) {
      std::vector<std::size_t> batch;
      std::size_t limited = 0;  // repositories of the batch under a known budget
      for (const auto& [credential, queue] : queues) {
        std::size_t& next = read[credential];
        const auto left = budget(credential).left();
        std::size_t room = left.value_or(0);
        const std::size_t before = batch.size();
        while (next < queue.size() && !closed.contains(credential)) {
          const std::size_t cost = std::max<std::size_t>(1, requests_of(m_repos[queue[next]]));
          if (left && room < cost) {
            // Out of budget as learnt before this batch: the answers (304s
            // are free) tell what is really left, unless nothing was taken.
            if (batch.size() == before) {
              closed.insert(credential);
            }
          } else if (!left || limited < k_batch) {
            room -= left ? cost : 0;
            limited += left ? 1U : 0U;
            batch.push_back(queue[next++]);
            continue;
          }
          break;
        }
      }
      if (batch.empty()) {
        break;
      }
      std::vector<Pending> round = first_round(batch);
      while (!round.empty()) {
        round = fetch_round(round);
      }
    }
    // What is left waits for the next runs. At this run's pace (as many
    // repositories of each credential a run as this one read) the ones
    // with stored days, which go first once inside their margin, are read
    // earliest due first: the turn of each is known, and one whose turn
    // comes after its due day is a warning.
    for (const auto& [credential, queue] : queues) {
      const std::size_t per_run = read[credential];
      std::size_t place = 0;
      for (std::size_t k = per_run; k < queue.size(); ++k) {
        const std::size_t i = queue[k];
        defer(i,
              m_repos[i].last_read ? projected_read_day(place++, per_run, today()) : today() + 1);
      }
    }
    note_progress({});
  }

  // Each credential's points left, from GitHub's free GET /rate_limit, so
  // that the first batch already fits. A server without the endpoint (a
  // GitHub Enterprise server without rate limits answers 404), or a replay
  // that did not record it, leaves the budget to the answers' headers.
  void learn_rate_limits(const std::vector<std::size_t>& order) {
    if (!reads_traffic()) {
      return;
    }
    std::set<std::string> credentials;
    for (const std::size_t i : order) {
      if (m_repos[i].route->authenticated) {
        credentials.insert(m_repos[i].route->credential);
      }
    }
    std::vector<Request> requests;
    const std::string url = m_config.api + "/rate_limit";
    for (const auto& credential : credentials) {
      requests.push_back(make_request(url, credential));
      requests.back().answer = Answer::live;
    }
    const auto fetched = m_context.http.fetch_all(requests);
    for (std::size_t i = 0; i < fetched.size(); ++i) {
      if (!fetched[i].ok()) {
        continue;
      }
      if (const auto limit = parse_rate_limit(fetched[i].response.body, url)) {
        budget(requests[i].credential)
            .learn(static_cast<std::int64_t>(limit->limit),
                   static_cast<std::int64_t>(limit->remaining),
                   static_cast<std::int64_t>(limit->reset));
      }
    }
  }

  void defer(std::size_t i, Day turn) {
    Repo& repo = m_repos[i];
    repo.deferred = true;
    stop_waiting(i);
    const TrafficRepo scheduled{repo.entity, repo.last_read};
    m_result.deferred.push_back(
        EntityProblem{repo.entity, SourceState::skipped, deferral_reason(scheduled, today())});
    if (at_risk(scheduled, turn, today())) {
      repo.problems.push_back(
          EntityProblem{repo.entity, SourceState::skipped,
                        "at risk: traffic last read " + repo.last_read->to_string() +
                            " is due by " + traffic_due(scheduled, today()).to_string() +
                            ", but at this run's pace its turn comes " + turn.to_string() +
                            "; GitHub drops " + repo.last_read->to_string() + " before then"});
    }
  }

  std::vector<Pending> first_round(std::span<const std::size_t> repos) {
    std::vector<Pending> round;
    for (const std::size_t i : repos) {
      Repo& repo = m_repos[i];
      stop_waiting(i);
      const bool have_token = repo.route->authenticated;
      if (m_config.wants_traffic() && !have_token) {
        repo.problems.push_back(EntityProblem{repo.entity, SourceState::skipped,
                                              "traffic skipped: " + repo.route->missing});
      }
      const auto want = [&](GithubMetric metric, Endpoint endpoint, const char* path) {
        const bool needs_token = is_traffic(endpoint);
        if (m_config.wants(metric) && (have_token || !needs_token)) {
          round.push_back(Pending{i, endpoint, repo.url + path});
        }
      };
      want(GithubMetric::clones, Endpoint::clones, "/traffic/clones?per=day");
      want(GithubMetric::views, Endpoint::views, "/traffic/views?per=day");
      want(GithubMetric::referrers, Endpoint::referrers, "/traffic/popular/referrers");
      want(GithubMetric::paths, Endpoint::paths, "/traffic/popular/paths");
      want(GithubMetric::releases, Endpoint::releases, "/releases?per_page=100&page=1");
    }
    note_progress(round);
    return round;
  }

  // Sends one round; returns the next one (further release pages).
  std::vector<Pending> fetch_round(std::vector<Pending> round) {
    round = with_credentials(std::move(round));
    std::vector<Request> requests;
    requests.reserve(round.size());
    for (const auto& pending : round) {
      requests.push_back(make_request(pending.url, pending.credential));
    }
    const auto fetched = m_context.http.fetch_all(requests);
    for (std::size_t i = 0; i < fetched.size(); ++i) {
      budget(requests[i].credential).observe(fetched[i].response);
    }
    std::vector<Pending> next;
    for (std::size_t i = 0; i < round.size(); ++i) {
      if (auto more = handle(round[i], fetched[i])) {
        next.push_back(std::move(*more));
      }
    }
    note_progress(next);
    return next;
  }

  // round with each request's credential; a repository whose credential
  // cannot be had fails, and its requests are left out.
  std::vector<Pending> with_credentials(std::vector<Pending> round) {
    std::vector<Pending> out;
    out.reserve(round.size());
    for (auto& pending : round) {
      Repo& repo = m_repos[pending.repo];
      auto route = route_of(repo.entity);
      if (!route) {
        if (!repo.failed) {
          fail(repo, route.error().message);
        }
        repo.releases_ok = false;
        continue;
      }
      pending.credential = std::move(route->credential);
      out.push_back(std::move(pending));
    }
    return out;
  }

  // Stores what one response holds; returns the next releases page, if any.
  std::optional<Pending> handle(const Pending& pending, const Fetched& fetched) {
    Repo& repo = m_repos[pending.repo];
    if (is_traffic(pending.endpoint) && is_access_denied(fetched)) {
      if (!repo.traffic_denied) {
        repo.traffic_denied = true;
        repo.problems.push_back(EntityProblem{repo.entity, SourceState::skipped,
                                              "traffic skipped: no push access (HTTP 403)"});
      }
      return std::nullopt;
    }
    if (!fetched.ok()) {
      fail(repo, fetched.error.message);
      if (pending.endpoint == Endpoint::releases) {
        repo.releases_ok = false;
      }
      return std::nullopt;
    }
    const std::string& body = fetched.response.body;
    switch (pending.endpoint) {
      case Endpoint::clones:
        traffic(repo, parse_traffic(body, pending.url, "clones"), k_github_clones,
                k_github_clone_uniques);
        return std::nullopt;
      case Endpoint::views:
        traffic(repo, parse_traffic(body, pending.url, "views"), k_github_views,
                k_github_view_uniques);
        return std::nullopt;
      case Endpoint::referrers:
        popular(repo, parse_popular(body, pending.url, "referrer"), GithubPopular::referrer);
        return std::nullopt;
      case Endpoint::paths:
        popular(repo, parse_popular(body, pending.url, "path"), GithubPopular::path);
        return std::nullopt;
      case Endpoint::releases:
        return releases(pending, fetched);
    }
    return std::nullopt;
  }

  void traffic(Repo& repo, const Result<TrafficWindow>& window, std::string_view metric,
               std::string_view uniques_metric) {
    if (!window) {
      fail(repo, window.error().message);
      return;
    }
    auto key = SeriesKey::make("github", metric, repo.entity);
    auto uniques_key = SeriesKey::make("github", uniques_metric, repo.entity);
    if (!key || !uniques_key) {
      fail(repo, (key ? uniques_key.error() : key.error()).message);
      return;
    }
    ++repo.windows_read;
    for (const auto& day : window->days) {
      repo.observations.push_back(Observation{.key = *key,
                                              .kind = Kind::daily,
                                              .day = day.day,
                                              .value = static_cast<std::int64_t>(day.count)});
      repo.observations.push_back(Observation{.key = *uniques_key,
                                              .kind = Kind::daily,
                                              .day = day.day,
                                              .value = static_cast<std::int64_t>(day.uniques),
                                              .additivity = Additivity::non_additive});
    }
  }

  // Keys: github_popular_readings, shared with every import of GitHub records.
  void popular(Repo& repo, const Result<std::vector<PopularEntry>>& entries, GithubPopular which) {
    if (!entries) {
      fail(repo, entries.error().message);
      return;
    }
    const std::string_view what = which == GithubPopular::path ? "path" : "referrer";
    for (const auto& entry : *entries) {
      auto readings = github_popular_readings(which, repo.entity, entry.name, entry.count,
                                              entry.uniques, m_context.now);
      if (!readings) {
        // The name is a stranger's text: skip it, never store it mangled.
        repo.problems.push_back(
            EntityProblem{repo.entity, SourceState::skipped,
                          std::string(what) + " skipped: " + readings.error().message});
        continue;
      }
      for (auto& reading : *readings) {
        repo.observations.push_back(std::move(reading));
      }
    }
  }

  std::optional<Pending> releases(const Pending& pending, const Fetched& fetched) {
    Repo& repo = m_repos[pending.repo];
    repo.release_pages.insert(pending.url);
    auto downloads = parse_release_downloads(fetched.response.body, pending.url);
    if (!downloads) {
      fail(repo, downloads.error().message);
      repo.releases_ok = false;
      return std::nullopt;
    }
    repo.release_downloads = saturating_add(repo.release_downloads, *downloads);
    const auto link = fetched.response.header("link");
    const auto next = link ? parse_link_next(*link) : std::nullopt;
    if (!next) {
      return std::nullopt;
    }
    std::string url = resolve_url(pending.url, *next);
    if (repo.release_pages.contains(url) || repo.release_pages.size() >= k_github_max_pages) {
      fail(repo, pending.url + ": the link header leads back to a page already read or past " +
                     std::to_string(k_github_max_pages) + " pages");
      repo.releases_ok = false;
      return std::nullopt;
    }
    return Pending{pending.repo, Endpoint::releases, std::move(url)};
  }

  void gauge(Repo& repo, std::string_view metric, const std::string& entity, Count value) {
    keep(repo, observation_at(m_context.now, "github", metric, entity, Kind::gauge, value));
  }

  // Stores an observation of repo, or fails repo with why it cannot be made.
  void keep(Repo& repo, Result<Observation> observation) {
    if (!observation) {
      fail(repo, observation.error().message);
      return;
    }
    repo.observations.push_back(std::move(*observation));
  }

  void fail(Repo& repo, std::string reason) {
    repo.failed = true;
    repo.problems.push_back(EntityProblem{repo.entity, SourceState::failed, std::move(reason)});
  }

  // Stars and forks since creation (github_history.hpp), after the traffic
  // rounds: they are read per page, not one request per repository.
  void history() {
    std::vector<HistoryRepo> repos;
    for (auto& repo : m_repos) {
      // A repository the rate-limit budget deferred waits for its turn.
      if (repo.unreadable || repo.deferred) {
        continue;
      }
      auto route = route_of(repo.entity);
      if (!route) {
        fail(repo, route.error().message);
        continue;
      }
      repos.push_back(HistoryRepo{repo.entity, repo.url, std::move(route->credential)});
    }
    const auto take = [&](HistoryResult part) {
      std::move(part.observations.begin(), part.observations.end(),
                std::back_inserter(m_result.observations));
      std::move(part.problems.begin(), part.problems.end(), std::back_inserter(m_result.problems));
      std::move(part.notes.begin(), part.notes.end(), std::back_inserter(m_result.notes));
    };
    if (m_config.wants(GithubMetric::stars_daily)) {
      take(collect_star_history(repos, m_context, make_request));
    }
    if (m_config.wants(GithubMetric::forks_daily)) {
      take(collect_fork_history(repos, m_context, make_request, m_config.forks_daily_budget));
    }
  }

  // Marks repositories without requests in `coming` complete, and reports them.
  // Only the repositories whose batch started and that are not reported
  // yet are looked at, so a run of many batches stays linear.
  void note_progress(const std::vector<Pending>& coming) {
    std::set<std::size_t> busy;
    for (const auto& pending : coming) {
      busy.insert(pending.repo);
    }
    std::vector<std::size_t> still_busy;
    for (const std::size_t i : m_unreported) {
      if (busy.contains(i)) {
        still_busy.push_back(i);
        continue;
      }
      ++m_done;
      if (m_context.progress) {
        m_context.progress(m_done, m_repos.size());
      }
    }
    m_unreported = std::move(still_busy);
  }

  // The repository's batch started (or it will not be read at all): it
  // counts as done once no request of it is outstanding.
  void stop_waiting(std::size_t i) {
    if (m_repos[i].waiting) {
      m_repos[i].waiting = false;
      m_unreported.push_back(i);
    }
  }

  void finish() {
    std::size_t failed = 0;
    const std::size_t windows = (m_config.wants(GithubMetric::clones) ? 1U : 0U) +
                                (m_config.wants(GithubMetric::views) ? 1U : 0U);
    for (auto& repo : m_repos) {
      // Kept where a rate limit makes the schedule matter (GitHub always;
      // not a server without a limit, nor a replay of one). A deferred
      // repository read nothing: it keeps only what the listing gave.
      if (repo.route && budget(repo.route->credential).known() && windows > 0 &&
          repo.windows_read == windows) {
        keep(repo, observation_at(m_context.now, "github", k_github_traffic_read, repo.entity,
                                  Kind::gauge, static_cast<Count>(encode_read_day(today()))));
      }
      if (repo.releases_ok && m_config.wants(GithubMetric::releases) && !repo.unreadable &&
          !repo.deferred) {
        if (!check_count(repo.release_downloads)) {
          fail(repo, repo.url +
                         "/releases: the sum of download_count over all pages is above the "
                         "limit of 10^15");
        } else {
          keep(repo, observation_at(m_context.now, "github", k_github_release_downloads,
                                    repo.entity, Kind::cumulative, repo.release_downloads));
        }
      }
      failed += repo.failed ? 1 : 0;
      std::move(repo.observations.begin(), repo.observations.end(),
                std::back_inserter(m_result.observations));
      std::move(repo.problems.begin(), repo.problems.end(), std::back_inserter(m_result.problems));
    }
    note_failures(m_result, failed, m_repos.size(), "repositories");
  }

  const GithubConfig& m_config;
  GithubCredentials& m_credentials;
  SourceContext& m_context;
  std::map<std::string, RequestBudget> m_budgets;  // per client credential
  std::vector<Repo> m_repos;
  std::set<std::string> m_names;  // lowercase full names collected, against duplicates
  std::size_t m_done = 0;
  std::vector<std::size_t> m_unreported;  // started or settled, not yet counted as done
  SourceResult m_result;
};

class GithubSource final : public Source {
public:
  GithubSource(GithubConfig config, GithubSecrets secrets)
      : m_config(std::move(config)), m_secrets(std::move(secrets)) {}

  std::string name() const override { return "github"; }

  std::optional<std::string> missing_requirement() const override {
    if (m_config.app && (!m_secrets.app_key || !*m_secrets.app_key)) {
      return m_secrets.app_key ? m_secrets.app_key->error().message
                               : "the GitHub App's private key was not read";
    }
    for (std::size_t i = 0; i < m_config.credentials.size(); ++i) {
      const auto& key = m_secrets.keys[i];
      if (key && !*key) {
        return key->error().message;
      }
      if (m_config.credentials[i].token_env && !m_secrets.tokens[i]) {
        return "no GitHub token: set " + *m_config.credentials[i].token_env +
               " (a [[github.credentials]] entry)";
      }
    }
    if (m_config.app || m_secrets.token || !m_config.credentials.empty()) {
      return std::nullopt;
    }
    return "no GitHub token: set " + join_or(m_config.token_env);
  }

  // The table's own token; an App's credentials and the entries' tokens go
  // to the client by name (github_credentials.hpp).
  std::optional<Secret> secret() const override {
    if (!m_secrets.token || m_config.app) {
      return std::nullopt;
    }
    return Secret{*m_secrets.token, url_host(m_config.api)};
  }

  SourceResult collect(SourceContext& context) override {
    GithubCredentials credentials(m_config, m_secrets);
    Run run(m_config, credentials, context);
    return run.collect();
  }

private:
  GithubConfig m_config;
  GithubSecrets m_secrets;
};

}  // namespace

std::unique_ptr<Source> make_github_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems) {
  auto config = read_github_config(table, problems);
  if (!config) {
    return nullptr;
  }
  // Every token read is remembered as a secret there, the table's own
  // too when an App speaks for the run and it is never sent (Actions sets
  // GITHUB_TOKEN for every job): a server that echoes it must not get it
  // written anywhere.
  auto secrets = read_github_secrets(*config, getenv);
  return std::make_unique<GithubSource>(std::move(*config), std::move(secrets));
}

}  // namespace odometer
