#include "support/dashboard_fixture.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "collect/config.hpp"
#include "store/ledger_json.hpp"
#include "util/atomic_file.hpp"

namespace odometer::testing {
namespace {

constexpr std::int32_t k_days = 30;

Day first_day() {
  return Day::parse("2026-04-01").value();
}

SeriesKey key(std::string_view text) {
  auto parsed = SeriesKey::parse(text);
  if (!parsed.ok()) {
    throw std::runtime_error(parsed.error().message);
  }
  return *parsed;
}

// Noon of day, when a gauge is read.
Timestamp noon(Day day) {
  return Timestamp::from_unix_seconds(Timestamp::start_of(day).unix_seconds() + 43200);
}

void observe(Ledger& ledger, const Observation& observation) {
  if (auto status = ledger.observe(observation); !status.ok()) {
    throw std::runtime_error(status.error().message);
  }
}

void daily(Ledger& ledger, std::string_view k, Day day, std::int64_t value,
           Additivity additivity = Additivity::additive) {
  observe(ledger, Observation{.key = key(k),
                              .kind = Kind::daily,
                              .day = day,
                              .value = value,
                              .additivity = additivity});
}

void gauge(Ledger& ledger, std::string_view k, Day day, std::int64_t value) {
  observe(
      ledger,
      Observation{.key = key(k), .kind = Kind::gauge, .day = day, .value = value, .at = noon(day)});
}

void cumulative(Ledger& ledger, std::string_view k, Day day, std::int64_t value) {
  observe(ledger, Observation{.key = key(k), .kind = Kind::cumulative, .day = day, .value = value});
}

void traffic(Ledger& ledger, const std::string& repo, std::int64_t base, std::int64_t scale) {
  for (std::int32_t i = 0; i < k_days; ++i) {
    const Day day = first_day() + i;
    // A weekly rhythm with a slow rise; some days have no clones at all,
    // which the traffic API leaves out.
    const std::int64_t n = i;
    const std::int64_t weekday = (n + 2) % 7;
    const std::int64_t clones = weekday >= 5 ? 0 : base + scale * ((n * 37) % 11) + n;
    const std::int64_t views = 3 * base + scale * ((n * 53) % 17) + 2 * n;
    if (clones > 0) {
      daily(ledger, "github:clones:" + repo, day, clones);
      daily(ledger, "github:clone-uniques:" + repo, day, clones / 3 + 1, Additivity::non_additive);
    }
    daily(ledger, "github:views:" + repo, day, views);
    daily(ledger, "github:view-uniques:" + repo, day, views / 4 + 1, Additivity::non_additive);
  }
}

}  // namespace

Ledger dashboard_fixture_ledger() {
  Ledger ledger;
  const Day first = first_day();
  const Day last = first + (k_days - 1);
  traffic(ledger, "runcycles/docs", 40, 9);
  traffic(ledger, "runcycles/cycles-server", 8, 3);
  // Clones counted before the first recorded day, carried as a floor.
  observe(ledger, Observation{.key = key("github:clones:runcycles/docs"),
                              .kind = Kind::daily,
                              .day = first - 1,
                              .value = 6495,
                              .floor = true});

  for (std::int32_t i = 0; i < k_days; i += 3) {
    const Day day = first + i;
    gauge(ledger, "github:stars:runcycles/docs", day, 120 + i / 2);
    gauge(ledger, "github:stars:runcycles/cycles-server", day, 31 + i / 5);
    gauge(ledger, "github:forks:runcycles/docs", day, 14 + i / 10);
    cumulative(ledger, "github:release-downloads:runcycles/cycles-server", day, 2000 + 75 * i);
  }
  // A star taken back on the last day: a gauge may go down.
  gauge(ledger, "github:stars:runcycles/docs", last, 133);
  gauge(ledger, "github:forks:runcycles/cycles-server", last, 4);

  // Referrers and paths as last read, views and unique visitors. A
  // referrer that left the top ten keeps an older reading, which must not
  // count among the latest; docs.rs was read without its uniques (a ledger
  // written before they were kept).
  gauge(ledger, "github:referrer:runcycles/docs/old-forum.example", last - 10, 999);
  struct PopularReading {
    std::string_view name;
    std::int64_t views;
    std::optional<std::int64_t> uniques;
  };
  const auto popular = [&](std::string_view metric, std::string_view repo,
                           const PopularReading& reading, Day day) {
    // A path starts with '/' and follows OWNER/REPO directly.
    const std::string entity =
        std::string(repo) + (reading.name.starts_with('/') ? "" : "/") + std::string(reading.name);
    gauge(ledger, "github:" + std::string(metric) + ":" + entity, day, reading.views);
    if (reading.uniques) {
      gauge(ledger, "github:" + std::string(metric) + "-uniques:" + entity, day, *reading.uniques);
    }
  };
  const PopularReading docs_referrers[] = {{"Google", 412, 150},
                                           {"github.com", 230, 88},
                                           {"news.ycombinator.com", 97, 70},
                                           {"duckduckgo.com", 41, 20},
                                           {"<script>alert(1)</script>", 13, 1},
                                           {"bing.com", 9, 6},
                                           {"reddit.com", 7, 7},
                                           {"lobste.rs", 5, 4}};
  for (const auto& reading : docs_referrers) {
    popular("referrer", "runcycles/docs", reading, last);
  }
  // Earlier readings of the two largest: their history.
  for (const auto& [day, reading] : {std::pair{last - 6, PopularReading{"Google", 301, 110}},
                                     std::pair{last - 6, PopularReading{"github.com", 199, 70}},
                                     std::pair{last - 3, PopularReading{"Google", 388, 131}},
                                     std::pair{last - 3, PopularReading{"github.com", 214, 80}}}) {
    popular("referrer", "runcycles/docs", reading, day);
  }
  const PopularReading server_referrers[] = {
      {"github.com", 120, 41}, {"Google", 64, 30}, {"crates.io", 21, 9}, {"docs.rs", 3, {}}};
  for (const auto& reading : server_referrers) {
    popular("referrer", "runcycles/cycles-server", reading, last - 1);
  }
  const PopularReading docs_paths[] = {{"/runcycles/docs", 380, 160},
                                       {"/runcycles/docs/blob/main/README.md", 122, 61},
                                       {"/runcycles/docs/a\"&'<>b", 17, 2}};
  for (const auto& reading : docs_paths) {
    popular("path", "runcycles/docs", reading, last);
  }
  const PopularReading server_paths[] = {{"/runcycles/cycles-server", 150, 52},
                                         {"/runcycles/cycles-server/releases", 44, 19}};
  for (const auto& reading : server_paths) {
    popular("path", "runcycles/cycles-server", reading, last);
  }

  for (std::int32_t i = 0; i < k_days; ++i) {
    daily(ledger, "npm:downloads:@runcycles/mcp-server", first + i, 250 + (i * 29) % 140);
  }
  for (std::int32_t i = 0; i < k_days; i += 2) {
    cumulative(ledger, "crates:downloads:runcycles", first + i, 1500 + 11 * i * i);
  }
  ledger.touch(noon(last));
  return ledger;
}

std::string dashboard_fixture_config() {
  return R"toml(# The dashboard fixture of tests/support/dashboard_fixture.cpp.
[ledger]
path = "ledger.json"

[[counter]]
name = "installs"
label = "package installs"
sum = ["*:downloads:*", "*:pulls:*", "*:installs:*", "*:release-downloads:*"]

[[counter]]
name = "downloads"
label = "Package downloads"
sum = ["npm:downloads:*", "crates:downloads:*"]

[[counter]]
name = "clones"
label = "Repository clones"
sum = ["github:clones:*"]

[[counter]]
name = "views"
label = "Repository views"
sum = ["github:views:*"]

[[counter]]
name = "release-downloads"
label = "Release downloads"
sum = ["github:release-downloads:*"]

[outputs]
dir = "out"
summary = false
counters = false
badges = false
csv = false
)toml";
}

