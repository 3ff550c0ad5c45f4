#pragma once

// A fake of every API that examples/odometer.toml reads — GitHub (an org of
// 16 repositories), npm (one unscoped and two scoped packages), PyPI stats
// and crates.io — on 127.0.0.1, one port per API as the real ones are
// separate hosts (per-host limits and the token's host stay apart), behaving like the real
// ones where it matters: npm clamps ranges (18 months, 365 days in bulk)
// and refuses scoped packages in bulk, pypistats keeps 180 days, GitHub
// keeps 14 days of traffic. Every number is derived from a name and a day,
// so tests can compute what a correct collection stores.

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/day.hpp"
#include "core/series.hpp"

namespace odometer::testing {

class FakeWorld {
public:
  // today: the day of the run. Registries have data up to yesterday;
  // GitHub's traffic window ends today.
  explicit FakeWorld(Day today);
  ~FakeWorld();
  FakeWorld(const FakeWorld&) = delete;
  FakeWorld& operator=(const FakeWorld&) = delete;

  // Returns false if the ports on 127.0.0.1 could not be bound.
  bool start();
  void stop();
  // The base URL of one API: "github", "npm", "pypi" or "crates"; every
  // port answers every API, so any of them works where the host is moot.
  std::string url(const std::string& api) const;
  void set_today(Day today);

  // Every request whose path starts with prefix is answered with status.
  void fail(const std::string& prefix, int status);

  struct Seen {
    std::string target;  // path and query
    std::string authorization;
    std::string user_agent;
  };
  std::vector<Seen> seen() const;

  // The names the example config asks for.
  static const std::vector<std::string>& repositories();   // "cycles-server", ...
  static const std::vector<std::string>& npm_packages();   // "runcycles", "@runcycles/..."
  static const std::vector<std::string>& pypi_packages();  // "runcycles", ...
  static const std::vector<std::string>& crates();
  static constexpr const char* org = "runcycles";

  // The numbers behind the answers.
  static Day npm_created(const std::string& package);
  static Count npm_day(const std::string& package, Day day);
  static Count pypi_day(const std::string& package, Day day);
  Count crate_total(const std::string& crate) const;
  static Count crate_day(const std::string& crate, Day day);
  static Count clones_day(const std::string& repo, Day day);
  static Count views_day(const std::string& repo, Day day);
  static Count release_downloads(const std::string& repo);

private:
  void handle(const httplib::Request& request, httplib::Response& response);
  void npm_range(const std::string& period, const std::string& names, httplib::Response& response);
  void pypi_overall(const std::string& name, bool mirrors, httplib::Response& response);
  void crate(const std::string& name, bool downloads, httplib::Response& response);
  void github(const std::string& path, httplib::Response& response);

  struct Listener {
    httplib::Server server;
    std::thread thread;
    int port = 0;
  };
  std::map<std::string, std::unique_ptr<Listener>> m_listeners;
  mutable std::mutex m_mutex;
  Day m_today;
  std::map<std::string, int> m_failures;
  std::vector<Seen> m_seen;
};

}  // namespace odometer::testing
