#include "sources/rubygems_parse.hpp"

#include "sources/count_source.hpp"

namespace odometer {

Result<Count> parse_rubygems_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"downloads"});
}

}  // namespace odometer
