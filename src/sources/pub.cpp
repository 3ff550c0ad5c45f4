// The [pub] source: daily downloads of Dart and Flutter packages on
// pub.dev (pub:downloads:PACKAGE), and the 30-day count
// (pub:downloads-30d:PACKAGE); keys in docs/series-keys.md.
//
// pub.dev publishes downloads per day for up to two years, so they go into
// a daily series merged by day: reading an overlapping window again never
// counts a day twice, and days that fall out of pub.dev's window stay in
// the ledger. A day pub.dev has no data for (-1) is left out, never stored
// as 0. The score endpoint's 30-day count is a rolling window: a gauge,
// shown and never added to a total.
//
// Both endpoints of every package go out in one fetch_all; each stores what
// it holds even if the other fails.

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sources/package_source.hpp"
#include "sources/pub_parse.hpp"

namespace odometer {

namespace {

// Dart package names: lowercase letters, digits and '_', not starting with a digit.
bool is_pub_name(std::string_view name) {
  return !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

constexpr NameList k_lists[] = {
    {"packages", {.what = "a pub.dev package name", .valid = is_pub_name}}};

constexpr PackageSpec k_pub{
    .table = "pub", .registry = "pub.dev", .lists = k_lists, .default_api = "https://pub.dev"};

class PubSource final : public PackageSource {
public:
  explicit PubSource(PackageTable table) : PackageSource(k_pub, std::move(table)) {}

private:
  std::vector<PackageFetch> fetches(Timestamp now) const override {
    std::vector<PackageFetch> out;
    for (const auto& package : names()) {
      const std::string base = api() + "/api/packages/" + encode_path_segment(package);
      const std::string daily_url = base + "/daily-downloads";
      out.push_back(PackageFetch{
          package, Request{.url = daily_url},
          [package, daily_url](std::string_view body) -> Result<std::vector<Observation>> {
            TRY_ASSIGN(const auto days, parse_pub_daily_downloads(body, daily_url));
            return daily_observations("pub", "downloads", package, days);
          }});
      const std::string score_url = base + "/score";
      out.push_back(PackageFetch{
          package, Request{.url = score_url},
          [package, score_url, now](std::string_view body) -> Result<std::vector<Observation>> {
            TRY_ASSIGN(const auto downloads, parse_pub_downloads_30d(body, score_url));
            if (!downloads) {
              return std::vector<Observation>{};  // not counted yet (a new package)
            }
            TRY_ASSIGN(auto observation, observation_at(now, "pub", "downloads-30d", package,
                                                        Kind::gauge, *downloads));
            return std::vector<Observation>{std::move(observation)};
          }});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Source> make_pub_source(const toml::table& table, const GetEnv& /*getenv*/,
                                        ConfigProblems& problems) {
  return make_package_source<PubSource>(table, k_pub, problems);
}

}  // namespace odometer
