#pragma once

// A fake of every API that examples/odometer.toml reads — GitHub (an org of
// 16 repositories), npm (one unscoped and two scoped packages), PyPI stats
// and crates.io — on 127.0.0.1, one port per API as the real ones are
// separate hosts (per-host limits and the token's host stay apart), behaving like the real
// ones where it matters: npm clamps ranges (18 months, 365 days in bulk)
// and refuses scoped packages in bulk, pypistats keeps 180 days, GitHub
// keeps 14 days of traffic. Every number is derived from a name and a day,
// so tests can compute what a correct collection stores. GitHub also serves
// the star history (weekly rows back to each repository's creation, newest
// first) and the list of forks (cycles-server: three years old, 250 forks),
// paginated with link headers and per_page clamped to 100 as GitHub does.

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/day.hpp"
#include "core/series.hpp"
#include "core/timestamp.hpp"

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

  // The history of a repository: its creation day, the stars gained on a
  // day (0 outside creation..today) and its forks, oldest first.
  struct Fork {
    std::int64_t id = 0;
    Timestamp created;
  };
  Day created(const std::string& repo) const;
  Count stars_day(const std::string& repo, Day day) const;
  std::vector<Fork> forks(const std::string& repo) const;
  // A fork made at `when` / deleted by its owner.
  void add_fork(const std::string& repo, Timestamp when);
  void delete_fork(const std::string& repo, std::int64_t id);

private:
  void handle(const httplib::Request& request, httplib::Response& response);
  void npm_range(const std::string& period, const std::string& names, httplib::Response& response);
  void pypi_overall(const std::string& name, bool mirrors, httplib::Response& response);
  void crate(const std::string& name, bool downloads, httplib::Response& response);
  void github(const httplib::Request& request, httplib::Response& response);
  void star_history(const std::string& repo, const httplib::Request& request,
                    httplib::Response& response);
  void fork_list(const std::string& repo, const httplib::Request& request,
                 httplib::Response& response);

  struct Listener {
    httplib::Server server;
    std::thread thread;
    int port = 0;
  };
  std::map<std::string, std::unique_ptr<Listener>> m_listeners;
  mutable std::mutex m_mutex;
  Day m_today;
  Day m_started;  // the first today: the repositories' ages count from it
  std::map<std::string, std::vector<Fork>> m_added_forks;
  std::map<std::string, std::vector<std::int64_t>> m_deleted_forks;
  std::map<std::string, int> m_failures;
  std::vector<Seen> m_seen;
};

}  // namespace odometer::testing
