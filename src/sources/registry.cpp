#include <array>

#include "sources/anaconda.hpp"
#include "sources/github.hpp"
#include "sources/homebrew.hpp"
#include "sources/manual.hpp"
#include "sources/npm.hpp"
#include "sources/openvsx.hpp"
#include "sources/pub.hpp"
#include "sources/pypi.hpp"
#include "sources/source.hpp"
#include "sources/vscode.hpp"

namespace odometer {

std::span<const SourceFactory> source_registry() {
  static constexpr std::array<SourceFactory, 9> k_sources{{
      {"github", make_github_source},
      {"npm", make_npm_source},
      {"pypi", make_pypi_source},
      {"homebrew", make_homebrew_source},
      {"vscode", make_vscode_source},
      {"openvsx", make_openvsx_source},
      {"pub", make_pub_source},
      {"anaconda", make_anaconda_source},
      {"manual", make_manual_source},
  }};
  return k_sources;
}

}  // namespace odometer
