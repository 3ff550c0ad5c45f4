#include <array>

#include "sources/crates.hpp"
#include "sources/docker.hpp"
#include "sources/github.hpp"
#include "sources/hex.hpp"
#include "sources/nuget.hpp"
#include "sources/packagist.hpp"
#include "sources/rubygems.hpp"
#include "sources/source.hpp"

namespace odometer {

std::span<const SourceFactory> source_registry() {
  static constexpr std::array<SourceFactory, 7> k_sources{{
      {"github", make_github_source},
      {"crates", make_crates_source},
      {"docker", make_docker_source},
      {"nuget", make_nuget_source},
      {"rubygems", make_rubygems_source},
      {"packagist", make_packagist_source},
      {"hex", make_hex_source},
  }};
  return k_sources;
}

}  // namespace odometer
