// The parsers of the package-registry sources (crates.io, Docker Hub,
// NuGet, RubyGems, Packagist, Hex; Docker Hub's, RubyGems' and Packagist's
// live in their source files and are read through a run of the source,
// read_count): every sample in
// tests/fixtures/api-samples parses to the numbers written in it, and every
// hostile variant of it — the count missing, of the wrong type, negative,
// fractional, above 10^15, the body truncated at any byte, an HTML page sent
// with status 200, an empty body — is an error that starts with the URL
// and names the JSON path. An error carries no value, so nothing is stored.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/crates_parse.hpp"
#include "sources/hex_parse.hpp"
#include "sources/nuget_parse.hpp"
#include "support/source_harness.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::api_sample;
using testing::read_count;
using testing::replace_once;

constexpr std::string_view k_docker_config = "[docker]\nrepositories = [\"nginx\"]\n";
constexpr std::string_view k_gem_config = "[rubygems]\ngems = [\"rails\"]\n";
constexpr std::string_view k_packagist_config = "[packagist]\npackages = [\"monolog/monolog\"]\n";

// What each source reads from body as the answer to url: its parser, as a
// run of the source calls it.
Result<Count> parse_docker_pulls(std::string_view body, std::string_view url) {
  return read_count("docker", k_docker_config, std::string(url), std::string(body));
}

Result<Count> parse_rubygems_downloads(std::string_view body, std::string_view url) {
  return read_count("rubygems", k_gem_config, std::string(url), std::string(body));
}

Result<Count> parse_packagist_downloads(std::string_view body, std::string_view url) {
  return read_count("packagist", k_packagist_config, std::string(url), std::string(body));
}

constexpr std::string_view k_crate_url = "https://crates.io/api/v1/crates/serde";
constexpr std::string_view k_crate_daily_url = "https://crates.io/api/v1/crates/serde/downloads";
constexpr std::string_view k_docker_url = "https://hub.docker.com/v2/repositories/library/nginx/";
constexpr std::string_view k_index_url = "https://api.nuget.org/v3/index.json";
constexpr std::string_view k_search_url =
    "https://azuresearch-usnc.nuget.org/"
    "query?q=packageid:NuGet.Versioning&prerelease=true&semVerLevel=2.0.0";
constexpr std::string_view k_gem_url = "https://rubygems.org/api/v1/gems/rails.json";
constexpr std::string_view k_packagist_url = "https://packagist.org/packages/monolog/monolog.json";
constexpr std::string_view k_hex_url = "https://hex.pm/api/packages/plug";

// The shape of nuget.org's service index, trimmed: the search service is
// listed after a resource whose type merely resembles it.
constexpr std::string_view k_service_index = R"json({
  "version": "3.0.0",
  "resources": [
    {"@id": "https://azuresearch-usnc.nuget.org/autocomplete", "@type": "SearchAutocompleteService",
     "comment": "Autocomplete endpoint of NuGet Search service (primary)"},
    {"@id": "https://api.nuget.org/v3-flatcontainer/", "@type": "PackageBaseAddress/3.0.0"},
    {"@id": "https://azuresearch-usnc.nuget.org/query", "@type": "SearchQueryService",
     "comment": "Query endpoint of NuGet Search service (primary)"},
    {"@id": "https://azuresearch-ussc.nuget.org/query", "@type": "SearchQueryService/3.5.0"}
  ],
  "@context": {"@vocab": "http://schema.nuget.org/services#"}
})json";

template <typename T>
std::string error_of(const Result<T>& result) {
  return result ? std::string() : result.error().message;
}

// A parser seen only as "the error of this body, or empty".
using ErrorOf = std::function<std::string(std::string_view body)>;

void expect_error(const ErrorOf& parse, const std::string& body, std::string_view url,
                  std::string_view part) {
  SCOPED_TRACE(body);
  const std::string message = parse(body);
  ASSERT_FALSE(message.empty()) << "expected an error containing \"" << part << "\"";
  EXPECT_EQ(message.rfind(std::string(url) + ": ", 0), 0U) << message;
  EXPECT_NE(message.find(part), std::string::npos) << message;
}

