#include "support/scale_github.hpp"

#include <algorithm>
#include <cstdio>

#include "core/timestamp.hpp"

namespace odometer::testing {

namespace {

using Clock = std::chrono::system_clock;

constexpr std::size_t k_page_size = 100;
constexpr std::int64_t k_hour = 3600;

std::string request_header(const Request& request, std::string_view name) {
  for (const auto& header : request.headers) {
    if (header.name.size() == name.size() &&
        std::equal(name.begin(), name.end(), header.name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return header.value;
    }
  }
  return "";
}

std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A count for (repository, day, salt): zero on about a fifth of the days,
// which GitHub then leaves out of the window.
std::int64_t count_of(std::size_t index, Day day, std::uint64_t salt, std::int64_t scale) {
  const std::uint64_t h = mix(salt ^ mix(std::uint64_t{index} * std::uint64_t{1000003} +
                                         static_cast<std::uint64_t>(day.days_since_epoch())));
  return h % 5 == 0 ? 0 : static_cast<std::int64_t>(h % static_cast<std::uint64_t>(scale)) + 1;
}

std::int64_t seconds_of(Clock::time_point when) {
  return std::chrono::duration_cast<std::chrono::seconds>(when.time_since_epoch()).count();
}

}  // namespace

ScaleGithub::ScaleGithub(std::string org, std::size_t repositories, std::vector<std::string> tokens,
                         std::int64_t hourly_limit)
    : m_org(std::move(org)),
      m_repositories(repositories),
      m_tokens(std::move(tokens)),
      m_limit(hourly_limit) {}

void ScaleGithub::set_hourly_limit(std::int64_t limit) {
  const std::lock_guard lock(m_mutex);
  m_limit = limit;
}

std::string ScaleGithub::repository(std::size_t index) const {
  char name[32];
  std::snprintf(name, sizeof name, "repo-%06zu", index + 1);
  return name;
}

std::int64_t ScaleGithub::clones(std::size_t index, Day day) const {
  return count_of(index, day, 1, 40);
}

std::int64_t ScaleGithub::views(std::size_t index, Day day) const {
  return count_of(index, day, 2, 400);
}

std::int64_t ScaleGithub::counted() const {
  const std::lock_guard lock(m_mutex);
  return m_counted;
}

std::int64_t ScaleGithub::counted(const std::string& token) const {
  const std::lock_guard lock(m_mutex);
  const auto found = m_counted_per_token.find(token);
  return found == m_counted_per_token.end() ? 0 : found->second;
}

std::int64_t ScaleGithub::refused() const {
  const std::lock_guard lock(m_mutex);
  return m_refused;
}

std::string ScaleGithub::listing_page(std::size_t page) const {
  std::string body = "[";
  const std::size_t first = (page - 1) * k_page_size;
  for (std::size_t i = first; i < std::min(first + k_page_size, m_repositories); ++i) {
    body += std::string(i > first ? "," : "") + R"({"name":")" + repository(i) +
            R"(","full_name":")" + m_org + "/" + repository(i) +
            R"(","fork":false,"archived":false,"private":false,"stargazers_count":)" +
            std::to_string(i % 50) + R"(,"forks_count":)" + std::to_string(i % 7) + "}";
  }
  return body + "]";
}

// The 14 days of the window at `now`: the newest day has only the hours
// gone by, the oldest only the hours after now's hour of the day.
std::string ScaleGithub::traffic(std::size_t index, std::string_view field,
                                 Clock::time_point now) const {
  const Timestamp at = Timestamp::from_unix_seconds(seconds_of(now));
  const Day today = at.day();
  const std::int64_t hour = (seconds_of(now) % 86400) / k_hour;
  std::string days;
  std::int64_t total = 0;
  std::int64_t uniques = 0;
  for (std::int32_t back = 13; back >= 0; --back) {
    const Day day = today - back;
    std::int64_t count = field == "clones" ? clones(index, day) : views(index, day);
    if (back == 0) {
      count = count * hour / 24;
    } else if (back == 13) {
      count -= count * hour / 24;
    }
    if (count == 0) {
      continue;
    }
    const std::int64_t day_uniques = (count + 1) / 2;
    total += count;
    uniques += day_uniques;
    days += std::string(days.empty() ? "" : ",") + R"({"timestamp":")" + day.to_string() +
            R"(T00:00:00Z","count":)" + std::to_string(count) + R"(,"uniques":)" +
            std::to_string(day_uniques) + "}";
  }
  return R"({"count":)" + std::to_string(total) + R"(,"uniques":)" + std::to_string(uniques) +
         R"(,")" + std::string(field) + R"(":[)" + days + "]}";
}

