// The [nuget] source: all-time downloads of NuGet packages,
// nuget:downloads:ID (docs/series-keys.md), read from the search service
// named in the service index.
//
// NuGet's V3 protocol names its services in a service index, so a run
// first reads `{api}/v3/index.json` (once) and takes the search service
// from it; `api` overrides only the index, which is what a private feed or
// a mirror publishes, and the search URL is whatever that index says (an
// `api` that already ends in /index.json is the index itself, the way
// private feeds are usually given). Each package is then one search query;
// the entry whose `id` matches without regard to case gives
// `totalDownloads`, an all-time total stored as cumulative nuget:downloads:ID
// under the ID as configured. `prerelease=true&semVerLevel=2.0.0` make the
// search count every version; without them the total leaves out prerelease
// and SemVer 2.0 versions.
//
// If the index cannot be read, no package can be: the whole source fails
// with the index's URL and reason. A search that answers without the
// package is "not found on NuGet", never a zero.

#include <string>
#include <utility>
#include <vector>

#include "sources/nuget_parse.hpp"
#include "sources/package_source.hpp"

namespace odometer {

namespace {

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

constexpr NameList k_lists[] = {
    {"packages", {.what = "a NuGet package id", .valid = valid_id, .canonical = ascii_lowercase}}};

constexpr PackageSpec k_nuget{.table = "nuget",
                              .registry = "NuGet",
                              .lists = k_lists,
                              .default_api = "https://api.nuget.org"};

std::string search_url(std::string_view service, std::string_view id) {
  const char joiner = service.find('?') == std::string_view::npos ? '?' : '&';
  return std::string(service) + joiner + "q=packageid:" + encode_path_segment(id) +
         "&prerelease=true&semVerLevel=2.0.0";
}

class NugetSource final : public PackageSource {
public:
  explicit NugetSource(PackageTable table) : PackageSource(k_nuget, std::move(table)) {}

  SourceResult collect(SourceContext& context) override {
    // Private feeds are usually given by their index URL itself.
    const std::string index_url = api().ends_with("/index.json") ? api() : api() + "/v3/index.json";
    const Fetched index = context.http.fetch(Request{.url = index_url});
    Result<std::string> service =
        index.ok() ? parse_nuget_search_service(index.response.body, index_url)
                   : Result<std::string>(make_error(
                         "service index: " + fetch_problem(index, "NuGet", index_url).message,
                         index.error.code));
    if (!service) {
      SourceResult result;
      result.entities = names().size();
      result.state = SourceState::failed;
      result.reason = service.error().message;
      return result;
    }
    m_service = std::move(*service);
    return PackageSource::collect(context);
  }

private:
  std::vector<PackageFetch> fetches(Timestamp now) const override {
    std::vector<PackageFetch> out;
    out.reserve(names().size());
    for (const auto& id : names()) {
      std::string url = search_url(m_service, id);
      out.push_back(PackageFetch{
          id, Request{.url = url},
          [id, url, now](std::string_view body) -> Result<std::vector<Observation>> {
            TRY_ASSIGN(const auto total, parse_nuget_total_downloads(body, url, id));
            if (!total) {
              return not_found_on("NuGet", url);
            }
            TRY_ASSIGN(auto observation,
                       observation_at(now, "nuget", "downloads", id, Kind::cumulative, *total));
            return std::vector<Observation>{std::move(observation)};
          }});
    }
    return out;
  }

  std::string m_service;  // the search service the index named, once collect has read it
};

}  // namespace

std::unique_ptr<Source> make_nuget_source(const toml::table& table, const GetEnv& /*getenv*/,
                                          ConfigProblems& problems) {
  return make_package_source<NugetSource>(table, k_nuget, problems);
}

}  // namespace odometer
