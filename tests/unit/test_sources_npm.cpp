// The [npm] source through a real HttpClient over a FakeTransport that
// plays npm's range endpoint (tests/support/fake_npm): config problems
// reported at once with their lines; a first read that covers the whole
// history exactly once even when the registry clamps harder than npm does;
// later reads of the lookback window only, or from the newest stored day
// after a long pause; bulk requests of at most 128 unscoped names; "not
// found on npm" for a 404 and for null in a bulk answer; and a package
// whose read fails in any part storing nothing.

#include "support/source_harness.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "support/fake_npm.hpp"
#include "support/fake_transport.hpp"

namespace odometer {
namespace {

using testing::FakeNpm;
using testing::FakeTransport;
using testing::make_response;

const std::string k_api = "https://api.npmjs.org";

Day day(std::string_view text) {
  return *Day::parse(text);
}

const Day k_today = day("2026-05-02");

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

struct Made {
  std::unique_ptr<Source> source;
  std::vector<std::string> problems;
};

Made make(std::string_view config) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  Made made;
  made.source = testing::source_maker("npm")(*root["npm"].as_table(), nullptr, problems);
  made.problems = problems.messages();
  return made;
}

struct Outcome {
  SourceResult result;
  Ledger ledger;  // stored plus this run's observations
};

// A hook that may answer a request instead of the fake npm.
using Override = std::function<std::optional<Response>(const std::string& target)>;

Outcome run(std::string_view config, FakeNpm& npm, const Ledger& stored = {},
            const Override& override_answer = nullptr) {
  Made made = make(config);
  EXPECT_TRUE(made.problems.empty()) << join(made.problems);
  Outcome outcome;
  if (!made.source) {
    ADD_FAILURE() << "no source";
    return outcome;
  }
  FakeTransport fake([&](const Request& request) {
    const std::string target = request.url.substr(k_api.size());
    if (override_answer) {
      if (auto answer = override_answer(target)) {
        return *answer;
      }
    }
    const auto answer = npm.answer(target);
    return make_response(answer.status, answer.body);
  });
  ClientOptions options;
  options.jitter_seed = 7;
  HttpClient http(fake, options);
  SourceContext context{http, Timestamp::start_of(npm.today()), stored, nullptr};
  outcome.result = made.source->collect(context);
  outcome.ledger = stored;
  for (const auto& observation : outcome.result.observations) {
    const Status ok = outcome.ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return outcome;
}

Count total(const Ledger& ledger, const std::string& key) {
  const Series* series = ledger.find(*SeriesKey::parse(key));
  return series != nullptr ? series->value().value_or(0) : 0;
}

// How many times each day was asked for, per package.
std::map<std::string, std::map<Day, int>> asked_days(const FakeNpm& npm) {
  std::map<std::string, std::map<Day, int>> out;
  for (const auto& seen : npm.seen()) {
    for (const auto& name : seen.names) {
      for (Day d = seen.start; d <= seen.end; d = d + 1) {
        ++out[name][d];
      }
    }
  }
  return out;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// ---------------------------------------------------------------- config

TEST(NpmConfig, EveryProblemIsReportedWithItsLine) {
  const Made made = make(R"([npm]
pakages = ["a"]
packages = ["ok", "Bad Name", "@scope", "a,b"]
since = "yesterday"
lookback_days = 0
api = "ftp://mirror"
)");
  EXPECT_EQ(made.source, nullptr);
  const std::string all = join(made.problems);
  EXPECT_TRUE(contains(all,
                       "odometer.toml:2: unknown key \"pakages\" in [npm]; did you mean "
                       "\"packages\"?"))
      << all;
  EXPECT_TRUE(contains(all,
                       "odometer.toml:3: [npm] packages entry \"Bad Name\" is not an npm "
                       "package name"))
      << all;
  EXPECT_TRUE(contains(all, "packages entry \"@scope\" is not")) << all;
  EXPECT_TRUE(contains(all, "packages entry \"a,b\" is not")) << all;
  EXPECT_TRUE(contains(all, "odometer.toml:4: [npm] since must be a date")) << all;
  EXPECT_TRUE(contains(all, "odometer.toml:5: [npm] lookback_days must be from 1 to")) << all;
  EXPECT_TRUE(
      contains(all, "odometer.toml:6: [npm] api \"ftp://mirror\" is not an http(s) base URL"))
      << all;
  EXPECT_EQ(made.problems.size(), 7U) << all;
}

TEST(NpmConfig, APackageListedTwiceIsAProblem) {
  const Made made = make("[npm]\npackages = [\"a\", \"@s/b\",\n  \"a\"]\n");
  EXPECT_EQ(made.source, nullptr);
  EXPECT_EQ(made.problems,
            std::vector<std::string>{
                "odometer.toml:3: [npm] packages lists \"a\" twice (lines 2 and 3)"});
}

TEST(NpmConfig, PackagesAreRequired) {
  const Made made = make("[npm]\nlookback_days = 10\n");
  EXPECT_EQ(made.source, nullptr);
  EXPECT_TRUE(contains(join(made.problems), "[npm] needs packages")) << join(made.problems);
}

TEST(NpmConfig, SinceMayBeATomlDateOrAString) {
  EXPECT_TRUE(make("[npm]\npackages = [\"a\"]\nsince = 2020-01-01\n").problems.empty());
  EXPECT_TRUE(make("[npm]\npackages = [\"a\"]\nsince = \"2020-01-01\"\n").problems.empty());
  EXPECT_EQ(make("[npm]\npackages = [\"a\"]\nsince = 2020-02-03T00:00:00Z\n").problems.size(), 1U);
}

// ---------------------------------------------------------------- reading

TEST(NpmSource, FirstReadCoversEveryDayOnceEvenWhenClampedHarderThanExpected) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.single_limit_days = 100;  // far below 18 months: every chunk comes back short
  npm.bulk_limit_days = 70;
  npm.add_package("alpha", k_today - 1000);
  npm.add_package("beta", k_today - 400);
  npm.add_package("@scope/gamma", k_today - 700);
  const Outcome outcome = run(R"([npm]
packages = ["alpha", "beta", "@scope/gamma"]
since = 2023-01-01
)",
                              npm);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_TRUE(outcome.result.problems.empty());
  for (const std::string name : {"alpha", "beta", "@scope/gamma"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(total(outcome.ledger, "npm:downloads:" + name), npm.total(name));
    const Series* series = outcome.ledger.find(*SeriesKey::parse("npm:downloads:" + name));
    ASSERT_NE(series, nullptr);
    for (const auto& [d, count] : series->daily()->days()) {
      EXPECT_EQ(count, npm.count(name, d)) << d.to_string();
    }
    // Zeros before the package existed are not stored.
    EXPECT_GT(series->daily()->days().begin()->second, 0U);
  }
  // Each observation once: no day reported twice for a package.
  std::set<std::pair<std::string, Day>> seen;
  for (const auto& observation : outcome.result.observations) {
    EXPECT_TRUE(seen.emplace(observation.key.str(), observation.day).second)
        << observation.key.str() << " " << observation.day.to_string();
  }
}

TEST(NpmSource, UnscopedGoInBulkOfAtMost128AndScopedAlone) {
  FakeNpm npm;
  npm.set_today(k_today);
  std::string list;
  for (int i = 0; i < 130; ++i) {
    const std::string name = "pkg" + std::to_string(i);
    npm.add_package(name, k_today - 20);
    list += "\"" + name + "\", ";
  }
  npm.add_package("@a/one", k_today - 20);
  npm.add_package("@b/two", k_today - 20);
  const Outcome outcome =
      run("[npm]\npackages = [" + list + "\"@a/one\", \"@b/two\"]\nsince = 2026-03-01\n", npm);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  std::vector<std::size_t> sizes;
  for (const auto& seen : npm.seen()) {
    sizes.push_back(seen.names.size());
    if (seen.names.front().starts_with('@')) {
      EXPECT_EQ(seen.names.size(), 1U);
    }
  }
  std::sort(sizes.begin(), sizes.end());
  // 130 unscoped: one bulk of 128, then two (a bulk of 2); two scoped alone.
  EXPECT_EQ(sizes, (std::vector<std::size_t>{1, 1, 2, 128}));
  EXPECT_EQ(total(outcome.ledger, "npm:downloads:pkg129"), npm.total("pkg129"));
  EXPECT_EQ(total(outcome.ledger, "npm:downloads:@b/two"), npm.total("@b/two"));
}

TEST(NpmSource, ScopedNamesAreWrittenAsNpmDocumentsThem) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("@runcycles/mcp-server", k_today - 5);
  std::vector<std::string> targets;
  const Outcome outcome = run("[npm]\npackages = [\"@runcycles/mcp-server\"]\nsince = 2026-04-20\n",
                              npm, {}, [&](const std::string& target) -> std::optional<Response> {
                                targets.push_back(target);
                                return std::nullopt;
                              });
  ASSERT_EQ(targets.size(), 1U);
  // npm's download-counts documentation: "@scope/name" in range requests.
  EXPECT_EQ(targets.front(), "/downloads/range/2026-04-20:2026-05-02/@runcycles/mcp-server");
  EXPECT_EQ(total(outcome.ledger, "npm:downloads:@runcycles/mcp-server"),
            npm.total("@runcycles/mcp-server"));
}

TEST(NpmSource, LaterReadsAskForTheLookbackOnlyOrFromTheNewestStoredDay) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("alpha", k_today - 300);
  npm.add_package("beta", k_today - 300);
  Ledger stored;
  // alpha was read yesterday; beta last 60 days ago.
  ASSERT_TRUE(
      stored
          .observe(Observation{
              .key = *SeriesKey::parse("npm:downloads:alpha"), .day = k_today - 2, .value = 5})
          .ok());
  ASSERT_TRUE(
      stored
          .observe(Observation{
              .key = *SeriesKey::parse("npm:downloads:beta"), .day = k_today - 60, .value = 5})
          .ok());
  const Outcome outcome =
      run("[npm]\npackages = [\"alpha\", \"beta\"]\nlookback_days = 30\n", npm, stored);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  const auto asked = asked_days(npm);
  EXPECT_EQ(asked.at("alpha").begin()->first, k_today - 29);
  EXPECT_EQ(asked.at("beta").begin()->first, k_today - 60);  // no gap after a long pause
  EXPECT_EQ(asked.at("alpha").rbegin()->first, k_today);
  for (const auto& [name, days] : asked) {
    for (const auto& [d, times] : days) {
      EXPECT_EQ(times, 1) << name << " " << d.to_string();
    }
  }
  // Nothing older than the window was asked for, so nothing older changed.
  for (const auto& observation : outcome.result.observations) {
    EXPECT_GE(observation.day, k_today - 60);
  }
}

