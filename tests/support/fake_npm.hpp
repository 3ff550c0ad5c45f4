#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/day.hpp"
#include "core/series.hpp"

namespace odometer::testing {

// npm's download-count range endpoint as a model, for a FakeTransport or a
// local HTTP server: `/downloads/range/START:END/NAMES` answered like the
// real one. Every day from 2015-01-10 is answered, 0 before a package was
// created; yesterday is published half-counted (it grows until the next
// day) and today not at all. Too-wide ranges are clamped silently, keeping
// the end: to single_limit_days for one package, bulk_limit_days for
// several (comma-separated, unscoped only, at most 128). An unknown package
// is a 404 alone and null in bulk. Records every request. Thread-safe.
class FakeNpm {
public:
  struct Answer {
    int status = 200;
    std::string body;
  };

  // 18 months, the shortest npm allows; 365 days for bulk.
  std::size_t single_limit_days = 546;
  std::size_t bulk_limit_days = 365;

  void add_package(const std::string& name, Day created);
  void set_today(Day today);
  Day today() const;

  // target: the request's path, e.g. "/downloads/range/2020-01-01:2020-02-01/a,b".
  Answer answer(const std::string& target);

  // What npm holds for name on day, as of today.
  Count count(const std::string& name, Day day) const;
  // The sum over every day of name, as of today.
  Count total(const std::string& name) const;

  struct Seen {
    std::vector<std::string> names;  // decoded
    Day start;                       // as asked
    Day end;
  };
  std::vector<Seen> seen() const;
  void forget();

private:
  Count count_locked(const std::string& name, Day day) const;
  std::string range_json(const std::string& name, Day start, Day end) const;

  mutable std::mutex m_mutex;
  std::map<std::string, Day> m_created;
  Day m_today;
  std::vector<Seen> m_seen;
};

}  // namespace odometer::testing
