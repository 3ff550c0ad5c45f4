// The package-registry sources (crates.io, Docker Hub, NuGet, RubyGems,
// Packagist, Hex), each found through source_registry() by its table,
// driven through a real HttpClient over a FakeTransport that plays the
// registry: the requests each sends (URLs, crates.io's User-Agent and its
// one request a second), the exact observations, a 404 reported as "not
// found on REGISTRY" for that package only while the others are still
// collected, bad bodies that store nothing, the api override, and config
// problems each with its line.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "odometer/version.hpp"
#include "sources/source.hpp"
#include "support/fake_transport.hpp"
#include "support/source_harness.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::api_sample;

using testing::FakeTransport;
using testing::make_response;
using Clock = std::chrono::system_clock;

constexpr std::string_view k_now = "2026-05-02T12:00:00Z";

// A registry as a table of URL -> responses; a URL with several answers
// gives them in turn (the last one again after that); anything else is 404.
class FakeRegistry {
public:
  void on(const std::string& url, std::vector<Response> responses) {
    m_routes[url] = std::deque<Response>(responses.begin(), responses.end());
  }
  void json(const std::string& url, std::string body) {
    on(url, {make_response(200, std::move(body))});
  }
  Response answer(const Request& request) {
    const std::lock_guard lock(m_mutex);
    const auto it = m_routes.find(request.url);
    if (it == m_routes.end()) {
      return make_response(404, R"({"errors":[{"detail":"Not Found"}]})");
    }
    Response response = it->second.front();
    if (it->second.size() > 1) {
      it->second.pop_front();
    }
    return response;
  }

private:
  std::mutex m_mutex;
  std::map<std::string, std::deque<Response>> m_routes;
};

// Forwards to a FakeTransport and records the fake time each request went out.
class Timed final : public Transport {
public:
  explicit Timed(FakeTransport& inner) : m_inner(inner) {}
  std::vector<Response> send(const std::vector<Request>& requests) override {
    for (std::size_t i = 0; i < requests.size(); ++i) {
      m_sent_at.push_back(m_inner.now());
    }
    return m_inner.send(requests);
  }
  Clock::time_point now() override { return m_inner.now(); }
  void sleep_for(std::chrono::milliseconds duration) override { m_inner.sleep_for(duration); }
  const std::vector<Clock::time_point>& sent_at() const { return m_sent_at; }

private:
  FakeTransport& m_inner;
  std::vector<Clock::time_point> m_sent_at;
};

std::string describe(const Observation& observation) {
  return observation.key.str() + " " + std::string(to_string(observation.kind)) + " " +
         observation.day.to_string() + " " + std::to_string(observation.value);
}

std::string describe(const EntityProblem& problem) {
  return problem.entity + " " + std::string(to_string(problem.state)) + ": " + problem.reason;
}

