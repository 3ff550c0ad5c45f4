#include "sources/npm_parse.hpp"

#include <set>

#include "util/json_reader.hpp"

namespace odometer {

namespace {

using simdjson::dom::element;

Result<NpmRange> read_range(const JsonReader& reader, element value, const std::string& path) {
  auto top = reader.object_of(value, path);
  if (!top) {
    return top.error();
  }
  NpmRange range;
  auto package = reader.string(*top, "package", path);
  if (!package) {
    return package.error();
  }
  range.package = std::string(*package);
  auto start = reader.day(*top, "start", path);
  if (!start) {
    return start.error();
  }
  range.start = *start;
  auto end = reader.day(*top, "end", path);
  if (!end) {
    return end.error();
  }
  range.end = *end;
  if (range.end < range.start) {
    return reader.fail(
        path, "end " + range.end.to_string() + " is before start " + range.start.to_string());
  }
  auto list = reader.field(*top, "downloads", path);
  if (!list) {
    return list.error();
  }
  const std::string list_path = path + ".downloads";
  auto items = reader.array_of(*list, list_path);
  if (!items) {
    return items.error();
  }
  std::set<Day> seen;
  std::size_t index = 0;
  for (const element item : *items) {
    const std::string item_path = json_index_path(list_path, index++);
    auto entry = reader.object_of(item, item_path);
    if (!entry) {
      return entry.error();
    }
    auto day = reader.day(*entry, "day", item_path);
    if (!day) {
      return day.error();
    }
    if (*day < range.start || *day > range.end) {
      return reader.fail(item_path + ".day", day->to_string() + " is outside " +
                                                 range.start.to_string() + ".." +
                                                 range.end.to_string());
    }
    if (!seen.insert(*day).second) {
      return reader.fail(item_path + ".day", day->to_string() + " appears twice");
    }
    auto count = reader.count(*entry, "downloads", item_path);
    if (!count) {
      return count.error();
    }
    range.days.push_back(DayCount{*day, *count});
  }
  return range;
}

}  // namespace

Result<NpmRange> parse_npm_range(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  return read_range(reader, *root, "$");
}

Result<std::map<std::string, std::optional<NpmRange>>> parse_npm_bulk_range(std::string_view body,
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
  std::map<std::string, std::optional<NpmRange>> out;
  for (const auto field : *top) {
    const std::string name(field.key);
    const std::string path = "$." + name;
    if (field.value.is_null()) {
      out[name] = std::nullopt;
      continue;
    }
    auto range = read_range(reader, field.value, path);
    if (!range) {
      return range.error();
    }
    if (range->package != name) {
      return reader.fail(path + ".package", "names another package");
    }
    out[name] = std::move(*range);
  }
  return out;
}

}  // namespace odometer
