#include "store/ledger_json_fast.hpp"

// Why a second reader: the strict reader (ledger_json.cpp) builds simdjson's
// DOM, a tape and a string copy of the whole document, about twice its size
// in fresh memory that the kernel must fault in and clear, before it reads
// a single day. This one walks the text once with simdjson On-Demand and
// fills the day maps as it goes.
//
// It keeps the strict reader's guarantees by deciding nothing hard: it
// accepts only the layout the writer produces, in which a duplicate cannot
// hide (fields in a fixed order, series keys and days strictly ascending),
// and it reads and checks every value. Anything else (another field order,
// an escaped day, a count written "-0", any error at all) makes it give up,
// and the strict reader reads the text from the start and names the
// problem. So every error message still comes from one place, and a file
// edited by hand is read as before, only more slowly.

#include <simdjson.h>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "store/ledger_json.hpp"

namespace odometer {

namespace {

namespace od = simdjson::ondemand;
using simdjson::SUCCESS;

bool key_is(od::field& field, std::string_view name) {
  // Compares the raw text: an escaped spelling of name does not match, and
  // the strict reader then takes over.
  return field.key().unsafe_is_equal(name);
}

bool string_is(od::value& value, std::string_view expected) {
  od::raw_json_string raw;
  return value.get_raw_json_string().get(raw) == SUCCESS && raw.unsafe_is_equal(expected);
}

bool read_count(od::value& value, Count& out) {
  // get_uint64 takes only plain digits: no sign, fraction or exponent.
  std::uint64_t count = 0;
  if (value.get_uint64().get(count) != SUCCESS || count > k_max_count) {
    return false;
  }
  out = count;
  return true;
}

bool read_timestamp(od::value& value, Timestamp& out) {
  std::string_view text;
  if (value.get_string().get(text) != SUCCESS) {
    return false;
  }
  auto at = Timestamp::parse(text);
  if (!at) {
    return false;
  }
  out = *at;
  return true;
}

// {"at": "...", "value": N}, in this order.
bool read_reading(od::value& value, GaugeReading& out) {
  od::object obj;
  if (value.get_object().get(obj) != SUCCESS) {
    return false;
  }
  int fields = 0;
  for (auto result : obj) {
    od::field field;
    if (std::move(result).get(field) != SUCCESS) {
      return false;
    }
    if (fields == 0) {
      if (!key_is(field, "at") || !read_timestamp(field.value(), out.at)) {
        return false;
      }
    } else if (fields == 1) {
      if (!key_is(field, "value") || !read_count(field.value(), out.value)) {
        return false;
      }
    } else {
      return false;
    }
    ++fields;
  }
  return fields == 2;
}

class CanonicalReader {
public:
  bool read_ledger(od::document& doc, Ledger& ledger) {
    od::object top;
    if (doc.get_object().get(top) != SUCCESS) {
      return false;
    }
    enum class Next { format, version, updated_at, series, end };
    Next next = Next::format;
    for (auto result : top) {
      od::field field;
      if (std::move(result).get(field) != SUCCESS) {
        return false;
      }
      switch (next) {
        case Next::format:
          if (!key_is(field, "format") || !string_is(field.value(), k_ledger_format)) {
            return false;
          }
          next = Next::version;
          break;
        case Next::version: {
          std::uint64_t version = 0;
          if (!key_is(field, "version") || field.value().get_uint64().get(version) != SUCCESS ||
              version != static_cast<std::uint64_t>(k_ledger_version)) {
            return false;
          }
          next = Next::updated_at;
          break;
        }
        case Next::updated_at:
          if (key_is(field, "updated_at")) {
            Timestamp at;
            if (!read_timestamp(field.value(), at)) {
              return false;
            }
            ledger.touch(at);
            next = Next::series;
            break;
          }
          [[fallthrough]];
        case Next::series:
          if (!key_is(field, "series") || !read_all_series(field.value(), ledger)) {
            return false;
          }
          next = Next::end;
          break;
        case Next::end:
          return false;
      }
    }
    return next == Next::end;
  }

private:
  bool read_all_series(od::value& value, Ledger& ledger) {
    od::object all;
    if (value.get_object().get(all) != SUCCESS) {
      return false;
    }
    for (auto result : all) {
      od::field field;
      std::string_view key_text;
      if (std::move(result).get(field) != SUCCESS ||
          field.unescaped_key().get(key_text) != SUCCESS) {
        return false;
      }
      auto key = SeriesKey::parse(key_text);
      // Strictly ascending, as written: no duplicate can slip by.
      if (!key || (!ledger.empty() && !(ledger.series().rbegin()->first < *key))) {
        return false;
      }
      auto series = read_series(field.value());
      if (!series || !ledger.merge_series(*key, std::move(*series))) {
        return false;
      }
    }
    return true;
  }

