#include <array>

#include "sources/github.hpp"
#include "sources/source.hpp"

namespace odometer {

std::span<const SourceFactory> source_registry() {
  static constexpr std::array<SourceFactory, 1> k_sources{{
      {"github", make_github_source},
  }};
  return k_sources;
}

}  // namespace odometer
