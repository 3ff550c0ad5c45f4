#include <array>

#include "sources/source.hpp"

namespace odometer {

// Every source odometer knows, in the order of importance to most projects
// (collect reports them so). SOURCE(name) is the config table [name], whose
// factory make_name_source is defined in sources/name.cpp: a new registry
// is its file and its line here.
#define ODOMETER_SOURCES(SOURCE) \
  SOURCE(github)                 \
  SOURCE(npm)                    \
  SOURCE(pypi)                   \
  SOURCE(crates)                 \
  SOURCE(docker)                 \
  SOURCE(nuget)                  \
  SOURCE(rubygems)               \
  SOURCE(packagist)              \
  SOURCE(homebrew)               \
  SOURCE(vscode)                 \
  SOURCE(openvsx)                \
  SOURCE(hex)                    \
  SOURCE(pub)                    \
  SOURCE(anaconda)               \
  SOURCE(manual)

#define ODOMETER_DECLARE_SOURCE(name) MakeSource make_##name##_source;
ODOMETER_SOURCES(ODOMETER_DECLARE_SOURCE)
#undef ODOMETER_DECLARE_SOURCE

std::span<const SourceFactory> source_registry() {
#define ODOMETER_REGISTER_SOURCE(name) SourceFactory{#name, make_##name##_source},
  static constexpr std::array k_sources{ODOMETER_SOURCES(ODOMETER_REGISTER_SOURCE)};
#undef ODOMETER_REGISTER_SOURCE
  return k_sources;
}

}  // namespace odometer
