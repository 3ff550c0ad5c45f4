// `odometer collect` end to end for the Homebrew, VS Code Marketplace, Open
// VSX, pub.dev and Anaconda sources: the real binary against one fake
// server on 127.0.0.1 (cpp-httplib) that plays all five registries from the
// API samples. The ledger holds the documented numbers; a package a
// registry does not know fails alone; and a run recorded with --record and
// replayed with --replay writes the same ledger (the Marketplace's one POST
// included).

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/ledger.hpp"
#include "store/file_store.hpp"
#include "support/local_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

std::string sample(const std::string& name) {
  return read_file(std::filesystem::path(ODOMETER_FIXTURES) / "api-samples" / name);
}

// "METHOD path" -> body; anything else a 404. Thread-safe.
class FakeRegistries {
public:
  FakeRegistries() {
    const auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      const std::lock_guard lock(m_mutex);
      m_seen.push_back(req.method + " " + req.target + (req.body.empty() ? "" : " " + req.body));
      const auto it = m_routes.find(req.method + " " + req.target);
      if (it == m_routes.end()) {
        res.status = 404;
        res.set_content(R"({"error":"not found"})", "application/json");
        return;
      }
      res.set_content(it->second, "application/json");
    };
    m_server.http().Get(".*", handler);
    m_server.http().Post(".*", handler);
  }

  // Stopped before the members its handlers use are gone.
  ~FakeRegistries() { stop(); }
  FakeRegistries(const FakeRegistries&) = delete;
  FakeRegistries& operator=(const FakeRegistries&) = delete;

  void start() { m_server.start(); }
  void stop() { m_server.stop(); }
  std::string api() const { return m_server.url(); }
  void on(const std::string& method_and_path, std::string body) {
    const std::lock_guard lock(m_mutex);
    m_routes[method_and_path] = std::move(body);
  }
  std::vector<std::string> seen() const {
    const std::lock_guard lock(m_mutex);
    return m_seen;
  }

private:
  testing::LocalServer m_server;
  mutable std::mutex m_mutex;
  std::map<std::string, std::string> m_routes;
  std::vector<std::string> m_seen;
};

class CollectRegistries : public ::testing::Test {
protected:
  void SetUp() override {
    server.start();
    server.on("GET /api/formula/wget.json", sample("homebrew/formula-wget.json"));
    server.on("GET /api/cask/docker.json", sample("homebrew/cask-analytics-excerpt.json"));
    server.on("POST /_apis/public/gallery/extensionquery",
              sample("vscode-marketplace/extensionquery-response.json"));
    server.on("GET /api/redhat/java", sample("open-vsx/extension.json"));
    server.on("GET /api/packages/http/daily-downloads", sample("pub-dev/daily-downloads.json"));
    server.on("GET /api/packages/http/score", sample("pub-dev/score.json"));
    server.on("GET /package/conda-forge/xtensor", sample("anaconda/package.json"));
    setenv("NO_PROXY", "127.0.0.1", 1);
    setenv("no_proxy", "127.0.0.1", 1);
  }
  void TearDown() override { server.stop(); }

  std::string config(const std::filesystem::path& dir, const std::string& homebrew_formulae) const {
    std::filesystem::create_directories(dir);
    const std::string api = "api = \"" + server.api() + "\"\n";
    const auto path = dir / "odometer.toml";
    write_file(path,
               "[homebrew]\n" + api + "formulae = [" + homebrew_formulae +
                   "]\ncasks = [\"docker\"]\n[vscode]\n" + api +
                   "extensions = [\"ritwickdey.LiveServer\", \"nobody.nothing\"]\n[openvsx]\n" +
                   api + "extensions = [\"redhat.java\"]\n[pub]\n" + api +
                   "packages = [\"http\"]\n[anaconda]\n" + api +
                   "packages = [\"conda-forge/xtensor\"]\n[http]\nmax_attempts = 1\n");
    return path.string();
  }

  FakeRegistries server;
};

Ledger read_ledger(const std::filesystem::path& path) {
  auto ledger = read_ledger_file(path);
  EXPECT_TRUE(ledger.ok()) << ledger.error().message;
  return ledger ? std::move(*ledger) : Ledger();
}

std::optional<Count> value_of(const Ledger& ledger, const std::string& key) {
  const Series* series = ledger.find(*SeriesKey::parse(key));
  return series == nullptr ? std::nullopt : series->value();
}

TEST_F(CollectRegistries, EveryRegistryLandsInTheLedgerAndTheUnknownOnesFailAlone) {
  const TempDir dir;
  const CommandResult result =
      run_odometer({"collect", "--config", config(dir.path(), "\"wget\", \"nosuchformula\"")});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_NE(result.out.find("not found on Homebrew (" + server.api() +
                            "/api/formula/nosuchformula.json)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("not found on the VS Code Marketplace"), std::string::npos)
      << result.out;

  const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
  const std::map<std::string, Count> expected{
      {"homebrew:installs-30d:wget", 127917},
      {"homebrew:installs-90d:wget", 344088},
      {"homebrew:installs-365d:wget", 1592851},
      {"homebrew:cask-installs-30d:docker", 52311},
      {"homebrew:cask-installs-90d:docker", 160220},
      {"homebrew:cask-installs-365d:docker", 612004},
      {"vscode:installs:ritwickdey.LiveServer", 61234567},
      {"vscode:updates:ritwickdey.LiveServer", 8123456},
      {"openvsx:downloads:redhat.java", 5234567},
      {"pub:downloads:http", 150 + 120 + 95 + 140 + 132 + 101},
      {"pub:downloads-30d:http", 11831655},
      {"conda:downloads:conda-forge/xtensor", 41233 + 9120 + 12877},
  };
  for (const auto& [key, value] : expected) {
    EXPECT_EQ(value_of(ledger, key), std::optional<Count>(value)) << key;
  }
  EXPECT_EQ(ledger.series().size(), expected.size());

  // The Marketplace is asked once, for both extensions.
  std::size_t posts = 0;
  for (const auto& seen : server.seen()) {
    if (seen.starts_with("POST ")) {
      ++posts;
      EXPECT_NE(
          seen.find(
              R"("value":"ritwickdey.LiveServer"},{"filterType":7,"value":"nobody.nothing"})"),
          std::string::npos)
          << seen;
    }
  }
  EXPECT_EQ(posts, 1U);
}

TEST_F(CollectRegistries, ARecordedRunReplaysToTheSameLedger) {
  const TempDir dir;
  const auto recording = dir / "recording";
  const CommandResult recorded =
      run_odometer({"collect", "--config", config(dir / "recorded", "\"wget\""), "--record",
                    recording.string()});
  ASSERT_EQ(recorded.exit_code, 3) << recorded.out << recorded.err;  // nobody.nothing
  server.stop();
  const CommandResult replayed =
      run_odometer({"collect", "--config", config(dir / "replayed", "\"wget\""), "--replay",
                    recording.string()});
  ASSERT_EQ(replayed.exit_code, 3) << replayed.out << replayed.err;
  EXPECT_EQ(read_file(dir / "recorded" / "odometer-ledger.json"),
            read_file(dir / "replayed" / "odometer-ledger.json"));
  EXPECT_EQ(read_ledger(dir / "replayed" / "odometer-ledger.json").series().size(), 12U);
}

}  // namespace
}  // namespace odometer
