// The [homebrew] source: the formula and cask samples parse to the numbers
// written in them (the exact name only, never its option variants), hostile
// bodies are errors naming the URL and the JSON path, and a run through a
// fake formulae.brew.sh gives one gauge per window, reports a missing
// formula as "not found on Homebrew" for that formula alone, and reports
// config problems with their lines.

#include <gtest/gtest.h>

#include "sources/homebrew_parse.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using namespace testing;

constexpr std::string_view k_wget_url = "https://formulae.brew.sh/api/formula/wget.json";
constexpr std::string_view k_docker_url = "https://formulae.brew.sh/api/cask/docker.json";

TEST(ParseHomebrew, FormulaSampleGivesTheExactNameOnly) {
  auto installs = parse_homebrew_installs(api_sample("homebrew/formula-wget.json"), k_wget_url,
                                          "wget", HomebrewKind::formula);
  ASSERT_TRUE(installs.ok()) << installs.error().message;
  // "wget --HEAD" (10, 40, 176) is a separate entry and is not added.
  EXPECT_EQ(*installs, (HomebrewInstalls{127917, 344088, 1592851}));
}

TEST(ParseHomebrew, CaskSampleReadsTheToken) {
  auto installs = parse_homebrew_installs(api_sample("homebrew/cask-analytics-excerpt.json"),
                                          k_docker_url, "docker", HomebrewKind::cask);
  ASSERT_TRUE(installs.ok()) << installs.error().message;
  EXPECT_EQ(*installs, (HomebrewInstalls{52311, 160220, 612004}));
}

TEST(ParseHomebrew, AWindowWithoutTheNameHadNoSuchInstalls) {
  const std::string body =
      replace_once(api_sample("homebrew/formula-wget.json"), R"("wget": 127917,)", "");
  auto installs = parse_homebrew_installs(body, k_wget_url, "wget", HomebrewKind::formula);
  ASSERT_TRUE(installs.ok()) << installs.error().message;
  EXPECT_EQ(*installs, (HomebrewInstalls{0, 344088, 1592851}));
}

TEST(ParseHomebrew, HostileBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("homebrew/formula-wget.json");
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, R"("wget": 127917)", R"("wget": "127,917")"),
       "$.analytics.install.30d.wget: expected a whole number, got a string"},
      {replace_once(body, R"("wget": 344088)", R"("wget": -3)"),
       "$.analytics.install.90d.wget: count -3 is negative"},
      {replace_once(body, R"("wget": 1592851)", R"("wget": 1000000000000001)"),
       "$.analytics.install.365d.wget: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, R"("wget": 127917)", R"("wget": 12.5)"),
       "$.analytics.install.30d.wget: expected a whole number, got the number 12.5"},
      {replace_once(body, R"("install": {)", R"("installs": {)"),
       "$.analytics: missing field \"install\""},
      {replace_once(body, R"("90d": {
        "wget": 344088,
        "wget --HEAD": 40
      },)",
                    ""),
       "$.analytics.install: missing field \"90d\""},
      {replace_once(body, R"("analytics": {)", R"("analytics": 5, "x": {)"),
       "$.analytics: expected an object, got the number 5"},
      {replace_once(body, R"("analytics": {)", R"("nalytics": {)"),
       "$: missing field \"analytics\""},
      {replace_once(body, R"("name": "wget")", R"("name": "curl")"),
       "$.name: the response is not for \"wget\""},
      {replace_once(body, R"("name": "wget",)", ""), "$: missing field \"name\""},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_homebrew_installs(c.body, k_wget_url, "wget", HomebrewKind::formula),
                       k_wget_url, c.part);
  }
}

TEST(ParseHomebrew, EveryTruncationIsAnError) {
  const std::string body = api_sample("homebrew/cask-analytics-excerpt.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    SCOPED_TRACE(body.substr(0, size));
    expect_parse_error(
        parse_homebrew_installs(body.substr(0, size), k_docker_url, "docker", HomebrewKind::cask),
        k_docker_url, "");
  }
}

TEST(ParseHomebrew, ACaskBodyIsNotReadAsAFormula) {
  // A cask has "token", not "name" as its identifier.
  expect_parse_error(parse_homebrew_installs(api_sample("homebrew/cask-analytics-excerpt.json"),
                                             k_docker_url, "docker", HomebrewKind::formula),
                     k_docker_url, "$.name: expected a string, got an array");
}

// ---------------------------------------------------------------- the source

std::string gauge(const std::string& key, int value) {
  return key + " gauge 2026-05-02 " + std::to_string(value) + " at " + std::string(k_harness_now);
}

