#include "sources/nuget_parse.hpp"

#include "net/http.hpp"
#include "util/json_reader.hpp"
#include "util/text.hpp"

namespace odometer {

Result<std::string> parse_nuget_search_service(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto resources_field, reader.field(top, "resources", "$"));
  TRY_ASSIGN(const auto resources, reader.array_of(resources_field, "$.resources"));
  std::size_t index = 0;
  for (const auto resource_value : resources) {
    const std::string path = json_index_path("$.resources", index++);
    simdjson::dom::object resource;
    std::string_view type;
    // Resources of other types are skipped whatever their shape.
    if (resource_value.get(resource) != simdjson::SUCCESS ||
        resource["@type"].get(type) != simdjson::SUCCESS ||
        !type.starts_with("SearchQueryService")) {
      continue;
    }
    TRY_ASSIGN(const auto id, reader.string(resource, "@id", path));
    if (url_host(id).empty()) {
      return reader.fail(path + ".@id", "expected an http(s) URL");
    }
    return std::string(id);
  }
  return reader.fail("$.resources", "no resource of @type SearchQueryService");
}

Result<std::optional<Count>> parse_nuget_total_downloads(std::string_view body,
                                                         std::string_view url,
                                                         std::string_view id) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto data_field, reader.field(top, "data", "$"));
  TRY_ASSIGN(const auto data, reader.array_of(data_field, "$.data"));
  const std::string wanted = ascii_lowercase(id);
  std::optional<Count> found;
  std::size_t index = 0;
  for (const auto entry_value : data) {
    const std::string path = json_index_path("$.data", index++);
    TRY_ASSIGN(const auto entry, reader.object_of(entry_value, path));
    TRY_ASSIGN(const auto entry_id, reader.string(entry, "id", path));
    if (ascii_lowercase(entry_id) != wanted) {
      continue;
    }
    if (found) {
      return reader.fail(path, "a second entry for package id " + std::string(id));
    }
    TRY_ASSIGN(found, reader.count(entry, "totalDownloads", path));
  }
  return found;
}

}  // namespace odometer
