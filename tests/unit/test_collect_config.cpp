// parse_config: defaults, the [ledger] and [http] tables with their bounds,
// unknown tables with a "did you mean", and every problem reported at once
// with FILE:LINE.

#include "collect/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "support/temp_dir.hpp"

namespace odometer {
namespace {

const std::filesystem::path k_file = "/srv/site/odometer.toml";

std::optional<std::string> no_env(const std::string& /*name*/) {
  return std::nullopt;
}

Result<Config> parse(std::string_view text) {
  return parse_config(text, k_file, no_env);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::size_t count_of(const std::string& text, std::string_view part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

TEST(ParseConfig, DefaultsPutTheLedgerBesideTheConfig) {
  const auto config = parse("");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->file, k_file);
  EXPECT_EQ(config->ledger, std::filesystem::path("/srv/site/odometer-ledger.json"));
  EXPECT_EQ(config->http.budget, std::chrono::seconds(300));
  EXPECT_EQ(config->http.max_attempts, 5);
  EXPECT_EQ(config->http.in_flight_per_host, 8U);
  EXPECT_TRUE(config->http.hosts.empty());
  EXPECT_TRUE(config->sources.empty());
}

TEST(ParseConfig, ARelativeConfigKeepsTheLedgerBesideIt) {
  const auto config = parse_config("", "conf/odometer.toml", no_env);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->ledger, std::filesystem::path("conf/odometer-ledger.json"));
}

TEST(ParseConfig, LedgerPathIsRelativeToTheConfigsFolder) {
  const auto config = parse("[ledger]\npath = \"data/ledger.json\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->ledger, std::filesystem::path("/srv/site/data/ledger.json"));

  const auto absolute = parse("[ledger]\npath = \"/var/lib/odometer/l.json\"\n");
  ASSERT_TRUE(absolute.ok()) << absolute.error().message;
  EXPECT_EQ(absolute->ledger, std::filesystem::path("/var/lib/odometer/l.json"));
}

TEST(ParseConfig, LedgerProblems) {
  const auto empty = parse("[ledger]\npath = \"\"\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_TRUE(contains(empty.error().message, k_file.string() + ":2: [ledger] path is empty"))
      << empty.error().message;

  const auto wrong = parse("[ledger]\npath = 3\npaht = \"x\"\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_TRUE(contains(wrong.error().message,
                       k_file.string() + ":2: [ledger] path must be a string, not an integer"))
      << wrong.error().message;
  EXPECT_TRUE(contains(wrong.error().message,
                       k_file.string() + ":3: unknown key \"paht\" in [ledger]; did you mean "
                                         "\"path\"?"))
      << wrong.error().message;

  const auto not_table = parse("ledger = \"l.json\"\n");
  ASSERT_FALSE(not_table.ok());
  EXPECT_TRUE(contains(not_table.error().message, k_file.string() + ":1: [ledger] must be a table"))
      << not_table.error().message;
}

TEST(ParseConfig, HttpValues) {
  const auto config = parse(R"([http]
budget_seconds = 60
max_attempts = 3
in_flight_per_host = 4
hosts = { "api.github.com" = 2, "registry.npmjs.org" = 16 }
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->http.budget, std::chrono::seconds(60));
  EXPECT_EQ(config->http.max_attempts, 3);
  EXPECT_EQ(config->http.in_flight_per_host, 4U);
  const std::map<std::string, std::size_t> hosts{{"api.github.com", 2}, {"registry.npmjs.org", 16}};
  EXPECT_EQ(config->http.hosts, hosts);
}

TEST(ParseConfig, HttpBoundsAreInclusive) {
  const auto low = parse("[http]\nbudget_seconds = 1\nmax_attempts = 1\nin_flight_per_host = 1\n");
  ASSERT_TRUE(low.ok()) << low.error().message;
  EXPECT_EQ(low->http.budget, std::chrono::seconds(1));
  EXPECT_EQ(low->http.max_attempts, 1);
  const auto high =
      parse("[http]\nbudget_seconds = 86400\nmax_attempts = 20\nin_flight_per_host = 256\n");
  ASSERT_TRUE(high.ok()) << high.error().message;
  EXPECT_EQ(high->http.budget, std::chrono::seconds(86400));
  EXPECT_EQ(high->http.max_attempts, 20);
  EXPECT_EQ(high->http.in_flight_per_host, 256U);
}

TEST(ParseConfig, HttpValuesOutOfBoundsAreEachReported) {
  const auto config = parse(R"([http]
budget_seconds = 0
max_attempts = 21
in_flight_per_host = -1
hosts = { "a.example" = 0, "b.example" = "many", "c.example" = 3 }
)");
  ASSERT_FALSE(config.ok());
  const std::string& message = config.error().message;
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, "5 problem(s) in the config:")) << message;
  EXPECT_TRUE(contains(message, f + ":2: [http] budget_seconds must be from 1 to 86400"))
      << message;
  EXPECT_TRUE(contains(message, f + ":3: [http] max_attempts must be from 1 to 20")) << message;
  EXPECT_TRUE(contains(message, f + ":4: [http] in_flight_per_host must be from 1 to 256"))
      << message;
  EXPECT_TRUE(
      contains(message, f + ":5: [http.hosts] \"a.example\" must be an integer from 1 to 256"))
      << message;
  EXPECT_TRUE(
      contains(message, f + ":5: [http.hosts] \"b.example\" must be an integer from 1 to 256"))
      << message;
}

TEST(ParseConfig, HttpWrongTypes) {
  const auto config = parse("[http]\nbudget_seconds = \"5m\"\nhosts = 3\nretries = 2\n");
  ASSERT_FALSE(config.ok());
  const std::string& message = config.error().message;
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, f + ":2: [http] budget_seconds must be an integer, not a string"))
      << message;
  EXPECT_TRUE(contains(message, f + ":3: [http] hosts must be a table")) << message;
  EXPECT_TRUE(contains(message, f + ":4: unknown key \"retries\" in [http]")) << message;
}