std::vector<std::string> sorted(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string cumulative(const std::string& key, Count value) {
  return key + " cumulative 2026-05-02 " + std::to_string(value);
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

// The factory registered for table.
const SourceFactory* factory_of(std::string_view table) {
  for (const auto& factory : source_registry()) {
    if (factory.table == table) {
      return &factory;
    }
  }
  return nullptr;
}

// The config problems of the only table in config (empty if none).
std::vector<std::string> problems_of(std::string_view config,
                                     std::unique_ptr<Source>* made = nullptr) {
  const toml::table root = toml::parse(config, std::string("odometer.toml"));
  EXPECT_EQ(root.size(), 1U);
  // The iterator owns the pair its operator* refers to: keep it alive.
  const auto first = root.begin();
  const auto& [table, node] = *first;
  const SourceFactory* factory = factory_of(table.str());
  if (factory == nullptr) {
    ADD_FAILURE() << "no source registered for [" << table.str() << "]";
    return {};
  }
  ConfigProblems problems("odometer.toml");
  auto source = factory->make(*node.as_table(), GetEnv{}, problems);
  EXPECT_EQ(source == nullptr, !problems.empty()) << join(problems.messages());
  if (made != nullptr) {
    *made = std::move(source);
  }
  return problems.messages();
}

struct Outcome {
  std::unique_ptr<Source> source;
  SourceResult result;
  std::vector<Request> requests;
  std::vector<Clock::time_point> sent_at;
  std::vector<std::pair<std::size_t, std::size_t>> progress;

  std::vector<std::string> urls() const {
    std::vector<std::string> out;
    for (const auto& request : requests) {
      out.push_back(request.url);
    }
    return out;
  }
  std::vector<std::string> observations() const {
    std::vector<std::string> out;
    for (const auto& observation : result.observations) {
      out.push_back(describe(observation));
    }
    return sorted(std::move(out));
  }
  std::vector<std::string> problems() const {
    std::vector<std::string> out;
    for (const auto& problem : result.problems) {
      out.push_back(describe(problem));
    }
    return sorted(std::move(out));
  }
};

// Builds the source of config and runs it against registry, with the
// source's host policies applied to the client as collect applies them.
Outcome run(std::string_view config, FakeRegistry& registry) {
  Outcome outcome;
  const auto problems = problems_of(config, &outcome.source);
  if (!outcome.source) {
    ADD_FAILURE() << "no source: " << join(problems);
    return outcome;
  }
  FakeTransport fake([&registry](const Request& request) { return registry.answer(request); });
  Timed timed(fake);
  ClientOptions options;
  options.jitter_seed = 7;
  for (const auto& policy : outcome.source->host_policies()) {
    options.min_interval_per_host[policy.host] = policy.min_interval;
  }
  HttpClient http(timed, options);
  const Ledger stored;
  SourceContext context{http, *Timestamp::parse(k_now), stored,
                        [&outcome](std::size_t done, std::size_t total) {
                          outcome.progress.emplace_back(done, total);
                        }};
  outcome.result = outcome.source->collect(context);
  outcome.requests = fake.requests();
  outcome.sent_at = timed.sent_at();
  // Everything reported must be accepted by the ledger as it is.
  Ledger ledger;
  for (const auto& observation : outcome.result.observations) {
    const Status ok = ledger.observe(observation);
    EXPECT_TRUE(ok.ok()) << ok.error().message;
  }
  return outcome;
}

std::optional<std::string> header(const Request& request, std::string_view name) {
  for (const auto& h : request.headers) {
    if (h.name.size() == name.size() &&
        std::equal(h.name.begin(), h.name.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return h.value;
    }
  }
  return std::nullopt;
}

const Response k_html_200 =
    make_response(200, "<!DOCTYPE html><html><body>Just a moment...</body></html>");

// ---------------------------------------------------------------- crates.io

constexpr std::string_view k_crates_config = R"([crates]
crates = ["serde", "tiny-crate", "gone"]
contact = "ops@example.com"
)";

const std::string k_crates = "https://crates.io/api/v1/crates/";

void serve_crates(FakeRegistry& registry) {
  registry.json(k_crates + "serde", api_sample("crates/crate-minimal.json"));
  registry.json(k_crates + "serde/downloads", api_sample("crates/crate-downloads.json"));
  registry.json(k_crates + "tiny-crate", R"({"crate":{"id":"tiny-crate","downloads":12}})");
  registry.json(k_crates + "tiny-crate/downloads",
                R"({"version_downloads":[{"date":"2026-05-01","downloads":2,"version":9}],
                    "meta":{"extra_downloads":[]}})");
}

TEST(CratesSource, ObservesTheTotalAndEveryDayAndReportsAMissingCrateOnly) {
  FakeRegistry registry;
  serve_crates(registry);
  const Outcome outcome = run(k_crates_config, registry);
  EXPECT_EQ(outcome.source->name(), "crates");
  EXPECT_EQ(
      sorted(outcome.urls()),
      sorted({k_crates + "serde", k_crates + "serde/downloads", k_crates + "tiny-crate",
              k_crates + "tiny-crate/downloads", k_crates + "gone", k_crates + "gone/downloads"}));
  const std::string agent = std::string("odometer/") + k_version + " (ops@example.com)";
  for (const auto& request : outcome.requests) {
    EXPECT_EQ(header(request, "user-agent"), agent) << request.url;
  }
  EXPECT_EQ(outcome.observations(),
            sorted({cumulative("crates:downloads:serde", 512349871),
                    "crates:downloads-daily:serde daily 2025-06-06 741641",
                    "crates:downloads-daily:serde daily 2025-06-07 458664",
                    cumulative("crates:downloads:tiny-crate", 12),
                    "crates:downloads-daily:tiny-crate daily 2026-05-01 2"}));
  EXPECT_EQ(outcome.problems(),
            sorted({"gone failed: not found on crates.io (" + k_crates + "gone)",
                    "gone failed: not found on crates.io (" + k_crates + "gone/downloads)"}));
  EXPECT_EQ(outcome.result.entities, 3U);
  EXPECT_EQ(outcome.result.state, SourceState::failed);
  EXPECT_EQ(outcome.result.reason, "1 of 3 packages failed");
  ASSERT_FALSE(outcome.progress.empty());
  EXPECT_EQ(outcome.progress.back(), std::make_pair(std::size_t{3}, std::size_t{3}));
}

TEST(CratesSource, SendsAtMostOneRequestASecondRetriesIncluded) {
  FakeRegistry registry;
  serve_crates(registry);
  registry.on(
      k_crates + "serde/downloads",
      {make_response(503, "busy"), make_response(200, api_sample("crates/crate-downloads.json"))});
  const Outcome outcome = run(k_crates_config, registry);
  EXPECT_EQ(outcome.result.problems.size(), 2U);  // "gone" only
  ASSERT_EQ(outcome.sent_at.size(), 7U);          // six URLs, one retried
  for (std::size_t i = 1; i < outcome.sent_at.size(); ++i) {
    EXPECT_GE(outcome.sent_at[i] - outcome.sent_at[i - 1], std::chrono::seconds(1))
        << outcome.requests[i].url;
  }
  ASSERT_EQ(outcome.source->host_policies().size(), 1U);
  EXPECT_EQ(outcome.source->host_policies()[0].host, "crates.io");
  EXPECT_EQ(outcome.source->host_policies()[0].min_interval, std::chrono::seconds(1));
}

TEST(CratesSource, WithoutAContactItIsSkippedBeforeAnyRequest) {
  FakeRegistry registry;
  serve_crates(registry);
  const Outcome outcome = run("[crates]\ncrates = [\"serde\"]\n", registry);
  const auto missing = outcome.source->missing_requirement();
  ASSERT_TRUE(missing.has_value());
  EXPECT_NE(missing->find("contact = \"you@example.com\""), std::string::npos) << *missing;
  EXPECT_EQ(outcome.result.state, SourceState::skipped);
  EXPECT_EQ(outcome.result.reason, *missing);
  EXPECT_TRUE(outcome.requests.empty());
  EXPECT_TRUE(outcome.result.observations.empty());
}

TEST(CratesSource, ABadDailyBodyStoresNoDayButTheTotalStillCounts) {
  FakeRegistry registry;
  serve_crates(registry);
  registry.on(k_crates + "serde/downloads", {k_html_200});
  registry.json(k_crates + "tiny-crate/downloads",
                R"({"version_downloads":[{"date":"2026-05-01","downloads":2,"version":9},
                    {"date":"2026-05-02","downloads":-4,"version":9}],
                    "meta":{"extra_downloads":[]}})");
  const Outcome outcome = run(k_crates_config, registry);
  EXPECT_EQ(outcome.observations(), sorted({cumulative("crates:downloads:serde", 512349871),
                                            cumulative("crates:downloads:tiny-crate", 12)}));
  const auto problems = outcome.problems();
  ASSERT_EQ(problems.size(), 4U);
  EXPECT_EQ(problems[2],
            "serde failed: " + k_crates + "serde/downloads: expected JSON, got an HTML page");
  EXPECT_EQ(problems[3], "tiny-crate failed: " + k_crates +
                             "tiny-crate/downloads: $.version_downloads[1].downloads: count -4 is "
                             "negative");
}