TEST(NpmSource, UnknownPackagesAreNotFoundNeverZero) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("alpha", k_today - 10);
  npm.add_package("beta", k_today - 10);
  const Outcome outcome = run(R"([npm]
packages = ["alpha", "beta", "ghost", "@nobody/ghost"]
since = 2026-04-01
)",
                              npm);
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_EQ(outcome.result.entities, 4U);
  ASSERT_EQ(outcome.result.problems.size(), 2U);
  std::map<std::string, std::string> reasons;
  for (const auto& problem : outcome.result.problems) {
    reasons[problem.entity] = problem.reason;
    EXPECT_EQ(problem.state, SourceState::failed);
  }
  // null in the bulk answer, and a 404 on its own.
  EXPECT_TRUE(contains(reasons["ghost"], "not found on npm (" + k_api +
                                             "/downloads/range/2026-04-01:2026-05-02/alpha,beta,"
                                             "ghost)"))
      << reasons["ghost"];
  EXPECT_TRUE(contains(reasons["@nobody/ghost"], "not found on npm (" + k_api))
      << reasons["@nobody/ghost"];
  EXPECT_EQ(outcome.ledger.find(*SeriesKey::parse("npm:downloads:ghost")), nullptr);
  EXPECT_EQ(outcome.ledger.find(*SeriesKey::parse("npm:downloads:@nobody/ghost")), nullptr);
  EXPECT_EQ(total(outcome.ledger, "npm:downloads:alpha"), npm.total("alpha"));
}

