// The [openvsx] source: all-time downloads of extensions on Open VSX (or a
// registry that runs the same server), openvsx:downloads:NAMESPACE.EXTENSION
// (docs/series-keys.md).
//
// `downloadCount` of `GET {api}/api/{namespace}/{extension}` counts every
// version and platform: an all-time total, stored as a cumulative series.

#include "sources/package_source.hpp"
#include "util/json_reader.hpp"

namespace odometer {

namespace {

std::string extension_url(std::string_view api, std::string_view name) {
  const auto dot = name.find('.');
  return std::string(api) + "/api/" + encode_path_segment(name.substr(0, dot)) + "/" +
         encode_path_segment(name.substr(dot + 1));
}

// An error quotes nothing of the server's text.
Result<Count> parse_openvsx_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  if (!reader.has_field(top, "downloadCount") && reader.has_field(top, "error")) {
    // Open VSX answers some failures with {"error": "..."}.
    return reader.fail("$", "an error object instead of an extension");
  }
  return reader.count(top, "downloadCount", "$");
}

constexpr NameList k_lists[] = {
    {"extensions", {.what = "\"namespace.extension\"", .valid = is_dotted_extension_name}}};

constexpr CountSourceSpec k_openvsx{
    .package = {.table = "openvsx",
                .registry = "Open VSX",
                .lists = k_lists,
                .default_api = "https://open-vsx.org"},
    .source = "openvsx",
    .metric = "downloads",
    .url = extension_url,
    .parse = parse_openvsx_downloads,
};

}  // namespace

std::unique_ptr<Source> make_openvsx_source(const toml::table& table, const GetEnv& /*getenv*/,
                                            ConfigProblems& problems) {
  return make_count_source(k_openvsx, table, problems);
}

}  // namespace odometer
