#include "sources/hex_parse.hpp"

#include <array>
#include <string>

#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_hex_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto package, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto downloads_field, reader.field(package, "downloads", "$"));
  TRY_ASSIGN(const auto downloads, reader.object_of(downloads_field, "$.downloads"));
  if (reader.has_field(downloads, "all")) {
    return reader.count(downloads, "all", "$.downloads");
  }
  // Absent because it is zero, unless a window says otherwise.
  for (const std::string_view window : std::array<std::string_view, 3>{"recent", "week", "day"}) {
    if (!reader.has_field(downloads, window)) {
      continue;
    }
    TRY_ASSIGN(const Count count, reader.count(downloads, window, "$.downloads"));
    if (count > 0) {
      return reader.fail("$.downloads", "missing field \"all\" while \"" + std::string(window) +
                                            "\" is " + std::to_string(count));
    }
  }
  return Count{0};
}

}  // namespace odometer
