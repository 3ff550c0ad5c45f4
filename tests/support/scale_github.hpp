#pragma once

// GitHub at the scale of a big org, in memory, for the schedule's
// simulation: an org of many repositories whose listing is paged by 100,
// whose traffic endpoints keep 14 days by UTC day (the newest day still
// growing, the oldest cut short as the window slides hour by hour), and an
// hourly rate limit per token that it enforces as GitHub does: every answer
// carries x-ratelimit-limit/-remaining/-reset/-used, a request past the
// limit is refused with 403 and remaining 0 until the reset, a conditional
// request answered 304 is free, GET /rate_limit is free and tells the
// token's budget, and an unknown token is refused with 401.
// Every count is derived from the repository and the day, so a test can
// compare a ledger with the whole truth.

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/day.hpp"
#include "net/http.hpp"

namespace odometer::testing {

class ScaleGithub {
public:
  // repositories "ORG/repo-000001"...; tokens: each token's repositories are
  // all of them (the fake does not check ownership); limit: per token per hour.
  ScaleGithub(std::string org, std::size_t repositories, std::vector<std::string> tokens,
              std::int64_t hourly_limit);

  std::string api() const { return "https://api.github.test"; }
  // The token's limit from now on (another user takes the rest).
  void set_hourly_limit(std::int64_t limit);
  std::string repository(std::size_t index) const;  // "repo-000001"
  std::size_t repositories() const { return m_repositories; }

  // The answer at the given time, as the server would give it.
  Response answer(const Request& request, std::chrono::system_clock::time_point now);

  // The truth: clones and views of a repository on a whole day.
  std::int64_t clones(std::size_t index, Day day) const;
  std::int64_t views(std::size_t index, Day day) const;

  // Requests that counted against the limit (not 304s), and refused ones.
  std::int64_t counted() const;
  std::int64_t counted(const std::string& token) const;
  std::int64_t refused() const;

private:
  std::string traffic(std::size_t index, std::string_view field,
                      std::chrono::system_clock::time_point now) const;
  std::string listing_page(std::size_t page) const;

  std::string m_org;
  std::size_t m_repositories;
  std::vector<std::string> m_tokens;
  std::int64_t m_limit;
  mutable std::mutex m_mutex;
  std::map<std::pair<std::string, std::int64_t>, std::int64_t> m_used;  // (token, hour) -> used
  std::int64_t m_counted = 0;
  std::map<std::string, std::int64_t> m_counted_per_token;
  std::int64_t m_refused = 0;
};

}  // namespace odometer::testing
