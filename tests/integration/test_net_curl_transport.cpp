// The real libcurl transport against local cpp-httplib servers on
// 127.0.0.1: methods, bodies and statuses, lowercase response headers,
// compressed responses decoded, the User-Agent, the per-host limit on
// requests in flight, redirects left to the caller, a refused connection,
// and — through HttpClient — a token that does not follow a redirect to
// another host.

#include "net/curl_transport.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/client.hpp"
#include "odometer/version.hpp"
#include "support/local_server.hpp"

namespace odometer {
namespace {

using testing::LocalServer;

Request request(std::string method, std::string url, std::string body = {}) {
  Request out;
  out.method = std::move(method);
  out.url = std::move(url);
  out.body = std::move(body);
  return out;
}

// Compresses text into a gzip member.
std::string gzip(const std::string& text) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY),
            Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(text.size())) + 32, '\0');
  // zlib's API takes non-const pointers; deflate does not write the input.
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));  // NOLINT
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());  // NOLINT
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

// A port on 127.0.0.1 that nothing listens on (bound, then released).
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  // The sockets API takes sockaddr*; sockaddr_in is its IPv4 form.
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), size), 0);          // NOLINT
  EXPECT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);  // NOLINT
  close(fd);
  return ntohs(address.sin_port);
}

std::string text_of(std::size_t size) {
  std::string out;
  for (std::size_t i = 0; out.size() < size; ++i) {
    out += "line " + std::to_string(i) + " of a long and very repetitive body\n";
  }
  out.resize(size);
  return out;
}

TEST(CurlTransport, GetAndPostBodiesAndStatus) {
  LocalServer server;
  server.http().Get("/hello", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello, world", "text/plain");
  });
  server.http().Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 201;
    res.set_content("got " + req.body + " as " + req.get_header_value("Content-Type"),
                    "text/plain");
  });
  server.http().Delete("/thing", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 204;
    res.set_header("X-Method", req.method);
  });
  server.http().Get("/missing", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"message":"Not Found"})", "application/json");
  });
  server.start();
  auto transport = make_curl_transport({});

  Request post = request("POST", server.url("/echo"), R"({"a":1})");
  post.headers.push_back(Header{"Content-Type", "application/json"});
  const auto responses = transport->send({request("GET", server.url("/hello")), post,
                                          request("DELETE", server.url("/thing")),
                                          request("GET", server.url("/missing"))});
  ASSERT_EQ(responses.size(), 4U);
  EXPECT_EQ(responses[0].status, 200);
  EXPECT_EQ(responses[0].body, "hello, world");
  EXPECT_EQ(responses[0].error, "");
  EXPECT_EQ(responses[1].status, 201);
  EXPECT_EQ(responses[1].body, R"(got {"a":1} as application/json)");
  EXPECT_EQ(responses[2].status, 204);
  EXPECT_EQ(responses[2].header("x-method"), "DELETE");
  EXPECT_EQ(responses[2].body, "");
  EXPECT_EQ(responses[3].status, 404);
  EXPECT_EQ(responses[3].body, R"({"message":"Not Found"})");
  EXPECT_EQ(responses[3].error, "");  // an HTTP error is an answer, not a transport failure
  EXPECT_TRUE(transport->send({}).empty());
}

TEST(CurlTransport, RequestHeadersAreSentAndResponseHeadersLowercased) {
  LocalServer server;
  std::mutex mutex;
  httplib::Headers seen;
  server.http().Get("/h", [&](const httplib::Request& req, httplib::Response& res) {
    {
      const std::lock_guard lock(mutex);
      seen = req.headers;
    }
    res.set_header("X-RateLimit-Remaining", "4999");
    res.set_header("ETag", "W/\"abc\"");
    res.set_header("Link", "<http://x/?page=2>; rel=\"next\"");
    res.set_content("{}", "application/json");
  });
  server.start();
  auto transport = make_curl_transport({});
  Request get = request("GET", server.url("/h"));
  get.headers = {{"Accept", "application/vnd.github+json"}, {"X-GitHub-Api-Version", "2022-11-28"}};
  const Response response = transport->send({get}).at(0);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.header("x-ratelimit-remaining"), "4999");
  EXPECT_EQ(response.header("etag"), "W/\"abc\"");
  EXPECT_EQ(response.header("link"), "<http://x/?page=2>; rel=\"next\"");
  EXPECT_EQ(response.header("content-type"), "application/json");
  for (const auto& header : response.headers) {
    EXPECT_TRUE(std::none_of(header.name.begin(), header.name.end(), [](char c) {
      return c >= 'A' && c <= 'Z';
    })) << header.name;
    EXPECT_FALSE(header.value.ends_with("\r")) << header.name;
  }
  const std::lock_guard lock(mutex);
  EXPECT_EQ(seen.find("Accept")->second, "application/vnd.github+json");
  EXPECT_EQ(seen.find("X-GitHub-Api-Version")->second, "2022-11-28");
}

