#pragma once

// The two [github] metrics that reach back to a repository's creation:
// stars per day (stars-daily) and forks per day (forks-daily). Each reads
// only what the stored ledger does not hold yet, so the first run costs the
// most and later runs a page or so per repository. Keys:
// docs/series-keys.md.

#include <cstddef>
#include <string>
#include <vector>

#include "sources/source.hpp"

namespace odometer {

// A repository to read: the name its series are keyed by and its API URL
// ({api}/repos/{owner}/{name}).
struct HistoryRepo {
  std::string entity;
  std::string url;
};

// What one of them gives for a run: observations, per-repository problems
// (failed, or skipped with the reason), lines for the run's report (how
// many requests, how far a backfill got) and the number of requests made.
struct HistoryResult {
  std::vector<Observation> observations;
  std::vector<EntityProblem> problems;
  std::vector<std::string> notes;
  std::size_t requests = 0;
};

// Builds a GET of the GitHub API with its headers.
using GithubRequest = Request (*)(std::string url);

// github:stars-daily:OWNER/REPO from `GET {url}/stargazers/history`. A
// repository without any stored day is walked back to its creation;
// otherwise pages are read, newest first, until one reaches the newest
// stored day. A repository's days are kept only if every page it needed was
// read; a 404 on the first page (a server without the endpoint) skips it
// with that reason.
HistoryResult collect_star_history(const std::vector<HistoryRepo>& repos, SourceContext& context,
                                   GithubRequest make_request);

// github:forks-daily:OWNER/REPO from `GET {url}/forks?sort=oldest`, at most
// `budget` requests in the run (at least 2): the backfill of a repository
// with many forks continues over several runs, and a later run reads only
// the pages after what is stored. Only days before the run's day are kept,
// each counted whole.
HistoryResult collect_fork_history(const std::vector<HistoryRepo>& repos, SourceContext& context,
                                   GithubRequest make_request, std::size_t budget);

}  // namespace odometer
