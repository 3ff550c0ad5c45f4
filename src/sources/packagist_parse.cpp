#include "sources/packagist_parse.hpp"

#include "sources/count_source.hpp"

namespace odometer {

Result<Count> parse_packagist_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"package", "downloads", "total"});
}

}  // namespace odometer