TEST(CratesSource, TheApiOverrideMovesEveryRequestAndThePacing) {
  FakeRegistry registry;
  registry.json("http://127.0.0.1:8080/mirror/api/v1/crates/serde", R"({"crate":{"downloads":5}})");
  registry.json("http://127.0.0.1:8080/mirror/api/v1/crates/serde/downloads",
                R"({"version_downloads":[],"meta":{"extra_downloads":[]}})");
  const Outcome outcome = run(R"([crates]
crates = "serde"
contact = "https://example.com/ops"
api = "http://127.0.0.1:8080/mirror/"
)",
                              registry);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{cumulative("crates:downloads:serde", 5)});
  ASSERT_EQ(outcome.source->host_policies().size(), 1U);
  EXPECT_EQ(outcome.source->host_policies()[0].host, "127.0.0.1:8080");
  ASSERT_EQ(outcome.requests.size(), 2U);
  EXPECT_EQ(header(outcome.requests[0], "user-agent"),
            std::string("odometer/") + k_version + " (https://example.com/ops)");
}

TEST(CratesConfig, ProblemsEachWithTheirLine) {
  const auto messages = problems_of(R"([crates]
crates = ["serde", "9lives", "a/b", "Serde_Json", "serde-json"]
contact = "ops@example.com\r\nX-Evil: 1"
contcat = "x"
api = 8
)");
  EXPECT_EQ(
      sorted(messages),
      sorted({std::string("odometer.toml:4: unknown key \"contcat\" in [crates]; did you mean "
                          "\"contact\"?"),
              "odometer.toml:5: [crates] api must be a string, not an integer",
              std::string("odometer.toml:3: [crates] contact must be an e-mail address or URL "
                          "in printable ASCII, not empty"),
              "odometer.toml:2: [crates] crates entry \"9lives\" is not a crate name",
              "odometer.toml:2: [crates] crates entry \"a/b\" is not a crate name",
              "odometer.toml:2: [crates] crates lists \"serde-json\" twice (both on line 2, first "
              "as \"Serde_Json\")"}));
  EXPECT_EQ(problems_of("[crates]\ncrates = [\"serde\", 3]\n"),
            std::vector<std::string>{
                "odometer.toml:2: [crates] crates must be a list of strings, not an integer"});
  EXPECT_EQ(problems_of("[crates]\ncontact = \"a@b.c\"\n"),
            std::vector<std::string>{"odometer.toml:1: [crates] needs crates = [...]"});
  EXPECT_EQ(problems_of("[crates]\ncrates = []\n"),
            std::vector<std::string>{"odometer.toml:2: [crates] crates must name at least one"});
}