TEST(CurlTransport, GzipResponsesAreDecoded) {
  const std::string body = text_of(200'000);
  const std::string compressed = gzip(body);
  ASSERT_LT(compressed.size(), body.size() / 4);
  LocalServer server;
  std::atomic<bool> accepted_gzip{false};
  server.http().Get("/gz", [&](const httplib::Request& req, httplib::Response& res) {
    accepted_gzip = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
    // application/octet-stream: httplib compresses nothing itself, so the
    // bytes on the wire are exactly these.
    res.set_header("Content-Encoding", "gzip");
    res.set_content(compressed, "application/octet-stream");
  });
  server.start();
  auto transport = make_curl_transport({});
  const Response response = transport->send({request("GET", server.url("/gz"))}).at(0);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_TRUE(accepted_gzip);
  EXPECT_EQ(response.header("content-encoding"), "gzip");
  EXPECT_EQ(response.body.size(), body.size());
  EXPECT_EQ(response.body, body);
}

TEST(CurlTransport, WhateverEncodingTheServerPicksIsDecoded) {
  // httplib compresses JSON itself with the best encoding the client
  // offers (brotli or gzip here).
  const std::string body = text_of(50'000);
  LocalServer server;
  server.http().Get("/json", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  });
  server.start();
  auto transport = make_curl_transport({});
  const Response response = transport->send({request("GET", server.url("/json"))}).at(0);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_TRUE(response.header("content-encoding").has_value());
  EXPECT_EQ(response.body, body);
}

TEST(CurlTransport, TheUserAgentNamesOdometerAndItsVersion) {
  LocalServer server;
  std::mutex mutex;
  std::vector<std::string> agents;
  server.http().Get("/ua", [&](const httplib::Request& req, httplib::Response& res) {
    const std::lock_guard lock(mutex);
    agents.push_back(req.get_header_value("User-Agent"));
    res.set_content("ok", "text/plain");
  });
  server.start();
  {
    auto transport = make_curl_transport({});
    ASSERT_EQ(transport->send({request("GET", server.url("/ua"))}).at(0).status, 200);
  }
  {
    CurlTransportOptions options;
    options.user_agent = "odometer-test/1 (+https://example.com)";
    auto transport = make_curl_transport(options);
    ASSERT_EQ(transport->send({request("GET", server.url("/ua"))}).at(0).status, 200);
  }
  const std::lock_guard lock(mutex);
  ASSERT_EQ(agents.size(), 2U);
  EXPECT_EQ(agents[0], std::string("odometer/") + k_version);
  EXPECT_EQ(agents[1], "odometer-test/1 (+https://example.com)");
}

// The server counts handlers running at once; each takes 50 ms.
struct ConcurrencyProbe {
  std::atomic<int> now{0};
  std::atomic<int> max{0};
  std::atomic<int> served{0};

  void handle() {
    const int running = ++now;
    int seen = max.load();
    while (running > seen && !max.compare_exchange_weak(seen, running)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    --now;
    ++served;
  }
};

TEST(CurlTransport, NeverMoreThanTheLimitInFlightPerHost) {
  LocalServer server;
  ConcurrencyProbe probe;
  server.http().Get(R"(/slow/(\d+))", [&](const httplib::Request& req, httplib::Response& res) {
    probe.handle();
    res.set_content(req.matches[1].str(), "text/plain");
  });
  server.start();
  CurlTransportOptions options;
  options.default_in_flight_per_host = 16;
  options.in_flight_per_host[server.host()] = 4;
  auto transport = make_curl_transport(options);
  std::vector<Request> requests;
  requests.reserve(40);
  for (int i = 0; i < 40; ++i) {
    requests.push_back(request("GET", server.url("/slow/" + std::to_string(i))));
  }
  const auto started = std::chrono::steady_clock::now();
  const auto responses = transport->send(requests);
  const auto took = std::chrono::steady_clock::now() - started;
  ASSERT_EQ(responses.size(), 40U);
  for (std::size_t i = 0; i < responses.size(); ++i) {
    EXPECT_EQ(responses[i].status, 200) << responses[i].error;
    EXPECT_EQ(responses[i].body, std::to_string(i));  // in request order
  }
  EXPECT_EQ(probe.served.load(), 40);
  EXPECT_LE(probe.max.load(), 4);
  EXPECT_GT(probe.max.load(), 1);
  // 40 requests of 50 ms, 4 at a time: at least 10 rounds.
  EXPECT_GE(took, std::chrono::milliseconds(500));
}

// Regression: the worker admitted a waiting request only after its poll, and
// with nothing left running the poll slept its whole second — so with a
// limit of 1 every request after the first cost an extra second.
TEST(CurlTransport, AFreedSlotIsTakenAtOnce) {
  LocalServer server;
  ConcurrencyProbe probe;
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    probe.handle();
    res.set_content("ok", "text/plain");
  });
  server.start();
  CurlTransportOptions options;
  options.default_in_flight_per_host = 1;
  auto transport = make_curl_transport(options);
  const std::vector<Request> requests(10, request("GET", server.url("/slow")));
  const auto started = std::chrono::steady_clock::now();
  for (const auto& response : transport->send(requests)) {
    EXPECT_EQ(response.status, 200) << response.error;
  }
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(probe.max.load(), 1);
  EXPECT_GE(took, std::chrono::milliseconds(500));
  EXPECT_LT(took, std::chrono::milliseconds(2500));  // 10 × 50 ms; it was over 9 s
}

