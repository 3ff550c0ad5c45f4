#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "core/day.hpp"

namespace odometer {

// A map from Day to V kept as a sorted vector: the ledger holds millions of
// day entries, and a flat sorted array loads, merges and writes in linear
// time with a fraction of a node-based map's memory.
template <typename V>
class DayMap {
public:
  using Entry = std::pair<Day, V>;

  DayMap() = default;

  // Builds a map from entries whose days are unique (the caller checks);
  // sorts them if they are not in order already.
  static DayMap from_unique_entries(std::vector<Entry> entries) {
    const auto by_day = [](const Entry& a, const Entry& b) { return a.first < b.first; };
    if (!std::is_sorted(entries.begin(), entries.end(), by_day)) {
      std::sort(entries.begin(), entries.end(), by_day);
    }
    DayMap map;
    map.m_entries = std::move(entries);
    return map;
  }

  // Sets the entry for day to join(old, value), or to value if there is none.
  template <typename Join>
  void join(Day day, const V& value, Join join_values) {
    auto it = lower_bound(day);
    if (it != m_entries.end() && it->first == day) {
      it->second = join_values(it->second, value);
    } else {
      m_entries.insert(it, Entry{day, value});
    }
  }

  // Joins every entry of other into this map in one linear pass.
  template <typename Join>
  void join_all(const DayMap& other, Join join_values) {
    // Join in place while other holds only days this map has (re-reading an
    // overlapping window, merging a copy); rebuild from the first new day.
    auto a = m_entries.begin();
    auto b = other.m_entries.begin();
    for (; b != other.m_entries.end(); ++a, ++b) {
      while (a != m_entries.end() && a->first < b->first) {
        ++a;
      }
      if (a == m_entries.end() || a->first != b->first) {
        break;
      }
      a->second = join_values(a->second, b->second);
    }
    if (b == other.m_entries.end()) {
      return;
    }
    std::vector<Entry> merged;
    merged.reserve(m_entries.size() + static_cast<std::size_t>(other.m_entries.end() - b));
    merged.insert(merged.end(), m_entries.begin(), a);
    while (a != m_entries.end() || b != other.m_entries.end()) {
      if (b == other.m_entries.end() || (a != m_entries.end() && a->first < b->first)) {
        merged.push_back(*a++);
      } else if (a == m_entries.end() || b->first < a->first) {
        merged.push_back(*b++);
      } else {
        merged.push_back(Entry{a->first, join_values(a->second, b->second)});
        ++a;
        ++b;
      }
    }
    m_entries = std::move(merged);
  }

  // Whether join_all(other) would leave this map as it is.
  template <typename Join>
  bool includes(const DayMap& other, Join join_values) const {
    auto a = m_entries.begin();
    for (const auto& [day, value] : other.m_entries) {
      while (a != m_entries.end() && a->first < day) {
        ++a;
      }
      if (a == m_entries.end() || a->first != day ||
          !(join_values(a->second, value) == a->second)) {
        return false;
      }
      ++a;
    }
    return true;
  }

  // Returns the value for day, or nullptr.
  const V* find(Day day) const {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), day,
                               [](const Entry& e, Day d) { return e.first < d; });
    return it != m_entries.end() && it->first == day ? &it->second : nullptr;
  }

  const std::vector<Entry>& entries() const { return m_entries; }
  bool empty() const { return m_entries.empty(); }
  std::size_t size() const { return m_entries.size(); }
  auto begin() const { return m_entries.begin(); }
  auto end() const { return m_entries.end(); }
  bool operator==(const DayMap&) const = default;

private:
  typename std::vector<Entry>::iterator lower_bound(Day day) {
    return std::lower_bound(m_entries.begin(), m_entries.end(), day,
                            [](const Entry& e, Day d) { return e.first < d; });
  }

  std::vector<Entry> m_entries;
};

}  // namespace odometer