TEST(ParseConfig, AnUnknownTableSuggestsTheClosest) {
  const auto config = parse("[gthub]\norg = \"acme\"\n");
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(contains(
      config.error().message,
      k_file.string() + ":1: unknown key \"gthub\" in the config; did you mean \"github\"?"))
      << config.error().message;

  const auto ledgr = parse("\n[ledgr]\npath = \"x\"\n");
  ASSERT_FALSE(ledgr.ok());
  EXPECT_TRUE(contains(ledgr.error().message,
                       ":2: unknown key \"ledgr\" in the config; did you "
                       "mean \"ledger\"?"))
      << ledgr.error().message;

  const auto far = parse("[pypi_stats_of_everything]\n");
  ASSERT_FALSE(far.ok());
  EXPECT_TRUE(contains(far.error().message, "unknown key \"pypi_stats_of_everything\""))
      << far.error().message;
  EXPECT_FALSE(contains(far.error().message, "did you mean")) << far.error().message;
}

TEST(ParseConfig, EveryProblemIsReportedAtOnceWithItsLine) {
  const auto config = parse(R"(# odometer
[ledger]
path = 7

[http]
max_attempts = 0

[gthub]
org = "acme"

[github]
org = "acme"
metrics = ["clones", "stras"]
)");
  ASSERT_FALSE(config.ok());
  const std::string& message = config.error().message;
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, "4 problem(s) in the config:")) << message;
  EXPECT_TRUE(contains(message, f + ":3: [ledger] path must be a string")) << message;
  EXPECT_TRUE(contains(message, f + ":6: [http] max_attempts must be from 1 to 20")) << message;
  EXPECT_TRUE(contains(message, f + ":8: unknown key \"gthub\"")) << message;
  EXPECT_TRUE(contains(message, f + ":13: [github] unknown metric \"stras\"; did you mean "
                                    "\"stars\"?"))
      << message;
  // One problem per line, each with FILE:LINE.
  EXPECT_EQ(count_of(message, "\n  " + f + ":"), 4U) << message;
}

