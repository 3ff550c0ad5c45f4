// The [pypi] source end to end over the real curl transport against a fake
// pypistats on 127.0.0.1 (cpp-httplib) that keeps 180 days, like the real
// one. Two runs ten days apart give one series of 190 days, each day
// counted once and the day that was still growing at the first run raised
// by the second; the fake checks from the arrival times that requests to it
// never come faster than the configured pace.

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/client.hpp"
#include "net/curl_transport.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int k_window_days = 180;

// pypistats' overall endpoint for every package: the 180 days before
// today, yesterday still growing (half its count), today absent, with
// both categories as the unfiltered endpoint gives them.
class FakePypistats {
public:
  FakePypistats() {
    m_server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      {
        const std::lock_guard lock(m_mutex);
        m_arrivals.push_back(Clock::now());
      }
      const std::string prefix = "/api/packages/";
      const std::string suffix = "/overall";
      if (!req.path.starts_with(prefix) || !req.path.ends_with(suffix) ||
          req.get_param_value("mirrors") != "false") {
        res.status = 400;
        return;
      }
      const std::string name =
          req.path.substr(prefix.size(), req.path.size() - prefix.size() - suffix.size());
      res.set_content(body(name), "application/json");
    });
    m_port = m_server.bind_to_any_port("127.0.0.1");
    m_thread = std::thread([this] { m_server.listen_after_bind(); });
    for (int i = 0; i < 500 && !m_server.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  ~FakePypistats() {
    m_server.stop();
    if (m_thread.joinable()) {
      m_thread.join();
    }
  }
  FakePypistats(const FakePypistats&) = delete;
  FakePypistats& operator=(const FakePypistats&) = delete;

  bool running() const { return m_port > 0 && m_server.is_running(); }
  std::string api() const { return "http://127.0.0.1:" + std::to_string(m_port); }

  void set_today(Day today) {
    const std::lock_guard lock(m_mutex);
    m_today = today;
  }
  // The complete count of a day (what the ledger should end up with).
  static Count full_count(const std::string& name, Day day) {
    return 1000 + static_cast<Count>(name.size()) * 7 +
           static_cast<Count>(day.days_since_epoch() % 97);
  }
  std::vector<Clock::time_point> arrivals() const {
    const std::lock_guard lock(m_mutex);
    return m_arrivals;
  }

private:
  std::string body(const std::string& name) const {
    const std::lock_guard lock(m_mutex);
    std::string with;
    std::string without;
    for (Day day = m_today - k_window_days; day < m_today; day = day + 1) {
      const Count full = full_count(name, day);
      const Count count = day == m_today - 1 ? full / 2 : full;
      const auto row = [&](const char* category, Count value) {
        return std::string(R"({"category":")") + category + R"(","date":")" + day.to_string() +
               R"(","downloads":)" + std::to_string(value) + "}";
      };
      with += (with.empty() ? "" : ",") + row("with_mirrors", count + 50);
      without += (without.empty() ? "" : ",") + row("without_mirrors", count);
    }
    return R"({"data":[)" + with + "," + without + R"(],"package":")" + name +
           R"(","type":"overall_downloads"})";
  }

  httplib::Server m_server;
  std::thread m_thread;
  int m_port = 0;
  mutable std::mutex m_mutex;
  Day m_today;
  std::vector<Clock::time_point> m_arrivals;
};

constexpr int k_per_minute = 600;  // 100 ms apart; pypistats itself asks for 30
const std::vector<std::string> k_packages{
    "requests", "runcycles-client", "zope-interface", "numpy", "flask", "attrs", "six", "idna"};

SourceResult collect(const std::string& api, Day today, Ledger& ledger) {
  std::string list;
  for (const auto& name : k_packages) {
    list += (list.empty() ? "\"" : ", \"") + name + "\"";
  }
  const std::string config = "[pypi]\npackages = [" + list + "]\napi = \"" + api +
                             "\"\nrequests_per_minute = " + std::to_string(k_per_minute) + "\n";
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  auto source = testing::source_maker("pypi")(*root["pypi"].as_table(), nullptr, problems);
  EXPECT_TRUE(problems.empty());
  if (!source) {
    return {};
  }
  auto transport = make_curl_transport(CurlTransportOptions{});
  ClientOptions options;
  for (const auto& policy : source->host_policies()) {
    options.min_interval_per_host[policy.host] = policy.min_interval;
  }
  HttpClient http(*transport, options);
  SourceContext context{http,
                        Timestamp::from_unix_seconds(Timestamp::start_of(today).unix_seconds() +
                                                     std::int64_t{9} * 3600),
                        ledger, nullptr};
  SourceResult result = source->collect(context);
  for (const auto& observation : result.observations) {
    const Status ok = ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return result;
}

TEST(CollectPypi, TwoRunsTenDaysApartKeepOneHundredNinetyDaysEachOnce) {
  FakePypistats pypistats;
  ASSERT_TRUE(pypistats.running()) << "cannot serve the fake pypistats on 127.0.0.1";
  const Day first_day = *Day::parse("2026-05-02");
  Ledger ledger;

  pypistats.set_today(first_day);
  const SourceResult first = collect(pypistats.api(), first_day, ledger);
  EXPECT_EQ(first.state, SourceState::ok) << first.reason;
  pypistats.set_today(first_day + 10);
  const SourceResult second = collect(pypistats.api(), first_day + 10, ledger);
  EXPECT_EQ(second.state, SourceState::ok) << second.reason;

  for (const auto& name : k_packages) {
    SCOPED_TRACE(name);
    const Series* series = ledger.find(*SeriesKey::make("pypi", "downloads", name));
    ASSERT_NE(series, nullptr);
    const auto& days = series->daily()->days();
    EXPECT_EQ(days.size(), 190U);
    EXPECT_EQ(series->first_day(), first_day - k_window_days);
    EXPECT_EQ(series->last_day(), first_day + 9);
    // Complete days as pypistats finally gave them, each once; the newest
    // one is still growing.
    Count expected = 0;
    for (Day day = first_day - k_window_days; day < first_day + 9; day = day + 1) {
      expected += FakePypistats::full_count(name, day);
      const Count* stored = days.find(day);
      ASSERT_NE(stored, nullptr) << day.to_string();
      EXPECT_EQ(*stored, FakePypistats::full_count(name, day)) << day.to_string();
    }
    expected += FakePypistats::full_count(name, first_day + 9) / 2;
    EXPECT_EQ(series->value(), expected);
  }

  // Never faster than the pace, with slack for when the loopback delivers
  // a request late and the next one on time (a loaded machine): without
  // pacing the requests would arrive together.
  const auto arrivals = pypistats.arrivals();
  ASSERT_EQ(arrivals.size(), 2 * k_packages.size());
  const auto interval = std::chrono::milliseconds(60'000 / k_per_minute);
  for (std::size_t i = k_packages.size() + 1; i < arrivals.size(); ++i) {
    EXPECT_GE(arrivals[i] - arrivals[i - 1], interval * 2 / 3) << "request " << i;
  }
  for (std::size_t i = 1; i < k_packages.size(); ++i) {
    EXPECT_GE(arrivals[i] - arrivals[i - 1], interval * 2 / 3) << "request " << i;
  }
  EXPECT_GE(arrivals[k_packages.size() - 1] - arrivals[0],
            (k_packages.size() - 1) * interval * 2 / 3);
}

}  // namespace
}  // namespace odometer
