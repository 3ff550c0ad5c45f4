#include "sources/crates_parse.hpp"

#include <map>
#include <string>

#include "sources/package_source.hpp"
#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_crate_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"crate", "downloads"});
}

namespace {

// Adds every row {date, downloads} of the array at path to days.
Status add_rows(const JsonReader& reader, simdjson::dom::element rows_value,
                const std::string& path, std::map<Day, Count>& days) {
  TRY_ASSIGN(const auto rows, reader.array_of(rows_value, path));
  std::size_t index = 0;
  for (const auto row_value : rows) {
    const std::string row_path = json_index_path(path, index++);
    TRY_ASSIGN(const auto row, reader.object_of(row_value, row_path));
    TRY_ASSIGN(const Day day, reader.day(row, "date", row_path));
    TRY_ASSIGN(const Count downloads, reader.count(row, "downloads", row_path));
    Count& sum = days[day];
    sum = saturating_add(sum, downloads);
    if (!check_count(sum)) {
      return reader.fail(row_path + ".downloads",
                         "the sum for " + day.to_string() + " is above the limit of 10^15");
    }
  }
  return {};
}

}  // namespace

Result<std::vector<DayCount>> parse_crate_daily_downloads(std::string_view body,
                                                          std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto versions, reader.field(top, "version_downloads", "$"));
  TRY_ASSIGN(const auto meta_field, reader.field(top, "meta", "$"));
  TRY_ASSIGN(const auto meta, reader.object_of(meta_field, "$.meta"));
  TRY_ASSIGN(const auto extra, reader.field(meta, "extra_downloads", "$.meta"));
  std::map<Day, Count> days;
  TRY(add_rows(reader, versions, "$.version_downloads", days));
  TRY(add_rows(reader, extra, "$.meta.extra_downloads", days));
  std::vector<DayCount> out;
  out.reserve(days.size());
  for (const auto& [day, downloads] : days) {
    out.push_back(DayCount{day, downloads});
  }
  return out;
}

}  // namespace odometer
