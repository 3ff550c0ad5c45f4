// Packagist gives `package.downloads.total`, all-time installs, so the
// series is cumulative. Its `monthly` and `daily` figures are rolling
// estimates (today is partial) and are not stored: summing them over runs
// would count days twice.

#include "sources/packagist.hpp"

#include "sources/count_source.hpp"
#include "sources/packagist_parse.hpp"

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

std::string same_name(std::string_view name) {
  return std::string(name);
}

std::string package_url(std::string_view api, std::string_view name) {
  const auto slash = name.find('/');
  return std::string(api) + "/packages/" + encode_path_segment(name.substr(0, slash)) + "/" +
         encode_path_segment(name.substr(slash + 1)) + ".json";
}

constexpr CountSourceSpec k_packagist{
    .table = "packagist",
    .registry = "Packagist",
    .list_key = "packages",
    .metric = "downloads",
    .default_api = "https://packagist.org",
    .rule = {.what = "a Packagist package (\"vendor/package\", lowercase)", .valid = valid_package},
    .entity = same_name,
    .url = package_url,
    .parse = parse_packagist_downloads,
};

}  // namespace

std::unique_ptr<Source> make_packagist_source(const toml::table& table, const GetEnv& /*getenv*/,
                                              ConfigProblems& problems) {
  return make_count_source(k_packagist, table, problems);
}

}  // namespace odometer
