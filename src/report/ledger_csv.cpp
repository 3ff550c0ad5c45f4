// ledger.csv both ways. The file is for spreadsheets first, but it is also
// a way to carry a ledger (edit it, move it between tools) and to import
// it again, so it holds everything the ledger holds: every day and floor,
// each gauge reading's time of observation (`at`), the additivity of daily
// series, series that have no entry yet, and the ledger's updated_at. That
// is what makes parse_ledger_csv(ledger_csv(L)) == L exact; the writer and
// the reader share the row kinds below, so they cannot drift apart.

#include "report/ledger_csv.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "util/csv.hpp"

namespace odometer {

namespace {

enum class RowKind { daily, floor, non_additive, cumulative, gauge, updated_at };

struct RowKindName {
  RowKind kind;
  std::string_view name;
};

constexpr std::array<RowKindName, 6> k_row_kinds{{
    {RowKind::daily, "daily"},
    {RowKind::floor, "daily-floor"},
    {RowKind::non_additive, "daily-non-additive"},
    {RowKind::cumulative, "cumulative"},
    {RowKind::gauge, "gauge"},
    {RowKind::updated_at, "updated-at"},
}};

constexpr std::array<std::string_view, 5> k_header{"key", "kind", "day", "value", "at"};
// Files written before `at` was added: gauges read at the start of their day.
constexpr std::array<std::string_view, 4> k_old_header{"key", "kind", "day", "value"};

std::string_view name_of(RowKind kind) {
  for (const auto& entry : k_row_kinds) {
    if (entry.kind == kind) {
      return entry.name;
    }
  }
  return "";
}

// ---- writing

void append_row(std::string& out, const SeriesKey& key, RowKind kind, Day day, Count value,
                const std::optional<Timestamp>& at = std::nullopt) {
  append_csv_field(out, key.str());
  out.append(",").append(name_of(kind)).append(",").append(day.to_string()).append(",");
  out.append(std::to_string(value)).append(",");
  if (at) {
    out.append(at->to_string());
  }
  out.append("\n");
}

void append_empty_series(std::string& out, const SeriesKey& key, RowKind kind) {
  append_csv_field(out, key.str());
  out.append(",").append(name_of(kind)).append(",,,\n");
}

void append_daily(std::string& out, const SeriesKey& key, const DailySeries& series) {
  const RowKind kind =
      series.additivity() == Additivity::additive ? RowKind::daily : RowKind::non_additive;
  if (series.days().empty() && series.floors().empty()) {
    append_empty_series(out, key, kind);
    return;
  }
  auto day = series.days().begin();
  auto floor = series.floors().begin();
  while (day != series.days().end() || floor != series.floors().end()) {
    if (floor == series.floors().end() ||
        (day != series.days().end() && day->first <= floor->first)) {
      append_row(out, key, kind, day->first, day->second);
      ++day;
    } else {
      append_row(out, key, RowKind::floor, floor->first, floor->second);
      ++floor;
    }
  }
}

// ---- reading

// The kind and additivity a row kind belongs to.
struct SeriesShape {
  Kind kind;
  Additivity additivity;
  bool operator==(const SeriesShape&) const = default;
};

SeriesShape shape_of(RowKind kind) {
  switch (kind) {
    case RowKind::non_additive:
      return {Kind::daily, Additivity::non_additive};
    case RowKind::cumulative:
      return {Kind::cumulative, Additivity::additive};
    case RowKind::gauge:
      return {Kind::gauge, Additivity::additive};
    default:
      return {Kind::daily, Additivity::additive};
  }
}

template <typename V>
struct Row {
  Day day;
  V value;
  std::size_t line;
};

// One series as its rows come in.
struct Building {
  SeriesShape shape;
  RowKind first_kind;
  std::size_t first_line;
  std::optional<std::size_t> empty_line;  // the line of its empty-series row
  std::vector<Row<Count>> days;
  std::vector<Row<Count>> floors;
  std::vector<Row<GaugeReading>> readings;
};

class CsvLedgerReader {
public:
  explicit CsvLedgerReader(std::string_view source) : m_source(source) {}

  Error fail(std::size_t line, std::string_view problem) const {
    return make_error(
        std::string(m_source) + ":" + std::to_string(line) + ": " + std::string(problem),
        ErrorCode::invalid);
  }

