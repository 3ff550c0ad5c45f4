// HttpClient over a FakeTransport whose clock only moves when the client
// sleeps: what is retried and what is an answer, how long each wait is
// (Retry-After in seconds or as a date, backoff, rate-limit resets), the
// time budget, where the token goes (its host only, never across a
// redirect), conditional requests, and redaction.

#include "net/client.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"
#include "util/redact.hpp"

namespace odometer {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::FakeTransport;
using testing::make_response;
using testing::read_file;
using testing::TempDir;
using testing::write_file;

const std::string k_api = "https://api.github.com";
const std::string k_token = "ghp_Secret123";

// Answers each URL from its own script; the last response repeats. An
// unknown URL is a 404. Thread-safe.
class Script {
public:
  void add(const std::string& url, std::vector<Response> responses) {
    const std::lock_guard lock(m_mutex);
    m_scripts[url] = std::move(responses);
  }
  Response answer(const Request& request) {
    const std::lock_guard lock(m_mutex);
    auto& script = m_scripts[request.url];
    std::size_t& next = m_next[request.url];
    if (script.empty()) {
      return make_response(404, "not found");
    }
    const Response response = script[std::min(next, script.size() - 1)];
    ++next;
    return response;
  }

private:
  std::mutex m_mutex;
  std::map<std::string, std::vector<Response>> m_scripts;
  std::map<std::string, std::size_t> m_next;
};

// A FakeTransport answering from a Script, plus a log of when (fake time)
// each request was sent.
class Server {
public:
  Server() : m_fake([this](const Request& request) { return on_request(request); }) {}

  Script script;
  FakeTransport& transport() { return m_fake; }
  std::vector<Request> requests() const { return m_fake.requests(); }
  std::vector<milliseconds> sleeps() const { return m_fake.sleeps(); }
  std::size_t count(const std::string& url) const {
    std::size_t n = 0;
    for (const auto& request : m_fake.requests()) {
      n += request.url == url ? 1U : 0U;
    }
    return n;
  }
  std::vector<std::chrono::system_clock::time_point> sent_at() const {
    const std::lock_guard lock(m_mutex);
    return m_sent_at;
  }

private:
  Response on_request(const Request& request) {
    {
      const std::lock_guard lock(m_mutex);
      m_sent_at.push_back(m_fake.now());
    }
    return script.answer(request);
  }

  mutable std::mutex m_mutex;
  std::vector<std::chrono::system_clock::time_point> m_sent_at;
  FakeTransport m_fake;
};

ClientOptions options(std::uint64_t seed = 7) {
  ClientOptions result;
  result.jitter_seed = seed;
  return result;
}

Request get(const std::string& url) {
  Request request;
  request.url = url;
  return request;
}

std::optional<std::string> header(const Request& request, std::string_view name) {
  std::optional<std::string> found;
  for (const auto& h : request.headers) {
    std::string lower = h.name;
    for (auto& c : lower) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower == name) {
      EXPECT_FALSE(found.has_value()) << "two " << name << " headers on " << request.url;
      found = h.value;
    }
  }
  return found;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

Response with_header(int status, std::string name, std::string value) {
  return make_response(status, "", {{std::move(name), std::move(value)}});
}

const auto k_start = FakeTransport::default_start();  // 2026-05-02T12:00:00Z

// ---------------------------------------------------------------- politeness

TEST(HttpClient, PacedHostRequestsStartAtLeastTheIntervalApart) {
  Server server;
  const std::string paced = "https://pypistats.org/api/packages/";
  std::vector<Request> requests;
  for (int i = 0; i < 40; ++i) {
    const std::string url = paced + std::to_string(i);
    server.script.add(url, {make_response(i % 7 == 0 ? 503 : 200, "{}"), make_response(200, "{}")});
    requests.push_back(get(url));
  }
  server.script.add("https://other.example/x", {make_response(200, "{}")});
  requests.push_back(get("https://other.example/x"));
  ClientOptions settings = options();
  settings.min_interval_per_host["pypistats.org"] = milliseconds(2000);
  settings.budget = seconds(3600);
  HttpClient client(server.transport(), settings);
  const auto results = client.fetch_all(requests);
  for (const auto& result : results) {
    EXPECT_TRUE(result.ok()) << result.error.message;
  }
  // Every request (retries included) to the paced host, in order of sending.
  std::vector<std::chrono::system_clock::time_point> paced_at;
  const auto sent = server.requests();
  const auto at = server.sent_at();
  ASSERT_EQ(sent.size(), at.size());
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (sent[i].url.starts_with(paced)) {
      paced_at.push_back(at[i]);
    }
  }
  ASSERT_EQ(paced_at.size(), 46U);  // 40 plus 6 retries of the 503s
  for (std::size_t i = 1; i < paced_at.size(); ++i) {
    EXPECT_GE(paced_at[i] - paced_at[i - 1], milliseconds(2000)) << "request " << i;
  }
  // The other host is not held back by the paced one.
  for (std::size_t i = 0; i < sent.size(); ++i) {
    if (sent[i].url == "https://other.example/x") {
      EXPECT_EQ(at[i], k_start);
    }
  }
}

