// The config `odometer init` writes: which names it accepts, and that the
// text it writes reads back through the config loader with exactly the
// values it was given, for every combination of settings.

#include "collect/init_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "support/written_config.hpp"

namespace odometer {
namespace {

using testing::load_written_config;

const std::filesystem::path k_file = "/srv/site/odometer.toml";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

template <typename NodeView>
std::vector<std::string> strings_of(const NodeView& node) {
  std::vector<std::string> out;
  if (const auto* list = node.as_array()) {
    for (const auto& item : *list) {
      out.push_back(item.template value<std::string>().value_or("<not a string>"));
    }
  }
  return out;
}

TEST(InitNames, GithubAccounts) {
  for (const std::string& good :
       std::vector<std::string>{"runcycles", "my-org", "a_b", "A1", "x", std::string(100, 'a')}) {
    EXPECT_FALSE(github_account_problem(good).has_value()) << good;
  }
  for (const std::string& bad : std::vector<std::string>{"", "-x", "_x", "a.b", "a/b", "a b", "ünï",
                                                         "a\tb", std::string(101, 'a')}) {
    EXPECT_TRUE(github_account_problem(bad).has_value()) << bad;
  }
}

TEST(InitNames, NpmPackages) {
  for (const std::string& good :
       std::vector<std::string>{"express", "@runcycles/mcp-server", "lodash.merge", "JSONStream",
                                "a-b_c~d", "@types/node", "x"}) {
    EXPECT_FALSE(npm_package_problem(good).has_value()) << good;
  }
  for (const std::string& bad : std::vector<std::string>{
           "", "@scope", "@/x", "@scope/", "a/b", ".hidden", "_private", "@scope/.x", "has space",
           "ünïcode", "node_modules", "a\"b", "@a/b/c", std::string(215, 'a')}) {
    EXPECT_TRUE(npm_package_problem(bad).has_value()) << bad;
  }
}

TEST(InitNames, PypiPackages) {
  for (const std::string& good :
       std::vector<std::string>{"requests", "runcycles", "zope.interface", "A", "my_pkg-2"}) {
    EXPECT_FALSE(pypi_package_problem(good).has_value()) << good;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "-x", "x-", ".x", "x_", "a b", "a/b", "ü", "@s/p"}) {
    EXPECT_TRUE(pypi_package_problem(bad).has_value()) << bad;
  }
}

TEST(InitNames, Crates) {
  for (const std::string& good :
       std::vector<std::string>{"serde", "serde_json", "tokio-util", "a", std::string(64, 'a')}) {
    EXPECT_FALSE(crate_name_problem(good).has_value()) << good;
  }
  for (const std::string& bad :
       std::vector<std::string>{"", "1x", "-x", "_x", "a.b", "a b", "ü", std::string(65, 'a')}) {
    EXPECT_TRUE(crate_name_problem(bad).has_value()) << bad;
  }
}

TEST(InitNames, AControlCharacterIsDescribedNotPrinted) {
  const auto problem = npm_package_problem("a\x1b[31mb");
  ASSERT_TRUE(problem.has_value());
  EXPECT_TRUE(contains(*problem, "byte 0x1B")) << *problem;
  EXPECT_FALSE(contains(*problem, "\x1b")) << *problem;
}

TEST(CheckInitSettings, ReportsEveryProblemWithItsFlagAndValue) {
  InitSettings settings;
  settings.github_org = "org";
  settings.github_user = "user";
  settings.npm_packages = {"good", "Bad Name"};
  settings.pypi_packages = {"-x"};
  settings.crates = {"1x", "fine"};
  const auto problems = check_init_settings(settings);
  ASSERT_EQ(problems.size(), 4U);
  EXPECT_TRUE(contains(problems[0], "--github-org and --github-user")) << problems[0];
  EXPECT_TRUE(contains(problems[1], "--npm \"Bad Name\": ")) << problems[1];
  EXPECT_TRUE(contains(problems[2], "--pypi \"-x\": ")) << problems[2];
  EXPECT_TRUE(contains(problems[3], "--crates \"1x\": ")) << problems[3];
}

TEST(CheckInitSettings, ABadAccountNameIsNamed) {
  InitSettings settings;
  settings.github_user = "a/b";
  const auto problems = check_init_settings(settings);
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_TRUE(contains(problems[0], "--github-user \"a/b\": ")) << problems[0];
}

TEST(CheckInitSettings, AnEmptyLedgerPathIsAProblem) {
  InitSettings settings;
  settings.ledger.clear();
  EXPECT_EQ(check_init_settings(settings).size(), 1U);
  EXPECT_TRUE(check_init_settings(InitSettings{}).empty());
}

TEST(RemoveDuplicateNames, KeepsTheFirstOfEachInOrder) {
  InitSettings settings;
  settings.npm_packages = {"b", "a", "b", "c", "a"};
  settings.crates = {"x", "x"};
  settings.pypi_packages = {"Foo_Bar", "foo-bar", "foo.bar", "other"};
  remove_duplicate_names(settings);
  EXPECT_EQ(settings.npm_packages, (std::vector<std::string>{"b", "a", "c"}));
  EXPECT_EQ(settings.crates, (std::vector<std::string>{"x"}));
  EXPECT_EQ(settings.pypi_packages, (std::vector<std::string>{"Foo_Bar", "other"}));
}

TEST(TomlQuote, EveryStringReadsBackAsItself) {
  for (const std::string text : {"plain", "with \"quotes\"", "back\\slash", "tab\there",
                                 "line\nbreak", "bell\x07", "del\x7f", "ünïcödé", ""}) {
    const auto root = toml::parse("v = " + toml_quote(text));
    EXPECT_EQ(root["v"].value<std::string>(), text) << toml_quote(text);
  }
}

// Every combination of account (none, org, user), npm, pypi, crates and a
// cache import: the text loads, and holds exactly what it was given.
TEST(WriteInitConfig, EveryCombinationLoadsWithItsValues) {
  for (int account = 0; account < 3; ++account) {
    for (unsigned mask = 0; mask < 16; ++mask) {
      InitSettings settings;
      if (account == 1) {
        settings.github_org = "runcycles";
      } else if (account == 2) {
        settings.github_user = "some-one";
      }
      if ((mask & 1U) != 0) {
        settings.npm_packages = {"@runcycles/mcp-server", "runcycles"};
      }
      if ((mask & 2U) != 0) {
        settings.pypi_packages = {"runcycles"};
      }
      if ((mask & 4U) != 0) {
        settings.crates = {"runcycles", "runcycles-client"};
      }
      if ((mask & 8U) != 0) {
        settings.ledger = "data/ledger.json";
        settings.seed_cache = ".vitepress/theme/installs-cache.json";
        settings.seed_public = ".vitepress/theme/installs.json";
      }
      SCOPED_TRACE("account " + std::to_string(account) + ", mask " + std::to_string(mask));
      ASSERT_TRUE(check_init_settings(settings).empty());
      const std::string text = write_init_config(settings);

      const auto config = load_written_config(text, k_file);
      ASSERT_TRUE(config.ok()) << config.error().message << "\n" << text;
      EXPECT_EQ(config->ledger, k_file.parent_path() / settings.ledger);
      std::vector<std::string> expected_sources;
      if (account != 0) {
        expected_sources.emplace_back("github");
      }
      for (const auto& [name, names] :
           {std::pair{"npm", &settings.npm_packages}, std::pair{"pypi", &settings.pypi_packages},
            std::pair{"crates", &settings.crates}}) {
        if (!names->empty()) {
          expected_sources.emplace_back(name);
        }
      }
      std::vector<std::string> sources;
      for (const auto& source : config->sources) {
        sources.push_back(source->name());
      }
      EXPECT_EQ(sources, expected_sources);

      // The values as written.
      const toml::table root = toml::parse(text);
      EXPECT_EQ(root["github"]["org"].value<std::string>(), settings.github_org);
      EXPECT_EQ(root["github"]["user"].value<std::string>(), settings.github_user);
      EXPECT_EQ(root.contains("github"), account != 0);
      EXPECT_EQ(strings_of(root["npm"]["packages"]), settings.npm_packages);
      EXPECT_EQ(root.contains("npm"), !settings.npm_packages.empty());
      EXPECT_EQ(strings_of(root["pypi"]["packages"]), settings.pypi_packages);
      EXPECT_EQ(root.contains("pypi"), !settings.pypi_packages.empty());
      EXPECT_EQ(strings_of(root["crates"]["crates"]), settings.crates);
      EXPECT_EQ(root.contains("crates"), !settings.crates.empty());
      EXPECT_FALSE(root["crates"]["contact"]);  // commented out: the user's address
      EXPECT_EQ(root["outputs"]["dir"].value<std::string>(), "odometer-out");
      EXPECT_EQ(root["outputs"]["seed_cache"].value<std::string>(), settings.seed_cache);
      EXPECT_EQ(root["outputs"]["seed_public"].value<std::string>(), settings.seed_public);
      // Examples only.
      EXPECT_FALSE(root.contains("counter"));
      EXPECT_FALSE(root.contains("manual"));
    }
  }
}

TEST(WriteInitConfig, ExplainsEachTableAndPointsToTheDocs) {
  InitSettings settings;
  settings.crates = {"runcycles"};
  const std::string text = write_init_config(settings);
  EXPECT_TRUE(contains(text, "docs/configuration.md")) << text;
  EXPECT_TRUE(contains(text, "# contact = \"you@example.com\"")) << text;
  EXPECT_TRUE(contains(text, "# [[counter]]")) << text;
  EXPECT_TRUE(contains(text, "# sum = [\"npm:downloads:*\"]")) << text;
  EXPECT_TRUE(contains(text, "# \"ghcr:pulls:OWNER/IMAGE\" = 0")) << text;
  EXPECT_TRUE(contains(text, "# [github]")) << text;
}

// The commented examples must be right when a user uncomments them.
TEST(WriteInitConfig, UncommentedExamplesAreValidToml) {
  std::string text = write_init_config(InitSettings{});
  std::string uncommented;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    // "# [x]" and "# key = value" are examples; "# Words" are prose.
    if (line.starts_with("# [") || line.starts_with("# \"") ||
        (line.starts_with("# ") && line.find(" = ") != std::string::npos &&
         line.find(' ', 2) == line.find(" = "))) {
      line = line.substr(2);
    }
    uncommented += line + "\n";
  }
  toml::table root;
  ASSERT_NO_THROW(root = toml::parse(uncommented)) << uncommented;
  EXPECT_EQ(root["github"]["org"].value<std::string>(), "your-org");
  EXPECT_EQ(root["crates"]["contact"].value<std::string>(), "you@example.com");
  EXPECT_EQ(strings_of(root["counter"][0]["sum"]), (std::vector<std::string>{"npm:downloads:*"}));
  EXPECT_EQ(root["manual"]["ghcr:pulls:OWNER/IMAGE"].value<std::int64_t>(), 0);
}

