#include "store/ledger_json.hpp"

// Writing produces one canonical text for one state (keys in byte order, one
// line per day entry), through a raw cursor into reserved room, either as
// one string or in pieces of about a megabyte for a file: a ledger of
// millions of day entries must load, merge and save well within a second.
// The reader is ledger_json_read.cpp.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "util/atomic_file.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

constexpr std::int64_t k_seconds_per_day = 86400;

// Each series is written through a raw cursor into room made ahead for its
// largest possible text (every entry has a fixed maximum length), so the hot
// loop does plain stores: no capacity checks, no strlen, no allocation.

// The most bytes one entry line can take, with its separator.
constexpr std::size_t k_max_count_digits = 20;  // any uint64
constexpr std::size_t k_max_count_line = 8 + 14 + k_max_count_digits + 2;
constexpr std::size_t k_max_reading_line = 8 + 14 + 7 + 22 + 11 + k_max_count_digits + 1 + 2;
// Kind, "additive", the "floors"/"days" openings and closings, the braces.
constexpr std::size_t k_max_series_overhead = 192;

char* put(char* out, std::string_view text) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

char* put_count(char* out, Count value) {
  return std::to_chars(out, out + k_max_count_digits, value).ptr;
}

// Formats the days of one map, which come in ascending order: the next day
// is usually in the same month, and then only the day-of-month digits
// change, which saves Day::format_to's calendar conversion.
class DayFormatter {
public:
  char* put_day(char* out, Day day) {
    const std::int64_t step = std::int64_t{day.days_since_epoch()} - m_last;
    if (m_valid && step >= 0 && m_day_of_month + step <= 28) {
      m_day_of_month += static_cast<std::int32_t>(step);
      m_text[8] = static_cast<char>('0' + m_day_of_month / 10);
      m_text[9] = static_cast<char>('0' + m_day_of_month % 10);
    } else {
      day.format_to(m_text.data());
      m_day_of_month = (m_text[8] - '0') * 10 + (m_text[9] - '0');
      m_valid = true;
    }
    m_last = day.days_since_epoch();
    return put(out, std::string_view(m_text.data(), m_text.size()));
  }

private:
  std::array<char, 10> m_text{};
  std::int32_t m_last = 0;
  std::int32_t m_day_of_month = 0;
  bool m_valid = false;
};

// "YYYY-MM-DDTHH:MM:SSZ" with quotes (22 bytes), without the temporary
// strings of Timestamp::to_string.
char* put_timestamp(char* out, Timestamp at) {
  const Day day = at.day();
  const std::int64_t in_day =
      at.unix_seconds() - std::int64_t{day.days_since_epoch()} * k_seconds_per_day;
  const auto two = [&out](std::int64_t value) {
    *out++ = static_cast<char>('0' + value / 10);
    *out++ = static_cast<char>('0' + value % 10);
  };
  *out++ = '"';
  day.format_to(out);
  out += 10;
  *out++ = 'T';
  two(in_day / 3600);
  *out++ = ':';
  two(in_day / 60 % 60);
  *out++ = ':';
  two(in_day % 60);
  return put(out, "Z\"");
}

char* put_value(char* out, Count value) {
  return put_count(out, value);
}

char* put_value(char* out, const GaugeReading& reading) {
  out = put(out, "{\"at\": ");
  out = put_timestamp(out, reading.at);
  out = put(out, ", \"value\": ");
  out = put_count(out, reading.value);
  *out++ = '}';
  return out;
}

// `      "name": {...}` at the indent of a series field, without a line end.
template <typename V>
char* put_day_map(char* out, std::string_view name, const DayMap<V>& map) {
  out = put(out, "      \"");
  out = put(out, name);
  out = put(out, "\": ");
  if (map.empty()) {
    return put(out, "{}");
  }
  out = put(out, "{\n");
  DayFormatter days;
  bool first = true;
  for (const auto& [day, value] : map) {
    if (!first) {
      out = put(out, ",\n");
    }
    first = false;
    out = put(out, "        \"");
    out = days.put_day(out, day);
    out = put(out, "\": ");
    out = put_value(out, value);
  }
  return put(out, "\n      }");
}