TEST(ParseConfig, ATomlSyntaxErrorNamesFileAndLine) {
  const auto config = parse("[ledger]\npath = \"x.json\"\n\n[http]\nmax_attempts = = 3\n");
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(config.error().message.starts_with(k_file.string() + ":5: "))
      << config.error().message;

  const auto unterminated = parse("[github]\norg = \"acme\n");
  ASSERT_FALSE(unterminated.ok());
  EXPECT_TRUE(unterminated.error().message.starts_with(k_file.string() + ":2: "))
      << unterminated.error().message;
}

TEST(ParseConfig, AGithubTableMakesTheSource) {
  const auto config = parse("[github]\norg = \"acme\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_EQ(config->sources.size(), 1U);
  EXPECT_EQ(config->sources[0]->name(), "github");
  EXPECT_TRUE(config->sources[0]->missing_requirement().has_value());

  const auto with_token = parse_config("[github]\norg = \"acme\"\n", k_file,
                                       [](const std::string& name) -> std::optional<std::string> {
                                         if (name == "GITHUB_TOKEN") {
                                           return "t0k";
                                         }
                                         return std::nullopt;
                                       });
  ASSERT_TRUE(with_token.ok()) << with_token.error().message;
  ASSERT_EQ(with_token->sources.size(), 1U);
  EXPECT_FALSE(with_token->sources[0]->missing_requirement().has_value());
  ASSERT_TRUE(with_token->sources[0]->secret().has_value());
  EXPECT_EQ(with_token->sources[0]->secret()->host, "api.github.com");
}

TEST(LoadConfig, AMissingFileSaysSo) {
  testing::TempDir dir;
  const auto config = load_config(dir / "odometer.toml", no_env);
  ASSERT_FALSE(config.ok());
  EXPECT_TRUE(
      contains(config.error().message, (dir / "odometer.toml").string() + ": no such config file"))
      << config.error().message;
}

TEST(LoadConfig, ReadsTheFile) {
  testing::TempDir dir;
  testing::write_file(dir / "odometer.toml", "[http]\nmax_attempts = 2\n");
  const auto config = load_config(dir / "odometer.toml", no_env);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->http.max_attempts, 2);
  EXPECT_EQ(config->ledger, dir / "odometer-ledger.json");
}

TEST(ParseConfig, MaxNewSeriesHasADefaultAndIsChecked) {
  EXPECT_EQ(parse("")->max_new_series, k_default_max_new_series);
  EXPECT_EQ(parse("[ledger]\nmax_new_series = 12\n")->max_new_series, 12U);
  const auto zero = parse("[ledger]\nmax_new_series = 0\n");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.error().message.find("[ledger] max_new_series must be from 1 to"),
            std::string::npos)
      << zero.error().message;
}

TEST(ParseConfig, AnApiUrlWithUserInfoIsRefusedInEveryTableWithoutEchoingIt) {
  for (const char* table : {"github", "npm", "pypi", "crates", "hex", "nuget"}) {
    const std::string list = std::string(table) == "github"   ? "org = \"o\"\n"
                             : std::string(table) == "crates" ? "crates = [\"c\"]\n"
                                                              : "packages = [\"p\"]\n";
    const auto config = parse("[" + std::string(table) + "]\n" + list +
                              "api = \"http://alice:Pa55word@127.0.0.1:1/\"\n");
    ASSERT_FALSE(config.ok()) << table;
    const std::string& message = config.error().message;
    EXPECT_NE(message.find("api must not hold a user name or password"), std::string::npos)
        << message;
    EXPECT_EQ(message.find("Pa55word"), std::string::npos) << message;
  }
  // A user name alone is user-info too.
  EXPECT_FALSE(parse("[npm]\npackages = [\"p\"]\napi = \"https://bob@registry.example\"\n").ok());
  // An '@' in the path is not.
  EXPECT_TRUE(parse("[npm]\npackages = [\"p\"]\napi = \"https://registry.example/@scope\"\n").ok());
}

}  // namespace
}  // namespace odometer