TEST(WriteInitConfig, HostilePathsAreQuoted) {
  InitSettings settings;
  settings.ledger = "we\"ird\\ledger.json";
  settings.seed_cache = "a \"b\"/installs-cache.json";
  settings.seed_public = "a \"b\"/installs.json";
  const toml::table root = toml::parse(write_init_config(settings));
  EXPECT_EQ(root["ledger"]["path"].value<std::string>(), settings.ledger);
  EXPECT_EQ(root["outputs"]["seed_cache"].value<std::string>(), settings.seed_cache);
  EXPECT_EQ(root["outputs"]["seed_public"].value<std::string>(), settings.seed_public);
}

// The tolerance of load_written_config is narrow: anything but an
// unknown pending table still fails.
TEST(PendingTables, OnlyThePendingTablesAreTolerated) {
  EXPECT_TRUE(
      load_written_config("[npm]\npackages = [\"x\"]\n[outputs]\ndir = \"o\"\n", k_file).ok());
  EXPECT_FALSE(load_written_config("[npmm]\npackages = [\"x\"]\n", k_file).ok());
  EXPECT_FALSE(load_written_config("[npm]\n[github]\norgg = \"x\"\n", k_file).ok());
  EXPECT_FALSE(load_written_config("[npm]\n[github]\norg = \"a/b\"\n", k_file).ok());
  EXPECT_FALSE(load_written_config("[npm]\n[ledger]\npath = \"\"\n", k_file).ok());
}

}  // namespace
}  // namespace odometer
