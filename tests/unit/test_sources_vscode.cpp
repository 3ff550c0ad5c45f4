// The [vscode] source: the extensionquery body it sends, the sample
// response parsing to the numbers written in it (floats that are whole
// numbers accepted, others refused), hostile bodies as errors naming the URL
// and the JSON path, and a run through a fake Marketplace: one POST for all
// extensions, cumulative installs and updates, an extension missing from
// the answer reported as not found for itself alone, and config problems
// with their lines.

#include <gtest/gtest.h>

#include "sources/vscode_parse.hpp"
#include "support/source_harness.hpp"

namespace odometer {
namespace {

using namespace testing;

const std::string k_url =
    "https://marketplace.visualstudio.com/_apis/public/gallery/extensionquery";

TEST(VscodeQuery, NamesEveryExtensionInOneFilter) {
  EXPECT_EQ(vscode_query_body({"ritwickdey.LiveServer"}),
            R"({"filters":[{"criteria":[{"filterType":7,"value":"ritwickdey.LiveServer"}],)"
            R"("pageNumber":1,"pageSize":1}],"flags":914})");
  EXPECT_EQ(vscode_query_body({"a.b", "c.d"}),
            R"({"filters":[{"criteria":[{"filterType":7,"value":"a.b"},)"
            R"({"filterType":7,"value":"c.d"}],"pageNumber":1,"pageSize":2}],"flags":914})");
}

TEST(ParseVscode, SampleGivesInstallsAndUpdates) {
  auto extensions =
      parse_vscode_extensions(api_sample("vscode-marketplace/extensionquery-response.json"), k_url);
  ASSERT_TRUE(extensions.ok()) << extensions.error().message;
  const std::vector<VscodeExtension> expected{{"ritwickdey.LiveServer", 61234567, 8123456}};
  EXPECT_EQ(*extensions, expected);
}

TEST(ParseVscode, WholeNumberFloatsAreTakenAndUpdatesMayBeAbsent) {
  const std::string body = api_sample("vscode-marketplace/extensionquery-response.json");
  auto extensions = parse_vscode_extensions(
      replace_once(replace_once(body, R"("value": 61234567)", R"("value": 1234.0)"),
                   R"({ "statisticName": "updateCount", "value": 8123456 },)", ""),
      k_url);
  ASSERT_TRUE(extensions.ok()) << extensions.error().message;
  const std::vector<VscodeExtension> expected{{"ritwickdey.LiveServer", 1234, std::nullopt}};
  EXPECT_EQ(*extensions, expected);
}

TEST(ParseVscode, NoExtensionsIsAnEmptyList) {
  auto extensions = parse_vscode_extensions(
      R"({"results":[{"extensions":[],"pagingToken":null,"resultMetadata":[]}]})", k_url);
  ASSERT_TRUE(extensions.ok()) << extensions.error().message;
  EXPECT_TRUE(extensions->empty());
}

TEST(ParseVscode, HostileBodiesAreErrorsNamingUrlAndPath) {
  const std::string body = api_sample("vscode-marketplace/extensionquery-response.json");
  const std::string stats = "$.results[0].extensions[0].statistics";
  std::vector<HostileBody> cases = common_hostile_bodies(body);
  const std::vector<HostileBody> specific{
      {replace_once(body, R"("value": 61234567)", R"("value": 1234.5)"),
       stats + "[0].value: expected a whole number, got the number 1234.5"},
      {replace_once(body, R"("value": 61234567)", R"("value": -7)"),
       stats + "[0].value: count -7 is negative"},
      {replace_once(body, R"("value": 8123456)", R"("value": -7.0)"),
       stats + "[6].value: expected a count, got the number -7, which is negative"},
      {replace_once(body, R"("value": 61234567)", R"("value": 2e15)"),
       stats + "[0].value: expected a count, got the number 2e+15, which is above the limit"},
      {replace_once(body, R"("value": 8123456)", R"("value": 1000000000000001)"),
       stats + "[6].value: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, R"("value": 61234567)", R"("value": "61234567")"),
       stats + "[0].value: expected a whole number, got a string"},
      {replace_once(body, R"({ "statisticName": "install", "value": 61234567 },)", ""),
       stats + ": no \"install\" statistic"},
      {replace_once(body, R"({ "statisticName": "install", "value": 61234567 },)",
                    R"({ "statisticName": "install" },)"),
       stats + "[0]: missing field \"value\""},
      {replace_once(body, R"("statisticName": "downloadCount")", R"("statisticName": "install")"),
       stats + "[8]: a second \"install\" statistic"},
      {replace_once(body, R"("statistics": [)", R"("statistics": {}, "x": [)"),
       stats + ": expected an array, got an object"},
      {replace_once(body, R"("extensionName": "LiveServer",)", ""),
       "$.results[0].extensions[0]: missing field \"extensionName\""},
      {replace_once(body, R"("publisherName": "ritwickdey",)", R"("publisherName": 3,)"),
       "$.results[0].extensions[0].publisher.publisherName: expected a string, got the number 3"},
      {replace_once(body, R"("extensions": [)", R"("extensions": null, "x": [)"),
       "$.results[0].extensions: expected an array, got null"},
      {R"({"results":[]})", "$.results: expected one result, got none"},
      {R"({"count":1})", "$: missing field \"results\""},
  };
  cases.insert(cases.end(), specific.begin(), specific.end());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_vscode_extensions(c.body, k_url), k_url, c.part);
  }
}

