#include "sources/crates_parse.hpp"

#include <map>
#include <string>

#include "sources/count_source.hpp"
#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_crate_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"crate", "downloads"});
}

namespace {

// Adds every row {date, downloads} of the array at path to days.
Status add_rows(const JsonReader& reader, simdjson::dom::element rows_value,
                const std::string& path, std::map<Day, Count>& days) {
  auto rows = reader.array_of(rows_value, path);
  if (!rows) {
    return rows.error();
  }
  std::size_t index = 0;
  for (const auto row_value : *rows) {
    const std::string row_path = json_index_path(path, index++);
    auto row = reader.object_of(row_value, row_path);
    if (!row) {
      return row.error();
    }
    auto day = reader.day(*row, "date", row_path);
    if (!day) {
      return day.error();
    }
    auto downloads = reader.count(*row, "downloads", row_path);
    if (!downloads) {
      return downloads.error();
    }
    Count& sum = days[*day];
    sum = saturating_add(sum, *downloads);
    if (!check_count(sum)) {
      return reader.fail(row_path + ".downloads",
                         "the sum for " + day->to_string() + " is above the limit of 10^15");
    }
  }
  return {};
}

}  // namespace

Result<std::vector<CrateDay>> parse_crate_daily_downloads(std::string_view body,
                                                          std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto versions = reader.field(*top, "version_downloads", "$");
  if (!versions) {
    return versions.error();
  }
  auto meta_value = reader.field(*top, "meta", "$");
  if (!meta_value) {
    return meta_value.error();
  }
  auto meta = reader.object_of(*meta_value, "$.meta");
  if (!meta) {
    return meta.error();
  }
  auto extra = reader.field(*meta, "extra_downloads", "$.meta");
  if (!extra) {
    return extra.error();
  }
  std::map<Day, Count> days;
  if (auto ok = add_rows(reader, *versions, "$.version_downloads", days); !ok) {
    return ok.error();
  }
  if (auto ok = add_rows(reader, *extra, "$.meta.extra_downloads", days); !ok) {
    return ok.error();
  }
  std::vector<CrateDay> out;
  out.reserve(days.size());
  for (const auto& [day, downloads] : days) {
    out.push_back(CrateDay{day, downloads});
  }
  return out;
}

}  // namespace odometer
