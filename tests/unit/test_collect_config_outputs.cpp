// parse_config: the [[counter]] tables and [outputs] of `odometer render`,
// their defaults, and every problem reported at once with its line.

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "collect/config.hpp"

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

std::string problems_of(std::string_view text) {
  const auto config = parse(text);
  EXPECT_FALSE(config.ok()) << text;
  return config.ok() ? std::string() : config.error().message;
}

TEST(ConfigCounters, WithoutCounterTablesTheDefaultsApply) {
  const auto config = parse("");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->counters, default_counters());
}

TEST(ConfigCounters, TablesInFileOrder) {
  const auto config = parse(R"(
[[counter]]
name = "python"
label = "Python installs"
sum = ["pypi:downloads:*", "conda:downloads:*"]

[[counter]]
name = "stars-2"
sum = "github:stars:*"

[outputs]
summary_format = "{python} Python installs, {stars-2} stars"
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  ASSERT_EQ(config->counters.size(), 2U);
  EXPECT_EQ(config->counters[0],
            (CounterSpec{"python", "Python installs", {"pypi:downloads:*", "conda:downloads:*"}}));
  // The label defaults to the name; a single pattern may be a string.
  EXPECT_EQ(config->counters[1], (CounterSpec{"stars-2", "stars-2", {"github:stars:*"}}));
}

TEST(ConfigCounters, EveryProblemWithItsLine) {
  const std::string message = problems_of(R"([outputs]
summary = false

[[counter]]
name = "Installs"
sum = ["npm:*"]

[[counter]]
name = "a"
sum = ["npm:*"]

[[counter]]
name = "a"
lable = "x"
sum = []

[[counter]]
label = "no name"
sum = [""]

[[counter]]
name = "b"
sum = 3
)");
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, f + ":5: [[counter]] name \"Installs\" must be lowercase"))
      << message;
  EXPECT_TRUE(contains(message, f + ":13: [[counter]] name \"a\" is used twice")) << message;
  EXPECT_TRUE(contains(message, f + ":14: unknown key \"lable\" in [[counter]]; did you mean "
                                    "\"label\"?"))
      << message;
  EXPECT_TRUE(contains(message, f + ":15: [[counter]] sum is empty")) << message;
  EXPECT_TRUE(contains(message, f + ":17: [[counter]] needs a name")) << message;
  EXPECT_TRUE(contains(message, f + ":19: [[counter]] sum has an empty pattern")) << message;
  EXPECT_TRUE(contains(message, f + ":23: [[counter]] sum must be")) << message;
  EXPECT_TRUE(contains(message, "7 problem(s) in the config")) << message;
}

TEST(ConfigCounters, ABadCounterIsNotAlsoReportedAsUnknownInTheSummary) {
  const std::string message = problems_of("[[counter]]\nname = \"installs\"\nsum = 3\n");
  EXPECT_TRUE(contains(message, "1 problem(s) in the config")) << message;
  EXPECT_TRUE(contains(message, ":3: [[counter]] sum must be")) << message;
}

TEST(ConfigCounters, ACounterKeyThatIsNotAnArrayOfTables) {
  const std::string message = problems_of("counter = \"installs\"\n");
  EXPECT_TRUE(contains(message, k_file.string() + ":1: counter must be an array of tables"))
      << message;
}

TEST(ConfigOutputs, Defaults) {
  const auto config = parse("");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const OutputSettings& outputs = config->outputs;
  EXPECT_EQ(outputs.dir, std::filesystem::path("/srv/site/odometer-out"));
  EXPECT_TRUE(outputs.summary);
  EXPECT_TRUE(outputs.counters);
  EXPECT_TRUE(outputs.badges);
  EXPECT_TRUE(outputs.csv);
  EXPECT_TRUE(outputs.dashboard);
  EXPECT_EQ(outputs.summary_format, "{installs}+ package installs \xC2\xB7 {clones} repo clones");
  EXPECT_EQ(outputs.seed_cache, std::nullopt);
  EXPECT_EQ(outputs.seed_public, std::nullopt);
  EXPECT_EQ(outputs.repo_owner, std::nullopt);
  EXPECT_EQ(outputs.badge_colors, BadgeColorScheme{});
  EXPECT_EQ(outputs.badge_colors.colors_of("installs"), (BadgeColors{"blue", std::nullopt}));
}

