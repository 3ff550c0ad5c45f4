// The [manual] source: each entry, a full series key with a whole number,
// becomes a cumulative observation of the run's day without any request;
// a key that is not a series key or a value that is not a whole number
// from 0 to 10^15 is a problem with its line, all reported at once; and a
// number typed lower than the ledger's never lowers it.

#include "support/source_harness.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "collect/collect.hpp"
#include "collect/config.hpp"
#include "store/store.hpp"
#include "support/fake_transport.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::FakeTransport;
using testing::make_response;

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
  made.source = testing::source_maker("manual")(*root["manual"].as_table(), nullptr, problems);
  made.problems = problems.messages();
  return made;
}

TEST(ManualSource, EachEntryIsACumulativeObservationOfTheRunsDay) {
  const Made made = make(R"([manual]
"ghcr:pulls:runcycles/cycles-server" = 898
"maven:downloads:io.runcycles:cycles-client" = 1_234
"manual:ghcr-pulls:runcycles/cycles-admin" = 0
)");
  ASSERT_NE(made.source, nullptr) << join(made.problems);
  EXPECT_EQ(made.source->name(), "manual");
  FakeTransport fake([](const Request&) { return make_response(500, ""); });
  HttpClient http(fake, ClientOptions{});
  const Ledger stored;
  SourceContext context{http, *Timestamp::parse("2026-05-02T18:30:00Z"), stored, nullptr};
  const SourceResult result = made.source->collect(context);
  EXPECT_EQ(result.state, SourceState::ok);
  EXPECT_EQ(result.entities, 3U);
  EXPECT_TRUE(fake.requests().empty());
  std::vector<std::string> seen;
  for (const auto& observation : result.observations) {
    EXPECT_EQ(observation.kind, Kind::cumulative);
    seen.push_back(observation.key.str() + " " + observation.day.to_string() + " " +
                   std::to_string(observation.value));
  }
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "ghcr:pulls:runcycles/cycles-server 2026-05-02 898",
                      "manual:ghcr-pulls:runcycles/cycles-admin 2026-05-02 0",
                      "maven:downloads:io.runcycles:cycles-client 2026-05-02 1234",
                  }));
}

TEST(ManualSource, BadKeysAndValuesAreProblemsWithTheirLines) {
  const Made made = make(R"([manual]
"ghcr:pulls:ok/one" = 1
"not-a-key" = 5
"GHCR:pulls:x" = 5
"ghcr:pulls:" = 5
"ghcr:pulls:negative" = -1
"ghcr:pulls:absurd" = 1_000_000_000_000_001
"ghcr:pulls:fraction" = 1.5
"ghcr:pulls:text" = "898"
"ghcr:pulls:flag" = true
"ghcr:pulls:max" = 1_000_000_000_000_000
)");
  EXPECT_EQ(made.source, nullptr);
  const std::string all = join(made.problems);
  EXPECT_EQ(made.problems.size(), 8U) << all;
  for (int line = 3; line <= 10; ++line) {
    EXPECT_TRUE(contains(all, "odometer.toml:" + std::to_string(line) + ": [manual] ")) << all;
  }
  EXPECT_TRUE(contains(all,
                       "odometer.toml:3: [manual] \"not-a-key\" is not a series key such "
                       "as \"ghcr:pulls:owner/image\""))
      << all;
  EXPECT_TRUE(contains(all,
                       "odometer.toml:6: [manual] \"ghcr:pulls:negative\" must be a whole "
                       "number from 0 to 10^15"))
      << all;
  EXPECT_FALSE(contains(all, "ok/one")) << all;
  EXPECT_FALSE(contains(all, "pulls:max")) << all;
}

TEST(ManualSource, AnEmptyTableIsNoEntries) {
  const Made made = make("[manual]\n");
  ASSERT_NE(made.source, nullptr);
}

// Two whole collect runs a day apart; the second is given a lower number.
TEST(ManualSource, ALowerNumberNeverLowersTheLedger) {
  testing::TempDir dir;
  const auto collect_with = [&](std::string_view value, std::chrono::hours later) {
    auto config = parse_config(
        "[manual]\n\"ghcr:pulls:runcycles/cycles-server\" = " + std::string(value) + "\n",
        dir / "odometer.toml", [](const std::string&) { return std::nullopt; });
    ASSERT_TRUE(config.ok()) << config.error().message;
    FakeTransport fake([](const Request&) { return make_response(500, ""); },
                       FakeTransport::default_start() + later);
    auto report = run_collect(*config, CollectOptions{}, &fake, nullptr);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(fake.requests().empty());
  };
  const auto stored_value = [&]() -> Count {
    auto store = open_store((dir / "odometer-ledger.json").string());
    EXPECT_TRUE(store.ok());
    auto ledger = (*store)->load();
    EXPECT_TRUE(ledger.ok());
    const Series* series = ledger->find(*SeriesKey::parse("ghcr:pulls:runcycles/cycles-server"));
    return series != nullptr ? series->value().value_or(0) : 0;
  };
  collect_with("898", std::chrono::hours(0));
  EXPECT_EQ(stored_value(), 898U);
  collect_with("890", std::chrono::hours(24));  // a typo, or an older page
  EXPECT_EQ(stored_value(), 898U);
  collect_with("901", std::chrono::hours(48));
  EXPECT_EQ(stored_value(), 901U);
}

}  // namespace
}  // namespace odometer