Response ScaleGithub::answer(const Request& request, Clock::time_point now) {
  const std::string authorization = request_header(request, "Authorization");
  const std::string token =
      authorization.starts_with("Bearer ") ? authorization.substr(7) : std::string();
  if (std::find(m_tokens.begin(), m_tokens.end(), token) == m_tokens.end()) {
    return Response{401, {}, R"({"message":"Bad credentials"})"};
  }
  const std::int64_t window = seconds_of(now) / k_hour;
  const std::int64_t reset = (window + 1) * k_hour;
  if (!request.url.starts_with(api())) {
    return Response{404, {}, R"({"message":"Not Found"})"};
  }
  const std::string target = request.url.substr(api().size());
  const std::string listing = "/orgs/" + m_org + "/repos?per_page=100&type=all";
  const std::string repos = "/repos/" + m_org + "/";

  // What the answer would be, and its ETag for the stable resources.
  int status = 200;
  std::string body;
  std::string etag;
  std::string link;
  if (target.starts_with(listing)) {
    std::size_t page = 1;
    if (target.size() > listing.size()) {
      page = std::stoul(target.substr(target.find("&page=") + 6));
    }
    const std::size_t pages = (m_repositories + k_page_size - 1) / k_page_size;
    body = listing_page(page);
    etag = "\"listing-" + std::to_string(page) + "\"";
    if (page < pages) {
      link = "<" + api() + listing + "&page=" + std::to_string(page + 1) + ">; rel=\"next\", <" +
             api() + listing + "&page=" + std::to_string(pages) + ">; rel=\"last\"";
    }
  } else if (target.starts_with(repos)) {
    const std::string rest = target.substr(repos.size());
    const std::string name = rest.substr(0, rest.find('/'));
    const std::string path = rest.substr(name.size());
    std::size_t index = m_repositories;
    if (name.starts_with("repo-") && name.size() == 11) {
      index = std::stoul(name.substr(5)) - 1;
    }
    if (index >= m_repositories) {
      status = 404;
      body = R"({"message":"Not Found"})";
    } else if (path == "/traffic/clones?per=day") {
      body = traffic(index, "clones", now);
    } else if (path == "/traffic/views?per=day") {
      body = traffic(index, "views", now);
    } else if (path == "/traffic/popular/referrers" || path == "/traffic/popular/paths") {
      body = "[]";
    } else if (path == "/releases?per_page=100&page=1") {
      body = "[]";
      etag = "\"releases\"";
    } else {
      status = 404;
      body = R"({"message":"Not Found"})";
    }
  } else {
    status = 404;
    body = R"({"message":"Not Found"})";
  }

  const std::lock_guard lock(m_mutex);
  std::int64_t& used = m_used[{token, window}];
  const auto limits = [&](std::int64_t remaining) {
    return std::vector<Header>{{"x-ratelimit-limit", std::to_string(m_limit)},
                               {"x-ratelimit-remaining", std::to_string(remaining)},
                               {"x-ratelimit-reset", std::to_string(reset)},
                               {"x-ratelimit-used", std::to_string(used)}};
  };
  if (target == "/rate_limit") {
    const std::string core = R"({"limit":)" + std::to_string(m_limit) + R"(,"used":)" +
                             std::to_string(used) + R"(,"remaining":)" +
                             std::to_string(std::max<std::int64_t>(0, m_limit - used)) +
                             R"(,"reset":)" + std::to_string(reset) + "}";
    return Response{200, limits(std::max<std::int64_t>(0, m_limit - used)),
                    R"({"resources":{"core":)" + core + R"(},"rate":)" + core + "}"};
  }
  if (!etag.empty() && request_header(request, "If-None-Match") == etag) {
    Response not_modified{304, limits(m_limit - used), ""};
    not_modified.headers.push_back(Header{"etag", etag});
    return not_modified;
  }
  if (used >= m_limit) {
    ++m_refused;
    return Response{
        403, limits(0),
        R"({"message":"API rate limit exceeded for user ID 1.",)"
        R"("documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"})"};
  }
  ++used;
  ++m_counted;
  ++m_counted_per_token[token];
  Response response{status, limits(m_limit - used), std::move(body)};
  if (!etag.empty()) {
    response.headers.push_back(Header{"etag", etag});
  }
  if (!link.empty()) {
    response.headers.push_back(Header{"link", link});
  }
  return response;
}

}  // namespace odometer::testing