TEST(ParseVscode, EveryTruncationIsAnError) {
  const std::string body = api_sample("vscode-marketplace/extensionquery-response.json");
  for (std::size_t size = 0; size < body.size(); ++size) {
    expect_parse_error(parse_vscode_extensions(body.substr(0, size), k_url), k_url, "");
  }
}

// ---------------------------------------------------------------- the source

std::string extension_json(const std::string& publisher, const std::string& name,
                           const std::string& statistics) {
  return R"({"publisher":{"publisherName":")" + publisher + R"("},"extensionName":")" + name +
         R"(","statistics":[)" + statistics + "]}";
}

std::string answer(const std::vector<std::string>& extensions) {
  std::string list;
  for (const auto& extension : extensions) {
    list += (list.empty() ? "" : ",") + extension;
  }
  return R"({"results":[{"extensions":[)" + list + R"(],"pagingToken":null}]})";
}

std::string header_value(const Request& request, std::string_view name) {
  for (const auto& header : request.headers) {
    if (header.name == name) {
      return header.value;
    }
  }
  return "(absent)";
}

TEST(VscodeSource, OneQueryForAllExtensionsAndNotFoundForTheMissingOne) {
  FakeRegistry marketplace;
  marketplace.json(k_url,
                   answer({extension_json("ritwickdey", "LiveServer",
                                          R"({"statisticName":"install","value":61234567},)"
                                          R"({"statisticName":"updateCount","value":8123456.0})"),
                           extension_json("esbenp", "prettier-vscode",
                                          R"({"statisticName":"install","value":40000000.0},)"
                                          R"({"statisticName":"averagerating","value":3.9})")}),
                   "POST");
  const SourceRun run = run_source("vscode", R"([vscode]
extensions = ["ritwickdey.liveserver", "esbenp.prettier-vscode", "nobody.nothing"]
)",
                                   marketplace);
  ASSERT_EQ(run.requests.size(), 1U);
  const Request& request = run.requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, k_url);
  EXPECT_EQ(header_value(request, "Accept"), "application/json;api-version=3.0-preview.1");
  EXPECT_EQ(header_value(request, "Content-Type"), "application/json");
  EXPECT_EQ(request.body, vscode_query_body({"ritwickdey.liveserver", "esbenp.prettier-vscode",
                                             "nobody.nothing"}));

  // Keys are spelled as the Marketplace spells the extension.
  EXPECT_EQ(run.observations(),
            sorted_lines({
                "vscode:installs:ritwickdey.LiveServer cumulative 2026-05-02 61234567",
                "vscode:updates:ritwickdey.LiveServer cumulative 2026-05-02 8123456",
                "vscode:installs:esbenp.prettier-vscode cumulative 2026-05-02 40000000",
            }));
  EXPECT_EQ(run.result.entities, 3U);
  EXPECT_EQ(run.result.state, SourceState::failed);
  EXPECT_EQ(run.result.reason, "1 of 3 extensions failed");
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].entity, "nobody.nothing");
  EXPECT_EQ(run.result.problems[0].reason,
            "not found on the VS Code Marketplace (POST " + k_url + ")");
}

