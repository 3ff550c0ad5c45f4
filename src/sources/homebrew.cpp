// The [homebrew] source: install counts of formulae and casks over rolling
// 30/90/365-day windows, as gauges (docs/series-keys.md).
//
// formulae.brew.sh only publishes rolling windows, so each window is a
// gauge with the window in its metric name (homebrew:installs-30d:wget):
// shown as it is, never added to an all-time counter, because windows read
// on different days overlap.

#include <string>
#include <utility>
#include <vector>

#include "sources/homebrew_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

// Formula names and cask tokens of the core taps: "wget", "openssl@3",
// "gtk+3", "docker", "visual-studio-code".
bool is_homebrew_name(std::string_view name) {
  return is_plain_name(name, "@+._-");
}

constexpr NameList k_lists[] = {
    {"formulae", {.what = "a Homebrew formula name", .valid = is_homebrew_name}},
    {"casks", {.what = "a Homebrew cask token", .valid = is_homebrew_name}},
};

constexpr PackageSpec k_homebrew{.table = "homebrew",
                                 .registry = "Homebrew",
                                 .lists = k_lists,
                                 .default_api = "https://formulae.brew.sh"};

class HomebrewSource final : public PackageSource {
public:
  explicit HomebrewSource(PackageTable table) : PackageSource(k_homebrew, std::move(table)) {}

private:
  std::vector<PackageFetch> fetches(Timestamp now) const override {
    std::vector<PackageFetch> out;
    for (const auto kind : {HomebrewKind::formula, HomebrewKind::cask}) {
      const bool formula = kind == HomebrewKind::formula;
      for (const auto& name : names(formula ? 0 : 1)) {
        std::string url = api() + (formula ? "/api/formula/" : "/api/cask/") +
                          encode_path_segment(name) + ".json";
        auto read = [name, kind, url, now](std::string_view body) {
          return observations(body, url, name, kind, now);
        };
        out.push_back(PackageFetch{formula ? name : "cask " + name, Request{.url = std::move(url)},
                                   std::move(read)});
      }
    }
    return out;
  }

  // The three windows of one formula or cask.
  static Result<std::vector<Observation>> observations(std::string_view body, std::string_view url,
                                                       const std::string& name, HomebrewKind kind,
                                                       Timestamp now) {
    TRY_ASSIGN(const auto installs, parse_homebrew_installs(body, url, name, kind));
    const std::string prefix = kind == HomebrewKind::formula ? "installs-" : "cask-installs-";
    std::vector<Observation> out;
    for (const auto& [window, value] :
         {std::pair{"30d", installs.days30}, std::pair{"90d", installs.days90},
          std::pair{"365d", installs.days365}}) {
      TRY_ASSIGN(auto observation,
                 observation_at(now, "homebrew", prefix + window, name, Kind::gauge, value));
      out.push_back(std::move(observation));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Source> make_homebrew_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  return make_package_source<HomebrewSource>(table, k_homebrew, problems);
}

}  // namespace odometer
