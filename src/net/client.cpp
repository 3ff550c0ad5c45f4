// The request policy, in one place.
//
// Every request is retried only when the failure is transient: no response
// at all (timeout, refused, DNS), 408, 429, 500, 502, 503, 504, and GitHub's
// secondary rate limit (403 with retry-after). Anything else — 404, 401, a
// plain 403 — is an answer, and retrying it would only hide it.
//
// The wait before a retry is, in order of preference: Retry-After (seconds
// or an HTTP date), the host's x-ratelimit-reset when x-ratelimit-remaining
// is 0, or exponential backoff (base·2^n, capped) with jitter so that many
// clients do not retry in lockstep. All waiting of one client shares one
// budget: a wait that would end past it is not taken, and the request fails
// with the reason ("rate limited until 14:05 UTC"), never with a zero.
//
// Once a response says a host's primary limit is spent, every later request
// to that host waits for the reset (within the budget) instead of burning
// attempts on certain 403s.
//
// Redirects are followed here, not by the transport, so that the token —
// attached per request only when the URL's host is the token's host — can
// never travel to another host with a redirect.

#include "net/client.hpp"

#include <curl/curl.h>
#include <strings.h>

#include <algorithm>
#include <charconv>
#include <ctime>

#include "util/redact.hpp"

namespace odometer {

namespace {

using Clock = std::chrono::system_clock;

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// Retry-After as a point in time: delta-seconds or an HTTP date.
std::optional<Clock::time_point> retry_after(const Response& response, Clock::time_point now) {
  if (const auto seconds = response.header_number("retry-after")) {
    return now + std::chrono::seconds(std::max<std::int64_t>(0, *seconds));
  }
  if (const auto text = response.header("retry-after")) {
    const std::string date(*text);
    const time_t when = curl_getdate(date.c_str(), nullptr);
    if (when != -1) {
      return std::max(now, Clock::from_time_t(when));
    }
  }
  return std::nullopt;
}

bool rate_limit_spent(const Response& response) {
  return response.header_number("x-ratelimit-remaining") == 0;
}

// The host's limit speaking: 429, or GitHub's 403 that says when to come back.
bool is_rate_limit(const Response& response) {
  return response.status == 429 ||
         (response.status == 403 &&
          (response.header("retry-after").has_value() || rate_limit_spent(response)));
}

bool is_transient(const Response& response) {
  switch (response.status) {
    case 0:
      return !response.permanent;
    case 408:
    case 429:
    case 500:
    case 502:
    case 503:
    case 504:
      return true;
    case 403:
      return is_rate_limit(response);
    default:
      return false;
  }
}

// Whether host (with or without a port) is this machine: localhost, [::1]
// or an IPv4 address in 127.0.0.0/8 — compared whole, so that a name like
// localhost.example.com or 127.example.com does not pass.
bool is_loopback(std::string_view host) {
  if (host.starts_with("[::1]")) {
    return host.size() == 5 || host[5] == ':';
  }
  host = host.substr(0, host.find(':'));
  if (host == "localhost") {
    return true;
  }
  return host.starts_with("127.") && std::count(host.begin(), host.end(), '.') == 3 &&
         host.find_first_not_of("0123456789.") == std::string_view::npos;
}

// The token goes only to its own host, and only over TLS unless that host
// is this machine (the tests' local servers): a redirect or a link to
// http://api.github.com must not carry it in the clear.
bool may_carry_token(const std::string& url, const std::string& token_host) {
  const std::string host = url_host(url);
  if (host.empty() || host != token_host) {
    return false;
  }
  return url_origin(url).starts_with("https://") || is_loopback(host);
}

// Whose rate limit a request spends: GitHub counts per credential, so two
// credentials on one host block (and wait) apart; without one it is the host's.
std::string limit_of(const std::string& url, const Request& request) {
  const std::string host = url_host(url);
  return request.credential.empty() ? host : host + " " + request.credential;
}

bool echoes_secret(const Response& response) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [](const Header& header) { return holds_secret(header.value); }) ||
         holds_secret(response.body);
}

std::string describe(const Request& request, const std::string& url) {
  return request.method + " " + url;
}

}  // namespace

std::string format_utc_time(Clock::time_point when, Clock::time_point now) {
  const time_t seconds = Clock::to_time_t(when);
  const time_t now_seconds = Clock::to_time_t(now);
  std::tm parts{};
  std::tm today{};
  gmtime_r(&seconds, &parts);
  gmtime_r(&now_seconds, &today);
  char text[40];
  if (parts.tm_year == today.tm_year && parts.tm_yday == today.tm_yday) {
    (void)std::snprintf(text, sizeof text, "%02d:%02d UTC", parts.tm_hour, parts.tm_min);
  } else {
    (void)std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d UTC", parts.tm_year + 1900,
                        parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min);
  }
  return text;
}

struct HttpClient::Pending {
  std::size_t index = 0;
  std::string url;
  int attempts = 0;
  int redirects = 0;
  Clock::time_point due;
  bool conditional = false;
};

