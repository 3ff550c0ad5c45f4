#include <array>

#include "sources/anaconda.hpp"
#include "sources/crates.hpp"
#include "sources/docker.hpp"
#include "sources/github.hpp"
#include "sources/hex.hpp"
#include "sources/homebrew.hpp"
#include "sources/manual.hpp"
#include "sources/npm.hpp"
#include "sources/nuget.hpp"
#include "sources/openvsx.hpp"
#include "sources/packagist.hpp"
#include "sources/pub.hpp"
#include "sources/pypi.hpp"
#include "sources/rubygems.hpp"
#include "sources/source.hpp"
#include "sources/vscode.hpp"

namespace odometer {

// In the order of importance to most projects; collect reports them so.
std::span<const SourceFactory> source_registry() {
  static constexpr std::array<SourceFactory, 15> k_sources{{
      {"github", make_github_source},
      {"npm", make_npm_source},
      {"pypi", make_pypi_source},
      {"crates", make_crates_source},
      {"docker", make_docker_source},
      {"nuget", make_nuget_source},
      {"rubygems", make_rubygems_source},
      {"packagist", make_packagist_source},
      {"homebrew", make_homebrew_source},
      {"vscode", make_vscode_source},
      {"openvsx", make_openvsx_source},
      {"hex", make_hex_source},
      {"pub", make_pub_source},
      {"anaconda", make_anaconda_source},
      {"manual", make_manual_source},
  }};
  return k_sources;
}

}  // namespace odometer
