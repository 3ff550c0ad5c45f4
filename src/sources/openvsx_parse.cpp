#include "sources/openvsx_parse.hpp"

#include "util/json_reader.hpp"

namespace odometer {

Result<Count> parse_openvsx_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  auto root = reader.parse(body);
  if (!root) {
    return root.error();
  }
  auto top = reader.object_of(*root, "$");
  if (!top) {
    return top.error();
  }
  if (!reader.has_field(*top, "downloadCount") && reader.has_field(*top, "error")) {
    // Open VSX answers some failures with {"error": "..."}.
    return reader.fail("$", "an error object instead of an extension");
  }
  return reader.count(*top, "downloadCount", "$");
}

}  // namespace odometer