// ------------------------------------------------------------------ retries

TEST(HttpClient, TransientFailuresAreRetriedWithGrowingBackoff) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url,
                    {make_response(503, ""), make_response(503, ""), make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(fetched.response.status, 200);
  EXPECT_EQ(fetched.response.body, "ok");
  EXPECT_EQ(server.count(url), 3U);
  EXPECT_EQ(client.stats().retries, 2U);
  EXPECT_EQ(client.stats().sent, 3U);
  const auto sleeps = server.sleeps();
  ASSERT_EQ(sleeps.size(), 2U);
  const ClientOptions defaults;
  // Equal jitter: attempt n waits between half and all of base·2^n.
  EXPECT_GE(sleeps[0], defaults.backoff_base);
  EXPECT_LE(sleeps[0], 2 * defaults.backoff_base);
  EXPECT_GE(sleeps[1], 2 * defaults.backoff_base);
  EXPECT_LE(sleeps[1], 4 * defaults.backoff_base);
  EXPECT_GE(sleeps[1], sleeps[0]);
}

TEST(HttpClient, BackoffStaysWithinTheCap) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {make_response(500, ""), make_response(502, ""), make_response(503, ""),
                          make_response(504, ""), make_response(408, ""), make_response(500, ""),
                          make_response(200, "ok")});
  ClientOptions settings = options();
  settings.max_attempts = 10;
  settings.backoff_base = milliseconds(500);
  settings.backoff_cap = milliseconds(2000);
  HttpClient client(server.transport(), settings);
  ASSERT_TRUE(client.fetch(get(url)).ok());
  const auto sleeps = server.sleeps();
  ASSERT_EQ(sleeps.size(), 6U);
  for (std::size_t i = 0; i < sleeps.size(); ++i) {
    EXPECT_LE(sleeps[i], milliseconds(2000)) << i;
    EXPECT_GE(sleeps[i], milliseconds(500)) << i;
  }
  for (std::size_t i = 2; i < sleeps.size(); ++i) {
    EXPECT_GE(sleeps[i], milliseconds(1000)) << i;  // capped at 2000, at least half of it
  }
}

TEST(HttpClient, RetryAfterInSecondsIsWaitedExactly) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {with_header(429, "retry-after", "2"), make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(2)});
  ASSERT_EQ(server.sent_at().size(), 2U);
  EXPECT_EQ(server.sent_at()[1] - server.sent_at()[0], seconds(2));
}

TEST(HttpClient, RetryAfterAsAnHttpDateIsWaitedUntil) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {with_header(503, "retry-after", "Sat, 02 May 2026 12:00:30 GMT"),
                          make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  ASSERT_TRUE(client.fetch(get(url)).ok());
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(30)});
}

TEST(HttpClient, SecondaryRateLimitIsRetriedAfterRetryAfter) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(
      url, {make_response(403, R"({"message":"secondary rate limit"})", {{"retry-after", "60"}}),
            make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(fetched.response.body, "ok");
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(60)});
  EXPECT_EQ(client.stats().retries, 1U);
}

TEST(HttpClient, PlainClientErrorsAreAnswersAndNotRetried) {
  for (const int status : {401, 403, 404, 422}) {
    Server server;
    const std::string url = k_api + "/repos/o/r/traffic/clones?per=day";
    server.script.add(url, {make_response(status, R"({"message":"no"})"), make_response(200, "")});
    HttpClient client(server.transport(), options());
    const Fetched fetched = client.fetch(get(url));
    EXPECT_FALSE(fetched.ok()) << status;
    EXPECT_EQ(fetched.error.message, "GET " + url + ": HTTP " + std::to_string(status));
    EXPECT_EQ(fetched.response.status, status);
    EXPECT_EQ(fetched.response.body, R"({"message":"no"})");
    EXPECT_EQ(fetched.error.code, status == 404 ? ErrorCode::not_found : ErrorCode::other);
    EXPECT_EQ(server.count(url), 1U) << status;
    EXPECT_TRUE(server.sleeps().empty()) << status;
    EXPECT_EQ(client.stats().retries, 0U);
  }
}

TEST(HttpClient, AnErrorNamesTheMethod) {
  Server server;
  const std::string url = k_api + "/graphql";
  server.script.add(url, {make_response(400, "")});
  HttpClient client(server.transport(), options());
  Request request = get(url);
  request.method = "POST";
  request.body = "{}";
  EXPECT_EQ(client.fetch(request).error.message, "POST " + url + ": HTTP 400");
}