TEST(FakeNpm, RefusesTheEncodedScopedFormLikeADocumentedServer) {
  // A fake that accepted what npm's documented API refuses would test nothing.
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("@runcycles/mcp-server", k_today - 5);
  EXPECT_EQ(npm.answer("/downloads/range/2026-04-20:2026-05-02/@runcycles%2Fmcp-server").status,
            404);
  EXPECT_EQ(npm.answer("/downloads/range/2026-04-20:2026-05-02/@runcycles%2fmcp-server").status,
            404);
  EXPECT_EQ(npm.answer("/downloads/range/2026-04-20:2026-05-02/@runcycles/mcp-server").status, 200);
}

TEST(NpmSource, APackageWithAnyFailedChunkStoresNothing) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("@s/broken", k_today - 1500);
  npm.add_package("@s/html", k_today - 100);
  npm.add_package("@s/fine", k_today - 100);
  const Outcome outcome =
      run(R"([npm]
packages = ["@s/broken", "@s/html", "@s/fine"]
since = 2021-01-01
)",
          npm, {}, [](const std::string& target) -> std::optional<Response> {
            // One old chunk of @s/broken fails; @s/html gets a login page.
            if (contains(target, "@s/broken") && !contains(target, ":2026-05-02/")) {
              return make_response(500, "oops");
            }
            if (contains(target, "@s/html")) {
              return make_response(200, "<html><body>Sign in</body></html>");
            }
            return std::nullopt;
          });
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  std::map<std::string, std::string> reasons;
  for (const auto& problem : outcome.result.problems) {
    reasons[problem.entity] = problem.reason;
  }
  ASSERT_EQ(reasons.size(), 2U);
  EXPECT_TRUE(contains(reasons["@s/broken"], "HTTP 500")) << reasons["@s/broken"];
  EXPECT_TRUE(contains(reasons["@s/html"], "/@s/html: expected JSON, got an HTML page"))
      << reasons["@s/html"];
  // Not even the chunks that were read: the next run must read it all again.
  EXPECT_EQ(outcome.ledger.find(*SeriesKey::parse("npm:downloads:@s/broken")), nullptr);
  EXPECT_EQ(outcome.ledger.find(*SeriesKey::parse("npm:downloads:@s/html")), nullptr);
  EXPECT_EQ(total(outcome.ledger, "npm:downloads:@s/fine"), npm.total("@s/fine"));
}

TEST(NpmSource, AnAnswerCoveringNoneOfTheAskedDaysFailsThePackage) {
  FakeNpm npm;
  npm.set_today(k_today);
  npm.add_package("@s/odd", k_today - 1000);
  const Outcome outcome =
      run("[npm]\npackages = [\"@s/odd\"]\nsince = 2023-01-01\n", npm, {},
          [](const std::string& target) -> std::optional<Response> {
            if (contains(target, ":2026-05-02/")) {
              return std::nullopt;
            }
            // Always the same old day, whatever was asked.
            return make_response(200, R"({"start":"2015-02-01","end":"2015-02-01",)"
                                      R"("package":"@s/odd","downloads":[]})");
          });
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_TRUE(
      contains(outcome.result.problems.front().reason, "npm answered 2015-02-01:2015-02-01 for"))
      << outcome.result.problems.front().reason;
  EXPECT_TRUE(outcome.result.observations.empty());
}

}  // namespace
}  // namespace odometer