// ---------------------------------------------------------------- Docker Hub

TEST(DockerSource, OfficialImagesAreUnderLibraryAndAMissingOneIsReportedAlone) {
  FakeRegistry registry;
  const std::string hub = "https://hub.docker.com/v2/repositories/";
  registry.json(hub + "library/nginx/", api_sample("docker-hub/repository.json"));
  registry.json(hub + "bitnami/redis/", R"({"name":"redis","namespace":"bitnami","pull_count":0})");
  const Outcome outcome = run(R"([docker]
repositories = ["nginx", "bitnami/redis", "acme/gone"]
)",
                              registry);
  EXPECT_EQ(outcome.source->name(), "docker");
  EXPECT_EQ(outcome.urls(), (std::vector<std::string>{hub + "library/nginx/",
                                                      hub + "bitnami/redis/", hub + "acme/gone/"}));
  EXPECT_EQ(outcome.observations(), sorted({cumulative("docker:pulls:library/nginx", 12916987208),
                                            cumulative("docker:pulls:bitnami/redis", 0)}));
  EXPECT_EQ(outcome.problems(),
            std::vector<std::string>{"acme/gone failed: not found on Docker Hub (" + hub +
                                     "acme/gone/)"});
  EXPECT_EQ(outcome.result.entities, 3U);
  EXPECT_EQ(outcome.result.reason, "1 of 3 packages failed");
  EXPECT_TRUE(outcome.source->host_policies().empty());
}

TEST(DockerSource, AnHtmlPageWithStatus200StoresNothingForThatRepository) {
  FakeRegistry registry;
  registry.on("http://127.0.0.1:9000/v2/repositories/library/nginx/", {k_html_200});
  registry.json("http://127.0.0.1:9000/v2/repositories/acme/app/", R"({"pull_count":77})");
  const Outcome outcome = run(R"([docker]
repositories = ["library/nginx", "acme/app"]
api = "http://127.0.0.1:9000"
)",
                              registry);
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{cumulative("docker:pulls:acme/app", 77)});
  EXPECT_EQ(outcome.problems(),
            std::vector<std::string>{"library/nginx failed: http://127.0.0.1:9000/v2/repositories/"
                                     "library/nginx/: expected JSON, got an HTML page"});
}

