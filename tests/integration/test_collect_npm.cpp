// The [npm] source end to end over the real curl transport against a fake
// npm on 127.0.0.1 (cpp-httplib serving tests/support/fake_npm): a registry
// that clamps ranges like the real one (18 months alone, 365 days in bulk)
// and holds packages created four years before "today". The first run
// backfills every day exactly once (the ledger's sum is the registry's
// total), unscoped packages go together in bulk and scoped ones alone; a
// run the next day asks only for the lookback window, and adds the new day
// and the rest of the day that was still growing.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "net/client.hpp"
#include "net/curl_transport.hpp"
#include "support/fake_npm.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using testing::FakeNpm;

// Serves a FakeNpm on 127.0.0.1 for the lifetime of the object.
class NpmServer {
public:
  explicit NpmServer(FakeNpm& npm) : m_npm(npm) {
    m_server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      const auto answer = m_npm.answer(req.target);
      res.status = answer.status;
      res.set_content(answer.body, "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~NpmServer() {
    m_server.stop();
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }
  NpmServer(const NpmServer&) = delete;
  NpmServer& operator=(const NpmServer&) = delete;

  bool running() const { return m_port > 0 && m_server.is_running(); }
  std::string api() const { return "http://127.0.0.1:" + std::to_string(m_port); }

private:
  FakeNpm& m_npm;
  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
};

const Day k_today = *Day::parse("2026-05-02");
const std::vector<std::string> k_unscoped{"alpha", "beta", "delta"};
const std::vector<std::string> k_scoped{"@runcycles/mcp-server", "@runcycles/client"};

std::vector<std::string> all_packages() {
  std::vector<std::string> out = k_unscoped;
  out.insert(out.end(), k_scoped.begin(), k_scoped.end());
  return out;
}

// One collect of [npm] at the start of `today` over curl; returns the
// source's result and folds it into ledger.
SourceResult collect(const std::string& api, Day today, Ledger& ledger) {
  std::string list;
  for (const auto& name : all_packages()) {
    list += (list.empty() ? "\"" : ", \"") + name + "\"";
  }
  const std::string config = "[npm]\npackages = [" + list + "]\napi = \"" + api + "\"\n";
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  auto source = testing::source_maker("npm")(*root["npm"].as_table(), nullptr, problems);
  EXPECT_TRUE(problems.empty());
  if (!source) {
    return {};
  }
  auto transport = make_curl_transport(CurlTransportOptions{});
  HttpClient http(*transport, ClientOptions{});
  // Noon: a run during the day, not at its very start.
  SourceContext context{http,
                        Timestamp::from_unix_seconds(Timestamp::start_of(today).unix_seconds() +
                                                     std::int64_t{12} * 3600),
                        ledger, nullptr};
  SourceResult result = source->collect(context);
  for (const auto& observation : result.observations) {
    const Status ok = ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return result;
}

Count total(const Ledger& ledger, const std::string& name) {
  const Series* series = ledger.find(*SeriesKey::make("npm", "downloads", name));
  return series != nullptr ? series->value().value_or(0) : 0;
}

TEST(CollectNpm, BackfillsOnceThenReadsOnlyTheNewDays) {
  FakeNpm npm;
  npm.set_today(k_today);
  for (const auto& name : all_packages()) {
    npm.add_package(name, k_today - 4 * 365);
  }
  npm.add_package("delta", k_today - 200);  // a younger one
  NpmServer server(npm);
  ASSERT_TRUE(server.running()) << "cannot serve the fake npm on 127.0.0.1";

  // ---- the first run: the whole history
  Ledger ledger;
  const SourceResult first = collect(server.api(), k_today, ledger);
  EXPECT_EQ(first.state, SourceState::ok) << first.reason;
  EXPECT_TRUE(first.problems.empty());
  for (const auto& name : all_packages()) {
    SCOPED_TRACE(name);
    EXPECT_GT(npm.total(name), 0U);
    EXPECT_EQ(total(ledger, name), npm.total(name));
  }
  // Every day of every package asked for exactly once, within the limits,
  // so no answer was clamped; bulk requests carry exactly the unscoped
  // packages, scoped ones go alone.
  std::map<std::string, std::map<Day, int>> asked;
  std::size_t bulk_requests = 0;
  for (const auto& seen : npm.seen()) {
    const auto span = seen.end - seen.start + 1;
    if (seen.names.size() > 1) {
      ++bulk_requests;
      EXPECT_EQ(std::set<std::string>(seen.names.begin(), seen.names.end()),
                std::set<std::string>(k_unscoped.begin(), k_unscoped.end()));
      EXPECT_LE(span, 365);
    } else {
      EXPECT_TRUE(seen.names.front().starts_with('@')) << seen.names.front();
      EXPECT_LE(span, 546);
    }
    for (const auto& name : seen.names) {
      for (Day d = seen.start; d <= seen.end; d = d + 1) {
        ++asked[name][d];
      }
    }
  }
  EXPECT_GE(bulk_requests, 11U);  // 2015-01-10 to 2026-05-02 in 365-day pieces
  for (const auto& name : all_packages()) {
    ASSERT_TRUE(asked.contains(name)) << name;
    EXPECT_EQ(asked[name].begin()->first, *Day::parse("2015-01-10")) << name;
    EXPECT_EQ(asked[name].rbegin()->first, k_today) << name;
    EXPECT_EQ(asked[name].size(),
              static_cast<std::size_t>(k_today - *Day::parse("2015-01-10") + 1));
    for (const auto& [d, times] : asked[name]) {
      ASSERT_EQ(times, 1) << name << " " << d.to_string();
    }
  }
  const Count yesterday_partial = npm.count("alpha", k_today - 1);

  // ---- the next day: only the lookback window
  npm.forget();
  npm.set_today(k_today + 1);
  const SourceResult second = collect(server.api(), k_today + 1, ledger);
  EXPECT_EQ(second.state, SourceState::ok) << second.reason;
  for (const auto& name : all_packages()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(total(ledger, name), npm.total(name));
  }
  EXPECT_GT(npm.count("alpha", k_today - 1), yesterday_partial);  // the day grew, and was kept
  const auto seen = npm.seen();
  EXPECT_EQ(seen.size(), 1U + k_scoped.size());  // one bulk, one per scoped package
  for (const auto& request : seen) {
    EXPECT_EQ(request.start, k_today + 1 - 29);
    EXPECT_EQ(request.end, k_today + 1);
  }
  for (const auto& observation : second.observations) {
    EXPECT_GE(observation.day, k_today + 1 - 29) << observation.key.str();
  }
}

}  // namespace
}  // namespace odometer