TEST(HttpClient, TransportErrorsAreRetried) {
  Server server;
  const std::string url = k_api + "/a";
  Response refused;
  refused.error = "Couldn't connect to server";
  Response timeout;
  timeout.error = "Timeout was reached";
  timeout.timed_out = true;
  server.script.add(url, {refused, timeout, make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(server.count(url), 3U);
  EXPECT_EQ(client.stats().retries, 2U);
}

TEST(HttpClient, MaxAttemptsIsRespected) {
  Server server;
  const std::string url = k_api + "/a";
  Response refused;
  refused.error = "Couldn't connect to server";
  server.script.add(url, {refused});
  ClientOptions settings = options();
  settings.max_attempts = 3;
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(url));
  EXPECT_FALSE(fetched.ok());
  EXPECT_EQ(server.count(url), 3U);
  EXPECT_EQ(fetched.error.message,
            "GET " + url + ": Couldn't connect to server (gave up after 3 attempts)");
  EXPECT_EQ(server.sleeps().size(), 2U);

  Server other;
  other.script.add(url, {make_response(503, "")});
  settings.max_attempts = 1;
  HttpClient once(other.transport(), settings);
  EXPECT_EQ(once.fetch(get(url)).error.message,
            "GET " + url + ": HTTP 503 (gave up after 1 attempts)");
  EXPECT_EQ(other.count(url), 1U);
}

// ------------------------------------------------------------- rate limits

TEST(HttpClient, ASpentLimitMakesLaterRequestsToThatHostWaitForTheReset) {
  Server server;
  const auto reset = std::chrono::system_clock::to_time_t(k_start + seconds(90));
  server.script.add(k_api + "/a", {make_response(200, "a",
                                                 {{"x-ratelimit-remaining", "0"},
                                                  {"x-ratelimit-reset", std::to_string(reset)}})});
  server.script.add(k_api + "/b", {make_response(200, "b")});
  server.script.add("https://other.example.com/c", {make_response(200, "c")});
  HttpClient client(server.transport(), options());
  ASSERT_TRUE(client.fetch(get(k_api + "/a")).ok());
  EXPECT_TRUE(server.sleeps().empty());

  // Another host is not held up.
  ASSERT_TRUE(client.fetch(get("https://other.example.com/c")).ok());
  EXPECT_TRUE(server.sleeps().empty());

  const Fetched b = client.fetch(get(k_api + "/b"));
  ASSERT_TRUE(b.ok()) << b.error.message;
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(90)});
  ASSERT_EQ(server.sent_at().size(), 3U);
  EXPECT_EQ(server.sent_at()[2], k_start + seconds(90));
}

// GitHub counts its limit per credential: one installation's spent limit
// leaves another's requests to the same host free, and its own wait.
TEST(HttpClient, EachCredentialHasItsOwnRateLimit) {
  Server server;
  const auto reset = std::chrono::system_clock::to_time_t(k_start + seconds(90));
  server.script.add(k_api + "/a", {make_response(200, "a",
                                                 {{"x-ratelimit-remaining", "0"},
                                                  {"x-ratelimit-reset", std::to_string(reset)}})});
  server.script.add(k_api + "/b", {make_response(200, "b"), make_response(200, "b")});
  HttpClient client(server.transport(), options());
  client.set_credential("one", "t1", "api.github.com");
  client.set_credential("two", "t2", "api.github.com");
  const auto as = [](const std::string& url, const char* credential) {
    Request request = get(url);
    request.credential = credential;
    return request;
  };
  ASSERT_TRUE(client.fetch(as(k_api + "/a", "one")).ok());
  ASSERT_TRUE(client.fetch(as(k_api + "/b", "two")).ok());
  EXPECT_TRUE(server.sleeps().empty());
  ASSERT_TRUE(client.fetch(as(k_api + "/b", "one")).ok());
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(90)});
}

TEST(HttpClient, A403WithASpentLimitIsRetriedAtTheReset) {
  Server server;
  const std::string url = k_api + "/a";
  const auto reset = std::chrono::system_clock::to_time_t(k_start + seconds(45));
  server.script.add(url, {make_response(403, R"({"message":"API rate limit exceeded"})",
                                        {{"x-ratelimit-remaining", "0"},
                                         {"x-ratelimit-reset", std::to_string(reset)}}),
                          make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(45)});
}

TEST(HttpClient, AResetBeyondTheBudgetFailsTheRestOfThatHostOnly) {
  Server server;
  const auto reset = std::chrono::system_clock::to_time_t(k_start + std::chrono::hours(2));
  const std::vector<Header> spent{{"x-ratelimit-remaining", "0"},
                                  {"x-ratelimit-reset", std::to_string(reset)}};
  server.script.add(k_api + "/a", {make_response(403, "", spent)});
  server.script.add(k_api + "/b", {make_response(200, "b")});
  server.script.add(k_api + "/c", {make_response(200, "c")});
  server.script.add("https://other.example.com/d", {make_response(200, "d")});
  HttpClient client(server.transport(), options());

  const Fetched first = client.fetch(get(k_api + "/a"));
  EXPECT_FALSE(first.ok());
  EXPECT_EQ(first.error.code, ErrorCode::rate_limited);
  EXPECT_EQ(first.error.message, "GET " + k_api + "/a: rate limited until 14:00 UTC");
  EXPECT_EQ(server.count(k_api + "/a"), 1U);

  const auto rest =
      client.fetch_all({get(k_api + "/b"), get(k_api + "/c"), get("https://other.example.com/d")});
  ASSERT_EQ(rest.size(), 3U);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_FALSE(rest[i].ok());
    EXPECT_EQ(rest[i].error.code, ErrorCode::rate_limited);
    EXPECT_TRUE(contains(rest[i].error.message, "rate limited until 14:00 UTC"))
        << rest[i].error.message;
  }
  EXPECT_EQ(rest[0].error.message, "GET " + k_api + "/b: rate limited until 14:00 UTC");
  EXPECT_TRUE(rest[2].ok()) << rest[2].error.message;
  EXPECT_EQ(rest[2].response.body, "d");
  EXPECT_NE(rest[2].error.code, ErrorCode::rate_limited);
  // Nothing more went to the spent host, and nobody waited.
  EXPECT_EQ(server.count(k_api + "/b"), 0U);
  EXPECT_EQ(server.count(k_api + "/c"), 0U);
  EXPECT_TRUE(server.sleeps().empty());
}

