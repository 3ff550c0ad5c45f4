// The [packagist] source: all-time installs of Composer packages,
// packagist:downloads:VENDOR/PACKAGE (docs/series-keys.md).
//
// Packagist gives `package.downloads.total` of
// `GET {api}/packages/{vendor}/{package}.json`, all-time installs, so the
// series is cumulative. Its `monthly` and `daily` figures are rolling
// estimates (today is partial) and are not stored: summing them over runs
// would count days twice.

#include "sources/package_source.hpp"

namespace odometer {

namespace {

// Composer's names are lowercase: letters and digits, with . _ - inside.
bool valid_part(std::string_view part) {
  if (part.empty() || part.size() > 255) {
    return false;
  }
  for (std::size_t i = 0; i < part.size(); ++i) {
    const char c = part[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const bool edge = i == 0 || i + 1 == part.size();
    if (!alnum && (edge || (c != '.' && c != '_' && c != '-'))) {
      return false;
    }
  }
  return true;
}

bool valid_package(std::string_view name) {
  const auto slash = name.find('/');
  return slash != std::string_view::npos && valid_part(name.substr(0, slash)) &&
         valid_part(name.substr(slash + 1));
}

std::string package_url(std::string_view api, std::string_view name) {
  return std::string(api) + "/packages/" + encode_path_segments(name) + ".json";
}

Result<Count> parse_packagist_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"package", "downloads", "total"});
}

constexpr NameList k_lists[] = {
    {"packages",
     {.what = "a Packagist package (\"vendor/package\", lowercase)", .valid = valid_package}}};

constexpr CountSourceSpec k_packagist{
    .package = {.table = "packagist",
                .registry = "Packagist",
                .lists = k_lists,
                .default_api = "https://packagist.org"},
    .source = "packagist",
    .metric = "downloads",
    .url = package_url,
    .parse = parse_packagist_downloads,
};

}  // namespace

std::unique_ptr<Source> make_packagist_source(const toml::table& table, const GetEnv& /*getenv*/,
                                              ConfigProblems& problems) {
  return make_count_source(k_packagist, table, problems);
}

}  // namespace odometer
