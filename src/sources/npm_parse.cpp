#include "sources/npm_parse.hpp"

#include <set>

#include "util/json_reader.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

Result<NpmRange> read_range(const JsonReader& reader, element value, const std::string& path) {
  TRY_ASSIGN(const auto top, reader.object_of(value, path));
  NpmRange range;
  TRY_ASSIGN(const auto package, reader.string(top, "package", path));
  range.package = std::string(package);
  TRY_ASSIGN(range.start, reader.day(top, "start", path));
  TRY_ASSIGN(range.end, reader.day(top, "end", path));
  if (range.end < range.start) {
    return reader.fail(
        path, "end " + range.end.to_string() + " is before start " + range.start.to_string());
  }
  TRY_ASSIGN(const auto list, reader.field(top, "downloads", path));
  const std::string list_path = path + ".downloads";
  TRY_ASSIGN(const auto items, reader.array_of(list, list_path));
  std::set<Day> seen;
  std::size_t index = 0;
  for (const element item : items) {
    const std::string item_path = json_index_path(list_path, index++);
    TRY_ASSIGN(const auto entry, reader.object_of(item, item_path));
    TRY_ASSIGN(const Day day, reader.day(entry, "day", item_path));
    if (day < range.start || day > range.end) {
      return reader.fail(item_path + ".day", day.to_string() + " is outside " +
                                                 range.start.to_string() + ".." +
                                                 range.end.to_string());
    }
    if (!seen.insert(day).second) {
      return reader.fail(item_path + ".day", day.to_string() + " appears twice");
    }
    TRY_ASSIGN(const Count count, reader.count(entry, "downloads", item_path));
    range.days.push_back(DayCount{day, count});
  }
  return range;
}

}  // namespace

Result<NpmRange> parse_npm_range(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  return read_range(reader, root, "$");
}

Result<std::map<std::string, std::optional<NpmRange>>> parse_npm_bulk_range(std::string_view body,
                                                                            std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  std::map<std::string, std::optional<NpmRange>> out;
  for (const auto field : top) {
    const std::string name(field.key);
    const std::string path = "$." + name;
    if (field.value.is_null()) {
      out[name] = std::nullopt;  // a package npm does not know
      continue;
    }
    TRY_ASSIGN(auto range, read_range(reader, field.value, path));
    if (range.package != name) {
      return reader.fail(path + ".package", "names another package");
    }
    out[name] = std::move(range);
  }
  return out;
}

}  // namespace odometer