TEST(HttpClient, A429BeyondTheBudgetIsRateLimitedNeverAZero) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {with_header(429, "retry-after", "3600"), make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  EXPECT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error.code, ErrorCode::rate_limited);
  EXPECT_EQ(fetched.error.message, "GET " + url + ": rate limited until 13:00 UTC");
  EXPECT_EQ(server.count(url), 1U);
}

TEST(HttpClient, A429ThatOutlastsTheAttemptsIsRateLimited) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {with_header(429, "retry-after", "1")});
  ClientOptions settings = options();
  settings.max_attempts = 2;
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(url));
  EXPECT_EQ(fetched.error.message, "GET " + url + ": HTTP 429 (gave up after 2 attempts)");
  EXPECT_EQ(fetched.error.code, ErrorCode::rate_limited);
  EXPECT_EQ(server.count(url), 2U);
}

TEST(HttpClient, ARetryThatWouldExceedTheBudgetFailsWithTheReason) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {with_header(503, "retry-after", "60"), make_response(200, "ok")});
  ClientOptions settings = options();
  settings.budget = seconds(10);
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(url));
  EXPECT_FALSE(fetched.ok());
  EXPECT_NE(fetched.error.code, ErrorCode::rate_limited);
  EXPECT_EQ(fetched.error.message,
            "GET " + url + ": HTTP 503 (a retry would exceed the time budget)");
  EXPECT_EQ(server.count(url), 1U);
  EXPECT_TRUE(server.sleeps().empty());
}

TEST(HttpClient, AllWaitingStaysWithinTheBudget) {
  Server server;
  const std::string url = k_api + "/a";
  server.script.add(url, {make_response(503, "")});
  ClientOptions settings = options();
  settings.budget = seconds(5);
  settings.max_attempts = 20;
  settings.backoff_base = milliseconds(400);
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(url));
  EXPECT_FALSE(fetched.ok());
  EXPECT_TRUE(contains(fetched.error.message, "a retry would exceed the time budget"))
      << fetched.error.message;
  EXPECT_LE(server.transport().total_slept(), seconds(5));
  EXPECT_GE(server.count(url), 3U);
  EXPECT_LT(server.count(url), 20U);
}

// ------------------------------------------------------------------ token

TEST(HttpClient, TheTokenGoesOnlyToItsHost) {
  Server server;
  const std::vector<std::string> urls{
      k_api + "/a",
      "https://API.GitHub.com/b",
      "https://example.com/c",
      "https://api.github.com.evil.example/d",
      "https://api.github.com@evil.example/e",
      "http://api.github.com:8080/f",
      "https://uploads.github.com/g",
  };
  for (const auto& url : urls) {
    server.script.add(url, {make_response(200, "")});
  }
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  std::vector<Request> requests;
  for (const auto& url : urls) {
    requests.push_back(get(url));
  }
  for (const auto& fetched : client.fetch_all(requests)) {
    EXPECT_TRUE(fetched.ok()) << fetched.error.message;
  }
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), urls.size());
  for (const auto& request : sent) {
    const bool own = request.url == urls[0] || request.url == urls[1];
    EXPECT_EQ(header(request, "authorization"),
              own ? std::optional<std::string>("Bearer " + k_token) : std::nullopt)
        << request.url;
  }
}

// A named credential (a GitHub App's installation token) follows the
// token's rules: its own host only, never in a message, its old value
// either once it is renewed.
TEST(HttpClient, ANamedCredentialGoesOnlyToItsHostAndIsRedactedOldValuesToo) {
  Server server;
  server.script.add(k_api + "/a", {make_response(200, ""), make_response(200, "")});
  server.script.add("https://example.com/b", {make_response(200, "")});
  server.script.add(k_api + "/c", {make_response(503, "")});
  ClientOptions settings = options();
  settings.max_attempts = 1;
  HttpClient client(server.transport(), settings);
  client.set_credential("installation-1", "ghs_first", "api.github.com");
  Request own = get(k_api + "/a");
  own.credential = "installation-1";
  Request other = get("https://example.com/b");
  other.credential = "installation-1";
  ASSERT_TRUE(client.fetch(own).ok());
  ASSERT_TRUE(client.fetch(other).ok());
  client.set_credential("installation-1", "ghs_second", "api.github.com");
  ASSERT_TRUE(client.fetch(own).ok());
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(header(sent[0], "authorization"), "Bearer ghs_first");
  EXPECT_EQ(header(sent[1], "authorization"), std::nullopt);
  EXPECT_EQ(header(sent[2], "authorization"), "Bearer ghs_second");
  EXPECT_EQ(client.redact("ghs_first ghs_second"), "[redacted] [redacted]");
  // A request naming no credential carries none (the client has no token).
  Request plain = get(k_api + "/c");
  EXPECT_FALSE(client.fetch(plain).ok());
  EXPECT_EQ(header(server.requests().back(), "authorization"), std::nullopt);
}