HttpClient::HttpClient(Transport& transport, ClientOptions options, EtagCache* etags)
    : m_transport(transport),
      m_options(std::move(options)),
      m_etags(etags),
      m_started(transport.now()),
      m_random(m_options.jitter_seed != 0 ? m_options.jitter_seed : std::random_device{}()) {
  remember_secret(m_options.token);
}

Fetched HttpClient::fetch(const Request& request) {
  return std::move(fetch_all({request}).front());
}

ClientStats HttpClient::stats() const {
  const std::lock_guard lock(m_mutex);
  return m_stats;
}

std::string HttpClient::redact(std::string text) const {
  std::vector<std::string> also{m_options.token};
  {
    const std::lock_guard lock(m_mutex);
    for (const auto& [name, credential] : m_credentials) {
      also.push_back(credential.token);
    }
    also.insert(also.end(), m_retired.begin(), m_retired.end());
  }
  return hide_secrets(std::move(text), also);
}

void HttpClient::set_credential(const std::string& name, std::string token, std::string host) {
  // Every sink hides it from now on, not only this client's messages.
  remember_secret(token);
  const std::lock_guard lock(m_mutex);
  auto& credential = m_credentials[name];
  if (!credential.token.empty() && credential.token != token) {
    m_retired.push_back(std::move(credential.token));
  }
  credential = Credential{std::move(token), std::move(host)};
}

Request HttpClient::prepare(const Request& request, bool conditional) const {
  Request prepared = request;
  std::erase_if(prepared.headers, [](const Header& h) {
    return h.name.size() == 13 && strncasecmp(h.name.c_str(), "authorization", 13) == 0;
  });
  if (!request.credential.empty()) {
    const std::lock_guard lock(m_mutex);
    const auto found = m_credentials.find(request.credential);
    if (found != m_credentials.end() && may_carry_token(request.url, found->second.host)) {
      prepared.headers.push_back(Header{"Authorization", "Bearer " + found->second.token});
    }
  } else if (!m_options.token.empty() && may_carry_token(request.url, m_options.token_host)) {
    prepared.headers.push_back(Header{"Authorization", "Bearer " + m_options.token});
  }
  if (conditional) {
    if (const auto cached = m_etags->find(request.url)) {
      prepared.headers.push_back(Header{"If-None-Match", cached->etag});
    }
  }
  return prepared;
}

std::chrono::milliseconds HttpClient::backoff(int attempt) {
  const auto base = m_options.backoff_base.count();
  const auto capped =
      std::min<std::int64_t>(m_options.backoff_cap.count(), base << std::min(attempt, 20));
  const std::lock_guard lock(m_mutex);
  // "Equal jitter": at least half the step, so waits still grow.
  std::uniform_int_distribution<std::int64_t> jitter(capped / 2, capped);
  return std::chrono::milliseconds(jitter(m_random));
}

std::optional<Clock::time_point> HttpClient::blocked_until(const std::string& limit) {
  const std::lock_guard lock(m_mutex);
  const auto it = m_reset_at.find(limit);
  if (it == m_reset_at.end()) {
    return std::nullopt;
  }
  if (it->second <= m_transport.now()) {
    m_reset_at.erase(it);
    return std::nullopt;
  }
  return it->second;
}

void HttpClient::note_rate_limit(const std::string& limit, const Response& response) {
  if (!rate_limit_spent(response)) {
    return;
  }
  const auto reset = response.header_number("x-ratelimit-reset");
  const auto when = reset ? Clock::from_time_t(static_cast<time_t>(*reset))
                          : m_transport.now() + std::chrono::minutes(1);
  const std::lock_guard lock(m_mutex);
  m_reset_at[limit] = std::max(m_reset_at[limit], when);
}

bool HttpClient::take_slot(const std::string& host, Clock::time_point now,
                           Clock::time_point& next) {
  const auto interval = m_options.min_interval_per_host.find(host);
  if (interval == m_options.min_interval_per_host.end()) {
    return true;
  }
  const std::lock_guard lock(m_mutex);
  auto& free_at = m_next_slot[host];
  if (free_at > now) {
    next = free_at;
    return false;
  }
  free_at = now + interval->second;
  return true;
}

