#include "store/ledger_json.hpp"

// Reading is strict on purpose: odometer rewrites this file, so anything it
// did not understand would be dropped on the next save. Every field is
// checked, and an unknown field, a duplicate key or a number that is not a
// plain integer is an error naming the JSON path, never silently ignored.
// Text in the writer's own layout goes through a fast path first
// (ledger_json_fast.cpp), which gives up on anything else and leaves it to
// the strict reader here, so that every error still comes from this file.
//
// The writer is ledger_json_write.cpp.

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/shown.hpp"
#include "store/ledger_json_fast.hpp"
#include "util/atomic_file.hpp"
#include "util/json_number_path.hpp"
#include "util/json_reader.hpp"
#include "util/json_text.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// The fields of each fixed-shape object, in the order of the index enums below.
constexpr std::array<std::string_view, 4> k_top_fields{"format", "version", "updated_at", "series"};
constexpr std::array<std::string_view, 4> k_series_fields{"kind", "additive", "floors", "days"};
constexpr std::array<std::string_view, 2> k_reading_fields{"at", "value"};

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// A JSON path as a chain of stack frames, turned into text only when an
// error is reported, so reading a valid file builds no path strings.
class Path {
public:
  Path() = default;

  // `.name`, or `["name"]` when name is not a plain identifier.
  Path field(std::string_view name) const { return Path(this, name, false); }
  // `["name"]`: a key of a map (series keys, days).
  Path key(std::string_view name) const { return Path(this, name, true); }

  std::string str() const {
    if (m_parent == nullptr) {
      return "$";
    }
    std::string out = m_parent->str();
    if (m_subscript || !is_json_path_identifier(m_name)) {
      out.push_back('[');
      append_json_string(out, m_name);
      out.push_back(']');
    } else {
      out.push_back('.');
      out.append(m_name);
    }
    return out;
  }

private:
  Path(const Path* parent, std::string_view name, bool subscript)
      : m_parent(parent), m_name(name), m_subscript(subscript) {}

  const Path* m_parent = nullptr;
  std::string_view m_name;
  bool m_subscript = false;
};

std::string_view describe(element_type type) {
  switch (type) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
    case element_type::UINT64:
      return "an integer";
    case element_type::DOUBLE:
      return "a decimal number";
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "a boolean";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "an unknown value";
}

std::string describe_parse_error(simdjson::error_code error) {
  switch (error) {
    case simdjson::EMPTY:
      return "invalid JSON: the text is empty";
    case simdjson::UTF8_ERROR:
      return "the file is not valid UTF-8";
    case simdjson::NUMBER_ERROR:
      // simdjson rejects integers beyond 64 bits here, before any path is known.
      return "invalid JSON: a number is malformed or out of the 64-bit integer range (" +
             std::string(simdjson::error_message(error)) + ")";
    default:
      return "invalid JSON: " + std::string(simdjson::error_message(error));
  }
}

// Day::parse for the keys of one map. Days in a file come in runs within a
// month: a key that differs from the last valid one only in a day of month
// from 01 to 28 is a valid date, and its Day follows from the last one
// without another calendar conversion.
class DayParser {
public:
  Result<Day> parse(std::string_view text) {
    if (m_valid && text.size() == 10 &&
        text.substr(0, 8) == std::string_view(m_prefix.data(), m_prefix.size())) {
      const char tens = text[8];
      const char ones = text[9];
      if (tens >= '0' && tens <= '2' && ones >= '0' && ones <= '9') {
        const std::int32_t day_of_month = (tens - '0') * 10 + (ones - '0');
        if (day_of_month >= 1 && day_of_month <= 28) {
          return m_day + (day_of_month - m_day_of_month);
        }
      }
    }
    auto day = Day::parse(text);
    if (day) {
      std::copy_n(text.begin(), m_prefix.size(), m_prefix.begin());
      m_day = *day;
      m_day_of_month = (text[8] - '0') * 10 + (text[9] - '0');
      m_valid = true;
    }
    return day;
  }

private:
  std::array<char, 8> m_prefix{};  // "YYYY-MM-"
  Day m_day;
  std::int32_t m_day_of_month = 0;
  bool m_valid = false;
};

// The fields of an object with a fixed set of names, found in one pass.
template <std::size_t N>
struct Fields {
  std::array<std::optional<element>, N> values;
  // The first name not in the set, if any (the caller decides when to report it).
  std::optional<std::string_view> unknown;
};

class Reader {
public:
  explicit Reader(std::string_view source) : m_source(source) {}

  Error fail(const Path& path, std::string_view problem) const {
    std::string message;
    message.reserve(m_source.size() + problem.size() + 64);
    message.append(m_source).append(": ").append(path.str()).append(": ").append(problem);
    return make_error(std::move(message));
  }

