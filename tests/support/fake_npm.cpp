#include "support/fake_npm.hpp"

#include <algorithm>
#include <cstdint>

namespace odometer::testing {

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    out.push_back(text.substr(start, at - start));
    if (at == std::string::npos) {
      return out;
    }
    start = at + 1;
  }
}

std::string decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Day first_day() {
  return *Day::from_ymd(2015, 1, 10);
}

}  // namespace

void FakeNpm::add_package(const std::string& name, Day created) {
  const std::lock_guard lock(m_mutex);
  m_created[name] = created;
}

void FakeNpm::set_today(Day today) {
  const std::lock_guard lock(m_mutex);
  m_today = today;
}

Day FakeNpm::today() const {
  const std::lock_guard lock(m_mutex);
  return m_today;
}

Count FakeNpm::count_locked(const std::string& name, Day day) const {
  const auto it = m_created.find(name);
  if (it == m_created.end() || day < it->second || day >= m_today) {
    return 0;
  }
  // Different every day and package, never zero once created.
  std::uint64_t hash = std::uint64_t{1469598103934665603U};
  hash ^= static_cast<std::uint32_t>(day.days_since_epoch());
  for (const char c : name) {
    hash = (hash ^ static_cast<unsigned char>(c)) * std::uint64_t{1099511628211U};
  }
  const Count full = 100 + hash % 900;
  return day == m_today - 1 ? full / 2 : full;
}

Count FakeNpm::count(const std::string& name, Day day) const {
  const std::lock_guard lock(m_mutex);
  return count_locked(name, day);
}

Count FakeNpm::total(const std::string& name) const {
  const std::lock_guard lock(m_mutex);
  Count sum = 0;
  for (Day day = first_day(); day < m_today; day = day + 1) {
    sum += count_locked(name, day);
  }
  return sum;
}

std::string FakeNpm::range_json(const std::string& name, Day start, Day end) const {
  std::string days;
  for (Day day = start; day <= end; day = day + 1) {
    days += (days.empty() ? "" : ",") + std::string(R"({"downloads":)") +
            std::to_string(count_locked(name, day)) + R"(,"day":")" + day.to_string() + "\"}";
  }
  return R"({"start":")" + start.to_string() + R"(","end":")" + end.to_string() +
         R"(","package":")" + name + R"(","downloads":[)" + days + "]}";
}

FakeNpm::Answer FakeNpm::answer(const std::string& target) {
  const std::string prefix = "/downloads/range/";
  const std::lock_guard lock(m_mutex);
  if (!target.starts_with(prefix)) {
    return {404, R"({"error":"not found"})"};
  }
  const std::string rest = target.substr(prefix.size());
  const auto slash = rest.find('/');
  const auto colon = rest.find(':');
  if (slash == std::string::npos || colon == std::string::npos || colon > slash) {
    return {400, R"({"error":"Invalid date range"})"};
  }
  auto start = Day::parse(rest.substr(0, colon));
  auto end = Day::parse(rest.substr(colon + 1, slash - colon - 1));
  if (!start || !end) {
    return {400, R"({"error":"Invalid date range"})"};
  }
  std::vector<std::string> names;
  for (const auto& part : split(rest.substr(slash + 1), ',')) {
    // npm's documentation writes a scoped name as "@scope/name" in range
    // requests; only its per-version endpoint takes "@scope%2Fname".
    if (part.find("%2F") != std::string::npos || part.find("%2f") != std::string::npos) {
      return {404, R"({"error":"package )" + decode(part) + R"( not found"})"};
    }
    names.push_back(decode(part));
  }
  m_seen.push_back(Seen{names, *start, *end});
  const bool bulk = names.size() > 1;
  if (bulk && (names.size() > 128 || std::any_of(names.begin(), names.end(), [](const auto& n) {
                 return n.starts_with('@');
               }))) {
    return {400, R"({"error":"scoped packages not supported in bulk queries"})"};
  }
  // Clamped like npm: to the data there is, then to the limit, keeping the end.
  Day from = std::max(*start, first_day());
  const Day to = std::min(*end, m_today - 1);
  const auto limit = static_cast<std::int32_t>(bulk ? bulk_limit_days : single_limit_days);
  if (to - from + 1 > limit) {
    from = to - (limit - 1);
  }
  if (to < from) {
    return {400, R"({"error":"end date > start date"})"};
  }
  if (!bulk) {
    if (!m_created.contains(names.front())) {
      return {404, R"({"error":"package )" + names.front() + R"( not found"})"};
    }
    return {200, range_json(names.front(), from, to)};
  }
  std::string body;
  for (const auto& name : names) {
    body += (body.empty() ? "" : ",") + std::string("\"") + name +
            "\":" + (m_created.contains(name) ? range_json(name, from, to) : "null");
  }
  return {200, "{" + body + "}"};
}

std::vector<FakeNpm::Seen> FakeNpm::seen() const {
  const std::lock_guard lock(m_mutex);
  return m_seen;
}

void FakeNpm::forget() {
  const std::lock_guard lock(m_mutex);
  m_seen.clear();
}

}  // namespace odometer::testing
