// The [anaconda] source: the sample's files add up to the documented total,
// hostile bodies are errors naming the URL and the JSON path, and a run
// through a fake api.anaconda.org gives one cumulative series per
// channel/package, a 404 as "not found on Anaconda" for that package alone,
// and config problems with their lines.

#include <gtest/gtest.h>

#include "support/source_harness.hpp"

namespace odometer {
namespace {

using namespace testing;

constexpr std::string_view k_url = "https://api.anaconda.org/package/conda-forge/xtensor";

// What the source reads from body as the answer to url: its parser, as a
// run of the source calls it.
Result<Count> parse_anaconda_downloads(std::string_view body, std::string_view url) {
  return read_count("anaconda", "[anaconda]\npackages = [\"conda-forge/xtensor\"]\n",
                    std::string(url), std::string(body));
}

TEST(ParseAnaconda, SampleSumsEveryFile) {
  auto downloads = parse_anaconda_downloads(api_sample("anaconda/package.json"), k_url);
  ASSERT_TRUE(downloads.ok()) << downloads.error().message;
  EXPECT_EQ(*downloads, 41233U + 9120U + 12877U);
}

TEST(ParseAnaconda, NoFilesIsZero) {
  auto downloads = parse_anaconda_downloads(R"({"name":"x","files":[]})", k_url);
  ASSERT_TRUE(downloads.ok()) << downloads.error().message;
  EXPECT_EQ(*downloads, 0U);
}

TEST(ParseAnaconda, HostileBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("anaconda/package.json");
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, R"("ndownloads": 9120,)", ""),
       "$.files[1]: missing field \"ndownloads\""},
      {replace_once(body, R"("ndownloads": 9120)", R"("ndownloads": "9120")"),
       "$.files[1].ndownloads: expected a whole number, got a string"},
      {replace_once(body, R"("ndownloads": 12877)", R"("ndownloads": -12877)"),
       "$.files[2].ndownloads: count -12877 is negative"},
      {replace_once(body, R"("ndownloads": 41233)", R"("ndownloads": 1000000000000001)"),
       "$.files[0].ndownloads: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(
           replace_once(body, R"("ndownloads": 41233)", R"("ndownloads": 600000000000000)"),
           R"("ndownloads": 9120)", R"("ndownloads": 600000000000000)"),
       "$.files: the sum of ndownloads: "},
      {replace_once(body, R"("files": [)", R"("files": {}, "x": [)"),
       "$.files: expected an array, got an object"},
      {R"({"name":"xtensor"})", "$: missing field \"files\""},
      {R"({"files":[3]})", "$.files[0]: expected an object, got the number 3"},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_anaconda_downloads(c.body, k_url), k_url, c.part);
  }
}

TEST(ParseAnaconda, EveryTruncationIsAnError) {
  const std::string body = api_sample("anaconda/package.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_parse_error(parse_anaconda_downloads(body.substr(0, size), k_url), k_url, "");
  }
}

TEST(AnacondaSource, ReadsEveryPackageAndReportsTheMissingOne) {
  FakeRegistry anaconda;
  anaconda.json(std::string(k_url), api_sample("anaconda/package.json"));
  anaconda.json("https://api.anaconda.org/package/bioconda/samtools",
                R"({"files":[{"ndownloads":5},{"ndownloads":6}]})");
  const SourceRun run = run_source("anaconda", R"([anaconda]
packages = ["conda-forge/xtensor", "conda-forge/nosuch", "bioconda/samtools"]
)",
                                   anaconda);
  const std::vector<std::string> requests{
      "GET https://api.anaconda.org/package/conda-forge/xtensor",
      "GET https://api.anaconda.org/package/conda-forge/nosuch",
      "GET https://api.anaconda.org/package/bioconda/samtools"};
  EXPECT_EQ(run.urls(), requests);
  EXPECT_EQ(run.observations(),
            sorted_lines({"conda:downloads:conda-forge/xtensor cumulative 2026-05-02 63230",
                          "conda:downloads:bioconda/samtools cumulative 2026-05-02 11"}));
  EXPECT_EQ(run.result.entities, 3U);
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].entity, "conda-forge/nosuch");
  EXPECT_EQ(run.result.problems[0].reason,
            "not found on Anaconda (https://api.anaconda.org/package/conda-forge/nosuch)");
  EXPECT_EQ(run.result.state, SourceState::failed);
  EXPECT_EQ(run.result.reason, "1 of 3 packages failed");
}

TEST(AnacondaSource, ApiOverrideIsUsedForEveryUrl) {
  FakeRegistry anaconda;
  anaconda.json("http://127.0.0.1:9/package/c/p", R"({"files":[{"ndownloads":2}]})");
  const SourceRun run = run_source(
      "anaconda", "[anaconda]\napi = \"http://127.0.0.1:9\"\npackages = [\"c/p\"]\n", anaconda);
  EXPECT_EQ(run.urls(), std::vector<std::string>{"GET http://127.0.0.1:9/package/c/p"});
  EXPECT_EQ(run.result.state, SourceState::ok);
  EXPECT_EQ(run.observations(),
            std::vector<std::string>{"conda:downloads:c/p cumulative 2026-05-02 2"});
}

TEST(AnacondaConfig, EveryProblemIsReportedWithItsLine) {
  EXPECT_EQ(config_problems("anaconda", R"([anaconda]
package = ["conda-forge/numpy"]
packages = ["numpy", "conda-forge/numpy/extra",
  "../x", "conda-forge/.."]
)"),
            sorted_lines({
                std::string("odometer.toml:2: unknown key \"package\" in [anaconda]; did you mean "
                            "\"packages\"?"),
                "odometer.toml:3: [anaconda] packages entry \"numpy\" is not \"channel/package\"",
                std::string(
                    "odometer.toml:3: [anaconda] packages entry \"conda-forge/numpy/extra\" is not "
                    "\"channel/package\""),
                "odometer.toml:4: [anaconda] packages entry \"../x\" is not \"channel/package\"",
                std::string("odometer.toml:4: [anaconda] packages entry \"conda-forge/..\" is not "
                            "\"channel/package\""),
            }));
  EXPECT_EQ(config_problems("anaconda", "[anaconda]\npackages = true\n"),
            std::vector<std::string>{std::string(
                "odometer.toml:2: [anaconda] packages must be a list of strings, not true or "
                "false")});
}

}  // namespace
}  // namespace odometer