  Result<Ledger> read_document(element root) const {
    const Path path;
    auto top = read_object(root, path, " (is this an odometer ledger?)");
    if (!top) {
      return top.error();
    }
    enum : std::size_t { k_format, k_version, k_updated_at, k_series };
    Fields<4> fields;
    if (auto ok = collect(*top, path, k_top_fields, fields); !ok) {
      return ok.error();
    }
    // Format and version first: a newer file may have fields this version
    // does not know, and "written by a newer odometer" is the useful message.
    if (auto ok = check_format(fields.values[k_format], path); !ok) {
      return ok.error();
    }
    if (auto ok = check_version(fields.values[k_version], path); !ok) {
      return ok.error();
    }
    if (fields.unknown) {
      return fail(path.field(*fields.unknown), "unknown field");
    }
    Ledger ledger;
    if (const auto& updated_at = fields.values[k_updated_at]) {
      const Path at_path = path.field("updated_at");
      auto text = read_string(*updated_at, at_path);
      if (!text) {
        return text.error();
      }
      auto when = Timestamp::parse(*text);
      if (!when) {
        return fail(at_path, when.error().message);
      }
      ledger.touch(*when);
    }
    if (!fields.values[k_series]) {
      return fail(path, "missing field \"series\"");
    }
    const Path series_path = path.field("series");
    auto series = read_object(*fields.values[k_series], series_path);
    if (!series) {
      return series.error();
    }
    for (const auto entry : *series) {
      if (auto ok = read_series(ledger, entry.key, entry.value, series_path.key(entry.key)); !ok) {
        return ok.error();
      }
    }
    return ledger;
  }

private:
  // Finds the fields of obj named in names. A duplicate key is an error; an
  // unknown one is recorded in fields.unknown (the first one only).
  template <std::size_t N>
  Status collect(object obj, const Path& path, const std::array<std::string_view, N>& names,
                 Fields<N>& fields) const {
    for (const auto entry : obj) {
      const auto it = std::find(names.begin(), names.end(), entry.key);
      if (it == names.end()) {
        if (!fields.unknown) {
          fields.unknown = entry.key;
        }
        continue;
      }
      auto& slot = fields.values[static_cast<std::size_t>(it - names.begin())];
      if (slot) {
        return fail(path.field(entry.key), "duplicate key");
      }
      slot = entry.value;
    }
    return {};
  }

  // collect(), with an unknown field an error at once.
  template <std::size_t N>
  Status collect_strict(object obj, const Path& path, const std::array<std::string_view, N>& names,
                        Fields<N>& fields) const {
    if (auto ok = collect(obj, path, names, fields); !ok) {
      return ok;
    }
    if (fields.unknown) {
      return fail(path.field(*fields.unknown), "unknown field");
    }
    return {};
  }

  Error wrong_type(element value, const Path& path, std::string_view expected) const {
    std::string problem = "expected ";
    problem.append(expected).append(", got ").append(describe(value.type()));
    return fail(path, problem);
  }

  Result<object> read_object(element value, const Path& path, std::string_view hint = {}) const {
    object obj;
    if (value.get(obj) != simdjson::SUCCESS) {
      std::string problem = "expected an object, got ";
      problem.append(describe(value.type())).append(hint);
      return fail(path, problem);
    }
    return obj;
  }

  Result<std::string_view> read_string(element value, const Path& path) const {
    std::string_view text;
    if (value.get(text) != simdjson::SUCCESS) {
      return wrong_type(value, path, "a string");
    }
    return text;
  }

  Status check_format(const std::optional<element>& format, const Path& path) const {
    if (!format) {
      return fail(path, "missing field \"format\" (is this an odometer ledger?)");
    }
    const Path format_path = path.field("format");
    auto text = read_string(*format, format_path);
    if (!text) {
      return text.error();
    }
    if (*text != k_ledger_format) {
      return fail(format_path, "expected " + json_string(k_ledger_format) + ", got " +
                                   json_string(*text) + " (is this an odometer ledger?)");
    }
    return {};
  }

  Status check_version(const std::optional<element>& version, const Path& path) const {
    if (!version) {
      return fail(path, "missing field \"version\"");
    }
    const Path version_path = path.field("version");
    std::string number;
    bool newer = false;
    if (version->type() == element_type::INT64) {
      const std::int64_t value = version->get_int64().value_unsafe();
      if (value == k_ledger_version) {
        return {};
      }
      number = std::to_string(value);
      newer = value > k_ledger_version;
    } else if (version->type() == element_type::UINT64) {
      number = std::to_string(version->get_uint64().value_unsafe());
      newer = true;
    } else {
      return wrong_type(*version, version_path, "an integer");
    }
    const std::string reads = "this odometer reads version " + std::to_string(k_ledger_version);
    if (newer) {
      return fail(version_path, "this file is version " + number +
                                    ", written by a newer odometer; " + reads +
                                    " (upgrade odometer to read it)");
    }
    return fail(version_path,
                "this file is version " + number + ", which no odometer writes; " + reads);
  }

