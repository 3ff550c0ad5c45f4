#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace odometer {

struct Header {
  std::string name;  // lowercase for responses
  std::string value;
  bool operator==(const Header&) const = default;
};

// What a response body holds, for the sinks that keep bodies.
enum class Answer {
  data,        // counts and names: recorded and cached as they are
  credential,  // a token is in it ("token": ...): recorded with it redacted, never cached
  live,        // the server's state now (the rate limit left): recorded, never asked conditionally
};

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<Header> headers;
  std::string body;
  // The HttpClient credential it goes out with (HttpClient::set_credential);
  // empty: the client's own token (ClientOptions::token), if any. A name,
  // never the secret, so requests can be logged and compared freely.
  std::string credential;
  Answer answer = Answer::data;
  // The most this one exchange may take, when less than the transport's own
  // timeout: what is left of the client's time budget, so that a stalled
  // server cannot keep a run past it.
  std::optional<std::chrono::milliseconds> timeout;
};

struct Response {
  int status = 0;               // 0 when no HTTP response arrived (see error)
  std::vector<Header> headers;  // names lowercase
  std::string body;
  std::string error;  // transport failure: timeout, refused, DNS; empty otherwise
  bool timed_out = false;
  // A failure no retry can change (a replay without that response, an
  // unreadable recording): the client gives up at once.
  bool permanent = false;

  // The first header of that (lowercase) name, if any.
  std::optional<std::string_view> header(std::string_view name) const;
  // That header as a whole number (x-ratelimit-remaining, retry-after
  // seconds); nullopt when absent or not a number.
  std::optional<std::int64_t> header_number(std::string_view name) const;
};

// Sends HTTP requests, and owns time: the clock and sleeping go through the
// transport so that retries, backoff and rate-limit waits run instantly and
// deterministically against a fake in tests.
class Transport {
public:
  virtual ~Transport() = default;

  // Sends every request, as concurrently as the implementation allows, and
  // returns one response per request in the same order. Redirects are not
  // followed (the client decides, so a token never follows one to another
  // host). Thread-safe; never throws: failures are in Response::error.
  virtual std::vector<Response> send(const std::vector<Request>& requests) = 0;
  // The current time (UTC).
  virtual std::chrono::system_clock::time_point now() = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

// The host of an http(s) URL, lowercase, with a non-default port kept
// ("127.0.0.1:8080"); empty if the URL is not http(s).
std::string url_host(std::string_view url);

// The origin ("https://api.github.com") of an absolute URL.
std::string url_origin(std::string_view url);

// text with every occurrence of secret replaced by "[redacted]" (an empty
// secret changes nothing).
std::string redact(std::string text, std::string_view secret);

// Resolves a Location header against the URL it came from.
std::string resolve_url(std::string_view base, std::string_view location);

}  // namespace odometer
