// The [anaconda] source: all-time downloads of conda packages on
// anaconda.org channels, conda:downloads:CHANNEL/PACKAGE
// (docs/series-keys.md).
//
// `GET {api}/package/{channel}/{package}` lists every file of the package
// on that channel (all versions and platforms); the sum of their
// `ndownloads` is an all-time total, stored as a cumulative series. It
// drops when a file is deleted from the channel; the ledger keeps the
// highest and collect reports the drop.

#include "sources/package_source.hpp"
#include "util/json_reader.hpp"

namespace odometer {

namespace {

// "conda-forge/numpy": a channel and a package name, one '/' between.
bool is_channel_package(std::string_view name) {
  const auto slash = name.find('/');
  return slash != std::string_view::npos && is_plain_name(name.substr(0, slash), "._-") &&
         is_plain_name(name.substr(slash + 1), "._-");
}

std::string package_url(std::string_view api, std::string_view name) {
  return std::string(api) + "/package/" + encode_path_segments(name);
}

// The sum of `files[].ndownloads`; no files is 0, a sum above 10^15 an error.
Result<Count> parse_anaconda_downloads(std::string_view body, std::string_view url) {
  JsonReader reader(url);
  TRY_ASSIGN(const auto root, reader.parse(body));
  TRY_ASSIGN(const auto top, reader.object_of(root, "$"));
  TRY_ASSIGN(const auto files_field, reader.field(top, "files", "$"));
  TRY_ASSIGN(const auto files, reader.array_of(files_field, "$.files"));
  Count total = 0;
  std::size_t index = 0;
  for (const simdjson::dom::element item : files) {
    const std::string path = json_index_path("$.files", index++);
    TRY_ASSIGN(const auto file, reader.object_of(item, path));
    TRY_ASSIGN(const Count downloads, reader.count(file, "ndownloads", path));
    total = saturating_add(total, downloads);
  }
  if (auto ok = check_count(total); !ok) {
    return reader.fail("$.files", "the sum of ndownloads: " + ok.error().message);
  }
  return total;
}

constexpr NameList k_lists[] = {
    {"packages", {.what = "\"channel/package\"", .valid = is_channel_package}}};

constexpr CountSourceSpec k_anaconda{
    .package = {.table = "anaconda",
                .registry = "Anaconda",
                .lists = k_lists,
                .default_api = "https://api.anaconda.org"},
    .source = "conda",
    .metric = "downloads",
    .url = package_url,
    .parse = parse_anaconda_downloads,
};

}  // namespace

std::unique_ptr<Source> make_anaconda_source(const toml::table& table, const GetEnv& /*getenv*/,
                                             ConfigProblems& problems) {
  return make_count_source(k_anaconda, table, problems);
}

}  // namespace odometer