  Result<Count> read_count(element value, const Path& path) const {
    switch (value.type()) {
      case element_type::INT64: {
        auto count = checked_count(value.get_int64().value_unsafe());
        if (!count) {
          return fail(path, count.error().message);
        }
        return *count;
      }
      case element_type::UINT64: {
        const Count count = value.get_uint64().value_unsafe();
        if (auto ok = check_count(count); !ok) {
          return fail(path, ok.error().message);
        }
        return count;
      }
      case element_type::DOUBLE: {
        // 1.5, 1e30, 2.0: the ledger holds integers only, and a decimal
        // number may already have lost digits.
        std::array<char, 32> text{};
        const auto end =
            std::to_chars(text.data(), text.data() + text.size(), value.get_double().value_unsafe())
                .ptr;
        std::string problem = "count ";
        problem.append(text.data(), static_cast<std::size_t>(end - text.data()))
            .append(
                " is not an integer: counts are whole numbers from 0 to 10^15, written "
                "without a fraction or exponent");
        return fail(path, problem);
      }
      default:
        return wrong_type(value, path, "a count (an integer)");
    }
  }

  Result<GaugeReading> read_reading(element value, const Path& path) const {
    auto obj = read_object(value, path);
    if (!obj) {
      return obj.error();
    }
    Fields<2> fields;
    if (auto ok = collect_strict(*obj, path, k_reading_fields, fields); !ok) {
      return ok.error();
    }
    if (!fields.values[0]) {
      return fail(path, "missing field \"at\"");
    }
    if (!fields.values[1]) {
      return fail(path, "missing field \"value\"");
    }
    const Path at_path = path.field("at");
    auto text = read_string(*fields.values[0], at_path);
    if (!text) {
      return text.error();
    }
    auto at = Timestamp::parse(*text);
    if (!at) {
      return fail(at_path, at.error().message);
    }
    auto count = read_count(*fields.values[1], path.field("value"));
    if (!count) {
      return count.error();
    }
    return GaugeReading{*at, *count};
  }

  // An object day -> V. Duplicate days are found after reading, by sorting
  // (files are written sorted, so usually a single check pass).
  template <typename V, typename ReadValue>
  Result<DayMap<V>> read_day_map(element value, const Path& path, ReadValue read_value) const {
    auto obj = read_object(value, path);
    if (!obj) {
      return obj.error();
    }
    using Entry = typename DayMap<V>::Entry;
    std::vector<Entry> entries;
    entries.reserve(obj->size());
    DayParser days;
    for (const auto entry : *obj) {
      const Path entry_path = path.key(entry.key);
      auto day = days.parse(entry.key);
      if (!day) {
        return fail(entry_path, day.error().message);
      }
      auto item = read_value(entry.value, entry_path);
      if (!item) {
        return item.error();
      }
      entries.emplace_back(*day, std::move(*item));
    }
    const auto by_day = [](const Entry& a, const Entry& b) { return a.first < b.first; };
    const auto same_day = [](const Entry& a, const Entry& b) { return a.first == b.first; };
    if (!std::is_sorted(entries.begin(), entries.end(), by_day)) {
      std::sort(entries.begin(), entries.end(), by_day);
    }
    if (const auto dup = std::adjacent_find(entries.begin(), entries.end(), same_day);
        dup != entries.end()) {
      const std::string day_text = dup->first.to_string();
      return fail(path.key(day_text), "duplicate key");
    }
    return DayMap<V>::from_unique_entries(std::move(entries));
  }

  Result<DayMap<Count>> read_counts(element value, const Path& path) const {
    return read_day_map<Count>(value, path, [this](element item, const Path& item_path) {
      return read_count(item, item_path);
    });
  }