TEST(HttpClient, TheTokenNeedsTlsUnlessItsHostIsThisMachine) {
  Server server;
  server.script.add("http://api.github.com/a", {make_response(200, "")});
  server.script.add(k_api + "/b", {with_header(301, "location", "http://api.github.com/c")});
  server.script.add("http://api.github.com/c", {make_response(200, "")});
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  ASSERT_TRUE(client.fetch(get("http://api.github.com/a")).ok());
  ASSERT_TRUE(client.fetch(get(k_api + "/b")).ok());
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(header(sent[0], "authorization"), std::nullopt);
  EXPECT_EQ(header(sent[1], "authorization"), "Bearer " + k_token);
  EXPECT_EQ(header(sent[2], "authorization"), std::nullopt);  // redirected to plain http

  Server local;
  local.script.add("http://127.0.0.1:8080/a", {make_response(200, "")});
  settings.token_host = "127.0.0.1:8080";
  HttpClient local_client(local.transport(), settings);
  ASSERT_TRUE(local_client.fetch(get("http://127.0.0.1:8080/a")).ok());
  EXPECT_EQ(header(local.requests().at(0), "authorization"), "Bearer " + k_token);
}

TEST(HttpClient, NamesThatOnlyLookLocalGetNoTokenOverPlainHttp) {
  for (const std::string host : {"127.example.com", "localhost.example.com", "127.0.0.1.nip.io"}) {
    Server server;
    server.script.add("http://" + host + "/a", {make_response(200, "")});
    ClientOptions settings = options();
    settings.token = k_token;
    settings.token_host = host;
    HttpClient client(server.transport(), settings);
    ASSERT_TRUE(client.fetch(get("http://" + host + "/a")).ok());
    EXPECT_EQ(header(server.requests().at(0), "authorization"), std::nullopt) << host;
  }
}

TEST(HttpClient, ACallersAuthorizationHeaderIsNeverPassedOn) {
  Server server;
  server.script.add("https://example.com/a", {make_response(200, "")});
  server.script.add(k_api + "/b", {make_response(200, "")});
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  for (const std::string name : {"Authorization", "authorization", "AUTHORIZATION"}) {
    Request to_other = get("https://example.com/a");
    to_other.headers.push_back(Header{name, "Bearer stolen"});
    Request to_own = get(k_api + "/b");
    to_own.headers.push_back(Header{name, "Bearer other"});
    ASSERT_TRUE(client.fetch(to_other).ok());
    ASSERT_TRUE(client.fetch(to_own).ok());
  }
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 6U);
  for (std::size_t i = 0; i < sent.size(); i += 2) {
    EXPECT_EQ(header(sent[i], "authorization"), std::nullopt);
    EXPECT_EQ(header(sent[i + 1], "authorization"), "Bearer " + k_token);
  }
}

TEST(HttpClient, WithoutATokenNothingIsAttached) {
  Server server;
  server.script.add(k_api + "/a", {make_response(200, "")});
  ClientOptions settings = options();
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  ASSERT_TRUE(client.fetch(get(k_api + "/a")).ok());
  EXPECT_EQ(header(server.requests().at(0), "authorization"), std::nullopt);
}

TEST(HttpClient, ARedirectToAnotherHostDropsTheToken) {
  Server server;
  const std::string blob = "https://objects.example.com/blob?sig=1";
  server.script.add(k_api + "/asset", {with_header(302, "location", blob)});
  server.script.add(blob, {make_response(200, "bytes")});
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(k_api + "/asset"));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(fetched.response.body, "bytes");
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 2U);
  EXPECT_EQ(header(sent[0], "authorization"), "Bearer " + k_token);
  EXPECT_EQ(sent[1].url, blob);
  EXPECT_EQ(header(sent[1], "authorization"), std::nullopt);
}

TEST(HttpClient, ARedirectThatComesBackToTheTokenHostGetsItAgain) {
  Server server;
  server.script.add(k_api + "/a", {with_header(301, "location", "https://example.com/b")});
  server.script.add("https://example.com/b", {with_header(307, "location", k_api + "/c")});
  server.script.add(k_api + "/c", {with_header(308, "location", "/d")});
  server.script.add(k_api + "/d", {make_response(200, "d")});
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(k_api + "/a"));
  ASSERT_TRUE(fetched.ok()) << fetched.error.message;
  EXPECT_EQ(fetched.response.body, "d");
  const auto sent = server.requests();
  ASSERT_EQ(sent.size(), 4U);
  EXPECT_TRUE(header(sent[0], "authorization").has_value());
  EXPECT_FALSE(header(sent[1], "authorization").has_value());
  EXPECT_TRUE(header(sent[2], "authorization").has_value());
  EXPECT_EQ(sent[3].url, k_api + "/d");
  EXPECT_TRUE(header(sent[3], "authorization").has_value());
}

