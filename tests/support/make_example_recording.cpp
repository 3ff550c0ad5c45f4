// Writes examples/recording/: a `collect --record` run of
// examples/odometer.toml against FakeWorld, so that README's offline run
// (`collect --replay examples/recording`) works on any machine. Requests go
// out to the real hosts' URLs (that is what the recording is keyed by) and
// are sent to the fake instead.
//   build/tests/make_example_recording examples/odometer.toml examples/recording

#include <cstdio>
#include <filesystem>
#include <map>

#include "collect/collect.hpp"
#include "collect/config.hpp"
#include "net/curl_transport.hpp"
#include "support/fake_world.hpp"

namespace {

using namespace odometer;

// Sends each request to the fake instead of the real host in its URL.
class RedirectingTransport final : public Transport {
public:
  RedirectingTransport(Transport& inner, std::map<std::string, std::string> origins)
      : m_inner(inner), m_origins(std::move(origins)) {}

  std::vector<Response> send(const std::vector<Request>& requests) override {
    std::vector<Request> redirected = requests;
    for (auto& request : redirected) {
      for (const auto& [origin, replacement] : m_origins) {
        if (request.url.starts_with(origin + "/")) {
          request.url = replacement + request.url.substr(origin.size());
        }
      }
    }
    return m_inner.send(redirected);
  }
  std::chrono::system_clock::time_point now() override { return m_inner.now(); }
  void sleep_for(std::chrono::milliseconds duration) override { m_inner.sleep_for(duration); }

private:
  Transport& m_inner;
  std::map<std::string, std::string> m_origins;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    (void)std::fprintf(stderr, "usage: make_example_recording CONFIG RECORDING_DIR\n");
    return 2;
  }
  const std::filesystem::path recording = argv[2];
  const auto today =
      Timestamp::from_unix_seconds(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count())
          .day();
  testing::FakeWorld world(today);
  if (!world.start()) {
    (void)std::fprintf(stderr, "cannot start the fake APIs on 127.0.0.1\n");
    return 1;
  }
  const GetEnv getenv = [](const std::string& name) -> std::optional<std::string> {
    if (name == "GITHUB_TOKEN") {
      return "example-token";  // removed from the recording like any token
    }
    return std::nullopt;
  };
  auto config = load_config(argv[1], getenv);
  if (!config) {
    (void)std::fprintf(stderr, "%s\n", config.error().message.c_str());
    return 1;
  }
  // The ledger of this run is thrown away; only the recording is kept.
  const auto scratch = std::filesystem::temp_directory_path() / "odometer-example-recording";
  std::filesystem::remove_all(scratch);
  std::filesystem::create_directories(scratch);
  config->ledger = scratch / "odometer-ledger.json";
  std::filesystem::remove_all(recording);

  auto curl = make_curl_transport(CurlTransportOptions{});
  RedirectingTransport redirecting(*curl, {{"https://api.github.com", world.url("github")},
                                           {"https://api.npmjs.org", world.url("npm")},
                                           {"https://pypistats.org", world.url("pypi")},
                                           {"https://crates.io", world.url("crates")}});
  CollectOptions options;
  options.record = recording;
  auto report = run_collect(*config, options, &redirecting, nullptr);
  world.stop();
  std::filesystem::remove_all(scratch);
  if (!report) {
    (void)std::fprintf(stderr, "%s\n", report.error().message.c_str());
    return 1;
  }
  for (const auto& outcome : report->sources) {
    (void)std::printf("%s: %zu observations, %s\n", outcome.name.c_str(),
                      outcome.result.observations.size(),
                      std::string(to_string(outcome.result.state)).c_str());
    for (const auto& problem : outcome.result.problems) {
      (void)std::printf("  %s: %s\n", problem.entity.c_str(), problem.reason.c_str());
    }
  }
  return report->exit_code;
}
