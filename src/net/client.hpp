#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "net/etag_cache.hpp"
#include "net/http.hpp"

namespace odometer {

struct ClientOptions {
  // All waiting (backoff, Retry-After, rate-limit resets) of one run must
  // end within this budget; what would need longer fails with the reason.
  std::chrono::seconds budget{300};
  int max_attempts = 5;
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{30'000};
  int max_redirects = 5;
  // The token and the one host it may be sent to (api.github.com or a
  // GitHub Enterprise host). Never sent anywhere else, never logged.
  std::string token;
  std::string token_host;
  std::uint64_t jitter_seed = 0;  // 0: from std::random_device
  // Politeness: requests to these hosts start at least this far apart
  // (pypistats.org: 30 a minute; crates.io: one a second), retries included.
  std::map<std::string, std::chrono::milliseconds> min_interval_per_host;
};

// The outcome of one request after redirects, retries and rate limits.
struct Fetched {
  Response response;        // the final response; a 304 is replaced by the cached body, status 200
  bool from_cache = false;  // answered 304 Not Modified
  // No message on success. Otherwise the message names the method, the URL
  // and the status or cause, and the code says what callers branch on:
  // not_found for a 404, rate_limited when the host's limit (429, or a 403
  // with Retry-After or no requests remaining) outlasted the attempts or the
  // time budget, other for anything else.
  Error error;

  bool ok() const { return error.message.empty(); }
};

struct ClientStats {
  std::size_t sent = 0;          // HTTP requests sent, retries and redirects included
  std::size_t not_modified = 0;  // answered 304
  std::size_t retries = 0;
};

// Sends requests through a Transport with the manners of DESIGN.md: retries
// only for what is transient, Retry-After honoured, exponential backoff
// with jitter and a cap inside a time budget, per-host rate-limit waits,
// conditional GETs, and a token only for its own host. Thread-safe.
class HttpClient {
public:
  // transport (and etags, when given) must outlive the client; without
  // etags no request is conditional.
  HttpClient(Transport& transport, ClientOptions options, EtagCache* etags = nullptr);

  // Fetches every request concurrently; one result per request, in order.
  // Never throws: a request that fails says why in its Fetched::error.
  std::vector<Fetched> fetch_all(const std::vector<Request>& requests);
  // fetch_all of one request.
  Fetched fetch(const Request& request);

  // What this client has sent so far.
  ClientStats stats() const;
  // Replaces every occurrence of the token, of every credential ever set,
  // and of every other known secret (util/redact.hpp) in text with
  // "[redacted]".
  std::string redact(std::string text) const;

  // Registers (or renews) the credential `name`: requests naming it carry
  // `Authorization: Bearer TOKEN`, to host only (as ClientOptions::token).
  // The token is redacted from every message from now on, its old values
  // too. Thread-safe; requests already prepared keep the token they had.
  void set_credential(const std::string& name, std::string token, std::string host);
  // The transport's clock.
  std::chrono::system_clock::time_point now() const { return m_transport.now(); }

private:
  struct Pending;
  std::chrono::system_clock::time_point deadline() const { return m_started + m_options.budget; }
  Request prepare(const Request& request, bool conditional) const;
  std::chrono::milliseconds backoff(int attempt);
  // The time a rate limit (a host, or a host and a credential) is blocked
  // until, if it is.
  std::optional<std::chrono::system_clock::time_point> blocked_until(const std::string& limit);
  void note_rate_limit(const std::string& limit, const Response& response);
  // For a paced host: true (and the slot taken) if a request may start at
  // now; otherwise false with `next` set to when the next slot opens.
  bool take_slot(const std::string& host, std::chrono::system_clock::time_point now,
                 std::chrono::system_clock::time_point& next);

  Transport& m_transport;
  ClientOptions m_options;
  EtagCache* m_etags;
  std::chrono::system_clock::time_point m_started;
  mutable std::mutex m_mutex;
  std::mt19937_64 m_random;
  std::map<std::string, std::chrono::system_clock::time_point> m_reset_at;  // limit -> reset
  std::map<std::string, std::chrono::system_clock::time_point>
      m_next_slot;  // paced host -> free at
  ClientStats m_stats;
  struct Credential {
    std::string token;
    std::string host;
  };
  std::map<std::string, Credential> m_credentials;  // name -> current token
  std::vector<std::string> m_retired;               // tokens replaced, still redacted
};

// "14:05 UTC" for a rate-limit message when `when` falls on the same UTC
// day as now; "2026-05-03 14:05 UTC" otherwise (a reset days away must not
// read as today's).
std::string format_utc_time(std::chrono::system_clock::time_point when,
                            std::chrono::system_clock::time_point now);

}  // namespace odometer
