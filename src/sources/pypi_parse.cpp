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
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto data, reader.field(top, "data", "$"));
  TRY_ASSIGN(const auto rows, reader.array_of(data, "$.data"));
  std::vector<DayCount> out;
  std::set<Day> seen;
  std::size_t index = 0;
  for (const simdjson::dom::element item : rows) {
    const std::string path = json_index_path("$.data", index++);
    TRY_ASSIGN(const auto row, reader.object_of(item, path));
    TRY_ASSIGN(const auto category, reader.string(row, "category", path));
    // Every row is read whole, so a broken row fails even when skipped.
    TRY_ASSIGN(const Day day, reader.day(row, "date", path));
    TRY_ASSIGN(const Count count, reader.count(row, "downloads", path));
    if (category != "without_mirrors") {
      continue;
    }
    if (!seen.insert(day).second) {
      return reader.fail(path + ".date", day.to_string() + " appears twice");
    }
    out.push_back(DayCount{day, count});
  }
  return out;
}

}  // namespace odometer
