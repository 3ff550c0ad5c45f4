// A whole GitHub collection against a fake API on 127.0.0.1: an org of
// REPOS repositories (100 per listing page, linking the next and the last
// page as GitHub does), every response delayed by LATENCY_MS, each carrying
// GitHub's x-ratelimit-* headers of a 15,000-an-hour installation (also
// told by GET /rate_limit, which is free), so the schedule reads in
// batches as it does against GitHub; collected through the real curl transport at the default
// limit of requests in flight and at 32. Prints wall time, requests sent
// and the lower bound requests / in-flight x latency.
//   build/bench/bench_collect [REPOS=1000] [LATENCY_MS=50]

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "collect/collect.hpp"
#include "collect/config.hpp"

namespace {

using namespace odometer;

std::string repo_name(int i) {
  return "repo-" + std::to_string(i);
}

constexpr int k_hourly_limit = 15000;
std::atomic<int> g_used{0};  // requests counted this run

void serve(httplib::Server& server, int repos, std::chrono::milliseconds latency, int port) {
  server.new_task_queue = [] { return new httplib::ThreadPool(96); };
  const auto reset = std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count() +
                                    3600);
  server.set_post_routing_handler([=](const httplib::Request& request, httplib::Response& reply) {
    const int used = request.path == "/rate_limit" ? g_used.load() : ++g_used;
    reply.set_header("x-ratelimit-limit", std::to_string(k_hourly_limit));
    reply.set_header("x-ratelimit-remaining", std::to_string(k_hourly_limit - used));
    reply.set_header("x-ratelimit-reset", reset);
  });
  server.Get("/rate_limit", [=](const httplib::Request&, httplib::Response& reply) {
    std::this_thread::sleep_for(latency);
    const std::string core = "{\"limit\":" + std::to_string(k_hourly_limit) +
                             ",\"remaining\":" + std::to_string(k_hourly_limit - g_used.load()) +
                             ",\"reset\":" + reset + "}";
    reply.set_content("{\"resources\":{\"core\":" + core + "},\"rate\":" + core + "}",
                      "application/json");
  });
  server.set_keep_alive_max_count(100000);  // like a real API: connections are reused
  server.Get("/orgs/bench/repos", [=](const httplib::Request& request, httplib::Response& reply) {
    std::this_thread::sleep_for(latency);
    const int page =
        request.has_param("page") ? std::atoi(request.get_param_value("page").c_str()) : 1;
    std::string body = "[";
    for (int i = (page - 1) * 100; i < std::min(repos, page * 100); ++i) {
      body += std::string(body.size() > 1 ? "," : "") + "{\"name\":\"" + repo_name(i) +
              "\",\"full_name\":\"bench/" + repo_name(i) +
              "\",\"fork\":false,\"archived\":false,\"private\":false,"
              "\"stargazers_count\":3,\"forks_count\":1}";
    }
    body += "]";
    if (page * 100 < repos) {
      const std::string base = "<http://127.0.0.1:" + std::to_string(port) +
                               "/orgs/bench/repos?per_page=100&type=all&page=";
      reply.set_header("Link", base + std::to_string(page + 1) + ">; rel=\"next\", " + base +
                                   std::to_string((repos + 99) / 100) + ">; rel=\"last\"");
    }
    reply.set_content(body, "application/json");
  });
  server.Get(R"(/repos/bench/([^/]+)/traffic/(clones|views))",
             [=](const httplib::Request& request, httplib::Response& reply) {
               std::this_thread::sleep_for(latency);
               const std::string kind = request.matches[2];
               reply.set_content("{\"count\":3,\"uniques\":2,\"" + kind +
                                     "\":[{\"timestamp\":\"2026-05-01T00:00:00Z\",\"count\":3,"
                                     "\"uniques\":2}]}",
                                 "application/json");
             });
  server.Get(R"(/repos/bench/([^/]+)/(traffic/popular/referrers|traffic/popular/paths|releases))",
             [=](const httplib::Request&, httplib::Response& reply) {
               std::this_thread::sleep_for(latency);
               reply.set_content("[]", "application/json");
             });
}

void run(std::chrono::milliseconds latency, int port, std::size_t in_flight) {
  const auto dir = std::filesystem::temp_directory_path() / "odometer-bench-collect";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string text =
      "[github]\norg = \"bench\"\napi = \"http://127.0.0.1:" + std::to_string(port) + "\"\n";
  const GetEnv getenv = [](const std::string&) {
    return std::optional<std::string>("bench-token");
  };
  auto config = parse_config(text, dir / "odometer.toml", getenv);
  if (!config) {
    (void)std::fprintf(stderr, "%s\n", config.error().message.c_str());
    std::exit(1);
  }
  CollectOptions options;
  options.jobs = in_flight;
  g_used = 0;
  const auto start = std::chrono::steady_clock::now();
  auto report = run_collect(*config, options, nullptr, {});
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  if (!report) {
    (void)std::fprintf(stderr, "%s\n", report.error().message.c_str());
    std::exit(1);
  }
  const double bound = static_cast<double>(report->http.sent) / static_cast<double>(in_flight) *
                       std::chrono::duration<double>(latency).count();
  (void)std::printf(
      "%zu in flight: %.2f s wall, %zu requests, lower bound %.2f s, ratio %.2f, exit %d\n",
      in_flight, wall.count(), report->http.sent, bound, wall.count() / bound, report->exit_code);
  std::filesystem::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  const int repos = argc > 1 ? std::atoi(argv[1]) : 1000;
  const std::chrono::milliseconds latency(argc > 2 ? std::atoi(argv[2]) : 50);
  httplib::Server server;
  // Without TCP_NODELAY the header and body writes of a response meet the
  // client's delayed ACK (Nagle), adding about 40 ms to every response. It
  // must be set before the socket is bound to apply.
  server.set_tcp_nodelay(true);
  const int port = server.bind_to_any_port("127.0.0.1");
  serve(server, repos, latency, port);
  std::thread listener([&] { server.listen_after_bind(); });
  while (!server.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  (void)std::printf("fake GitHub: %d repositories, %lld ms per response\n", repos,
                    static_cast<long long>(latency.count()));
  run(latency, port, 8);
  run(latency, port, 32);
  server.stop();
  listener.join();
  return 0;
}
