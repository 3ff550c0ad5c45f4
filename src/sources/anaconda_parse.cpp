#include "sources/anaconda_parse.hpp"

#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_anaconda_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  auto files_field = reader.field(*top, "files", "$");
  if (!files_field) {
    return files_field.error();
  }
  auto files = reader.array_of(*files_field, "$.files");
  if (!files) {
    return files.error();
  }
  Count total = 0;
  std::size_t index = 0;
  for (const simdjson::dom::element item : *files) {
    const std::string path = json_index_path("$.files", index++);
    auto file = reader.object_of(item, path);
    if (!file) {
      return file.error();
    }
    auto downloads = reader.count(*file, "ndownloads", path);
    if (!downloads) {
      return downloads.error();
    }
    total = saturating_add(total, *downloads);
  }
  if (auto ok = check_count(total); !ok) {
    return reader.fail("$.files", "the sum of ndownloads: " + ok.error().message);
  }
  return total;
}

}  // namespace odometer
