// The [pypi] source: config problems with their lines; names normalised
// into one key and one request; pypistats' pace of 30 requests a minute
// held for 40 packages by a whole collect run over a FakeTransport whose
// clock only moves when the client waits; "not found on pypistats" for a
// 404; a bad body stores nothing for that package and costs the others
// nothing.

#include "support/source_harness.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "collect/collect.hpp"
#include "collect/config.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using std::chrono::milliseconds;
using testing::FakeTransport;
using testing::make_response;

const std::string k_api = "https://pypistats.org";

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

struct Made {
  std::unique_ptr<Source> source;
  std::vector<std::string> problems;
};

Made make(std::string_view config) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  Made made;
  made.source = testing::source_maker("pypi")(*root["pypi"].as_table(), nullptr, problems);
  made.problems = problems.messages();
  return made;
}

std::string overall(const std::string& name, int base) {
  return R"({"data":[{"category":"with_mirrors","date":"2026-04-30","downloads":999999},)"
         R"({"category":"without_mirrors","date":"2026-04-30","downloads":)" +
         std::to_string(base) +
         R"(},{"category":"without_mirrors","date":"2026-05-01","downloads":)" +
         std::to_string(base + 1) + R"(}],"package":")" + name + R"(","type":"overall_downloads"})";
}

// pypistats as a function of the request: every package that is not
// "ghost" exists; "broken" answers an HTML page with status 200.
Response pypistats(const Request& request) {
  const std::string prefix = k_api + "/api/packages/";
  const std::string suffix = "/overall?mirrors=false";
  if (!request.url.starts_with(prefix) || !request.url.ends_with(suffix)) {
    return make_response(400, "bad request");
  }
  const std::string name =
      request.url.substr(prefix.size(), request.url.size() - prefix.size() - suffix.size());
  if (name == "ghost") {
    return make_response(404, R"({"message":"Not Found"})");
  }
  if (name == "broken") {
    return make_response(200, "<html><body>Rate limited</body></html>");
  }
  return make_response(200, overall(name, 10 * static_cast<int>(name.size())));
}

struct Outcome {
  SourceResult result;
  std::vector<Request> requests;
  Ledger ledger;
};