TEST(HttpClient, TheRedirectChainIsLimited) {
  Server server;
  for (int i = 0; i < 10; ++i) {
    server.script.add(k_api + "/r" + std::to_string(i),
                      {with_header(302, "location", "/r" + std::to_string(i + 1))});
  }
  ClientOptions settings = options();
  settings.max_redirects = 3;
  HttpClient client(server.transport(), settings);
  const Fetched fetched = client.fetch(get(k_api + "/r0"));
  EXPECT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.error.message, "GET " + k_api + "/r3: more than 3 redirects");
  EXPECT_EQ(server.requests().size(), 4U);

  // Exactly at the limit is fine.
  Server within;
  for (int i = 0; i < 3; ++i) {
    within.script.add(k_api + "/r" + std::to_string(i),
                      {with_header(302, "location", "/r" + std::to_string(i + 1))});
  }
  within.script.add(k_api + "/r3", {make_response(200, "end")});
  HttpClient ok_client(within.transport(), settings);
  const Fetched ended = ok_client.fetch(get(k_api + "/r0"));
  ASSERT_TRUE(ended.ok()) << ended.error.message;
  EXPECT_EQ(ended.response.body, "end");
}

TEST(HttpClient, ARedirectLoopEndsAtTheLimit) {
  Server server;
  server.script.add(k_api + "/a", {with_header(302, "location", "/b")});
  server.script.add(k_api + "/b", {with_header(302, "location", "/a")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(k_api + "/a"));
  EXPECT_FALSE(fetched.ok());
  EXPECT_TRUE(contains(fetched.error.message, "more than 5 redirects")) << fetched.error.message;
  EXPECT_EQ(server.requests().size(), 6U);
}

// ------------------------------------------------------- conditional requests

TEST(HttpClient, ConditionalRequestsAnswer304FromTheEtagCache) {
  TempDir dir;
  const std::string url = k_api + "/repos/o/r/traffic/clones?per=day";
  FakeTransport fake([](const Request& request) {
    for (const auto& h : request.headers) {
      if (h.name == "If-None-Match" && h.value == "\"v1\"") {
        return make_response(304, "", {{"etag", "\"v1\""}});
      }
    }
    return make_response(200, R"({"count":3})", {{"etag", "\"v1\""}});
  });
  {
    EtagCache etags(dir / "etags.json");
    HttpClient client(fake, options(), &etags);
    const Fetched first = client.fetch(get(url));
    ASSERT_TRUE(first.ok()) << first.error.message;
    EXPECT_FALSE(first.from_cache);
    EXPECT_EQ(first.response.body, R"({"count":3})");
    EXPECT_EQ(header(fake.requests().at(0), "if-none-match"), std::nullopt);
    ASSERT_TRUE(etags.find(url).has_value());
    EXPECT_EQ(etags.find(url)->etag, "\"v1\"");

    const Fetched second = client.fetch(get(url));
    ASSERT_TRUE(second.ok()) << second.error.message;
    EXPECT_TRUE(second.from_cache);
    EXPECT_EQ(second.response.status, 200);
    EXPECT_EQ(second.response.body, R"({"count":3})");
    EXPECT_EQ(header(fake.requests().at(1), "if-none-match"), "\"v1\"");
    EXPECT_EQ(client.stats().not_modified, 1U);
    EXPECT_EQ(client.stats().sent, 2U);
    EXPECT_EQ(client.stats().retries, 0U);
    ASSERT_TRUE(etags.save().ok());
  }
  // The saved cache serves the next run.
  EtagCache reloaded(dir / "etags.json");
  HttpClient client(fake, options(), &reloaded);
  const Fetched third = client.fetch(get(url));
  EXPECT_TRUE(third.from_cache);
  EXPECT_EQ(third.response.body, R"({"count":3})");
  EXPECT_EQ(header(fake.requests().at(2), "if-none-match"), "\"v1\"");
}

TEST(HttpClient, A304WithoutALinkHeaderKeepsTheCachedOneSoPaginationGoesOn) {
  TempDir dir;
  const std::string url = k_api + "/orgs/o/repos?per_page=100";
  const std::string next = "<" + k_api + "/orgs/o/repos?per_page=100&page=2>; rel=\"next\"";
  FakeTransport fake([&](const Request& request) {
    for (const auto& h : request.headers) {
      if (h.name == "If-None-Match") {
        return make_response(304, "", {{"etag", "\"v1\""}});  // a proxy dropped `link`
      }
    }
    return make_response(200, "[]", {{"etag", "\"v1\""}, {"link", next}});
  });
  {
    EtagCache etags(dir / "etags.json");
    HttpClient client(fake, options(), &etags);
    ASSERT_TRUE(client.fetch(get(url)).ok());
    ASSERT_TRUE(etags.save().ok());
  }
  EtagCache reloaded(dir / "etags.json");
  HttpClient client(fake, options(), &reloaded);
  const Fetched again = client.fetch(get(url));
  ASSERT_TRUE(again.ok()) << again.error.message;
  EXPECT_TRUE(again.from_cache);
  EXPECT_EQ(again.response.header("link"), next);
}

TEST(EtagCache, KeepsOnlyWhatTheRunAskedFor) {
  TempDir dir;
  {
    EtagCache etags(dir / "etags.json");
    etags.store("https://a/1", {"\"1\"", "one", ""});
    etags.store("https://a/2", {"\"2\"", "two", ""});
    ASSERT_TRUE(etags.save().ok());
  }
  {
    EtagCache etags(dir / "etags.json");
    ASSERT_TRUE(etags.find("https://a/2").has_value());  // the only URL of this run
    ASSERT_TRUE(etags.save().ok());
  }
  EtagCache etags(dir / "etags.json");
  EXPECT_FALSE(etags.find("https://a/1").has_value());
  ASSERT_TRUE(etags.find("https://a/2").has_value());
  EXPECT_EQ(etags.find("https://a/2")->body, "two");
}

TEST(HttpClient, WithoutAnEtagCacheNothingIsConditional) {
  Server server;
  server.script.add(k_api + "/a", {make_response(200, "a", {{"etag", "\"v1\""}})});
  HttpClient client(server.transport(), options());
  ASSERT_TRUE(client.fetch(get(k_api + "/a")).ok());
  ASSERT_TRUE(client.fetch(get(k_api + "/a")).ok());
  for (const auto& request : server.requests()) {
    EXPECT_EQ(header(request, "if-none-match"), std::nullopt);
  }
  EXPECT_EQ(client.stats().not_modified, 0U);
}

// ------------------------------------------------------------- redaction, jitter

TEST(HttpClient, RedactHidesTheToken) {
  Server server;
  ClientOptions settings = options();
  settings.token = k_token;
  settings.token_host = "api.github.com";
  HttpClient client(server.transport(), settings);
  EXPECT_EQ(client.redact("Authorization: Bearer " + k_token + " and " + k_token + k_token),
            "Authorization: Bearer [redacted] and [redacted][redacted]");
  EXPECT_EQ(client.redact("nothing secret"), "nothing secret");

  // An error that would quote the token does not.
  Response echo;
  echo.error = "proxy refused Bearer " + k_token;
  server.script.add(k_api + "/a", {echo});
  const Fetched fetched = client.fetch(get(k_api + "/a"));
  EXPECT_FALSE(fetched.ok());
  EXPECT_FALSE(contains(fetched.error.message, k_token)) << fetched.error.message;
  EXPECT_TRUE(contains(fetched.error.message, "[redacted]")) << fetched.error.message;

  HttpClient tokenless(server.transport(), options());
  EXPECT_EQ(tokenless.redact("text"), "text");
}

// Regression: a token that occurs inside "[redacted]" made redact loop forever.
TEST(HttpClient, RedactEndsWhenTheTokenIsPartOfTheReplacement) {
  Server server;
  for (const std::string token : {"redact", "d", "[redacted]", "]"}) {
    ClientOptions settings = options();
    settings.token = token;
    settings.token_host = "api.github.com";
    HttpClient client(server.transport(), settings);
    const std::string redacted = client.redact("a " + token + " b");
    EXPECT_EQ(redacted, "a [redacted] b") << token;
  }
}

TEST(HttpClient, AJitterSeedMakesBackoffDeterministic) {
  const auto sleeps_with = [](std::uint64_t seed) {
    Server server;
    server.script.add(k_api + "/a", {make_response(503, "")});
    ClientOptions settings = options(seed);
    settings.max_attempts = 6;
    HttpClient client(server.transport(), settings);
    (void)client.fetch(get(k_api + "/a"));
    return server.sleeps();
  };
  const auto first = sleeps_with(42);
  EXPECT_EQ(first.size(), 5U);
  EXPECT_EQ(sleeps_with(42), first);
  EXPECT_NE(sleeps_with(43), first);
}

TEST(HttpClient, ConcurrentRequestsShareOneWait) {
  Server server;
  std::vector<Request> requests;
  for (int i = 0; i < 5; ++i) {
    const std::string url = k_api + "/" + std::to_string(i);
    server.script.add(url, {with_header(503, "retry-after", "5"), make_response(200, "ok")});
    requests.push_back(get(url));
  }
  HttpClient client(server.transport(), options());
  for (const auto& fetched : client.fetch_all(requests)) {
    EXPECT_TRUE(fetched.ok()) << fetched.error.message;
  }
  // All five answered at once and wait together: one sleep, not five.
  EXPECT_EQ(server.sleeps(), std::vector<milliseconds>{seconds(5)});
  EXPECT_EQ(client.stats().sent, 10U);
}

TEST(FormatUtcTime, IsHoursAndMinutes) {
  EXPECT_EQ(format_utc_time(k_start + std::chrono::minutes(65) + seconds(59), k_start),
            "13:05 UTC");
}

TEST(FormatUtcTime, ARateLimitResetOnAnotherDayGivesTheDate) {
  EXPECT_EQ(format_utc_time(k_start + std::chrono::hours(24 * 3), k_start), "2026-05-05 12:00 UTC");
  EXPECT_EQ(format_utc_time(k_start + std::chrono::hours(12), k_start), "2026-05-03 00:00 UTC");
}

TEST(HttpClient, ARateLimitResetDaysAwayIsReportedWithItsDate) {
  Server server;
  const auto reset = std::chrono::system_clock::to_time_t(k_start + std::chrono::hours(24 * 3));
  server.script.add(k_api + "/a", {make_response(403, "",
                                                 {{"x-ratelimit-remaining", "0"},
                                                  {"x-ratelimit-reset", std::to_string(reset)}})});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(k_api + "/a"));
  EXPECT_EQ(fetched.error.message, "GET " + k_api + "/a: rate limited until 2026-05-05 12:00 UTC");
}

