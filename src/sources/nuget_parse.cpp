#include "sources/nuget_parse.hpp"

#include "net/http.hpp"
#include "sources/count_source.hpp"
#include "util/json_reader.hpp"

namespace odometer {

Result<std::string> parse_nuget_search_service(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto resources_value = reader.field(*top, "resources", "$");
  if (!resources_value) {
    return resources_value.error();
  }
  auto resources = reader.array_of(*resources_value, "$.resources");
  if (!resources) {
    return resources.error();
  }
  std::size_t index = 0;
  for (const auto resource_value : *resources) {
    const std::string path = json_index_path("$.resources", index++);
    simdjson::dom::object resource;
    std::string_view type;
    if (resource_value.get(resource) != simdjson::SUCCESS ||
        resource["@type"].get(type) != simdjson::SUCCESS ||
        !type.starts_with("SearchQueryService")) {
      continue;
    }
    auto id = reader.string(resource, "@id", path);
    if (!id) {
      return id.error();
    }
    if (url_host(*id).empty()) {
      return reader.fail(path + ".@id", "expected an http(s) URL");
    }
    return std::string(*id);
  }
  return reader.fail("$.resources", "no resource of @type SearchQueryService");
}

Result<std::optional<Count>> parse_nuget_total_downloads(std::string_view body,
                                                         std::string_view url,
                                                         std::string_view id) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto data_value = reader.field(*top, "data", "$");
  if (!data_value) {
    return data_value.error();
  }
  auto data = reader.array_of(*data_value, "$.data");
  if (!data) {
    return data.error();
  }
  const std::string wanted = ascii_lowercase(id);
  std::optional<Count> found;
  std::size_t index = 0;
  for (const auto entry_value : *data) {
    const std::string path = json_index_path("$.data", index++);
    auto entry = reader.object_of(entry_value, path);
    if (!entry) {
      return entry.error();
    }
    auto entry_id = reader.string(*entry, "id", path);
    if (!entry_id) {
      return entry_id.error();
    }
    if (ascii_lowercase(*entry_id) != wanted) {
      continue;
    }
    if (found) {
      return reader.fail(path, "a second entry for package id " + std::string(id));
    }
    auto total = reader.count(*entry, "totalDownloads", path);
    if (!total) {
      return total.error();
    }
    found = *total;
  }
  return found;
}

}  // namespace odometer