std::vector<CounterSpec> dashboard_fixture_counters() {
  const auto no_environment = [](const std::string&) -> std::optional<std::string> {
    return std::nullopt;
  };
  auto config = parse_config(dashboard_fixture_config(), "odometer.toml", no_environment);
  if (!config) {
    throw std::runtime_error(config.error().message);
  }
  return config->counters;
}

LastRun dashboard_fixture_last_run() {
  LastRun run;
  run.finished_at = Timestamp::parse("2026-04-30T12:00:41Z").value();
  run.exit_code = 3;
  run.sources = {"github", "npm", "pypi", "crates"};
  run.problems = {
      LastRunProblem{.source = "github",
                     .entity = "runcycles/private-repo",
                     .state = SourceState::failed,
                     .reason = "traffic: HTTP 403 from https://api.github.com/repos/"
                               "runcycles/private-repo/traffic/clones?per=day"},
      LastRunProblem{.source = "pypi",
                     .entity = "runcycles",
                     .state = SourceState::failed,
                     .reason = "unexpected body <html><script>x()</script></html> at $.data"}};
  return run;
}

std::filesystem::path write_dashboard_fixture(const std::filesystem::path& dir) {
  const auto write = [](const std::filesystem::path& path, const Status& written) {
    if (!written) {
      throw std::runtime_error("cannot write " + path.string() + ": " + written.error().message);
    }
  };
  std::filesystem::path config = dir / "odometer.toml";
  const std::filesystem::path ledger = dir / "ledger.json";
  write(config, write_file_atomically(config, dashboard_fixture_config()));
  write(ledger, write_file_atomically(ledger, write_ledger_json(dashboard_fixture_ledger())));
  write(last_run_path(ledger), write_last_run(last_run_path(ledger), dashboard_fixture_last_run()));
  return config;
}

}  // namespace odometer::testing