  Result<Ledger> read(std::string_view text) {
    TRY_ASSIGN(const auto records, read_csv(text, m_source));
    if (records.empty()) {
      return make_error(std::string(m_source) + ": the file is empty; expected the header " +
                            "key,kind,day,value,at",
                        ErrorCode::invalid);
    }
    const auto& header = records.front().fields;
    m_has_at = std::equal(header.begin(), header.end(), k_header.begin(), k_header.end());
    if (!m_has_at &&
        !std::equal(header.begin(), header.end(), k_old_header.begin(), k_old_header.end())) {
      std::string found;
      for (const auto& field : header) {
        found += (found.empty() ? "" : ",") + field;
      }
      return fail(records.front().line,
                  "the header is " + found + "; expected key,kind,day,value,at (ledger.csv)");
    }
    for (std::size_t i = 1; i < records.size(); ++i) {
      TRY(read_row(records[i]));
    }
    return build();
  }

private:
  Status read_row(const CsvRecord& record) {
    const std::size_t line = record.line;
    const std::size_t columns = m_has_at ? k_header.size() : k_old_header.size();
    if (record.fields.size() != columns) {
      return fail(line, std::to_string(record.fields.size()) + " fields; the header has " +
                            std::to_string(columns));
    }
    const std::string& key_text = record.fields[0];
    const std::string& kind_text = record.fields[1];
    const std::string& day_text = record.fields[2];
    const std::string& value_text = record.fields[3];
    const std::string at_text = m_has_at ? record.fields[4] : std::string();
    const auto* known =
        std::find_if(k_row_kinds.begin(), k_row_kinds.end(),
                     [&](const RowKindName& entry) { return entry.name == kind_text; });
    if (known == k_row_kinds.end()) {
      return fail(line, "kind \"" + kind_text +
                            "\" is none of daily, daily-floor, daily-non-additive, cumulative, "
                            "gauge, updated-at");
    }
    const RowKind kind = known->kind;
    if (kind == RowKind::updated_at) {
      return read_updated_at(record, at_text);
    }
    auto key = SeriesKey::parse(key_text);
    if (!key) {
      return fail(line, key.error().message);
    }
    auto [it, inserted] =
        m_series.try_emplace(*key, Building{shape_of(kind), kind, line, std::nullopt, {}, {}, {}});
    Building& series = it->second;
    if (!(series.shape == shape_of(kind))) {
      return fail(line, key_text + ": a " + std::string(kind_text) + " row, but line " +
                            std::to_string(series.first_line) + " has a " +
                            std::string(name_of(series.first_kind)) +
                            " row of this key (one series has one kind)");
    }
    if (series.empty_line) {
      return fail(line, key_text + ": line " + std::to_string(*series.empty_line) +
                            " says this series has no entries");
    }
    if (day_text.empty() && value_text.empty() && at_text.empty() && kind != RowKind::floor) {
      if (!inserted) {
        return fail(line, key_text + ": an empty-series row, but line " +
                              std::to_string(series.first_line) + " has an entry of this key");
      }
      series.empty_line = line;
      return {};
    }
    auto day = Day::parse(day_text);
    if (!day) {
      return fail(line, key_text + ": " + day.error().message);
    }
    auto value = parse_count_field(value_text);
    if (!value) {
      return fail(line, key_text + ": value " + value.error().message);
    }
    if (kind != RowKind::gauge) {
      if (!at_text.empty()) {
        return fail(line, key_text + ": at \"" + at_text + "\" on a " + kind_text +
                              " row; only gauge readings have a time");
      }
      auto& rows = kind == RowKind::floor ? series.floors : series.days;
      rows.push_back(Row<Count>{*day, *value, line});
      return {};
    }
    Timestamp at = Timestamp::start_of(*day);
    if (m_has_at) {
      auto parsed = Timestamp::parse(at_text);
      if (!parsed) {
        return fail(line, key_text + ": at: " + parsed.error().message);
      }
      at = *parsed;
    }
    series.readings.push_back(Row<GaugeReading>{*day, GaugeReading{at, *value}, line});
    return {};
  }