  Status read_series(Ledger& ledger, std::string_view key_text, element value,
                     const Path& path) const {
    auto key = SeriesKey::parse(key_text);
    if (!key) {
      return fail(path, key.error().message);
    }
    if (ledger.find(*key) != nullptr) {
      return fail(path, "duplicate key");
    }
    auto obj = read_object(value, path);
    if (!obj) {
      return obj.error();
    }
    enum : std::size_t { k_kind, k_additive, k_floors, k_days };
    Fields<4> fields;
    if (auto ok = collect_strict(*obj, path, k_series_fields, fields); !ok) {
      return ok;
    }
    if (!fields.values[k_kind]) {
      return fail(path, "missing field \"kind\"");
    }
    const Path kind_path = path.field("kind");
    auto kind_text = read_string(*fields.values[k_kind], kind_path);
    if (!kind_text) {
      return kind_text.error();
    }
    auto kind = parse_kind(*kind_text);
    if (!kind) {
      return fail(kind_path, kind.error().message);
    }
    if (*kind != Kind::daily) {
      for (const std::size_t daily_only : {k_additive, k_floors}) {
        if (fields.values[daily_only]) {
          const std::string_view name = daily_only == k_additive ? "additive" : "floors";
          return fail(path.field(name), "only a daily series has \"" + std::string(name) +
                                            "\", this one is " + std::string(to_string(*kind)));
        }
      }
    }
    if (!fields.values[k_days]) {
      return fail(path, "missing field \"days\"");
    }
    const Path days_path = path.field("days");

    std::optional<Series> series;
    switch (*kind) {
      case Kind::daily: {
        Additivity additivity = Additivity::additive;
        if (const auto& additive = fields.values[k_additive]) {
          bool flag = true;
          if (additive->get(flag) != simdjson::SUCCESS) {
            return wrong_type(*additive, path.field("additive"), "true or false");
          }
          additivity = flag ? Additivity::additive : Additivity::non_additive;
        }
        DayMap<Count> floors;
        if (const auto& floors_value = fields.values[k_floors]) {
          // A floor bounds a total, and a non-additive series has none
          // (Ledger::observe refuses such floors too).
          if (additivity == Additivity::non_additive) {
            return fail(path.field("floors"),
                        "a non-additive daily series (\"additive\": false) has no floors");
          }
          auto read = read_counts(*floors_value, path.field("floors"));
          if (!read) {
            return read.error();
          }
          floors = std::move(*read);
        }
        auto days = read_counts(*fields.values[k_days], days_path);
        if (!days) {
          return days.error();
        }
        DailySeries daily(additivity);
        daily.set(std::move(*days), std::move(floors));
        series.emplace(std::move(daily));
        break;
      }
      case Kind::cumulative: {
        auto days = read_counts(*fields.values[k_days], days_path);
        if (!days) {
          return days.error();
        }
        CumulativeSeries cumulative;
        cumulative.set(std::move(*days));
        series.emplace(std::move(cumulative));
        break;
      }
      case Kind::gauge: {
        auto days = read_day_map<GaugeReading>(
            *fields.values[k_days], days_path,
            [this](element item, const Path& item_path) { return read_reading(item, item_path); });
        if (!days) {
          return days.error();
        }
        GaugeSeries gauge;
        gauge.set(std::move(*days));
        series.emplace(std::move(gauge));
        break;
      }
    }
    if (auto ok = ledger.merge_series(*key, std::move(*series)); !ok) {
      return fail(path, ok.error().message);
    }
    return {};
  }

  std::string_view m_source;
};

// Parses len bytes at data, which must be followed by SIMDJSON_PADDING
// readable bytes, with the strict reader only.
Result<Ledger> parse_strict(const char* data, std::size_t len, std::string_view source) {
  const Reader reader(source);
  simdjson::dom::parser parser;
  element root;
  if (const auto error = parser.parse(data, len, false).get(root); error != simdjson::SUCCESS) {
    if (auto number = find_out_of_range_integer(std::string_view(data, len))) {
      return make_error(std::string(source) + ": " + number->path + ": the integer " +
                        shown_value(number->literal) + " is beyond the 64-bit range");
    }
    return reader.fail(Path(), describe_parse_error(error));
  }
  return reader.read_document(root);
}

// The same, through the fast reader of canonical text when it can.
Result<Ledger> parse_padded(const char* data, std::size_t len, std::string_view source) {
  if (auto ledger = read_canonical_ledger(data, len)) {
    return std::move(*ledger);
  }
  return parse_strict(data, len, source);
}

}  // namespace

Result<Ledger> parse_ledger_json(std::string_view text, std::string_view source) {
  const simdjson::padded_string padded(text);
  return parse_padded(padded.data(), padded.size(), source);
}

static_assert(k_read_padding >= simdjson::SIMDJSON_PADDING);

Result<Ledger> parse_ledger_json(const std::string& text, std::string_view source) {
  // simdjson reads up to SIMDJSON_PADDING bytes past the end; when the
  // string already owns them, skip copying a file of a hundred megabytes.
  if (text.capacity() - text.size() >= simdjson::SIMDJSON_PADDING) {
    return parse_padded(text.data(), text.size(), source);
  }
  return parse_ledger_json(std::string_view(text), source);
}

Result<Ledger> parse_ledger_json_strict(std::string_view text, std::string_view source) {
  const simdjson::padded_string padded(text);
  return parse_strict(padded.data(), padded.size(), source);
}

}  // namespace odometer
