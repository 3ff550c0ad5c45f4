#include "sources/pypi_parse.hpp"

#include <algorithm>
#include <set>

#include "util/json_reader.hpp"

namespace odometer {

namespace {

bool is_separator(char c) {
  return c == '-' || c == '_' || c == '.';
}

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string normalize_pypi_name(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_separator(c)) {
      if (i == 0 || !is_separator(name[i - 1])) {
        out += '-';
      }
      continue;
    }
    out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool is_pypi_name(std::string_view name) {
  return !name.empty() && is_alnum(name.front()) && is_alnum(name.back()) &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return is_alnum(c) || is_separator(c); });
}

Result<std::vector<DayCount>> parse_pypistats_overall(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto data = reader.field(*top, "data", "$");
  if (!data) {
    return data.error();
  }
  auto rows = reader.array_of(*data, "$.data");
  if (!rows) {
    return rows.error();
  }
  std::vector<DayCount> out;
  std::set<Day> seen;
  std::size_t index = 0;
  for (const simdjson::dom::element item : *rows) {
    const std::string path = json_index_path("$.data", index++);
    auto row = reader.object_of(item, path);
    if (!row) {
      return row.error();
    }
    auto category = reader.string(*row, "category", path);
    if (!category) {
      return category.error();
    }
    // Every row is read whole, so a broken row fails even when skipped.
    auto day = reader.day(*row, "date", path);
    if (!day) {
      return day.error();
    }
    auto count = reader.count(*row, "downloads", path);
    if (!count) {
      return count.error();
    }
    if (*category != "without_mirrors") {
      continue;
    }
    if (!seen.insert(*day).second) {
      return reader.fail(path + ".date", day->to_string() + " appears twice");
    }
    out.push_back(DayCount{*day, *count});
  }
  return out;
}

}  // namespace odometer