TEST(CurlTransport, TheLimitHoldsAcrossCallersOnSeveralThreads) {
  LocalServer server;
  ConcurrencyProbe probe;
  server.http().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    probe.handle();
    res.set_content("ok", "text/plain");
  });
  server.start();
  CurlTransportOptions options;
  options.default_in_flight_per_host = 3;
  auto transport = make_curl_transport(options);
  std::atomic<int> ok{0};
  {
    std::vector<std::jthread> callers;
    callers.reserve(4);
    for (int t = 0; t < 4; ++t) {
      callers.emplace_back([&] {
        const std::vector<Request> requests(6, request("GET", server.url("/slow")));
        for (const auto& response : transport->send(requests)) {
          ok += response.status == 200 ? 1 : 0;
        }
      });
    }
  }
  EXPECT_EQ(ok.load(), 24);
  EXPECT_LE(probe.max.load(), 3);
  EXPECT_GT(probe.max.load(), 1);
}

TEST(CurlTransport, RedirectsAreNotFollowed) {
  LocalServer server;
  std::atomic<int> target_hits{0};
  server.http().Get("/old", [](const httplib::Request&, httplib::Response& res) {
    res.set_redirect("/new", 302);
  });
  server.http().Get("/new", [&](const httplib::Request&, httplib::Response& res) {
    ++target_hits;
    res.set_content("new", "text/plain");
  });
  server.start();
  auto transport = make_curl_transport({});
  const Response response = transport->send({request("GET", server.url("/old"))}).at(0);
  EXPECT_EQ(response.status, 302);
  EXPECT_EQ(response.header("location"), "/new");
  EXPECT_EQ(response.error, "");
  EXPECT_EQ(target_hits.load(), 0);
}

TEST(CurlTransport, ARefusedConnectionIsStatusZeroWithAnError) {
  auto transport = make_curl_transport({});
  const std::string url = "http://127.0.0.1:" + std::to_string(closed_port()) + "/x";
  const Response response = transport->send({request("GET", url)}).at(0);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.error.empty());
  EXPECT_FALSE(response.timed_out);
  EXPECT_TRUE(response.body.empty());
}

