#pragma once
// Which repositories' traffic a run reads when the rate limit cannot pay
// for all of them, and which it leaves for a later run.
//
// GitHub serves a repository's clones and views for the last 14 days, by
// UTC day; the newest day is still growing and the oldest is cut short as
// the window slides. A read on day R therefore sees the days R-12 .. R-1
// whole, and day R only in part: the repository must be read again by
// R + 12 (when R is the second-oldest day of the window) or day R is never
// seen whole. Each read costs one request per traffic endpoint (four), so
// one token's 5,000 an hour read once a day keeps about
// 5,000 × 12 / 4 = 15,000 repositories complete, if each is read when it
// is due rather than every day.
//
// The plan: the repositories go by the day they are due less a safety
// margin (safety_days), earliest first; one never read counts as due today
// (it is losing the oldest day of its window now) and goes before the
// others, except those already inside their margin: at a tie a repository
// with stored days wins, then the name decides, so that runs agree. What
// is stored is never given up for what is new. The run reads in that order
// while the budget lasts and defers the rest, each with the day it is due
// by. Then it looks ahead: if every run, one a day, reads as many as this
// one did, the deferred repositories with stored days are read earliest
// due first, so each one's turn comes on a known day; one whose turn comes
// after its due day is named in a warning now, days before it loses
// anything. Repositories never read are named as deferred.
//
// When a repository was last read is kept in the ledger as the gauge
// github:traffic-read:OWNER/REPO whose value is the day read as YYYYMMDD.
// A gauge's merge keeps the later reading, so the states of two collectors
// (shards, machines, a restored backup) merge like every other series and
// the newest read wins; it cannot be derived from the traffic series
// themselves, because GitHub leaves days without clones out.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/day.hpp"
#include "net/http.hpp"

namespace odometer {

// A read on day R sees R-12 .. R-1 whole: the next read is due by R + 12.
constexpr std::int32_t k_traffic_read_interval = 12;

// What the schedule knows of one repository.
struct TrafficRepo {
  std::string name;              // "owner/repo"
  std::optional<Day> last_read;  // nullopt: never read
};

// The day a repository must be read by to lose no day; today if never read.
Day traffic_due(const TrafficRepo& repo, Day today);

// The day a repository is ordered by: its due day less safety_days; today
// for one never read.
Day priority_day(const TrafficRepo& repo, Day today, std::int32_t safety_days);

// The indices of repos, most urgent first (see above).
std::vector<std::size_t> order_by_urgency(std::span<const TrafficRepo> repos, Day today,
                                          std::int32_t safety_days);

// The day the deferred repository at `place` of the queue (0: the first)
// is read if every run, one a day from tomorrow, reads per_run of them.
Day projected_read_day(std::size_t place, std::size_t per_run, Day today);

// Whether a deferred repository loses a day at that pace: it has stored
// days and its turn comes after its due day.
bool at_risk(const TrafficRepo& repo, Day turn, Day today);

// "deferred: rate limit budget, due by 2026-12-14" (or "never read").
std::string deferral_reason(const TrafficRepo& repo, Day today);

// The bookkeeping gauge's value for a read on day, and back; nullopt for a
// value that is no day.
std::int64_t encode_read_day(Day day);
std::optional<Day> decode_read_day(std::int64_t value);

// The requests a run may still send to one API under its rate limit,
// learned from the x-ratelimit-limit and x-ratelimit-remaining headers of
// the responses: it spends at most `share` of the hour's limit and leaves
// the rest for other use. Unknown (every request allowed) until a
// response carries the headers, as with servers that have no rate limit.
class RequestBudget {
public:
  explicit RequestBudget(double share) : m_share(share) {}

  void observe(const Response& response);
  // The same from GET /rate_limit's numbers (reset: Unix time).
  void learn(std::int64_t limit, std::int64_t remaining, std::int64_t reset);
  bool known() const { return m_remaining.has_value(); }
  // How many more requests fit, or nullopt when unknown.
  std::optional<std::size_t> left() const;

private:
  double m_share;
  std::optional<std::int64_t> m_limit;
  std::optional<std::int64_t> m_remaining;
  std::int64_t m_reset = 0;  // x-ratelimit-reset of m_remaining, Unix time
};

}  // namespace odometer