TEST(HttpClient, EveryRequestIsBoundByWhatIsLeftOfTheBudget) {
  Server server;
  const std::string url = k_api + "/slow";
  server.script.add(url, {make_response(503, ""), make_response(200, "ok")});
  ClientOptions settings = options();
  settings.budget = std::chrono::seconds(20);
  HttpClient client(server.transport(), settings);
  EXPECT_TRUE(client.fetch(get(url)).ok());
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2U);
  ASSERT_TRUE(requests[0].timeout.has_value());
  EXPECT_EQ(*requests[0].timeout, std::chrono::seconds(20));
  // The second attempt has only what the backoff left.
  ASSERT_TRUE(requests[1].timeout.has_value());
  EXPECT_LT(*requests[1].timeout, std::chrono::seconds(20));
  EXPECT_EQ(*requests[1].timeout, std::chrono::seconds(20) - server.sleeps().front());
}

TEST(HttpClient, APermanentTransportFailureIsNotRetried) {
  Server server;
  const std::string url = k_api + "/gone";
  Response broken;
  broken.error = "unreadable recording";
  broken.permanent = true;
  server.script.add(url, {broken, make_response(200, "ok")});
  HttpClient client(server.transport(), options());
  const Fetched fetched = client.fetch(get(url));
  EXPECT_FALSE(fetched.ok());
  EXPECT_EQ(server.count(url), 1U);
  EXPECT_TRUE(server.sleeps().empty());
}