std::vector<Fetched> HttpClient::fetch_all(const std::vector<Request>& requests) {
  std::vector<Fetched> results(requests.size());
  std::vector<Pending> queue;
  const Clock::time_point start = m_transport.now();
  for (std::size_t i = 0; i < requests.size(); ++i) {
    // A body that holds a credential is never kept in the cache.
    const bool conditional =
        m_etags != nullptr && requests[i].method == "GET" && requests[i].answer == Answer::data;
    queue.push_back(Pending{i, requests[i].url, 0, 0, start, conditional});
  }
  const auto fail = [&](const Pending& pending, std::string error,
                        ErrorCode code = ErrorCode::other) {
    results[pending.index].error = make_error(redact(std::move(error)), code);
  };

  while (!queue.empty()) {
    const Clock::time_point now = m_transport.now();
    std::vector<Pending> ready;
    std::vector<Pending> later;
    for (auto& pending : queue) {
      if (const auto blocked = blocked_until(limit_of(pending.url, requests[pending.index]))) {
        if (*blocked > deadline()) {
          fail(pending,
               describe(requests[pending.index], pending.url) + ": rate limited until " +
                   format_utc_time(*blocked, now),
               ErrorCode::rate_limited);
          continue;
        }
        pending.due = std::max(pending.due, *blocked);
      }
      if (pending.due <= now && !take_slot(url_host(pending.url), now, pending.due)) {
        later.push_back(std::move(pending));
        continue;
      }
      (pending.due <= now ? ready : later).push_back(std::move(pending));
    }
    queue = std::move(later);
    if (ready.empty()) {
      if (queue.empty()) {
        break;
      }
      const auto next =
          std::min_element(queue.begin(), queue.end(), [](const auto& a, const auto& b) {
            return a.due < b.due;
          })->due;
      m_transport.sleep_for(std::chrono::ceil<std::chrono::milliseconds>(next - now));
      continue;
    }

    std::vector<Request> batch;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline() - now);
    if (left.count() <= 0) {
      for (const auto& pending : ready) {
        fail(pending, describe(requests[pending.index], pending.url) +
                          ": not sent, the time budget of " +
                          std::to_string(m_options.budget.count()) + " s is spent");
      }
      continue;
    }
    for (const auto& pending : ready) {
      Request request = requests[pending.index];
      request.url = pending.url;
      // The exchange itself counts against the budget, not only the waits.
      request.timeout = request.timeout ? std::min(*request.timeout, left) : left;
      batch.push_back(prepare(request, pending.conditional));
    }
    auto responses = m_transport.send(batch);
    {
      const std::lock_guard lock(m_mutex);
      m_stats.sent += batch.size();
    }
    const Clock::time_point answered = m_transport.now();
    for (std::size_t i = 0; i < ready.size(); ++i) {
      Pending& pending = ready[i];
      Response& response = responses[i];
      const std::string host = url_host(pending.url);
      const std::string what = describe(requests[pending.index], pending.url);
      const std::string limit = limit_of(pending.url, requests[pending.index]);
      note_rate_limit(limit, response);
      Fetched& result = results[pending.index];

      if (is_redirect(response.status) && response.header("location")) {
        if (++pending.redirects > m_options.max_redirects) {
          result.response = std::move(response);
          fail(pending,
               what + ": more than " + std::to_string(m_options.max_redirects) + " redirects");
          continue;
        }
        pending.url = resolve_url(pending.url, *response.header("location"));
        pending.conditional = false;  // the cached ETag belongs to the first URL
        pending.due = answered;
        queue.push_back(std::move(pending));
        continue;
      }
      if (response.status == 304 && pending.conditional) {
        if (auto cached = m_etags->find(requests[pending.index].url)) {
          response.status = 200;
          response.body = std::move(cached->body);
          if (!response.header("link") && !cached->link.empty()) {
            response.headers.push_back(Header{"link", std::move(cached->link)});
          }
          result.response = std::move(response);
          result.from_cache = true;
          const std::lock_guard lock(m_mutex);
          ++m_stats.not_modified;
          continue;
        }
      }
      if (response.status >= 200 && response.status < 300) {
        // A response that echoes a secret is not cached: the file would
        // keep it, and the next run would send it back in If-None-Match.
        if (pending.conditional && pending.redirects == 0 && !echoes_secret(response)) {
          if (const auto etag = response.header("etag")) {
            m_etags->store(requests[pending.index].url,
                           {std::string(*etag), response.body,
                            std::string(response.header("link").value_or(""))});
          }
        }
        result.response = std::move(response);
        continue;
      }
      if (!is_transient(response)) {
        result.response = std::move(response);
        // Status 0 here is a permanent failure: its reason is the message.
        fail(pending,
             what + ": " +
                 (result.response.status == 0 ? result.response.error
                                              : "HTTP " + std::to_string(result.response.status)),
             result.response.status == 404 ? ErrorCode::not_found : ErrorCode::other);
        continue;
      }
      const std::string cause =
          response.status == 0 ? response.error : "HTTP " + std::to_string(response.status);
      const ErrorCode code = is_rate_limit(response) ? ErrorCode::rate_limited : ErrorCode::other;
      if (++pending.attempts >= m_options.max_attempts) {
        result.response = std::move(response);
        fail(pending,
             what + ": " + cause + " (gave up after " + std::to_string(pending.attempts) +
                 " attempts)",
             code);
        continue;
      }
      std::optional<Clock::time_point> wait_until = retry_after(response, answered);
      if (!wait_until && rate_limit_spent(response)) {
        wait_until = blocked_until(limit);
      }
      const Clock::time_point due = wait_until.value_or(answered + backoff(pending.attempts));
      if (due > deadline()) {
        result.response = std::move(response);
        fail(pending,
             what + ": " +
                 (code == ErrorCode::rate_limited
                      ? "rate limited until " + format_utc_time(due, answered)
                      : cause + " (a retry would exceed the time budget)"),
             code);
        continue;
      }
      {
        const std::lock_guard lock(m_mutex);
        ++m_stats.retries;
      }
      pending.due = due;
      queue.push_back(std::move(pending));
    }
  }
  return results;
}

}  // namespace odometer