// Where a sample holds the count a parser reads.
struct CountField {
  std::string_view text;    // as written in the sample: "\"pull_count\": 12916987208"
  std::string_view name;    // pull_count
  std::string_view parent;  // the JSON path of the object holding it: "$"
};

// Every hostile variant of body for the count at field, each an error
// naming url and the path.
void expect_hostile_variants_fail(const ErrorOf& parse, const std::string& body,
                                  std::string_view url, const CountField& field) {
  ASSERT_EQ(parse(body), "") << "the sample itself must parse";
  const std::string key = "\"" + std::string(field.name) + "\": ";
  const std::string path = std::string(field.parent) + "." + std::string(field.name);
  struct Case {
    std::string body;
    std::string part;
  };
  const std::vector<Case> cases{
      {replace_once(body, field.text, "\"renamed\": 1"),
       std::string(field.parent) + ": missing field \"" + std::string(field.name) + "\""},
      {replace_once(body, field.text, key + "\"12\""),
       path + ": expected a whole number, got a string"},
      {replace_once(body, field.text, key + "null"), path + ": expected a whole number, got null"},
      {replace_once(body, field.text, key + "-5"), path + ": count -5 is negative"},
      {replace_once(body, field.text, key + "2.5"), path + ": expected a whole number"},
      {replace_once(body, field.text, key + "1e30"), path + ": expected a whole number"},
      {replace_once(body, field.text, key + "1000000000000001"),
       path + ": count 1000000000000001 is above the limit of 10^15"},
      // simdjson refuses the whole body; the error still names the path.
      {replace_once(body, field.text, key + "18446744073709551616"),
       path + ": the integer 18446744073709551616 is beyond the 64-bit range"},
      {"", "empty body"},
      {" \r\n", "empty body"},
      {"<!DOCTYPE html><html><body>Too Many Requests</body></html>",
       "expected JSON, got an HTML page"},
      {"\n<html><head><title>502 Bad Gateway</title></head></html>",
       "expected JSON, got an HTML page"},
      {"[]", "$: expected an object, got an array"},
      {body + "garbage", "invalid JSON"},
  };
  for (const auto& c : cases) {
    expect_error(parse, c.body, url, c.part);
  }
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_error(parse, body.substr(0, size), url, "");
  }
}

Day day(std::string_view text) {
  return *Day::parse(text);
}

// ---------------------------------------------------------------- crates.io

TEST(ParseCrates, TotalIsCrateDownloads) {
  const auto total = parse_crate_downloads(api_sample("crates/crate-minimal.json"), k_crate_url);
  ASSERT_TRUE(total) << total.error().message;
  EXPECT_EQ(*total, 512349871U);
}

TEST(ParseCrates, TotalHostileVariantsFail) {
  expect_hostile_variants_fail(
      [](std::string_view body) { return error_of(parse_crate_downloads(body, k_crate_url)); },
      api_sample("crates/crate-minimal.json"), k_crate_url,
      {"\"downloads\": 512349871", "downloads", "$.crate"});
  expect_error(
      [](std::string_view body) { return error_of(parse_crate_downloads(body, k_crate_url)); },
      R"({"errors":[{"detail":"crate `nope` does not exist"}]})", k_crate_url,
      "$: missing field \"crate\"");
}

TEST(ParseCrates, DailySumsVersionsAndExtraDownloadsPerDate) {
  const auto days =
      parse_crate_daily_downloads(api_sample("crates/crate-downloads.json"), k_crate_daily_url);
  ASSERT_TRUE(days) << days.error().message;
  // 2025-06-06: 310442 + 20117 + 8871 (versions) + 402211 (extra);
  // 2025-06-07: 190553 + 12004 + 5120 + 250987.
  const std::vector<DailyCount> expected{{day("2025-06-06"), 741641}, {day("2025-06-07"), 458664}};
  EXPECT_EQ(*days, expected);
}