  // {"kind": K, ["additive": B,] ["floors": {...},] "days": {...}}, in this order.
  std::optional<Series> read_series(od::value& value) {
    od::object obj;
    if (value.get_object().get(obj) != SUCCESS) {
      return std::nullopt;
    }
    enum class Next { kind, additive, floors, days, end };
    Next next = Next::kind;
    Kind kind = Kind::daily;
    Additivity additivity = Additivity::additive;
    DayMap<Count> floors;
    DayMap<Count> counts;
    DayMap<GaugeReading> readings;
    for (auto result : obj) {
      od::field field;
      if (std::move(result).get(field) != SUCCESS) {
        return std::nullopt;
      }
      switch (next) {
        case Next::kind: {
          if (!key_is(field, "kind")) {
            return std::nullopt;
          }
          od::raw_json_string raw;
          if (field.value().get_raw_json_string().get(raw) != SUCCESS) {
            return std::nullopt;
          }
          if (raw.unsafe_is_equal("daily")) {
            kind = Kind::daily;
          } else if (raw.unsafe_is_equal("cumulative")) {
            kind = Kind::cumulative;
          } else if (raw.unsafe_is_equal("gauge")) {
            kind = Kind::gauge;
          } else {
            return std::nullopt;
          }
          next = kind == Kind::daily ? Next::additive : Next::days;
          break;
        }
        case Next::additive:
          if (key_is(field, "additive")) {
            bool flag = true;
            if (field.value().get_bool().get(flag) != SUCCESS) {
              return std::nullopt;
            }
            additivity = flag ? Additivity::additive : Additivity::non_additive;
            // A non-additive series has no floors.
            next = flag ? Next::floors : Next::days;
            break;
          }
          [[fallthrough]];
        case Next::floors:
          if (key_is(field, "floors")) {
            if (!read_counts(field.value(), floors, m_floors_hint)) {
              return std::nullopt;
            }
            next = Next::days;
            break;
          }
          [[fallthrough]];
        case Next::days: {
          if (!key_is(field, "days")) {
            return std::nullopt;
          }
          const bool ok = kind == Kind::gauge
                              ? read_day_map(field.value(), readings, m_readings_hint, read_reading)
                              : read_counts(field.value(), counts, m_counts_hint);
          if (!ok) {
            return std::nullopt;
          }
          next = Next::end;
          break;
        }
        case Next::end:
          return std::nullopt;
      }
    }
    if (next != Next::end) {
      return std::nullopt;
    }
    switch (kind) {
      case Kind::daily: {
        DailySeries daily(additivity);
        daily.set(std::move(counts), std::move(floors));
        return Series(std::move(daily));
      }
      case Kind::cumulative: {
        CumulativeSeries cumulative;
        cumulative.set(std::move(counts));
        return Series(std::move(cumulative));
      }
      case Kind::gauge: {
        GaugeSeries gauge;
        gauge.set(std::move(readings));
        return Series(std::move(gauge));
      }
    }
    return std::nullopt;
  }

  static bool read_counts(od::value& value, DayMap<Count>& out, std::size_t& hint) {
    return read_day_map(value, out, hint, read_count);
  }

  // An object of days in strictly ascending order, each key exactly
  // "YYYY-MM-DD" without escapes. hint is the size of the last map of this
  // sort, as series in one ledger tend to hold the same number of days.
  template <typename V, typename ReadValue>
  static bool read_day_map(od::value& value, DayMap<V>& out, std::size_t& hint,
                           ReadValue read_value) {
    od::object obj;
    if (value.get_object().get(obj) != SUCCESS) {
      return false;
    }
    std::vector<typename DayMap<V>::Entry> entries;
    entries.reserve(hint);
    for (auto result : obj) {
      od::field field;
      if (std::move(result).get(field) != SUCCESS) {
        return false;
      }
      // The key's raw text, after its opening quote; the padding after the
      // document makes the eleventh byte readable. A quote there, after ten
      // bytes that parse_fixed takes (digits and dashes only), closes the key.
      const char* raw = field.key().raw();
      if (raw[10] != '"') {
        return false;
      }
      const auto day = Day::parse_fixed(raw);
      if (!day || (!entries.empty() && !(entries.back().first < *day))) {
        return false;
      }
      V item{};
      if (!read_value(field.value(), item)) {
        return false;
      }
      entries.emplace_back(*day, item);
    }
    hint = entries.size();
    if (entries.capacity() > entries.size() + entries.size() / 4 + 4) {
      entries.shrink_to_fit();  // a much smaller map than the last one
    }
    out = DayMap<V>::from_unique_entries(std::move(entries));
    return true;
  }

  std::size_t m_floors_hint = 0;
  std::size_t m_counts_hint = 0;
  std::size_t m_readings_hint = 0;
};

}  // namespace

std::optional<Ledger> read_canonical_ledger(const char* data, std::size_t len) {
  od::parser parser;
  od::document doc;
  if (parser.iterate(data, len, len + simdjson::SIMDJSON_PADDING).get(doc) != SUCCESS) {
    return std::nullopt;
  }
  Ledger ledger;
  CanonicalReader reader;
  if (!reader.read_ledger(doc, ledger)) {
    return std::nullopt;
  }
  // Nothing may follow the document ("{...}{}" is not JSON).
  if (doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return std::nullopt;
  }
  return ledger;
}

}  // namespace odometer
