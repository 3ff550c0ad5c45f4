// The [github] source: every repository of an org or user and/or a list;
// traffic (clones, views, referrers, paths), stars, forks and release
// downloads (docs/series-keys.md). Its table is read in github_config.cpp;
// how one run is organised, and why:
//
// First the set of repositories is settled, because everything else is per
// repository. An org or user listing is read page by page, following the
// `link` header's rel="next" (the pages depend on each other, so this is the
// one sequential part); the filters (forks, archived, private, include and
// exclude globs on the name) apply to the listing only. An entry of `repos`
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
// As a GitHub App (github_app.hpp) there is no one token: the App learns
// its installations first, and every request about an owner's repositories
// names the credential of the installation on that owner, asked for again
// before each round so that a token near its expiry is renewed between
// rounds. A repository whose owner has no installation fails alone.

#include <fnmatch.h>

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/github_app.hpp"
#include "sources/github_config.hpp"
#include "sources/github_history.hpp"
#include "sources/github_parse.hpp"
#include "sources/github_schedule.hpp"
#include "store/github_keys.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

// A listing or a repository's releases longer than this is taken for a
// server whose link headers never end.
constexpr std::size_t k_max_pages = 1000;

// "A or B", "A, B or C".
std::string join_or(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? " or " : ", ";
    }
    out += names[i];
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

// credential: the client credential it goes out with; empty for the token.
Request make_request(std::string url, std::string credential = {}) {
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
  std::size_t outstanding = 0;          // requests of the next round
  bool reported = false;                // counted as done in the progress
  std::optional<Day> last_read;         // traffic, from github:traffic-read
  bool deferred = false;                // left to a later run by the schedule
  bool waiting = true;                  // its batch has not started yet
  std::size_t windows_read = 0;         // clones and views windows stored this run
};

struct Pending {
  std::size_t repo = 0;
  Endpoint endpoint = Endpoint::releases;
  std::string url;
  std::string credential;  // filled in just before the round goes out
};

// "acme" of "acme/app".
std::string owner_of(std::string_view full_name) {
  return std::string(full_name.substr(0, full_name.find('/')));
}

class Run {
public:
  // app: the App whose installations' tokens the requests use; nullptr
  // when they go out with the client's token.
  Run(const GithubConfig& config, bool have_token, GithubApp* app, SourceContext& context)
      : m_config(config),
        m_have_token(have_token),
        m_app(app),
        m_context(context),
        m_budget(config.rate_limit_share) {}