TEST(CurlTransport, ABodyCutShortIsAnError) {
  LocalServer server;
  server.http().Get("/cut", [](const httplib::Request&, httplib::Response& res) {
    res.set_content_provider(1000, "application/json",
                             [](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                               if (offset > 0) {
                                 return false;  // drop the connection halfway
                               }
                               const std::string half(500, ' ');
                               sink.write(half.data(), half.size());
                               return true;
                             });
  });
  server.start();
  auto transport = make_curl_transport({});
  const Response response = transport->send({request("GET", server.url("/cut"))}).at(0);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.error.empty());
}

TEST(CurlTransport, AnUnsupportedSchemeIsAnErrorNotACrash) {
  auto transport = make_curl_transport({});
  const Response response = transport->send({request("GET", "file:///etc/hostname")}).at(0);
  EXPECT_EQ(response.status, 0);
  EXPECT_FALSE(response.error.empty());
}

// ------------------------------------------------------ the token and redirects

TEST(CurlTransport, TheClientsTokenDoesNotFollowARedirectToAnotherHost) {
  constexpr const char* k_token = "ghp_OnlyForServerA";
  LocalServer a;
  LocalServer b;
  std::mutex mutex;
  std::vector<std::string> a_auth;
  std::vector<std::string> b_auth;
  std::vector<std::string> b_headers;
  b.http().Get("/landing", [&](const httplib::Request& req, httplib::Response& res) {
    const std::lock_guard lock(mutex);
    b_auth.push_back(req.get_header_value("Authorization"));
    for (const auto& [name, value] : req.headers) {
      b_headers.push_back(name + ": " + value);
    }
    res.set_content("from b", "text/plain");
  });
  b.start();
  a.http().Get("/start", [&](const httplib::Request& req, httplib::Response& res) {
    {
      const std::lock_guard lock(mutex);
      a_auth.push_back(req.get_header_value("Authorization"));
    }
    res.set_redirect(b.url("/landing"), 302);
  });
  a.start();
  {
    auto transport = make_curl_transport({});
    ClientOptions options;
    options.token = k_token;
    options.token_host = a.host();
    options.jitter_seed = 1;
    HttpClient client(*transport, options);
    const Fetched fetched = client.fetch(request("GET", a.url("/start")));
    ASSERT_TRUE(fetched.ok()) << fetched.error.message;
    EXPECT_EQ(fetched.response.body, "from b");
    EXPECT_EQ(client.stats().sent, 2U);
  }
  const std::lock_guard lock(mutex);
  ASSERT_EQ(a_auth.size(), 1U);
  EXPECT_EQ(a_auth[0], std::string("Bearer ") + k_token);
  ASSERT_EQ(b_auth.size(), 1U);
  EXPECT_EQ(b_auth[0], "");
  for (const auto& line : b_headers) {
    EXPECT_EQ(line.find(k_token), std::string::npos) << line;
  }
}

TEST(CurlTransport, AStalledServerCannotHoldARunPastItsBudget) {
  LocalServer server;
  std::atomic<bool> released{false};
  server.http().Get("/stall", [&](const httplib::Request&, httplib::Response& res) {
    // Answers only after the client gave up, or after 20 s at the most.
    for (int i = 0; i < 2000 && !released; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    res.set_content("late", "text/plain");
  });
  server.start();
  auto transport = make_curl_transport({});
  ClientOptions options;
  options.budget = std::chrono::seconds(2);
  options.jitter_seed = 1;
  HttpClient client(*transport, options);
  const auto start = std::chrono::steady_clock::now();
  const Fetched fetched = client.fetch(request("GET", server.url("/stall")));
  const auto took = std::chrono::steady_clock::now() - start;
  released = true;
  EXPECT_FALSE(fetched.ok());
  // The budget, plus what one last exchange may overrun it by.
  EXPECT_LT(took, std::chrono::milliseconds(3500)) << fetched.error.message;
  EXPECT_GE(took, std::chrono::milliseconds(1500)) << fetched.error.message;
}

}  // namespace
}  // namespace odometer