TEST(ParseCrates, DailyWithoutRowsIsNoDays) {
  const auto days = parse_crate_daily_downloads(
      R"({"version_downloads":[],"meta":{"extra_downloads":[]}})", k_crate_daily_url);
  ASSERT_TRUE(days) << days.error().message;
  EXPECT_TRUE(days->empty());
}

TEST(ParseCrates, DailyHostileVariantsFail) {
  const ErrorOf parse = [](std::string_view body) {
    return error_of(parse_crate_daily_downloads(body, k_crate_daily_url));
  };
  const std::string body = api_sample("crates/crate-downloads.json");
  expect_hostile_variants_fail(parse, body, k_crate_daily_url,
                               {"\"downloads\": 310442", "downloads", "$.version_downloads[0]"});
  expect_hostile_variants_fail(parse, body, k_crate_daily_url,
                               {"\"downloads\": 250987", "downloads", "$.meta.extra_downloads[1]"});
  const std::vector<std::pair<std::string, std::string>> cases{
      {replace_once(body, "\"2025-06-07\", \"downloads\": 12004",
                    "\"2025-13-07\", \"downloads\": 12004"),
       "$.version_downloads[4].date: "},
      {replace_once(body, "\"2025-06-07\", \"downloads\": 12004", "20250607, \"downloads\": 12004"),
       "$.version_downloads[4].date: expected a string, got the number 20250607"},
      {replace_once(body, "{ \"date\": \"2025-06-06\", \"downloads\": 402211 }", "{}"),
       "$.meta.extra_downloads[0]: missing field \"date\""},
      {replace_once(body, "\"meta\"", "\"other\""), "$: missing field \"meta\""},
      {replace_once(body, "\"version_downloads\"", "\"versions\""),
       "$: missing field \"version_downloads\""},
      {replace_once(body, "\"extra_downloads\"", "\"extra\""),
       "$.meta: missing field \"extra_downloads\""},
      {R"({"version_downloads":{},"meta":{"extra_downloads":[]}})",
       "$.version_downloads: expected an array, got an object"},
      {R"({"version_downloads":[],"meta":[]})", "$.meta: expected an object, got an array"},
      {R"({"version_downloads":[7],"meta":{"extra_downloads":[]}})",
       "$.version_downloads[0]: expected an object, got the number 7"},
      // Each row is within the limit; their sum for the day is not.
      {R"({"version_downloads":[{"date":"2025-06-06","downloads":600000000000000,"version":1}],
           "meta":{"extra_downloads":[{"date":"2025-06-06","downloads":600000000000000}]}})",
       "$.meta.extra_downloads[0].downloads: the sum for 2025-06-06 is above the limit of 10^15"},
  };
  for (const auto& [text, part] : cases) {
    expect_error(parse, text, k_crate_daily_url, part);
  }
}

// ---------------------------------------------------------------- Docker Hub

TEST(ParseDocker, PullCount) {
  const auto pulls = parse_docker_pulls(api_sample("docker-hub/repository.json"), k_docker_url);
  ASSERT_TRUE(pulls) << pulls.error().message;
  EXPECT_EQ(*pulls, 12916987208U);
}

TEST(ParseDocker, HostileVariantsFail) {
  expect_hostile_variants_fail(
      [](std::string_view body) { return error_of(parse_docker_pulls(body, k_docker_url)); },
      api_sample("docker-hub/repository.json"), k_docker_url,
      {"\"pull_count\": 12916987208", "pull_count", "$"});
}

// ---------------------------------------------------------------- NuGet

TEST(ParseNuget, SearchServiceIsTheFirstSearchQueryServiceOfTheIndex) {
  const auto service = parse_nuget_search_service(k_service_index, k_index_url);
  ASSERT_TRUE(service) << service.error().message;
  EXPECT_EQ(*service, "https://azuresearch-usnc.nuget.org/query");
  const auto versioned = parse_nuget_search_service(
      R"({"resources":[{"@type":["odd"]},{"@id":"http://127.0.0.1:8080/q","@type":"SearchQueryService/3.5.0"}]})",
      k_index_url);
  ASSERT_TRUE(versioned) << versioned.error().message;
  EXPECT_EQ(*versioned, "http://127.0.0.1:8080/q");
  const auto secondary = parse_nuget_search_service(
      replace_once(std::string(k_service_index), R"("@type": "SearchQueryService",)",
                   R"("@type": "SearchAutocompleteService",)"),
      k_index_url);
  ASSERT_TRUE(secondary) << secondary.error().message;
  EXPECT_EQ(*secondary, "https://azuresearch-ussc.nuget.org/query");
}