  SourceResult collect() {
    if (m_app != nullptr) {
      if (auto found = m_app->discover(m_context.http); !found) {
        m_result.state = SourceState::failed;
        m_result.reason = found.error().message;
        return std::move(m_result);
      }
    }
    std::vector<GithubRepository> listed;
    std::vector<GithubRepository> unselected;  // listed but filtered out
    if (m_config.org || m_config.user) {
      const std::string first =
          m_config.org ? m_config.api + "/orgs/" + *m_config.org + "/repos?per_page=100&type=all"
                       : m_config.api + "/users/" + *m_config.user + "/repos?per_page=100";
      const auto credential = credential_for(m_config.org ? *m_config.org : *m_config.user);
      auto all = credential ? list(first, *credential)
                            : Result<std::vector<GithubRepository>>(credential.error());
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

  // The credential for requests about owner's repositories: the App's
  // installation on owner (its token renewed when due), or the token's ("").
  Result<std::string> credential_for(const std::string& owner) {
    if (m_app == nullptr) {
      return std::string();
    }
    return m_app->credential_for(m_context.http, owner);
  }

  Result<std::vector<GithubRepository>> list(const std::string& first,
                                             const std::string& credential) {
    std::vector<GithubRepository> all;
    std::set<std::string> seen;
    std::string url = first;
    while (true) {
      if (!seen.insert(url).second) {
        return make_error(url + ": the link header leads back to a page already read");
      }
      if (seen.size() > k_max_pages) {
        return make_error(first + ": more than " + std::to_string(k_max_pages) + " pages");
      }
      const Fetched fetched = m_context.http.fetch(make_request(url, credential));
      m_budget.observe(fetched.response);
      if (!fetched.ok()) {
        return fetched.error;
      }
      TRY_ASSIGN(auto page, parse_repositories(fetched.response.body, url));
      std::move(page.begin(), page.end(), std::back_inserter(all));
      const auto link = fetched.response.header("link");
      const auto next = link ? parse_link_next(*link) : std::nullopt;
      if (!next) {
        return all;
      }
      url = resolve_url(url, *next);
    }
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
      gauge(m_repos.back(), "stars", info.full_name, info.stars);
    }
    if (m_config.wants(GithubMetric::forks)) {
      gauge(m_repos.back(), "forks", info.full_name, info.forks);
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
    std::vector<Result<std::string>> credentials;
    requests.reserve(wanted.size());
    for (const auto& entry : wanted) {
      credentials.push_back(credential_for(owner_of(entry)));
      if (credentials.back()) {
        requests.push_back(make_request(m_config.api + "/repos/" + entry, *credentials.back()));
      }
    }
    const auto fetched = m_context.http.fetch_all(requests);
    for (const auto& answer : fetched) {
      m_budget.observe(answer.response);
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
        m_repos[i].waiting = false;
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
      if (auto key = SeriesKey::make("github", "traffic-read", repo.entity)) {
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

  bool reads_traffic() const { return m_have_token && m_config.wants_traffic(); }
  Day today() const { return m_context.now.day(); }

  // The first requests of one repository (traffic and the first releases page).
  std::size_t requests_per_repo() const {
    std::size_t n = m_config.wants(GithubMetric::releases) ? 1U : 0U;
    if (m_have_token) {
      for (const auto metric : {GithubMetric::clones, GithubMetric::views, GithubMetric::referrers,
                                GithubMetric::paths}) {
        n += m_config.wants(metric) ? 1U : 0U;
      }
    }
    return n;
  }

  // Reads the repositories in order while the rate-limit budget lasts, in
  // batches so that the budget is learned again from the answers; without
  // rate-limit headers (a server without a limit, a replay) all at once.
  // What does not fit is deferred with the day it is due by, and a
  // deferred repository about to lose a day is a warning.
  void read_in_budget() {
    constexpr std::size_t k_batch = 200;
    const std::vector<std::size_t> order = reading_order();
    const std::size_t cost = std::max<std::size_t>(1, requests_per_repo());
    std::size_t next = 0;
    while (next < order.size()) {
      std::size_t fit = order.size() - next;
      if (const auto left = m_budget.left()) {
        fit = std::min({fit, *left / cost, k_batch});
      }
      if (fit == 0) {
        break;
      }
      std::vector<Pending> round = first_round(std::span(order).subspan(next, fit));
      while (!round.empty()) {
        round = fetch_round(round);
      }
      next += fit;
    }
    // What is left waits for the next runs. At this run's pace (`next`
    // repositories a run) the ones with stored days, which go first once
    // inside their margin, are read earliest due first: the turn of each
    // is known, and one whose turn comes after its due day is a warning.
    std::size_t place = 0;
    for (const std::size_t i : std::span(order).subspan(next)) {
      Repo& repo = m_repos[i];
      defer(repo, repo.last_read ? projected_read_day(place++, next, today()) : today() + 1);
    }
    note_progress({});
  }

  void defer(Repo& repo, Day turn) {
    repo.deferred = true;
    repo.waiting = false;
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
    const std::string no_token =
        "traffic skipped: no token (set " + join_or(m_config.token_env) + ")";
    std::vector<Pending> round;
    for (const std::size_t i : repos) {
      Repo& repo = m_repos[i];
      repo.waiting = false;
      if (m_config.wants_traffic() && !m_have_token) {
        repo.problems.push_back(EntityProblem{repo.entity, SourceState::skipped, no_token});
      }
      const auto want = [&](GithubMetric metric, Endpoint endpoint, const char* path) {
        const bool needs_token = is_traffic(endpoint);
        if (m_config.wants(metric) && (m_have_token || !needs_token)) {
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
    for (const auto& answer : fetched) {
      m_budget.observe(answer.response);
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
      auto credential = credential_for(owner_of(repo.entity));
      if (!credential) {
        if (!repo.failed) {
          fail(repo, credential.error().message);
        }
        repo.releases_ok = false;
        continue;
      }
      pending.credential = std::move(*credential);
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
        traffic(repo, parse_traffic(body, pending.url, "clones"), "clones", "clone-uniques");
        return std::nullopt;
      case Endpoint::views:
        traffic(repo, parse_traffic(body, pending.url, "views"), "views", "view-uniques");
        return std::nullopt;
      case Endpoint::referrers:
        popular(repo, parse_popular(body, pending.url, "referrer"), "referrer");
        return std::nullopt;
      case Endpoint::paths:
        popular(repo, parse_popular(body, pending.url, "path"), "path");
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

  // Keys: github_popular_key, shared with every import of GitHub records.
  void popular(Repo& repo, const Result<std::vector<PopularEntry>>& entries,
               std::string_view metric) {
    if (!entries) {
      fail(repo, entries.error().message);
      return;
    }
    for (const auto& entry : *entries) {
      auto key =
          github_popular_key(metric == "path" ? GithubPopular::path : GithubPopular::referrer,
                             repo.entity, entry.name);
      if (!key) {
        // The name is a stranger's text: skip it, never store it mangled.
        repo.problems.push_back(
            EntityProblem{repo.entity, SourceState::skipped,
                          std::string(metric) + " skipped: " + key.error().message});
        continue;
      }
      repo.observations.push_back(Observation{.key = std::move(*key),
                                              .kind = Kind::gauge,
                                              .day = m_context.now.day(),
                                              .value = static_cast<std::int64_t>(entry.count),
                                              .at = m_context.now});
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
    if (repo.release_pages.contains(url) || repo.release_pages.size() >= k_max_pages) {
      fail(repo, pending.url + ": the link header leads back to a page already read or past " +
                     std::to_string(k_max_pages) + " pages");
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
      auto credential = credential_for(owner_of(repo.entity));
      if (!credential) {
        fail(repo, credential.error().message);
        continue;
      }
      repos.push_back(HistoryRepo{repo.entity, repo.url, std::move(*credential)});
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
  void note_progress(const std::vector<Pending>& coming) {
    for (auto& repo : m_repos) {
      repo.outstanding = 0;
    }
    for (const auto& pending : coming) {
      ++m_repos[pending.repo].outstanding;
    }
    for (auto& repo : m_repos) {
      if (repo.outstanding == 0 && !repo.reported && !repo.waiting) {
        repo.reported = true;
        ++m_done;
        if (m_context.progress) {
          m_context.progress(m_done, m_repos.size());
        }
      }
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
      if (m_budget.known() && reads_traffic() && windows > 0 && repo.windows_read == windows) {
        keep(repo, observation_at(m_context.now, "github", "traffic-read", repo.entity, Kind::gauge,
                                  static_cast<Count>(encode_read_day(today()))));
      }
      if (repo.releases_ok && m_config.wants(GithubMetric::releases) && !repo.unreadable &&
          !repo.deferred) {
        if (!check_count(repo.release_downloads)) {
          fail(repo, repo.url +
                         "/releases: the sum of download_count over all pages is above the "
                         "limit of 10^15");
        } else {
          keep(repo, observation_at(m_context.now, "github", "release-downloads", repo.entity,
                                    Kind::cumulative, repo.release_downloads));
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
  bool m_have_token;
  GithubApp* m_app;
  SourceContext& m_context;
  RequestBudget m_budget;
  std::vector<Repo> m_repos;
  std::set<std::string> m_names;  // lowercase full names collected, against duplicates
  std::size_t m_done = 0;
  SourceResult m_result;
};

class GithubSource final : public Source {
public:
  // key: the App's private key as read (or why it could not be), when
  // config.app is set.
  GithubSource(GithubConfig config, std::optional<std::string> token,
               std::optional<Result<std::string>> key)
      : m_config(std::move(config)), m_token(std::move(token)), m_key(std::move(key)) {}

  std::string name() const override { return "github"; }

  std::optional<std::string> missing_requirement() const override {
    if (m_config.app) {
      if (!m_key || !*m_key) {
        return m_key ? m_key->error().message : "the GitHub App's private key was not read";
      }
      return std::nullopt;
    }
    if (m_token) {
      return std::nullopt;
    }
    return "no GitHub token: set " + join_or(m_config.token_env);
  }

  std::optional<Secret> secret() const override {
    if (!m_token || m_config.app) {
      return std::nullopt;  // an App's credentials go to the client by name
    }
    return Secret{*m_token, url_host(m_config.api)};
  }

  SourceResult collect(SourceContext& context) override {
    if (m_config.app && m_key && *m_key) {
      GithubApp app(m_config.api, m_config.app->app_id, **m_key, m_config.app->installation_id);
      Run run(m_config, true, &app, context);
      return run.collect();
    }
    Run run(m_config, m_token.has_value(), nullptr, context);
    return run.collect();
  }

private:
  GithubConfig m_config;
  std::optional<std::string> m_token;
  std::optional<Result<std::string>> m_key;
};

}  // namespace

std::unique_ptr<Source> make_github_source(const toml::table& table, const GetEnv& getenv,
                                           ConfigProblems& problems) {
  auto config = read_github_config(table, problems);
  if (!config) {
    return nullptr;
  }
  auto token = github_token(*config, getenv);
  std::optional<Result<std::string>> key;
  if (config->app) {
    key = github_app_key(*config->app, getenv);
    // The App speaks for this run and the token is never sent, but it is
    // still a secret the run holds (Actions sets GITHUB_TOKEN for every
    // job): a server that echoes it must not get it written anywhere.
    // Without the App, the config loader remembers it through secret().
    if (token) {
      remember_secret(*token);
    }
  }
  return std::make_unique<GithubSource>(std::move(*config), std::move(token), std::move(key));
}

}  // namespace odometer