TEST(VscodeSource, AnUnreadableAnswerFailsEveryExtensionAndStoresNothing) {
  FakeRegistry marketplace;
  marketplace.json(
      k_url,
      answer({extension_json("a", "good", R"({"statisticName":"install","value":5})"),
              extension_json("b", "bad", R"({"statisticName":"install","value":1.5})")}),
      "POST");
  const SourceRun run =
      run_source("vscode", "[vscode]\nextensions = [\"a.good\", \"b.bad\"]\n", marketplace);
  EXPECT_TRUE(run.result.observations.empty());
  ASSERT_EQ(run.result.problems.size(), 2U);
  for (const auto& problem : run.result.problems) {
    EXPECT_EQ(problem.reason, k_url +
                                  ": $.results[0].extensions[1].statistics[0].value: expected a "
                                  "whole number, got the number 1.5");
  }
  EXPECT_EQ(run.result.reason, "2 of 2 extensions failed");
}

TEST(VscodeSource, ApiOverrideAndAnHttpFailure) {
  FakeRegistry marketplace;
  marketplace.on("http://127.0.0.1:9/_apis/public/gallery/extensionquery",
                 make_response(403, "denied"), "POST");
  const SourceRun run = run_source(
      "vscode", "[vscode]\napi = \"http://127.0.0.1:9\"\nextensions = [\"a.b\"]\n", marketplace);
  ASSERT_EQ(run.requests.size(), 1U);
  EXPECT_EQ(run.result.entities, 1U);
  ASSERT_EQ(run.result.problems.size(), 1U);
  EXPECT_EQ(run.result.problems[0].reason,
            "POST http://127.0.0.1:9/_apis/public/gallery/extensionquery: HTTP 403");
}

TEST(VscodeConfig, EveryProblemIsReportedWithItsLine) {
  EXPECT_EQ(config_problems("vscode", R"([vscode]
extension = ["a.b"]
extensions = ["ok.fine", "nodot", "a.b.c",
  ".x", "y.", "sp ace.x"]
api = 7
)"),
            sorted_lines({
                std::string("odometer.toml:2: unknown key \"extension\" in [vscode]; did you mean "
                            "\"extensions\"?"),
                std::string("odometer.toml:3: [vscode] extensions entry \"nodot\" is not "
                            "\"publisher.extension\""),
                std::string("odometer.toml:3: [vscode] extensions entry \"a.b.c\" is not "
                            "\"publisher.extension\""),
                "odometer.toml:4: [vscode] extensions entry \".x\" is not \"publisher.extension\"",
                "odometer.toml:4: [vscode] extensions entry \"y.\" is not \"publisher.extension\"",
                std::string("odometer.toml:4: [vscode] extensions entry \"sp ace.x\" is not "
                            "\"publisher.extension\""),
                "odometer.toml:5: [vscode] api must be a string, not an integer",
            }));
  EXPECT_EQ(config_problems("vscode", "[vscode]\napi = \"https://x\"\n"),
            std::vector<std::string>{"odometer.toml:1: [vscode] needs extensions = [...]"});
  EXPECT_EQ(
      config_problems("vscode", "[vscode]\nextensions = []\n"),
      std::vector<std::string>{"odometer.toml:2: [vscode] extensions must name at least one"});
}

// The Marketplace ignores case: "A.B" is "a.b", listed twice.
TEST(VscodeConfig, AnExtensionListedAgainInAnotherCaseIsAProblem) {
  EXPECT_EQ(config_problems("vscode", "[vscode]\nextensions = [\"a.b\",\n  \"A.B\"]\n"),
            std::vector<std::string>{"odometer.toml:3: [vscode] extensions lists \"A.B\" twice "
                                     "(lines 2 and 3, first as \"a.b\")"});
}

}  // namespace
}  // namespace odometer
