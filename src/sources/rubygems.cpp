// RubyGems gives one all-time figure per gem, `downloads` (every version),
// so the series is cumulative. It can drop when a version is yanked and
// deleted; the ledger keeps the highest value seen.

#include "sources/rubygems.hpp"

#include "sources/count_source.hpp"
#include "sources/rubygems_parse.hpp"

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

std::string same_name(std::string_view name) {
  return std::string(name);
}

std::string gem_url(std::string_view api, std::string_view gem) {
  return std::string(api) + "/api/v1/gems/" + encode_path_segment(gem) + ".json";
}

constexpr CountSourceSpec k_rubygems{
    .table = "rubygems",
    .registry = "RubyGems",
    .list_key = "gems",
    .metric = "downloads",
    .default_api = "https://rubygems.org",
    .rule = {.what = "a gem name", .valid = valid_gem},
    .entity = same_name,
    .url = gem_url,
    .parse = parse_rubygems_downloads,
};

}  // namespace

std::unique_ptr<Source> make_rubygems_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  return make_count_source(k_rubygems, table, problems);
}

}  // namespace odometer