TEST(DockerConfig, ProblemsEachWithTheirLine) {
  const std::string rule =
      "is not a Docker Hub repository (\"namespace/repo\", or \"repo\" for an official image)";
  const auto messages = problems_of(R"([docker]
repositories = ["nginx", "Acme/App", "a/b/c", "../x", "library/nginx", "-x"]
api = "ftp://hub.example.com"
repos = ["x"]
)");
  EXPECT_EQ(
      sorted(messages),
      sorted({"odometer.toml:4: unknown key \"repos\" in [docker]",
              std::string("odometer.toml:3: [docker] api \"ftp://hub.example.com\" is not an "
                          "http(s) base URL such as \"https://hub.docker.com\""),
              "odometer.toml:2: [docker] repositories entry \"Acme/App\" " + rule,
              "odometer.toml:2: [docker] repositories entry \"a/b/c\" " + rule,
              "odometer.toml:2: [docker] repositories entry \"../x\" " + rule,
              "odometer.toml:2: [docker] repositories entry \"-x\" " + rule,
              std::string("odometer.toml:2: [docker] repositories lists \"library/nginx\" twice "
                          "(both on line 2, first as \"nginx\")")}));
  EXPECT_EQ(problems_of("[docker]\nrepositorie = [\"nginx\"]\n"),
            (std::vector<std::string>{
                "odometer.toml:2: unknown key \"repositorie\" in [docker]; did you mean "
                "\"repositories\"?",
                "odometer.toml:1: [docker] needs repositories = [...]"}));
  EXPECT_EQ(
      problems_of("[docker]\nrepositories = 5\n"),
      std::vector<std::string>{
          "odometer.toml:2: [docker] repositories must be a list of strings, not an integer"});
}

// ---------------------------------------------------------------- NuGet

constexpr std::string_view k_service_index = R"({
  "version": "3.0.0",
  "resources": [
    {"@id": "https://azuresearch-usnc.nuget.org/autocomplete", "@type": "SearchAutocompleteService"},
    {"@id": "https://azuresearch-usnc.nuget.org/query", "@type": "SearchQueryService"},
    {"@id": "https://azuresearch-ussc.nuget.org/query", "@type": "SearchQueryService/3.5.0"}
  ]
})";

std::string nuget_search(std::string_view id) {
  return "https://azuresearch-usnc.nuget.org/query?q=packageid:" + std::string(id) +
         "&prerelease=true&semVerLevel=2.0.0";
}

TEST(NugetSource, ReadsTheIndexOnceThenSearchesEveryPackage) {
  FakeRegistry registry;
  registry.json("https://api.nuget.org/v3/index.json", std::string(k_service_index));
  registry.json(nuget_search("nuget.versioning"), api_sample("nuget/search-query.json"));
  registry.json(nuget_search("Newtonsoft.Json"),
                R"({"totalHits":1,"data":[{"id":"Newtonsoft.Json","totalDownloads":5000000000}]})");
  registry.json(nuget_search("Not.There"), R"({"totalHits":0,"data":[]})");
  const Outcome outcome = run(R"([nuget]
packages = ["nuget.versioning", "Newtonsoft.Json", "Not.There"]
)",
                              registry);
  EXPECT_EQ(outcome.source->name(), "nuget");
  EXPECT_EQ(outcome.urls(),
            (std::vector<std::string>{"https://api.nuget.org/v3/index.json",
                                      nuget_search("nuget.versioning"),
                                      nuget_search("Newtonsoft.Json"), nuget_search("Not.There")}));
  // The key keeps the id as configured; the lookup ignores case.
  EXPECT_EQ(outcome.observations(),
            sorted({cumulative("nuget:downloads:nuget.versioning", 141896),
                    cumulative("nuget:downloads:Newtonsoft.Json", 5000000000)}));
  EXPECT_EQ(outcome.problems(), std::vector<std::string>{"Not.There failed: not found on NuGet (" +
                                                         nuget_search("Not.There") + ")"});
  EXPECT_EQ(outcome.result.reason, "1 of 3 packages failed");
}

