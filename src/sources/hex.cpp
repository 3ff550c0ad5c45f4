// The [hex] source: all-time downloads of Hex packages, hex:downloads:NAME
// (docs/series-keys.md).
//
// Hex gives `downloads.all`, all-time downloads, so the series is
// cumulative. `week`, `day` and `recent` are rolling windows and are not
// stored. How an absent `all` is read: hex_parse.hpp.

#include "sources/hex_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

// Hex's rule: a lowercase letter, then lowercase letters, digits and _.
bool valid_package(std::string_view name) {
  if (name.empty() || name.size() > 255 || !(name[0] >= 'a' && name[0] <= 'z')) {
    return false;
  }
  for (const char c : name) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_') {
      return false;
    }
  }
  return true;
}

std::string package_url(std::string_view api, std::string_view name) {
  return std::string(api) + "/api/packages/" + encode_path_segment(name);
}

constexpr NameList k_lists[] = {
    {"packages",
     {.what = "a Hex package name (lowercase letters, digits and _)", .valid = valid_package}}};

constexpr CountSourceSpec k_hex{
    .package = {.table = "hex",
                .registry = "Hex",
                .lists = k_lists,
                .default_api = "https://hex.pm"},
    .source = "hex",
    .metric = "downloads",
    .url = package_url,
    .parse = parse_hex_downloads,
};

}  // namespace

std::unique_ptr<Source> make_hex_source(const toml::table& table, const GetEnv& /*getenv*/,
                                        ConfigProblems& problems) {
  return make_count_source(k_hex, table, problems);
}

}  // namespace odometer