TEST(HomebrewSource, ReadsFormulaeAndCasksAsWindowGauges) {
  FakeRegistry brew;
  brew.json("https://formulae.brew.sh/api/formula/wget.json",
            api_sample("homebrew/formula-wget.json"));
  brew.json("https://formulae.brew.sh/api/cask/docker.json",
            api_sample("homebrew/cask-analytics-excerpt.json"));
  const SourceRun run = run_source("homebrew", R"([homebrew]
formulae = ["wget", "nosuchformula"]
casks = ["docker"]
)",
                                   brew);
  const std::vector<std::string> requests{
      "GET https://formulae.brew.sh/api/formula/wget.json",
      "GET https://formulae.brew.sh/api/formula/nosuchformula.json",
      "GET https://formulae.brew.sh/api/cask/docker.json"};
  EXPECT_EQ(run.urls(), requests);
  EXPECT_EQ(run.observations(), sorted_lines({
                                    gauge("homebrew:installs-30d:wget", 127917),
                                    gauge("homebrew:installs-90d:wget", 344088),
                                    gauge("homebrew:installs-365d:wget", 1592851),
                                    gauge("homebrew:cask-installs-30d:docker", 52311),
                                    gauge("homebrew:cask-installs-90d:docker", 160220),
                                    gauge("homebrew:cask-installs-365d:docker", 612004),
                                }));
  EXPECT_EQ(run.result.entities, 3U);
  EXPECT_EQ(run.result.state, SourceState::failed);
  EXPECT_EQ(run.result.reason, "1 of 3 packages failed");
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].entity, "nosuchformula");
  EXPECT_EQ(run.result.problems[0].state, SourceState::failed);
  EXPECT_EQ(run.result.problems[0].reason,
            "not found on Homebrew (https://formulae.brew.sh/api/formula/nosuchformula.json)");
  const std::vector<std::pair<std::size_t, std::size_t>> progress{{1, 3}, {2, 3}, {3, 3}};
  EXPECT_EQ(run.progress, progress);
}

TEST(HomebrewSource, ABadBodyStoresNothingForThatFormulaOnly) {
  FakeRegistry brew;
  const std::string api = "http://127.0.0.1:9/brew";
  brew.json(api + "/api/formula/wget.json", api_sample("homebrew/formula-wget.json"));
  brew.json(api + "/api/formula/curl.json",
            R"({"name":"curl","analytics":{"install":{"30d":{"curl":-1},"90d":{},"365d":{}}}})");
  brew.on(api + "/api/formula/jq.json", make_response(500, "oops"));
  const SourceRun run = run_source("homebrew",
                                   R"([homebrew]
api = "http://127.0.0.1:9/brew/"
formulae = ["wget", "curl", "jq"]
)",
                                   brew);
  EXPECT_EQ(run.observations(), sorted_lines({
                                    gauge("homebrew:installs-30d:wget", 127917),
                                    gauge("homebrew:installs-90d:wget", 344088),
                                    gauge("homebrew:installs-365d:wget", 1592851),
                                }));
  ASSERT_EQ(run.result.problems.size(), 2U);
  EXPECT_EQ(run.result.problems[0].entity, "curl");
  EXPECT_EQ(run.result.problems[0].reason,
            api + "/api/formula/curl.json: $.analytics.install.30d.curl: count -1 is negative");
  EXPECT_EQ(run.result.problems[1].entity, "jq");
  EXPECT_TRUE(
      run.result.problems[1].reason.starts_with("GET " + api + "/api/formula/jq.json: HTTP 500"))
      << run.result.problems[1].reason;
  EXPECT_EQ(run.result.reason, "2 of 3 packages failed");
}

TEST(HomebrewConfig, EveryProblemIsReportedWithItsLine) {
  EXPECT_EQ(
      config_problems("homebrew", R"([homebrew]
formula = ["wget"]
casks = 3
api = "ftp://mirror"
)"),
      sorted_lines({
          std::string("odometer.toml:2: unknown key \"formula\" in [homebrew]; did you mean "
                      "\"formulae\"?"),
          "odometer.toml:3: [homebrew] casks must be a list of strings, not an integer",
          std::string(
              "odometer.toml:4: [homebrew] api \"ftp://mirror\" is not an http(s) base URL such "
              "as \"https://formulae.brew.sh\""),
      }));
  EXPECT_EQ(
      config_problems("homebrew", R"([homebrew]
formulae = ["wget",
  "../etc/passwd",
  "two words"]
)"),
      sorted_lines({
          std::string(
              "odometer.toml:3: [homebrew] formulae entry \"../etc/passwd\" is not a Homebrew "
              "formula name"),
          std::string("odometer.toml:4: [homebrew] formulae entry \"two words\" is not a Homebrew "
                      "formula name"),
      }));
  EXPECT_EQ(config_problems("homebrew", "[homebrew]\n"),
            std::vector<std::string>{
                "odometer.toml:1: [homebrew] needs formulae = [...] or casks = [...]"});
  // An empty list is a problem unless the other list names something.
  EXPECT_EQ(
      config_problems("homebrew", "[homebrew]\nformulae = []\n"),
      std::vector<std::string>{"odometer.toml:2: [homebrew] formulae must name at least one"});
  EXPECT_TRUE(
      config_problems("homebrew", "[homebrew]\nformulae = []\ncasks = [\"docker\"]\n").empty());
  EXPECT_EQ(config_problems("homebrew", "[homebrew]\nformulae = [\"wget\", \"jq\", \"wget\"]\n"),
            std::vector<std::string>{
                "odometer.toml:2: [homebrew] formulae lists \"wget\" twice (both on line 2)"});
  // A formula and a cask of one name are two packages.
  EXPECT_TRUE(
      config_problems("homebrew", "[homebrew]\nformulae = [\"docker\"]\ncasks = [\"docker\"]\n")
          .empty());
  EXPECT_TRUE(
      config_problems("homebrew", "[homebrew]\nformulae = \"openssl@3\"\ncasks = [\"gtk+3\"]\n")
          .empty());
}

}  // namespace
}  // namespace odometer
