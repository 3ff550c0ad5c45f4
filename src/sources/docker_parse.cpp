#include "sources/docker_parse.hpp"

#include "sources/count_source.hpp"

namespace odometer {

Result<Count> parse_docker_pulls(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"pull_count"});
}

}  // namespace odometer
