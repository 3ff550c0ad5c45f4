#include "sources/hex_parse.hpp"

#include <array>
#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_hex_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto package = reader.object_of(*root, "$");
  if (!package) {
    return package.error();
  }
  auto downloads_value = reader.field(*package, "downloads", "$");
  if (!downloads_value) {
    return downloads_value.error();
  }
  auto downloads = reader.object_of(*downloads_value, "$.downloads");
  if (!downloads) {
    return downloads.error();
  }
  if (reader.has_field(*downloads, "all")) {
    return reader.count(*downloads, "all", "$.downloads");
  }
  // Absent because it is zero, unless a window says otherwise.
  for (const std::string_view window : std::array<std::string_view, 3>{"recent", "week", "day"}) {
    if (!reader.has_field(*downloads, window)) {
      continue;
    }
    auto count = reader.count(*downloads, window, "$.downloads");
    if (!count) {
      return count.error();
    }
    if (*count > 0) {
      return reader.fail("$.downloads", "missing field \"all\" while \"" + std::string(window) +
                                            "\" is " + std::to_string(*count));
    }
  }
  return Count{0};
}

}  // namespace odometer