TEST(ConfigOutputs, EveryKey) {
  const auto config = parse(R"([outputs]
dir = "public/stats"
summary = false
counters = false
badges = false
csv = false
dashboard = false
summary_format = "{clones} clones"
seed_cache = ".vitepress/theme/installs-cache.json"
seed_public = "/var/www/installs.json"
repo_owner = "runcycles"
badge_color = "success"
badge_label_color = "#ABC"
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const OutputSettings& outputs = config->outputs;
  EXPECT_EQ(outputs.dir, std::filesystem::path("/srv/site/public/stats"));
  EXPECT_FALSE(outputs.summary || outputs.counters || outputs.badges || outputs.csv ||
               outputs.dashboard);
  EXPECT_EQ(outputs.summary_format, "{clones} clones");
  EXPECT_EQ(outputs.seed_cache,
            std::filesystem::path("/srv/site/.vitepress/theme/installs-cache.json"));
  EXPECT_EQ(outputs.seed_public, std::filesystem::path("/var/www/installs.json"));
  EXPECT_EQ(outputs.repo_owner, "runcycles");
  EXPECT_EQ(outputs.badge_colors.defaults, (BadgeColorChoice{"success", "#abc"}));
}

TEST(ConfigOutputs, EveryProblemWithItsLine) {
  const std::string message = problems_of(R"([outputs]
sumary = true
csv = "yes"
dir = ""
summary_format = "{instals} and {clones} and {} and {nothing-like-it"
)");
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, f + ":2: unknown key \"sumary\" in [outputs]; did you mean "
                                    "\"summary\"?"))
      << message;
  EXPECT_TRUE(contains(message, f + ":3: [outputs] csv must be true or false")) << message;
  EXPECT_TRUE(contains(message, f + ":4: [outputs] dir is empty")) << message;
  EXPECT_TRUE(contains(message, f + ":5: [outputs] summary_format: unknown counter {instals}; "
                                    "did you mean {installs}?"))
      << message;
  EXPECT_TRUE(contains(message, f + ":5: [outputs] summary_format: an empty placeholder"))
      << message;
  EXPECT_TRUE(contains(message, f + ":5: [outputs] summary_format: an unclosed '{'")) << message;
}

TEST(ConfigOutputs, CustomCountersNeedAFormatThatNamesThem) {
  const std::string message = problems_of(R"(
[[counter]]
name = "python"
sum = ["pypi:downloads:*"]
)");
  EXPECT_TRUE(contains(message, k_file.string() +
                                    ":2: [outputs] summary_format (the default): unknown counter "
                                    "{installs}"))
      << message;

  EXPECT_TRUE(parse("[[counter]]\nname = \"python\"\nsum = [\"pypi:*\"]\n"
                    "[outputs]\nsummary_format = \"{python}\"\n")
                  .ok());
  // No summary, no format to check.
  EXPECT_TRUE(parse("[[counter]]\nname = \"python\"\nsum = [\"pypi:*\"]\n"
                    "[outputs]\nsummary = false\n")
                  .ok());
}

TEST(ConfigBadgeColors, PerCounterOverTheOutputsDefault) {
  const auto config = parse(R"([[counter]]
name = "installs"
sum = ["npm:*"]
color = "brightgreen"

[[counter]]
name = "clones"
sum = ["github:clones:*"]
label_color = "C0FFEE"

[[counter]]
name = "plain"
sum = ["pypi:*"]

[outputs]
summary = false
badge_color = "teal"
)");
  ASSERT_TRUE(config.ok()) << config.error().message;
  const BadgeColorScheme& colors = config->outputs.badge_colors;
  EXPECT_EQ(colors.counters.size(), 2U);  // "plain" sets nothing
  EXPECT_EQ(colors.colors_of("installs"), (BadgeColors{"brightgreen", std::nullopt}));
  EXPECT_EQ(colors.colors_of("clones"), (BadgeColors{"teal", "#c0ffee"}));
  EXPECT_EQ(colors.colors_of("plain"), (BadgeColors{"teal", std::nullopt}));
}

