#include "sources/github_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace odometer {

Day traffic_due(const TrafficRepo& repo, Day today) {
  return repo.last_read ? *repo.last_read + k_traffic_read_interval : today;
}

Day priority_day(const TrafficRepo& repo, Day today, std::int32_t safety_days) {
  return repo.last_read ? traffic_due(repo, today) - safety_days : today;
}

std::vector<std::size_t> order_by_urgency(std::span<const TrafficRepo> repos, Day today,
                                          std::int32_t safety_days) {
  std::vector<std::size_t> order(repos.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  const auto rank = [&](std::size_t i) {
    const TrafficRepo& repo = repos[i];
    return std::make_tuple(priority_day(repo, today, safety_days), !repo.last_read.has_value(),
                           std::cref(repo.name));
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  return order;
}

Day projected_read_day(std::size_t place, std::size_t per_run, Day today) {
  const std::size_t runs = per_run == 0 ? place : place / per_run;
  return today + 1 + static_cast<std::int32_t>(std::min<std::size_t>(runs, 100000));
}

bool at_risk(const TrafficRepo& repo, Day turn, Day today) {
  return repo.last_read && turn > traffic_due(repo, today);
}

std::string deferral_reason(const TrafficRepo& repo, Day today) {
  return "deferred: rate limit budget, " + (repo.last_read
                                                ? "due by " + traffic_due(repo, today).to_string()
                                                : std::string("never read"));
}

std::int64_t encode_read_day(Day day) {
  const std::string text = day.to_string();  // YYYY-MM-DD
  return std::stoll(text.substr(0, 4)) * 10000 + std::stoll(text.substr(5, 2)) * 100 +
         std::stoll(text.substr(8, 2));
}

std::optional<Day> decode_read_day(std::int64_t value) {
  if (value < 10000101 || value > 99991231) {
    return std::nullopt;
  }
  auto day =
      Day::from_ymd(static_cast<int>(value / 10000), static_cast<unsigned>(value / 100 % 100),
                    static_cast<unsigned>(value % 100));
  return day ? std::optional<Day>(*day) : std::nullopt;
}

void RequestBudget::observe(const Response& response) {
  const auto limit = response.header_number("x-ratelimit-limit");
  const auto remaining = response.header_number("x-ratelimit-remaining");
  const auto reset = response.header_number("x-ratelimit-reset").value_or(0);
  if (limit && remaining) {
    learn(*limit, *remaining, reset);
  }
}

void RequestBudget::learn(std::int64_t limit, std::int64_t remaining, std::int64_t reset) {
  if (limit <= 0 || remaining < 0) {
    return;
  }
  // Responses answered concurrently arrive in any order: within one hour
  // the lowest remaining is the latest. A later reset is a new hour.
  if (!m_remaining || reset > m_reset || (reset == m_reset && remaining < *m_remaining)) {
    m_limit = limit;
    m_remaining = remaining;
    m_reset = reset;
  }
}

std::optional<std::size_t> RequestBudget::left() const {
  if (!m_remaining || !m_limit) {
    return std::nullopt;
  }
  // Rounded, not ceil'd: 5,000 × (1 - 0.98) is 100.00000000000009 in doubles.
  const auto reserve = std::llround(static_cast<double>(*m_limit) * (1.0 - m_share));
  return static_cast<std::size_t>(std::max<std::int64_t>(0, *m_remaining - reserve));
}

}  // namespace odometer
