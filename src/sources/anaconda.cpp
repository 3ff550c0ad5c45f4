// The [anaconda] source: one GET per "channel/package", all in one
// fetch_all. The sum of every file's `ndownloads` is an all-time total,
// stored as a cumulative series. It drops when a file is deleted from the
// channel; the ledger keeps the highest and collect reports the drop.

#include "sources/anaconda.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "sources/anaconda_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[anaconda]";
constexpr std::string_view k_default_api = "https://api.anaconda.org";
constexpr std::array<std::string_view, 2> k_keys{"packages", "api"};

// "conda-forge/numpy": a channel and a package name, one '/' between.
bool is_channel_package(std::string_view name) {
  const auto slash = name.find('/');
  return slash != std::string_view::npos && is_plain_name(name.substr(0, slash), "._-") &&
         is_plain_name(name.substr(slash + 1), "._-");
}

class AnacondaSource final : public Source {
public:
  AnacondaSource(std::vector<std::string> packages, std::string api)
      : m_packages(std::move(packages)), m_api(std::move(api)) {}

  std::string name() const override { return "anaconda"; }

  SourceResult collect(SourceContext& context) override {
    std::vector<PackageFetch> fetches;
    for (const auto& package : m_packages) {
      const auto slash = package.find('/');
      PackageFetch fetch;
      fetch.entity = package;
      fetch.request.url = m_api + "/package/" + encode_path_segment(package.substr(0, slash)) +
                          "/" + encode_path_segment(package.substr(slash + 1));
      fetch.read = [package, url = fetch.request.url,
                    now = context.now](std::string_view body) -> Result<std::vector<Observation>> {
        auto downloads = parse_anaconda_downloads(body, url);
        if (!downloads) {
          return downloads.error();
        }
        auto observation =
            observation_at(now, "conda", "downloads", package, Kind::cumulative, *downloads);
        if (!observation) {
          return observation.error();
        }
        return std::vector<Observation>{std::move(*observation)};
      };
      fetches.push_back(std::move(fetch));
    }
    return collect_packages(context, "Anaconda", fetches);
  }

private:
  std::vector<std::string> m_packages;
  std::string m_api;
};

}  // namespace

std::unique_ptr<Source> make_anaconda_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  auto packages = read_name_list(table, "packages", k_where, "\"channel/package\"",
                                 is_channel_package, problems);
  if (!table.contains("packages")) {
    problems.add(table, std::string(k_where) + " needs packages");
  }
  std::string api =
      read_api_url(table, k_where, k_default_api, "https://api.anaconda.org", problems);
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<AnacondaSource>(std::move(packages), std::move(api));
}

}  // namespace odometer
