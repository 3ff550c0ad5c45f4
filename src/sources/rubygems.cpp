// The [rubygems] source: all-time downloads of gems, rubygems:downloads:GEM
// (docs/series-keys.md).
//
// RubyGems gives one all-time figure per gem, `downloads` of
// `GET {api}/api/v1/gems/{gem}.json` (every version; `version_downloads` is
// the current version only), so the series is cumulative. It can drop when
// a version is yanked and deleted; the ledger keeps the highest value seen.

#include "sources/package_source.hpp"

namespace odometer {

namespace {

// RubyGems' rule: letters, digits, . _ - and at least one letter.
bool valid_gem(std::string_view name) {
  bool letter = false;
  for (const char c : name) {
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    letter = letter || alpha;
    if (!alpha && !(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return letter && name.size() <= 255;
}

std::string gem_url(std::string_view api, std::string_view gem) {
  return std::string(api) + "/api/v1/gems/" + encode_path_segment(gem) + ".json";
}

Result<Count> parse_rubygems_downloads(std::string_view body, std::string_view url) {
  return parse_count_at(body, url, {"downloads"});
}

constexpr NameList k_lists[] = {{"gems", {.what = "a gem name", .valid = valid_gem}}};

constexpr CountSourceSpec k_rubygems{
    .package = {.table = "rubygems",
                .registry = "RubyGems",
                .lists = k_lists,
                .default_api = "https://rubygems.org"},
    .source = "rubygems",
    .metric = "downloads",
    .url = gem_url,
    .parse = parse_rubygems_downloads,
};

}  // namespace

std::unique_ptr<Source> make_rubygems_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  return make_count_source(k_rubygems, table, problems);
}

}  // namespace odometer