Outcome run(std::string_view config) {
  Made made = make(config);
  EXPECT_TRUE(made.problems.empty()) << join(made.problems);
  Outcome outcome;
  if (!made.source) {
    return outcome;
  }
  FakeTransport fake(pypistats);
  ClientOptions options;
  options.jitter_seed = 7;
  for (const auto& policy : made.source->host_policies()) {
    options.min_interval_per_host[policy.host] = policy.min_interval;
  }
  HttpClient http(fake, options);
  const Ledger stored;
  SourceContext context{http, *Timestamp::parse("2026-05-02T12:00:00Z"), stored, nullptr};
  outcome.result = made.source->collect(context);
  outcome.requests = fake.requests();
  for (const auto& observation : outcome.result.observations) {
    const Status ok = outcome.ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return outcome;
}

TEST(PypiConfig, EveryProblemIsReportedWithItsLine) {
  const Made made = make(R"([pypi]
packges = ["a"]
packages = ["requests", "-bad", "no/slash"]
requests_per_minute = 0
api = "pypistats.org"
)");
  EXPECT_EQ(made.source, nullptr);
  const std::string all = join(made.problems);
  EXPECT_TRUE(contains(all,
                       "odometer.toml:2: unknown key \"packges\" in [pypi]; did you mean "
                       "\"packages\"?"))
      << all;
  EXPECT_TRUE(contains(all,
                       "odometer.toml:3: [pypi] packages entry \"-bad\" is not a PyPI "
                       "project name"))
      << all;
  EXPECT_TRUE(contains(all, "packages entry \"no/slash\" is not")) << all;
  EXPECT_TRUE(contains(all,
                       "odometer.toml:4: [pypi] requests_per_minute must be from 1 to 600 "
                       "(pypistats asks for at most 30)"))
      << all;
  EXPECT_TRUE(contains(all, "odometer.toml:5: [pypi] api \"pypistats.org\" is not an http(s)"))
      << all;
  EXPECT_EQ(made.problems.size(), 5U) << all;
  EXPECT_EQ(make("[pypi]\npackages = [\"a\"]\nrequests_per_minute = 601\n").problems.size(), 1U);
}

TEST(PypiSource, DeclaresThePaceOfItsHost) {
  const auto policies = make("[pypi]\npackages = [\"a\"]\n").source->host_policies();
  ASSERT_EQ(policies.size(), 1U);
  EXPECT_EQ(policies.front().host, "pypistats.org");
  EXPECT_EQ(policies.front().min_interval, milliseconds(2000));
  const auto mirror = make(
                          "[pypi]\npackages = [\"a\"]\napi = \"http://127.0.0.1:8080/\"\n"
                          "requests_per_minute = 7\n")
                          .source->host_policies();
  ASSERT_EQ(mirror.size(), 1U);
  EXPECT_EQ(mirror.front().host, "127.0.0.1:8080");
  EXPECT_EQ(mirror.front().min_interval, milliseconds(8572));  // 60 s / 7, rounded up
}

TEST(PypiConfig, TwoSpellingsOfOneProjectAreAProblem) {
  const Made made = make("[pypi]\npackages = [\"Runcycles_Client\", \"runcycles.client\"]\n");
  EXPECT_EQ(made.source, nullptr);
  EXPECT_EQ(made.problems, std::vector<std::string>{
                               "odometer.toml:2: [pypi] packages lists \"runcycles.client\" twice "
                               "(both on line 2, first as \"Runcycles_Client\")"});
}

TEST(PypiSource, NamesAreNormalisedIntoTheKeyAndTheRequest) {
  const Outcome outcome = run("[pypi]\npackages = [\"Runcycles_Client\"]\n");
  ASSERT_EQ(outcome.requests.size(), 1U);
  EXPECT_EQ(outcome.requests.front().url,
            k_api + "/api/packages/runcycles-client/overall?mirrors=false");
  EXPECT_EQ(outcome.result.entities, 1U);
  const Series* series = outcome.ledger.find(*SeriesKey::parse("pypi:downloads:runcycles-client"));
  ASSERT_NE(series, nullptr);
  // without_mirrors only: 160 + 161, never the with_mirrors 999999.
  EXPECT_EQ(series->value(), 321U);
  EXPECT_EQ(series->daily()->days().size(), 2U);
}

TEST(PypiSource, NotFoundAndBadBodiesAreThatPackagesProblemOnly) {
  const Outcome outcome = run("[pypi]\npackages = [\"requests\", \"ghost\", \"broken\"]\n");
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_EQ(outcome.result.reason, "2 of 3 packages failed");
  std::map<std::string, std::string> reasons;
  for (const auto& problem : outcome.result.problems) {
    reasons[problem.entity] = problem.reason;
  }
  ASSERT_EQ(reasons.size(), 2U);
  EXPECT_EQ(reasons["ghost"],
            "not found on pypistats (" + k_api + "/api/packages/ghost/overall?mirrors=false)");
  EXPECT_EQ(reasons["broken"], k_api +
                                   "/api/packages/broken/overall?mirrors=false: expected "
                                   "JSON, got an HTML page");
  EXPECT_EQ(outcome.ledger.series().size(), 1U);
  EXPECT_EQ(outcome.ledger.find(*SeriesKey::parse("pypi:downloads:requests"))->value(), 161U);
}

// The pace is applied where it matters: a whole `collect` run, whose HTTP
// client takes it from the source.
TEST(PypiSource, ACollectRunKeepsToThirtyRequestsAMinuteForFortyPackages) {
  testing::TempDir dir;
  std::string list;
  for (int i = 0; i < 40; ++i) {
    list += (list.empty() ? "\"p" : ", \"p") + std::to_string(i) + "\"";
  }
  auto config = parse_config("[pypi]\npackages = [" + list + "]\n", dir / "odometer.toml",
                             [](const std::string&) { return std::nullopt; });
  ASSERT_TRUE(config.ok()) << config.error().message;
  std::vector<std::chrono::system_clock::time_point> sent_at;
  FakeTransport* clock = nullptr;
  FakeTransport fake([&](const Request& request) {
    sent_at.push_back(clock->now());
    return pypistats(request);
  });
  clock = &fake;
  auto report = run_collect(*config, CollectOptions{}, &fake, nullptr);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->exit_code, 0);
  EXPECT_EQ(report->observations, 80U);
  ASSERT_EQ(sent_at.size(), 40U);
  for (std::size_t i = 1; i < sent_at.size(); ++i) {
    EXPECT_GE(sent_at[i] - sent_at[i - 1], milliseconds(2000)) << "request " << i;
  }
  // No minute holds more than 30 of them.
  for (std::size_t i = 0; i + 30 < sent_at.size(); ++i) {
    EXPECT_GE(sent_at[i + 30] - sent_at[i], std::chrono::seconds(60)) << "from request " << i;
  }
}

}  // namespace
}  // namespace odometer
