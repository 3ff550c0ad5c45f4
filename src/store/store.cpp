#include "store/store.hpp"

#include <array>
#include <string>

#include "store/file_store.hpp"
#include "store/postgres_store.hpp"
#include "util/redact.hpp"

namespace odometer {

namespace {

struct Scheme {
  std::string_view prefix;
  // Takes the whole location; nullptr: known, not built yet.
  std::unique_ptr<Store> (*open)(std::string_view location);
};

// Stores by URL scheme. A location without a known scheme is a file path.
constexpr std::array<Scheme, 4> k_schemes{{
    {"file:",
     [](std::string_view location) {
       return make_file_store(std::filesystem::path(location.substr(5)));
     }},
    {"sqlite:", nullptr},
    {"postgres://", [](std::string_view location) { return make_postgres_store(location); }},
    {"postgresql://", [](std::string_view location) { return make_postgres_store(location); }},
}};

const Scheme* scheme_of(std::string_view location) {
  for (const auto& scheme : k_schemes) {
    if (location.substr(0, scheme.prefix.size()) == scheme.prefix) {
      return &scheme;
    }
  }
  return nullptr;
}

}  // namespace

Result<std::unique_ptr<Store>> open_store(std::string_view location) {
  // Whatever prints or writes later hides this URL's password too.
  remember_url_secrets(location);
  if (const Scheme* scheme = scheme_of(location)) {
    const std::string shown = redact_url(location);
    if (scheme->open == nullptr) {
      return make_error("store \"" + shown + "\": the " + std::string(scheme->prefix) +
                        " store is not available in this build");
    }
    if (location.size() == scheme->prefix.size() && scheme->prefix == "file:") {
      return make_error("store \"" + shown + "\": no path given");
    }
    return scheme->open(location);
  }
  if (location.empty()) {
    return make_error("no ledger path given");
  }
  return make_file_store(std::filesystem::path(location));
}

Result<Ledger> read_ledger(std::string_view location) {
  auto store = open_store(location);
  if (!store) {
    return store.error();
  }
  return (*store)->load_existing();
}

std::optional<std::filesystem::path> ledger_file_path(std::string_view location) {
  const Scheme* scheme = scheme_of(location);
  if (scheme == nullptr) {
    return std::filesystem::path(location);
  }
  if (scheme->prefix == "file:") {
    return std::filesystem::path(location.substr(scheme->prefix.size()));
  }
  return std::nullopt;
}

}  // namespace odometer