  Status read_updated_at(const CsvRecord& record, const std::string& at_text) {
    if (!record.fields[0].empty() || !record.fields[2].empty() || !record.fields[3].empty()) {
      return fail(record.line, "an updated-at row has only its time, in at");
    }
    if (m_updated_at_line) {
      return fail(record.line, "a second updated-at row (the first is on line " +
                                   std::to_string(*m_updated_at_line) + ")");
    }
    auto at = Timestamp::parse(at_text);
    if (!at) {
      return fail(record.line, "updated-at: " + at.error().message);
    }
    m_updated_at_line = record.line;
    m_updated_at = *at;
    return {};
  }

  // The rows of one kind as a DayMap, or an error at the second row of a day.
  template <typename V>
  Result<DayMap<V>> day_map(const SeriesKey& key, std::string_view kind, std::vector<Row<V>> rows) {
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row<V>& a, const Row<V>& b) { return a.day < b.day; });
    std::vector<typename DayMap<V>::Entry> entries;
    entries.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (i > 0 && rows[i].day == rows[i - 1].day) {
        const auto& [first, second] = std::minmax(rows[i - 1].line, rows[i].line);
        return fail(second, key.str() + ": a second " + std::string(kind) + " row for " +
                                rows[i].day.to_string() + " (the first is on line " +
                                std::to_string(first) + ")");
      }
      entries.emplace_back(rows[i].day, rows[i].value);
    }
    return DayMap<V>::from_unique_entries(std::move(entries));
  }

  Result<Ledger> build() {
    Ledger ledger;
    for (auto& [key, building] : m_series) {
      Series series = Series::empty(building.shape.kind, building.shape.additivity);
      if (auto* daily = series.daily()) {
        const std::string_view kind =
            name_of(building.shape.additivity == Additivity::additive ? RowKind::daily
                                                                      : RowKind::non_additive);
        TRY_ASSIGN(auto days, day_map(key, kind, std::move(building.days)));
        TRY_ASSIGN(auto floors, day_map(key, name_of(RowKind::floor), std::move(building.floors)));
        daily->set(std::move(days), std::move(floors));
      } else if (auto* cumulative = series.cumulative()) {
        TRY_ASSIGN(auto days, day_map(key, name_of(RowKind::cumulative), std::move(building.days)));
        cumulative->set(std::move(days));
      } else {
        TRY_ASSIGN(auto days, day_map(key, name_of(RowKind::gauge), std::move(building.readings)));
        series.gauge()->set(std::move(days));
      }
      TRY(ledger.merge_series(key, std::move(series)));
    }
    if (m_updated_at) {
      ledger.touch(*m_updated_at);
    }
    return ledger;
  }

  std::string_view m_source;
  bool m_has_at = true;
  std::map<SeriesKey, Building> m_series;
  std::optional<Timestamp> m_updated_at;
  std::optional<std::size_t> m_updated_at_line;
};

}  // namespace

std::string ledger_csv(const Ledger& ledger) {
  std::string out = "key,kind,day,value,at\n";
  if (const auto& updated_at = ledger.updated_at()) {
    out.append(",").append(name_of(RowKind::updated_at)).append(",,,");
    out.append(updated_at->to_string()).append("\n");
  }
  for (const auto& [key, series] : ledger.series()) {
    if (const auto* daily = series.daily()) {
      append_daily(out, key, *daily);
    } else if (const auto* cumulative = series.cumulative()) {
      if (cumulative->days().empty()) {
        append_empty_series(out, key, RowKind::cumulative);
      }
      for (const auto& [day, value] : cumulative->days()) {
        append_row(out, key, RowKind::cumulative, day, value);
      }
    } else {
      if (series.gauge()->days().empty()) {
        append_empty_series(out, key, RowKind::gauge);
      }
      for (const auto& [day, reading] : series.gauge()->days()) {
        append_row(out, key, RowKind::gauge, day, reading.value, reading.at);
      }
    }
  }
  return out;
}

Result<Ledger> parse_ledger_csv(std::string_view text, std::string_view source) {
  return CsvLedgerReader(source).read(text);
}

bool has_ledger_csv_header(std::string_view text) {
  // The first line is enough: a header never holds a line break.
  const auto end = text.find('\n');
  auto records = read_csv(text.substr(0, end == std::string_view::npos ? end : end + 1), "");
  if (!records || records->empty()) {
    return false;
  }
  const auto& header = records->front().fields;
  return std::equal(header.begin(), header.end(), k_header.begin(), k_header.end()) ||
         std::equal(header.begin(), header.end(), k_old_header.begin(), k_old_header.end());
}

}  // namespace odometer
