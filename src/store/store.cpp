#include "store/store.hpp"

#include <array>
#include <string>

#include "store/file_store.hpp"

namespace odometer {

namespace {

struct Scheme {
  std::string_view prefix;
  std::unique_ptr<Store> (*open)(std::string_view rest);  // nullptr: known, not built yet
};

// Stores by URL scheme. A location without a known scheme is a file path.
constexpr std::array<Scheme, 4> k_schemes{{
    {"file:", [](std::string_view rest) { return make_file_store(std::filesystem::path(rest)); }},
    {"sqlite:", nullptr},
    {"postgres://", nullptr},
    {"postgresql://", nullptr},
}};

}  // namespace

Result<std::unique_ptr<Store>> open_store(std::string_view location) {
  for (const auto& scheme : k_schemes) {
    if (location.substr(0, scheme.prefix.size()) == scheme.prefix) {
      if (scheme.open == nullptr) {
        return make_error("store \"" + std::string(location) + "\": the " +
                          std::string(scheme.prefix) + " store is not available in this build");
      }
      const auto rest = location.substr(scheme.prefix.size());
      if (rest.empty()) {
        return make_error("store \"" + std::string(location) + "\": no path given");
      }
      return scheme.open(rest);
    }
  }
  if (location.empty()) {
    return make_error("no ledger path given");
  }
  return make_file_store(std::filesystem::path(location));
}

}  // namespace odometer
