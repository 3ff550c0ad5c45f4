// The [pub] source. pub.dev publishes downloads per day for up to two
// years, so they go into a daily series merged by day: reading an
// overlapping window again never counts a day twice, and days that fall out
// of pub.dev's window stay in the ledger. A day pub.dev has no data for
// (-1) is left out, never stored as 0. The score endpoint's 30-day count is
// a rolling window: a gauge, shown and never added to a total.
//
// Both endpoints of every package go out in one fetch_all; each stores what
// it holds even if the other fails.

#include "sources/pub.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "sources/package_source.hpp"
#include "sources/pub_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[pub]";
constexpr std::string_view k_default_api = "https://pub.dev";
constexpr std::array<std::string_view, 2> k_keys{"packages", "api"};

// Dart package names: lowercase letters, digits and '_', not starting with a digit.
bool is_pub_name(std::string_view name) {
  return !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

class PubSource final : public Source {
public:
  PubSource(std::vector<std::string> packages, std::string api)
      : m_packages(std::move(packages)), m_api(std::move(api)) {}

  std::string name() const override { return "pub"; }

  SourceResult collect(SourceContext& context) override {
    std::vector<PackageFetch> fetches;
    const Timestamp now = context.now;
    for (const auto& package : m_packages) {
      const std::string base = m_api + "/api/packages/" + encode_path_segment(package);
      PackageFetch daily;
      daily.entity = package;
      daily.request.url = base + "/daily-downloads";
      daily.read = [package, url = daily.request.url](
                       std::string_view body) -> Result<std::vector<Observation>> {
        auto days = parse_pub_daily_downloads(body, url);
        if (!days) {
          return days.error();
        }
        std::vector<Observation> out;
        for (const auto& day : *days) {
          auto observation = observation_at(Timestamp::start_of(day.day), "pub", "downloads",
                                            package, Kind::daily, day.downloads);
          if (!observation) {
            return observation.error();
          }
          out.push_back(std::move(*observation));
        }
        return out;
      };
      fetches.push_back(std::move(daily));

      PackageFetch score;
      score.entity = package;
      score.request.url = base + "/score";
      score.read = [package, url = score.request.url,
                    now](std::string_view body) -> Result<std::vector<Observation>> {
        auto downloads = parse_pub_downloads_30d(body, url);
        if (!downloads) {
          return downloads.error();
        }
        if (!downloads->has_value()) {
          return std::vector<Observation>{};  // not counted yet (a new package)
        }
        auto observation =
            observation_at(now, "pub", "downloads-30d", package, Kind::gauge, **downloads);
        if (!observation) {
          return observation.error();
        }
        return std::vector<Observation>{std::move(*observation)};
      };
      fetches.push_back(std::move(score));
    }
    return collect_packages(context, "pub.dev", fetches);
  }

private:
  std::vector<std::string> m_packages;
  std::string m_api;
};

}  // namespace

std::unique_ptr<Source> make_pub_source(const toml::table& table, const GetEnv& /*getenv*/,
                                        ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  auto packages =
      read_name_list(table, "packages", k_where, "a pub.dev package name", is_pub_name, problems);
  if (!table.contains("packages")) {
    problems.add(table, std::string(k_where) + " needs packages");
  }
  std::string api = read_api_url(table, k_where, k_default_api, "https://pub.dev", problems);
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<PubSource>(std::move(packages), std::move(api));
}

}  // namespace odometer
