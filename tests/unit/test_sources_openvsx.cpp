// The [openvsx] source: the sample parses to its downloadCount, hostile
// bodies are errors naming the URL and the JSON path, and a run through a
// fake Open VSX gives one cumulative series per extension, a 404 as "not
// found on Open VSX" for that extension alone, and config problems with
// their lines.

#include <gtest/gtest.h>

#include "support/source_harness.hpp"

namespace odometer {
namespace {

using namespace testing;

constexpr std::string_view k_url = "https://open-vsx.org/api/redhat/java";

// What the source reads from body as the answer to url: its parser, as a
// run of the source calls it.
Result<Count> parse_openvsx_downloads(std::string_view body, std::string_view url) {
  return read_count("openvsx", "[openvsx]\nextensions = [\"redhat.java\"]\n", std::string(url),
                    std::string(body));
}

TEST(ParseOpenVsx, SampleGivesDownloadCount) {
  auto downloads = parse_openvsx_downloads(api_sample("open-vsx/extension.json"), k_url);
  ASSERT_TRUE(downloads.ok()) << downloads.error().message;
  EXPECT_EQ(*downloads, 5234567U);
}

TEST(ParseOpenVsx, HostileBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("open-vsx/extension.json");
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, R"("downloadCount": 5234567,)", ""),
       "$: missing field \"downloadCount\""},
      {replace_once(body, R"("downloadCount": 5234567)", R"("downloadCount": "5234567")"),
       "$.downloadCount: expected a whole number, got a string"},
      {replace_once(body, R"("downloadCount": 5234567)", R"("downloadCount": -2)"),
       "$.downloadCount: count -2 is negative"},
      {replace_once(body, R"("downloadCount": 5234567)", R"("downloadCount": 1e16)"),
       "$.downloadCount: expected a whole number, got the number 1e+16"},
      {replace_once(body, R"("downloadCount": 5234567)", R"("downloadCount": 2000000000000000)"),
       "$.downloadCount: count 2000000000000000 is above the limit of 10^15"},
      {R"({"error":"Extension not found: redhat.java"})",
       "$: an error object instead of an extension"},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_openvsx_downloads(c.body, k_url), k_url, c.part);
  }
}

TEST(ParseOpenVsx, EveryTruncationIsAnError) {
  const std::string body = api_sample("open-vsx/extension.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_parse_error(parse_openvsx_downloads(body.substr(0, size), k_url), k_url, "");
  }
}

TEST(OpenVsxSource, ReadsEveryExtensionAndReportsTheMissingOne) {
  FakeRegistry openvsx;
  openvsx.json("https://open-vsx.org/api/redhat/java", api_sample("open-vsx/extension.json"));
  openvsx.json("https://open-vsx.org/api/golang/Go", R"({"downloadCount":77,"name":"Go"})");
  const SourceRun run = run_source("openvsx", R"([openvsx]
extensions = ["redhat.java", "nobody.nothing", "golang.Go"]
)",
                                   openvsx);
  const std::vector<std::string> requests{"GET https://open-vsx.org/api/redhat/java",
                                          "GET https://open-vsx.org/api/nobody/nothing",
                                          "GET https://open-vsx.org/api/golang/Go"};
  EXPECT_EQ(run.urls(), requests);
  EXPECT_EQ(run.observations(),
            sorted_lines({"openvsx:downloads:redhat.java cumulative 2026-05-02 5234567",
                          "openvsx:downloads:golang.Go cumulative 2026-05-02 77"}));
  EXPECT_EQ(run.result.entities, 3U);
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].entity, "nobody.nothing");
  EXPECT_EQ(run.result.problems[0].reason,
            "not found on Open VSX (https://open-vsx.org/api/nobody/nothing)");
  EXPECT_EQ(run.result.state, SourceState::failed);
}

TEST(OpenVsxSource, ApiOverrideIsUsedForEveryUrl) {
  FakeRegistry openvsx;
  openvsx.json("http://127.0.0.1:9/vsx/api/a/b", R"({"downloadCount":3})");
  const SourceRun run = run_source(
      "openvsx", "[openvsx]\napi = \"http://127.0.0.1:9/vsx\"\nextensions = \"a.b\"\n", openvsx);
  EXPECT_EQ(run.urls(), std::vector<std::string>{"GET http://127.0.0.1:9/vsx/api/a/b"});
  EXPECT_EQ(run.result.state, SourceState::ok);
  EXPECT_EQ(run.observations(),
            std::vector<std::string>{"openvsx:downloads:a.b cumulative 2026-05-02 3"});
}

TEST(OpenVsxConfig, EveryProblemIsReportedWithItsLine) {
  EXPECT_EQ(config_problems("openvsx", R"([openvsx]
extensions = ["redhat.java", "redhat/java"]
apii = "https://x"
)"),
            sorted_lines({
                "odometer.toml:2: [openvsx] extensions entry \"redhat/java\" is not "
                "\"namespace.extension\"",
                "odometer.toml:3: unknown key \"apii\" in [openvsx]; did you mean \"api\"?",
            }));
  EXPECT_EQ(config_problems("openvsx", "[openvsx]\nextensions = [1]\n"),
            std::vector<std::string>{
                "odometer.toml:2: [openvsx] extensions must be a list of strings, not an integer"});
}

}  // namespace
}  // namespace odometer