TEST(ConfigBadgeColors, EveryBadColorWithItsLineAndADidYouMean) {
  const std::string message = problems_of(R"toml([[counter]]
name = "installs"
sum = ["npm:*"]
color = "bleu"
label_color = "#ab"

[[counter]]
name = "clones"
sum = ["github:clones:*"]
color = 7
label_color = "Grey"

[outputs]
summary = false
badge_color = "brightgren"
badge_label_color = "rgb(1,2,3)"
)toml");
  const std::string f = k_file.string();
  EXPECT_TRUE(contains(message, "6 problem(s) in the config")) << message;
  EXPECT_TRUE(contains(message, f + ":4: [[counter]] color: badge color \"bleu\" is none of "
                                    "shields' names"))
      << message;
  EXPECT_TRUE(contains(message, "or a hex color like #abc or #aabbcc; did you mean \"blue\"?"))
      << message;
  EXPECT_TRUE(contains(message, f + ":5: [[counter]] label_color: badge color \"#ab\"")) << message;
  EXPECT_TRUE(contains(message, f + ":10: [[counter]] color must be a string")) << message;
  EXPECT_TRUE(contains(message, f + ":11: [[counter]] label_color: badge color \"Grey\""))
      << message;
  EXPECT_TRUE(contains(message, "did you mean \"grey\"?")) << message;
  EXPECT_TRUE(contains(message, f + ":15: [outputs] badge_color: badge color \"brightgren\""))
      << message;
  EXPECT_TRUE(contains(message, "did you mean \"brightgreen\"?")) << message;
  EXPECT_TRUE(contains(message, f + ":16: [outputs] badge_label_color: badge color "
                                    "\"rgb(1,2,3)\""))
      << message;
}

TEST(ConfigBadgeColors, AMisspelledKeyIsAnUnknownKey) {
  const std::string message = problems_of(
      "[[counter]]\nname = \"a\"\nsum = [\"npm:*\"]\ncolour = \"blue\"\n[outputs]\nsummary = "
      "false\nbadge_colour = \"red\"\n");
  EXPECT_TRUE(contains(message,
                       ":4: unknown key \"colour\" in [[counter]]; did you mean "
                       "\"color\"?"))
      << message;
  EXPECT_TRUE(contains(message,
                       ":7: unknown key \"badge_colour\" in [outputs]; did you mean "
                       "\"badge_color\"?"))
      << message;
}

TEST(ConfigOutputs, TheDashboardHeaderDefaultsToTheGithubOwner) {
  const auto none = parse("");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(none->outputs.title, "odometer");
  EXPECT_EQ(none->outputs.link, "");

  const auto org = parse("[github]\norg = \"runcycles\"\n");
  ASSERT_TRUE(org.ok()) << org.error().message;
  EXPECT_EQ(org->outputs.title, "runcycles adoption");
  EXPECT_EQ(org->outputs.link, "https://github.com/runcycles");

  // GitHub Enterprise: the owner names the title, but github.com is not
  // where it lives.
  const auto enterprise =
      parse("[github]\nuser = \"someone\"\napi = \"https://ghe.example/api/v3\"\n");
  ASSERT_TRUE(enterprise.ok()) << enterprise.error().message;
  EXPECT_EQ(enterprise->outputs.title, "someone adoption");
  EXPECT_EQ(enterprise->outputs.link, "");
}

TEST(ConfigOutputs, TitleAndLinkAreTheConfigsWhenSet) {
  const auto config = parse(
      "[github]\norg = \"runcycles\"\n[outputs]\ntitle = \"Cycles, by the numbers\"\n"
      "link = \"https://runcycles.io\"\n");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->outputs.title, "Cycles, by the numbers");
  EXPECT_EQ(config->outputs.link, "https://runcycles.io");

  const auto no_link = parse("[github]\norg = \"runcycles\"\n[outputs]\nlink = \"\"\n");
  ASSERT_TRUE(no_link.ok()) << no_link.error().message;
  EXPECT_EQ(no_link->outputs.link, "");
}

TEST(ConfigOutputs, ABadTitleOrLinkIsAProblemWithItsLine) {
  const std::string problems =
      problems_of("[outputs]\ntitle = \"\"\nlink = \"javascript:alert(1)\"\n");
  EXPECT_TRUE(contains(problems, "odometer.toml:2: [outputs] title is empty")) << problems;
  EXPECT_TRUE(contains(problems, "odometer.toml:3: [outputs] link must start")) << problems;
  EXPECT_TRUE(contains(problems, "[outputs] link must start with https:// or http://")) << problems;
}

}  // namespace
}  // namespace odometer