TEST(ParseNuget, IndexHostileVariantsFail) {
  const ErrorOf parse = [](std::string_view body) {
    return error_of(parse_nuget_search_service(body, k_index_url));
  };
  const std::string body(k_service_index);
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"resources":[{"@id":"https://x/autocomplete","@type":"SearchAutocompleteService"}]})",
       "$.resources: no resource of @type SearchQueryService"},
      {R"({"resources":[]})", "$.resources: no resource of @type SearchQueryService"},
      {R"({"resources":[{"@type":"SearchQueryService"}]})",
       "$.resources[0]: missing field \"@id\""},
      {R"({"resources":[{"@id":7,"@type":"SearchQueryService"}]})",
       "$.resources[0].@id: expected a string, got the number 7"},
      {R"({"resources":[{"@id":"/query","@type":"SearchQueryService"}]})",
       "$.resources[0].@id: expected an http(s) URL"},
      {R"({"resources":{}})", "$.resources: expected an array, got an object"},
      {R"({"version":"3.0.0"})", "$: missing field \"resources\""},
      {"", "empty body"},
      {"<html><body>Service Unavailable</body></html>", "expected JSON, got an HTML page"},
  };
  for (const auto& [text, part] : cases) {
    expect_error(parse, text, k_index_url, part);
  }
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_error(parse, body.substr(0, size), k_index_url, "");
  }
}

TEST(ParseNuget, TotalDownloadsOfTheMatchingIdWithoutRegardToCase) {
  const std::string body = api_sample("nuget/search-query.json");
  const auto exact = parse_nuget_total_downloads(body, k_search_url, "NuGet.Versioning");
  ASSERT_TRUE(exact) << exact.error().message;
  EXPECT_EQ(*exact, std::optional<Count>(141896));
  const auto lower = parse_nuget_total_downloads(body, k_search_url, "nerdbank.gitversioning");
  ASSERT_TRUE(lower) << lower.error().message;
  EXPECT_EQ(*lower, std::optional<Count>(11906));
  const auto absent = parse_nuget_total_downloads(body, k_search_url, "NuGet.Versioning.Extra");
  ASSERT_TRUE(absent) << absent.error().message;
  EXPECT_EQ(*absent, std::nullopt);
  const auto empty =
      parse_nuget_total_downloads(R"({"totalHits":0,"data":[]})", k_search_url, "Nope");
  ASSERT_TRUE(empty) << empty.error().message;
  EXPECT_EQ(*empty, std::nullopt);
}

TEST(ParseNuget, TotalHostileVariantsFail) {
  const ErrorOf parse = [](std::string_view body) {
    return error_of(parse_nuget_total_downloads(body, k_search_url, "NuGet.Versioning"));
  };
  const std::string body = api_sample("nuget/search-query.json");
  expect_hostile_variants_fail(parse, body, k_search_url,
                               {"\"totalDownloads\": 141896", "totalDownloads", "$.data[0]"});
  const std::vector<std::pair<std::string, std::string>> cases{
      {replace_once(body, "\"id\": \"NuGet.Versioning\"", "\"id\": 5"),
       "$.data[0].id: expected a string, got the number 5"},
      {replace_once(body, "\"id\": \"Nerdbank.GitVersioning\"", "\"id\": \"nuget.versioning\""),
       "$.data[1]: a second entry for package id NuGet.Versioning"},
      {replace_once(body, "\"data\": [", "\"data\": 3, \"x\": ["),
       "$.data: expected an array, got the number 3"},
      {R"({"totalHits":0})", "$: missing field \"data\""},
  };
  for (const auto& [text, part] : cases) {
    expect_error(parse, text, k_search_url, part);
  }
}

