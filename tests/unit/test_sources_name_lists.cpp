// The one reader of a list of names (read_names) and the rules of a
// package table (read_package_table): a bad name and a name listed again
// are problems on their entry's line, a repeat names both lines and is
// found in the registry's canonical form, and an empty list is a problem
// unless another list of the table names something. Every registry table
// goes through these, so each rule is tested once here and once per table
// in that source's tests.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "sources/package_source.hpp"
#include "support/source_harness.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

bool is_lower_word(std::string_view name) {
  return is_plain_name(name, "-");
}

constexpr NameRule k_exact{.what = "a word", .valid = is_lower_word};
constexpr NameRule k_any_case{
    .what = "a word", .valid = is_lower_word, .canonical = ascii_lowercase};

struct Read {
  std::optional<std::vector<std::string>> names;
  std::vector<std::string> problems;
};

Read read(std::string_view toml, const NameRule& rule) {
  const toml::table table = toml::parse(toml, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  Read out;
  out.names = read_names(table, "names", "[t]", rule, problems);
  out.problems = problems.messages();
  return out;
}

using Names = std::vector<std::string>;
using Lines = std::vector<std::string>;

TEST(ReadNames, AStringIsAListOfOne) {
  const Read got = read("names = \"a\"\n", k_exact);
  EXPECT_EQ(got.names, Names{"a"});
  EXPECT_TRUE(got.problems.empty());
}

TEST(ReadNames, AbsentIsNoListAndNoProblem) {
  const Read got = read("other = 1\n", k_exact);
  EXPECT_FALSE(got.names.has_value());
  EXPECT_TRUE(got.problems.empty());
}

TEST(ReadNames, AnEmptyListIsReturnedForTheCallerToJudge) {
  const Read got = read("names = []\n", k_exact);
  EXPECT_EQ(got.names, Names{});
  EXPECT_TRUE(got.problems.empty());
}

TEST(ReadNames, AWrongTypeIsAProblemOnTheKeysLine) {
  EXPECT_EQ(read("\nnames = 3\n", k_exact).problems,
            Lines{"odometer.toml:2: [t] names must be a list of strings, not an integer"});
  const Read mixed = read("names = [\"a\",\n  2]\n", k_exact);
  EXPECT_FALSE(mixed.names.has_value());
  EXPECT_EQ(mixed.problems,
            Lines{"odometer.toml:2: [t] names must be a list of strings, not an integer"});
}

TEST(ReadNames, EachBadNameIsAProblemOnItsOwnLine) {
  const Read got = read("names = [\"a\",\n  \"b c\",\n  \"d\", \"..\"]\n", k_exact);
  EXPECT_EQ(got.names, (Names{"a", "d"}));
  EXPECT_EQ(got.problems, (Lines{"odometer.toml:2: [t] names entry \"b c\" is not a word",
                                 "odometer.toml:3: [t] names entry \"..\" is not a word"}));
}

TEST(ReadNames, ARepeatNamesBothLines) {
  const Read got = read("names = [\"a\", \"b\",\n  \"a\"]\n", k_exact);
  EXPECT_EQ(got.names, (Names{"a", "b"}));
  EXPECT_EQ(got.problems, Lines{"odometer.toml:2: [t] names lists \"a\" twice (lines 1 and 2)"});
}

TEST(ReadNames, ARepeatOnOneLineSaysSo) {
  EXPECT_EQ(read("names = [\"a\", \"a\", \"a\"]\n", k_exact).problems,
            (Lines{"odometer.toml:1: [t] names lists \"a\" twice (both on line 1)",
                   "odometer.toml:1: [t] names lists \"a\" twice (both on line 1)"}));
}

TEST(ReadNames, RepeatsAreFoundInTheCanonicalFormAndNameTheFirstSpelling) {
  EXPECT_TRUE(read("names = [\"Ab\", \"ab\"]\n", k_exact).problems.empty());
  const Read got = read("names = [\"Ab\",\n  \"aB\"]\n", k_any_case);
  EXPECT_EQ(got.names, Names{"Ab"});  // as written
  EXPECT_EQ(
      got.problems,
      Lines{"odometer.toml:2: [t] names lists \"aB\" twice (lines 1 and 2, first as \"Ab\")"});
}

TEST(ReadNames, ANameWithoutAPositionIsStillReported) {
  toml::table table;
  table.insert("names", toml::array{"a", "a"});
  ConfigProblems problems("odometer.toml");
  EXPECT_EQ(read_names(table, "names", "[t]", k_exact, problems), Names{"a"});
  EXPECT_EQ(problems.messages(), Lines{"odometer.toml: [t] names lists \"a\" twice"});
}

// A table of two lists, as [homebrew] has.
constexpr NameList k_two_lists[] = {{"left", k_exact}, {"right", k_exact}};
constexpr std::string_view k_other[] = {"extra"};
constexpr PackageSpec k_spec{.table = "t",
                             .registry = "T",
                             .lists = k_two_lists,
                             .default_api = "https://t.example.com",
                             .other_keys = k_other};

struct Table {
  std::optional<PackageTable> read;
  std::vector<std::string> problems;
};

Table read_table(std::string_view toml) {
  const toml::table table = toml::parse(toml, std::string("odometer.toml"));
  ConfigProblems problems("odometer.toml");
  Table out;
  out.read = read_package_table(table, k_spec, problems);
  out.problems = problems.messages();
  EXPECT_EQ(out.read.has_value(), out.problems.empty());
  return out;
}

TEST(PackageTable, ReadsTheApiAndEveryList) {
  const Table got = read_table("left = [\"a\"]\napi = \"http://127.0.0.1:9/x/\"\nextra = 1\n");
  ASSERT_TRUE(got.read.has_value());
  EXPECT_EQ(got.read->api, "http://127.0.0.1:9/x");
  EXPECT_EQ(got.read->names, (std::vector<Names>{{"a"}, {}}));
}

TEST(PackageTable, NeedsOneOfItsLists) {
  EXPECT_EQ(read_table("extra = 1\n").problems,
            Lines{"odometer.toml:1: [t] needs left = [...] or right = [...]"});
}

TEST(PackageTable, AnEmptyListIsAProblemUnlessAnotherListNamesSomething) {
  EXPECT_EQ(read_table("left = []\n").problems,
            Lines{"odometer.toml:1: [t] left must name at least one"});
  EXPECT_EQ(read_table("left = []\nright = []\n").problems,
            (Lines{"odometer.toml:1: [t] left must name at least one",
                   "odometer.toml:2: [t] right must name at least one"}));
  EXPECT_TRUE(read_table("left = []\nright = [\"b\"]\n").problems.empty());
}

TEST(PackageTable, UnknownKeysAndABadApiAreProblemsToo) {
  EXPECT_EQ(read_table("left = [\"a\"]\nrigth = [\"b\"]\napi = \"ftp://x\"\n").problems,
            (Lines{"odometer.toml:2: unknown key \"rigth\" in [t]; did you mean \"right\"?",
                   "odometer.toml:3: [t] api \"ftp://x\" is not an http(s) base URL such as "
                   "\"https://t.example.com\""}));
}

// Every registry table with one list, the list's key and a valid name.
struct OneList {
  std::string_view table;
  std::string_view key;
  std::string_view name;
};
constexpr OneList k_tables[] = {
    {"npm", "packages", "left-pad"},  {"pypi", "packages", "requests"},
    {"crates", "crates", "serde"},    {"docker", "repositories", "acme/app"},
    {"nuget", "packages", "A.B"},     {"rubygems", "gems", "rails"},
    {"packagist", "packages", "a/b"}, {"vscode", "extensions", "a.b"},
    {"openvsx", "extensions", "a.b"}, {"hex", "packages", "plug"},
    {"pub", "packages", "http"},      {"anaconda", "packages", "c/p"},
};

// The rules hold in every table because every table reads its list here.
TEST(PackageTables, EveryOneNeedsItsListRefusesAnEmptyOneAndARepeat) {
  for (const auto& [table, key, name] : k_tables) {
    SCOPED_TRACE(table);
    const std::string where = "[" + std::string(table) + "]";
    const std::string head = where + "\n";
    EXPECT_EQ(testing::config_problems(table, head),
              Lines{"odometer.toml:1: " + where + " needs " + std::string(key) + " = [...]"});
    EXPECT_EQ(
        testing::config_problems(table, head + std::string(key) + " = []\n"),
        Lines{"odometer.toml:2: " + where + " " + std::string(key) + " must name at least one"});
    const std::string quoted = "\"" + std::string(name) + "\"";
    EXPECT_EQ(testing::config_problems(
                  table, head + std::string(key) + " = [" + quoted + ",\n  " + quoted + "]\n"),
              Lines{"odometer.toml:3: " + where + " " + std::string(key) + " lists " + quoted +
                    " twice (lines 2 and 3)"});
  }
}

}  // namespace
}  // namespace odometer
