#include "report/ledger_csv.hpp"

#include <string_view>

#include "core/shown.hpp"

namespace odometer {

namespace {

void append_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    out.append(c == '"' ? "\"\"" : std::string_view(&c, 1));
  }
  out.push_back('"');
}

void append_row(std::string& out, const SeriesKey& key, std::string_view kind, Day day,
                Count value) {
  // A spreadsheet shows a bidi override as it would any text: reordered.
  append_field(out, without_bidi_controls(key.str()));
  out.append(",").append(kind).append(",").append(day.to_string()).append(",");
  out.append(std::to_string(value)).append("\n");
}

void append_daily(std::string& out, const SeriesKey& key, const DailySeries& series) {
  const std::string_view kind =
      series.additivity() == Additivity::additive ? "daily" : "daily-non-additive";
  auto day = series.days().begin();
  auto floor = series.floors().begin();
  while (day != series.days().end() || floor != series.floors().end()) {
    if (floor == series.floors().end() ||
        (day != series.days().end() && day->first <= floor->first)) {
      append_row(out, key, kind, day->first, day->second);
      ++day;
    } else {
      append_row(out, key, "daily-floor", floor->first, floor->second);
      ++floor;
    }
  }
}

}  // namespace

std::string ledger_csv(const Ledger& ledger) {
  std::string out = "key,kind,day,value\n";
  for (const auto& [key, series] : ledger.series()) {
    if (const auto* daily = series.daily()) {
      append_daily(out, key, *daily);
    } else if (const auto* cumulative = series.cumulative()) {
      for (const auto& [day, value] : cumulative->days()) {
        append_row(out, key, "cumulative", day, value);
      }
    } else {
      for (const auto& [day, reading] : series.gauge()->days()) {
        append_row(out, key, "gauge", day, reading.value);
      }
    }
  }
  return out;
}

}  // namespace odometer
