// The [nuget] source. NuGet's V3 protocol names its services in a service
// index, so a run first reads `{api}/v3/index.json` (once) and takes the
// search service from it; `api` overrides only the index, which is what a
// private feed or a mirror publishes, and the search URL is whatever that
// index says (an `api` that already ends in /index.json is the index
// itself, the way private feeds are usually given). Each package is then one search query; the
// entry whose `id` matches without regard to case gives `totalDownloads`, an all-time total stored
// as cumulative nuget:downloads:ID under the ID as configured. `prerelease=true&semVerLevel=2.0.0`
// make the search count every version; without them the total leaves out prerelease and SemVer 2.0
// versions.
//
// If the index cannot be read, no package can be: the whole source fails
// with the index's URL and reason. A search that answers without the
// package is "not found on NuGet", never a zero.

#include "sources/nuget.hpp"

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "sources/count_source.hpp"
#include "sources/nuget_parse.hpp"

namespace odometer {

namespace {

constexpr std::string_view k_where = "[nuget]";
constexpr std::string_view k_default_api = "https://api.nuget.org";
constexpr std::array<std::string_view, 2> k_keys{"packages", "api"};

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// NuGet's rule: words of letters, digits and _ joined by single . or -, at
// most 100 characters.
bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 100) {
    return false;
  }
  bool after_word = false;
  for (const char c : id) {
    if (is_word_char(c)) {
      after_word = true;
    } else if ((c == '.' || c == '-') && after_word) {
      after_word = false;
    } else {
      return false;
    }
  }
  return after_word;
}

constexpr NameRule k_rule{
    .what = "a NuGet package id", .valid = valid_id, .canonical = ascii_lowercase};

std::string search_url(std::string_view service, std::string_view id) {
  const char joiner = service.find('?') == std::string_view::npos ? '?' : '&';
  return std::string(service) + joiner + "q=packageid:" + encode_path_segment(id) +
         "&prerelease=true&semVerLevel=2.0.0";
}

class NugetSource final : public Source {
public:
  NugetSource(std::string api, std::vector<std::string> packages)
      : m_api(std::move(api)), m_packages(std::move(packages)) {}

  std::string name() const override { return "nuget"; }

  SourceResult collect(SourceContext& context) override {
    // Private feeds are usually given by their index URL itself.
    const std::string index_url = m_api.ends_with("/index.json") ? m_api : m_api + "/v3/index.json";
    const Fetched index = context.http.fetch(Request{.url = index_url});
    Result<std::string> service =
        index.ok() ? parse_nuget_search_service(index.response.body, index_url)
                   : Result<std::string>(
                         Error{"service index: " + fetch_problem(index, "NuGet", index_url)});
    if (!service) {
      SourceResult result;
      result.entities = m_packages.size();
      result.state = SourceState::failed;
      result.reason = service.error().message;
      return result;
    }
    const Timestamp now = context.now;
    std::vector<PackageFetch> fetches;
    fetches.reserve(m_packages.size());
    for (const auto& id : m_packages) {
      std::string url = search_url(*service, id);
      fetches.push_back(PackageFetch{
          id, Request{.url = url},
          [id, url, now](std::string_view body) -> Result<std::vector<Observation>> {
            auto total = parse_nuget_total_downloads(body, url, id);
            if (!total) {
              return total.error();
            }
            if (!*total) {
              return make_error("not found on NuGet (" + url + ")");
            }
            auto observation =
                observation_at(now, "nuget", "downloads", id, Kind::cumulative, **total);
            if (!observation) {
              return observation.error();
            }
            return std::vector<Observation>{std::move(*observation)};
          }});
    }
    return collect_packages(context, "NuGet", fetches);
  }

private:
  std::string m_api;
  std::vector<std::string> m_packages;
};

}  // namespace

std::unique_ptr<Source> make_nuget_source(const toml::table& table, const GetEnv& /*getenv*/,
                                          ConfigProblems& problems) {
  const std::size_t before = problems.messages().size();
  check_keys(table, k_where, k_keys, problems);
  std::string api = read_api_url(table, k_where, k_default_api, k_default_api, problems);
  auto packages = read_package_names(table, "packages", k_where, k_rule, problems);
  if (problems.messages().size() != before || !packages) {
    return nullptr;
  }
  return std::make_unique<NugetSource>(std::move(api), std::move(*packages));
}

}  // namespace odometer
