#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace odometer {

// The name of one series: <source>:<metric>:<entity>. Source and metric are
// lowercase [a-z0-9-]+; the entity is any non-empty, valid UTF-8 text without
// control characters (it may itself contain ':', '/', '@', '.').
// Keys order by their text, which is the order of the ledger file.
class SeriesKey {
public:
  // Returns an error naming the key and the part that is wrong.
  static Result<SeriesKey> parse(std::string_view text);
  // The key source:metric:entity, checked as parse checks it (an entity may
  // hold ':'); the same errors.
  static Result<SeriesKey> make(std::string_view source, std::string_view metric,
                                std::string_view entity);

  // The whole key, and views of its three parts into it: valid while this
  // key lives and is not assigned to.
  const std::string& str() const { return m_text; }
  std::string_view source() const { return std::string_view(m_text).substr(0, m_source_len); }
  std::string_view metric() const {
    return std::string_view(m_text).substr(m_source_len + 1, m_metric_len);
  }
  std::string_view entity() const {
    return std::string_view(m_text).substr(m_source_len + m_metric_len + 2);
  }

  bool operator==(const SeriesKey& other) const { return m_text == other.m_text; }
  std::strong_ordering operator<=>(const SeriesKey& other) const { return m_text <=> other.m_text; }

private:
  SeriesKey(std::string text, std::size_t source_len, std::size_t metric_len)
      : m_text(std::move(text)), m_source_len(source_len), m_metric_len(metric_len) {}

  std::string m_text;
  std::size_t m_source_len;
  std::size_t m_metric_len;
};

}  // namespace odometer