TEST(NugetSource, A404FromTheSearchIsNotFoundForThatPackageOnly) {
  FakeRegistry registry;
  registry.json("https://api.nuget.org/v3/index.json", std::string(k_service_index));
  registry.json(nuget_search("NuGet.Versioning"), api_sample("nuget/search-query.json"));
  const Outcome outcome = run("[nuget]\npackages = [\"NuGet.Versioning\", \"Gone\"]\n", registry);
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{cumulative("nuget:downloads:NuGet.Versioning", 141896)});
  EXPECT_EQ(outcome.problems(), std::vector<std::string>{"Gone failed: not found on NuGet (" +
                                                         nuget_search("Gone") + ")"});
}

TEST(NugetSource, TheApiOverrideMovesTheIndexAndTheIndexNamesTheSearch) {
  FakeRegistry registry;
  registry.json(
      "http://127.0.0.1:5555/feed/v3/index.json",
      R"({"resources":[{"@id":"http://127.0.0.1:5556/q","@type":"SearchQueryService"}]})");
  registry.json("http://127.0.0.1:5556/q?q=packageid:Acme.Lib&prerelease=true&semVerLevel=2.0.0",
                R"({"data":[{"id":"acme.lib","totalDownloads":31}]})");
  const Outcome outcome =
      run("[nuget]\npackages = \"Acme.Lib\"\napi = \"http://127.0.0.1:5555/feed\"\n", registry);
  EXPECT_EQ(outcome.result.state, SourceState::ok) << outcome.result.reason;
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{cumulative("nuget:downloads:Acme.Lib", 31)});
}

TEST(NugetSource, AnApiEndingInIndexJsonIsTheIndexItself) {
  FakeRegistry registry;
  registry.json(
      "https://pkgs.example.com/acme/nuget/v3/index.json",
      R"({"resources":[{"@id":"https://pkgs.example.com/acme/q","@type":"SearchQueryService"}]})");
  registry.json(
      "https://pkgs.example.com/acme/q?q=packageid:Acme.Lib&prerelease=true&semVerLevel=2.0.0",
      R"({"data":[{"id":"Acme.Lib","totalDownloads":4}]})");
  const Outcome outcome = run(R"([nuget]
packages = ["Acme.Lib"]
api = "https://pkgs.example.com/acme/nuget/v3/index.json"
)",
                              registry);
  EXPECT_EQ(outcome.urls().front(), "https://pkgs.example.com/acme/nuget/v3/index.json");
  EXPECT_EQ(outcome.observations(),
            std::vector<std::string>{cumulative("nuget:downloads:Acme.Lib", 4)});
}

TEST(NugetSource, AnUnreadableIndexFailsTheWholeSourceWithoutSearching) {
  for (const auto& index : {make_response(404, "{}"), k_html_200}) {
    FakeRegistry registry;
    registry.on("https://api.nuget.org/v3/index.json", {index});
    const Outcome outcome = run("[nuget]\npackages = [\"A\", \"B\"]\n", registry);
    EXPECT_EQ(outcome.result.state, SourceState::failed);
    EXPECT_NE(outcome.result.reason.find("https://api.nuget.org/v3/index.json"), std::string::npos)
        << outcome.result.reason;
    EXPECT_EQ(outcome.result.entities, 2U);
    EXPECT_EQ(outcome.requests.size(), 1U);
    EXPECT_TRUE(outcome.result.observations.empty());
  }
}

TEST(NugetConfig, ProblemsEachWithTheirLine) {
  const auto messages = problems_of(R"([nuget]
packages = ["Newtonsoft.Json", "newtonsoft.json", "bad id", "a..b", ".x", "ok-1.2_3"]
pakages = []
)");
  EXPECT_EQ(
      sorted(messages),
      sorted({std::string("odometer.toml:3: unknown key \"pakages\" in [nuget]; did you mean "
                          "\"packages\"?"),
              std::string("odometer.toml:2: [nuget] packages lists \"newtonsoft.json\" twice (both "
                          "on line 2, first as \"Newtonsoft.Json\")"),
              "odometer.toml:2: [nuget] packages entry \"bad id\" is not a NuGet package id",
              "odometer.toml:2: [nuget] packages entry \"a..b\" is not a NuGet package id",
              "odometer.toml:2: [nuget] packages entry \".x\" is not a NuGet package id"}));
  EXPECT_EQ(problems_of("[nuget]\npackages = true\n"),
            std::vector<std::string>{
                "odometer.toml:2: [nuget] packages must be a list of strings, not true or false"});
}