std::size_t max_series_size(const SeriesKey& key, const Series& series) {
  std::size_t size = k_max_series_overhead + max_json_string_size(key.str());
  if (const auto* daily = series.daily()) {
    size += (daily->days().size() + daily->floors().size()) * k_max_count_line;
  } else if (const auto* cumulative = series.cumulative()) {
    size += cumulative->days().size() * k_max_count_line;
  } else if (const auto* gauge = series.gauge()) {
    size += gauge->days().size() * k_max_reading_line;
  }
  return size;
}

// Writes one series (with a leading ",\n" unless first) at the end of out.
void append_series(std::string& out, const SeriesKey& key, const Series& series, bool first) {
  const std::size_t used = out.size();
  const std::size_t room = max_series_size(key, series);
  if (out.capacity() - used < room) {
    out.reserve(std::max(out.capacity() * 2, used + room));
  }
  out.resize(used + room);
  char* p = out.data() + used;
  if (!first) {
    p = put(p, ",\n");
  }
  p = put(p, "    ");
  p = put_json_string(p, key.str());
  p = put(p, ": {\n      \"kind\": \"");
  p = put(p, to_string(series.kind()));
  p = put(p, "\",\n");
  if (const auto* daily = series.daily()) {
    if (daily->additivity() == Additivity::non_additive) {
      p = put(p, "      \"additive\": false,\n");
    }
    if (!daily->floors().empty()) {
      p = put_day_map(p, "floors", daily->floors());
      p = put(p, ",\n");
    }
    p = put_day_map(p, "days", daily->days());
  } else if (const auto* cumulative = series.cumulative()) {
    p = put_day_map(p, "days", cumulative->days());
  } else if (const auto* gauge = series.gauge()) {
    p = put_day_map(p, "days", gauge->days());
  }
  p = put(p, "\n    }");
  out.resize(static_cast<std::size_t>(p - out.data()));
}

// A size that most ledgers fit in, so the output grows rarely if at all.
std::size_t estimate_size(const Ledger& ledger) {
  constexpr std::size_t k_per_series = 128;
  constexpr std::size_t k_per_count = 32;
  constexpr std::size_t k_per_reading = 72;
  std::size_t size = 256;
  for (const auto& [key, series] : ledger.series()) {
    size += k_per_series + key.str().size();
    if (const auto* daily = series.daily()) {
      size += (daily->days().size() + daily->floors().size()) * k_per_count;
    } else if (const auto* cumulative = series.cumulative()) {
      size += cumulative->days().size() * k_per_count;
    } else if (const auto* gauge = series.gauge()) {
      size += gauge->days().size() * k_per_reading;
    }
  }
  return size;
}

// Writes the canonical text of ledger at the end of out, calling flush(out)
// after each series (it may pass the text on and clear out); stops and
// returns false as soon as flush does.
template <typename Flush>
bool write_text(const Ledger& ledger, std::string& out, Flush flush) {
  out.append("{\n  \"format\": ");
  append_json_string(out, k_ledger_format);
  out.append(",\n  \"version\": ").append(std::to_string(k_ledger_version)).append(",\n");
  if (const auto& updated_at = ledger.updated_at()) {
    std::array<char, 24> text{};
    const char* end = put_timestamp(text.data(), *updated_at);
    out.append("  \"updated_at\": ")
        .append(text.data(), static_cast<std::size_t>(end - text.data()))
        .append(",\n");
  }
  out.append("  \"series\": ");
  if (ledger.series().empty()) {
    out.append("{}");
  } else {
    out.append("{\n");
    bool first = true;
    for (const auto& [key, series] : ledger.series()) {
      append_series(out, key, series, first);
      first = false;
      if (!flush(out)) {
        return false;
      }
    }
    out.append("\n  }");
  }
  out.append("\n}\n");
  return true;
}

}  // namespace

std::string write_ledger_json(const Ledger& ledger) {
  std::string out;
  out.reserve(estimate_size(ledger));
  write_text(ledger, out, [](const std::string&) { return true; });
  return out;
}

Status write_ledger_json(const Ledger& ledger, const TextSink& sink) {
  // One buffer, reused: its pages are faulted in once, where a whole text
  // of a hundred megabytes would need fresh memory the kernel must clear.
  constexpr std::size_t k_piece = std::size_t{1} << 20;
  std::string out;
  out.reserve(2 * k_piece);
  Status status;
  const auto flush = [&](std::string& text) {
    if (text.size() < k_piece) {
      return true;
    }
    status = sink(text);
    text.clear();
    return status.ok();
  };
  if (!write_text(ledger, out, flush)) {
    return status;
  }
  return sink(out);
}

}  // namespace odometer