// ---------------------------------------------------------------- RubyGems

TEST(ParseRubygems, DownloadsOfEveryVersion) {
  const auto downloads = parse_rubygems_downloads(api_sample("rubygems/gem.json"), k_gem_url);
  ASSERT_TRUE(downloads) << downloads.error().message;
  EXPECT_EQ(*downloads, 7528417U);  // not version_downloads (47602), the current version only
}

TEST(ParseRubygems, HostileVariantsFail) {
  expect_hostile_variants_fail(
      [](std::string_view body) { return error_of(parse_rubygems_downloads(body, k_gem_url)); },
      api_sample("rubygems/gem.json"), k_gem_url, {"\"downloads\": 7528417", "downloads", "$"});
}

// ---------------------------------------------------------------- Packagist

TEST(ParsePackagist, TotalDownloads) {
  const auto total =
      parse_packagist_downloads(api_sample("packagist/package.json"), k_packagist_url);
  ASSERT_TRUE(total) << total.error().message;
  EXPECT_EQ(*total, 1100000000U);
}

TEST(ParsePackagist, HostileVariantsFail) {
  const ErrorOf parse = [](std::string_view body) {
    return error_of(parse_packagist_downloads(body, k_packagist_url));
  };
  const std::string body = api_sample("packagist/package.json");
  expect_hostile_variants_fail(parse, body, k_packagist_url,
                               {"\"total\": 1100000000", "total", "$.package.downloads"});
  expect_error(parse, replace_once(body, "\"downloads\": {", "\"downloads\": 7, \"x\": {"),
               k_packagist_url, "$.package.downloads: expected an object, got the number 7");
  expect_error(parse, R"({"status":"error","message":"Package not found"})", k_packagist_url,
               "$: missing field \"package\"");
}

// ---------------------------------------------------------------- Hex

TEST(ParseHex, DownloadsAll) {
  const auto all = parse_hex_downloads(api_sample("hexpm/package.json"), k_hex_url);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(*all, 160234511U);
  const auto quiet = parse_hex_downloads(api_sample("hexpm/package-no-recent-downloads.json"),
                                         "https://hex.pm/api/packages/tiny_pkg");
  ASSERT_TRUE(quiet) << quiet.error().message;
  EXPECT_EQ(*quiet, 43U);
}

TEST(ParseHex, AnAbsentAllIsZeroOnlyWhenNothingElseWasDownloaded) {
  const auto none = parse_hex_downloads(R"({"name":"new_pkg","downloads":{}})", k_hex_url);
  ASSERT_TRUE(none) << none.error().message;
  EXPECT_EQ(*none, 0U);
  const auto zero_week =
      parse_hex_downloads(R"({"name":"new_pkg","downloads":{"week":0}})", k_hex_url);
  ASSERT_TRUE(zero_week) << zero_week.error().message;
  EXPECT_EQ(*zero_week, 0U);
  const ErrorOf parse = [](std::string_view body) {
    return error_of(parse_hex_downloads(body, k_hex_url));
  };
  expect_error(parse, R"({"name":"p","downloads":{"week":12}})", k_hex_url,
               "$.downloads: missing field \"all\" while \"week\" is 12");
  expect_error(parse, R"({"name":"p","downloads":{"day":-1}})", k_hex_url,
               "$.downloads.day: count -1 is negative");
  expect_error(parse, R"({"name":"p"})", k_hex_url, "$: missing field \"downloads\"");
  expect_error(parse, R"({"name":"p","downloads":null})", k_hex_url,
               "$.downloads: expected an object, got null");
}

TEST(ParseHex, HostileVariantsFail) {
  expect_hostile_variants_fail(
      [](std::string_view body) { return error_of(parse_hex_downloads(body, k_hex_url)); },
      api_sample("hexpm/package.json"), k_hex_url, {"\"all\": 160234511", "all", "$.downloads"});
}

}  // namespace
}  // namespace odometer