// ---------------------------------------------------------------- RubyGems

TEST(RubygemsSource, ObservesEveryGemAndReportsAMissingOneAlone) {
  FakeRegistry registry;
  const std::string api = "https://rubygems.org/api/v1/gems/";
  registry.json(api + "rails.json", api_sample("rubygems/gem.json"));
  registry.json(api + "nokogiri.json", R"({"name":"nokogiri","downloads":900})");
  registry.on(api + "no-such-gem.json", {make_response(404, "This rubygem could not be found.")});
  const Outcome outcome = run(R"([rubygems]
gems = ["rails", "no-such-gem", "nokogiri"]
)",
                              registry);
  EXPECT_EQ(outcome.source->name(), "rubygems");
  EXPECT_EQ(outcome.urls(), (std::vector<std::string>{api + "rails.json", api + "no-such-gem.json",
                                                      api + "nokogiri.json"}));
  EXPECT_EQ(outcome.observations(), sorted({cumulative("rubygems:downloads:rails", 7528417),
                                            cumulative("rubygems:downloads:nokogiri", 900)}));
  EXPECT_EQ(outcome.problems(),
            std::vector<std::string>{"no-such-gem failed: not found on RubyGems (" + api +
                                     "no-such-gem.json)"});
}

TEST(RubygemsSource, AServerErrorIsAFailureWithTheStatusNeverAZero) {
  FakeRegistry registry;
  registry.on("http://127.0.0.1:7/api/v1/gems/rails.json", {make_response(500, "oops")});
  const Outcome outcome =
      run("[rubygems]\ngems = \"rails\"\napi = \"http://127.0.0.1:7\"\n", registry);
  EXPECT_TRUE(outcome.result.observations.empty());
  ASSERT_EQ(outcome.result.problems.size(), 1U);
  EXPECT_NE(outcome.result.problems[0].reason.find("http://127.0.0.1:7/api/v1/gems/rails.json"),
            std::string::npos);
  EXPECT_NE(outcome.result.problems[0].reason.find("500"), std::string::npos);
}

TEST(RubygemsConfig, ProblemsEachWithTheirLine) {
  EXPECT_EQ(sorted(problems_of(R"([rubygems]
gems = ["rails", "rails", "has space", "..", "123", "a/b"]
gem = "x"
)")),
            sorted({"odometer.toml:3: unknown key \"gem\" in [rubygems]; did you mean \"gems\"?",
                    "odometer.toml:2: [rubygems] gems lists \"rails\" twice (both on line 2)",
                    "odometer.toml:2: [rubygems] gems entry \"has space\" is not a gem name",
                    "odometer.toml:2: [rubygems] gems entry \"..\" is not a gem name",
                    "odometer.toml:2: [rubygems] gems entry \"123\" is not a gem name",
                    "odometer.toml:2: [rubygems] gems entry \"a/b\" is not a gem name"}));
}

// ---------------------------------------------------------------- Packagist

TEST(PackagistSource, ObservesEveryPackageAndReportsAMissingOneAlone) {
  FakeRegistry registry;
  const std::string api = "https://packagist.org/packages/";
  registry.json(api + "monolog/monolog.json", api_sample("packagist/package.json"));
  registry.json(api + "symfony/console.json",
                R"({"package":{"name":"symfony/console","downloads":{"total":8,"monthly":9}}})");
  const Outcome outcome = run(R"([packagist]
packages = ["monolog/monolog", "symfony/console", "acme/gone"]
)",
                              registry);
  EXPECT_EQ(outcome.source->name(), "packagist");
  EXPECT_EQ(outcome.urls(),
            (std::vector<std::string>{api + "monolog/monolog.json", api + "symfony/console.json",
                                      api + "acme/gone.json"}));
  EXPECT_EQ(outcome.observations(),
            sorted({cumulative("packagist:downloads:monolog/monolog", 1100000000),
                    cumulative("packagist:downloads:symfony/console", 8)}));
  EXPECT_EQ(outcome.problems(), std::vector<std::string>{"acme/gone failed: not found on "
                                                         "Packagist (" +
                                                         api + "acme/gone.json)"});
}

