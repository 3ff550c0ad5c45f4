#include <array>

#include "sources/github.hpp"
#include "sources/manual.hpp"
#include "sources/npm.hpp"
#include "sources/pypi.hpp"
#include "sources/source.hpp"

namespace odometer {

std::span<const SourceFactory> source_registry() {
  static constexpr std::array<SourceFactory, 4> k_sources{{
      {"github", make_github_source},
      {"npm", make_npm_source},
      {"pypi", make_pypi_source},
      {"manual", make_manual_source},
  }};
  return k_sources;
}

}  // namespace odometer
