// The [openvsx] source: one GET per extension, all in one fetch_all;
// `downloadCount` is an all-time total, stored as a cumulative series.

#include "sources/openvsx.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "sources/openvsx_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[openvsx]";
constexpr std::string_view k_default_api = "https://open-vsx.org";
constexpr std::array<std::string_view, 2> k_keys{"extensions", "api"};

class OpenVsxSource final : public Source {
public:
  OpenVsxSource(std::vector<std::string> extensions, std::string api)
      : m_extensions(std::move(extensions)), m_api(std::move(api)) {}

  std::string name() const override { return "openvsx"; }

  SourceResult collect(SourceContext& context) override {
    std::vector<PackageFetch> fetches;
    for (const auto& extension : m_extensions) {
      const auto dot = extension.find('.');
      PackageFetch fetch;
      fetch.entity = extension;
      fetch.request.url = m_api + "/api/" + encode_path_segment(extension.substr(0, dot)) + "/" +
                          encode_path_segment(extension.substr(dot + 1));
      fetch.read = [extension, url = fetch.request.url,
                    now = context.now](std::string_view body) -> Result<std::vector<Observation>> {
        auto downloads = parse_openvsx_downloads(body, url);
        if (!downloads) {
          return downloads.error();
        }
        auto observation =
            observation_at(now, "openvsx", "downloads", extension, Kind::cumulative, *downloads);
        if (!observation) {
          return observation.error();
        }
        return std::vector<Observation>{std::move(*observation)};
      };
      fetches.push_back(std::move(fetch));
    }
    return collect_packages(context, "Open VSX", fetches);
  }

private:
  std::vector<std::string> m_extensions;
  std::string m_api;
};

}  // namespace

std::unique_ptr<Source> make_openvsx_source(const toml::table& table, const GetEnv& /*getenv*/,
                                            ConfigProblems& problems) {
  const std::size_t known_problems = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  auto extensions = read_name_list(table, "extensions", k_where, "\"namespace.extension\"",
                                   is_dotted_extension_name, problems);
  if (!table.contains("extensions")) {
    problems.add(table, std::string(k_where) + " needs extensions");
  }
  std::string api = read_api_url(table, k_where, k_default_api, "https://open-vsx.org", problems);
  if (problems.messages().size() != known_problems) {
    return nullptr;
  }
  return std::make_unique<OpenVsxSource>(std::move(extensions), std::move(api));
}

}  // namespace odometer