TEST(PackagistConfig, ProblemsEachWithTheirLine) {
  const std::string rule = "is not a Packagist package (\"vendor/package\", lowercase)";
  EXPECT_EQ(
      sorted(problems_of(R"([packagist]
packages = ["monolog", "Monolog/Monolog", "a/b/c", "a/-b", "vendor/pkg"]
api = "https://repo.example.com?x=1"
)")),
      sorted({std::string("odometer.toml:3: [packagist] api \"https://repo.example.com?x=1\" is "
                          "not an http(s) base URL such as \"https://packagist.org\""),
              "odometer.toml:2: [packagist] packages entry \"monolog\" " + rule,
              "odometer.toml:2: [packagist] packages entry \"Monolog/Monolog\" " + rule,
              "odometer.toml:2: [packagist] packages entry \"a/b/c\" " + rule,
              "odometer.toml:2: [packagist] packages entry \"a/-b\" " + rule}));
  EXPECT_EQ(problems_of("[packagist]\npackage = [\"a/b\"]\n"),
            (std::vector<std::string>{
                "odometer.toml:2: unknown key \"package\" in [packagist]; did you mean "
                "\"packages\"?",
                "odometer.toml:1: [packagist] needs packages = [...]"}));
}

// ---------------------------------------------------------------- Hex

TEST(HexSource, ObservesEveryPackageAndReportsAMissingOneAlone) {
  FakeRegistry registry;
  const std::string api = "https://hex.pm/api/packages/";
  registry.json(api + "plug", api_sample("hexpm/package.json"));
  registry.json(api + "tiny_pkg", api_sample("hexpm/package-no-recent-downloads.json"));
  registry.json(api + "brand_new", R"({"name":"brand_new","downloads":{}})");
  const Outcome outcome = run(R"([hex]
packages = ["plug", "tiny_pkg", "gone", "brand_new"]
)",
                              registry);
  EXPECT_EQ(outcome.source->name(), "hex");
  EXPECT_EQ(outcome.urls(), (std::vector<std::string>{api + "plug", api + "tiny_pkg", api + "gone",
                                                      api + "brand_new"}));
  EXPECT_EQ(outcome.observations(), sorted({cumulative("hex:downloads:plug", 160234511),
                                            cumulative("hex:downloads:tiny_pkg", 43),
                                            cumulative("hex:downloads:brand_new", 0)}));
  EXPECT_EQ(outcome.problems(),
            std::vector<std::string>{"gone failed: not found on Hex (" + api + "gone)"});
  EXPECT_EQ(outcome.result.reason, "1 of 4 packages failed");
}

TEST(HexSource, DownloadsWithoutAllButWithAWeekStoreNothing) {
  FakeRegistry registry;
  registry.json("https://hex.pm/api/packages/odd", R"({"downloads":{"week":5}})");
  const Outcome outcome = run("[hex]\npackages = [\"odd\"]\n", registry);
  EXPECT_TRUE(outcome.result.observations.empty());
  EXPECT_EQ(outcome.problems(),
            std::vector<std::string>{"odd failed: https://hex.pm/api/packages/odd: $.downloads: "
                                     "missing field \"all\" while \"week\" is 5"});
}

TEST(HexConfig, ProblemsEachWithTheirLine) {
  const std::string rule = "is not a Hex package name (lowercase letters, digits and _)";
  EXPECT_EQ(sorted(problems_of(R"([hex]
packages = ["plug", "Plug", "1plug", "plug-x", "plug"]
apy = "https://hex.example.com"
)")),
            sorted({"odometer.toml:3: unknown key \"apy\" in [hex]; did you mean \"api\"?",
                    "odometer.toml:2: [hex] packages entry \"Plug\" " + rule,
                    "odometer.toml:2: [hex] packages entry \"1plug\" " + rule,
                    "odometer.toml:2: [hex] packages entry \"plug-x\" " + rule,
                    "odometer.toml:2: [hex] packages lists \"plug\" twice (both on line 2)"}));
}

}  // namespace
}  // namespace odometer