TEST(HttpClient, AResponseThatEchoesTheTokenIsNotCached) {
  TempDir dir;
  const std::string token = "ghp_EchoedInEtag0123";
  const std::string url = k_api + "/repos/o/r";
  for (const auto& headers : std::vector<std::vector<Header>>{
           {{"etag", "\"" + token + "\""}},
           {{"etag", "\"v1\""}, {"link", "<" + k_api + "/?t=" + token + ">; rel=\"next\""}}}) {
    FakeTransport fake([&](const Request&) { return make_response(200, "{}", headers); });
    EtagCache etags(dir / "etags.json");
    ClientOptions settings = options();
    settings.token = token;
    settings.token_host = "api.github.com";
    HttpClient client(fake, settings, &etags);
    EXPECT_TRUE(client.fetch(get(url)).ok());
    EXPECT_FALSE(etags.find(url).has_value());
    ASSERT_TRUE(etags.save().ok());
    EXPECT_FALSE(contains(read_file(dir / "etags.json"), token));
  }
  // A body that echoes it is not kept either.
  FakeTransport fake([&](const Request&) {
    return make_response(200, "{\"you_sent\": \"" + token + "\"}", {{"etag", "\"v2\""}});
  });
  EtagCache etags(dir / "etags.json");
  ClientOptions settings = options();
  settings.token = token;
  settings.token_host = "api.github.com";
  HttpClient client(fake, settings, &etags);
  EXPECT_TRUE(client.fetch(get(url)).ok());
  EXPECT_FALSE(etags.find(url).has_value());
}

TEST(EtagCache, AnEntryHoldingAKnownSecretIsNeitherLoadedNorSentBack) {
  TempDir dir;
  const std::string token = "ghp_OldCacheFile0123";
  write_file(dir / "etags.json", "{\"format\": \"odometer-etags\", \"entries\": {\"" + k_api +
                                     "/a\": {\"etag\": \"" + token + "\", \"body\": \"{}\"}, \"" +
                                     k_api +
                                     "/b\": {\"etag\": \"\\\"v1\\\"\", \"body\": \"{}\"}}}\n");
  remember_secret(token);
  EtagCache etags(dir / "etags.json");
  EXPECT_FALSE(etags.find(k_api + "/a").has_value());
  EXPECT_TRUE(etags.find(k_api + "/b").has_value());
}

}  // namespace
}  // namespace odometer
