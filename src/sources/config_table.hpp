#pragma once

// Reading a source's config table: typed keys that record a problem (with
// its line) instead of failing, unknown keys with a "did you mean", the
// `api` override, and the one reader of a list of names that every source
// uses (npm's packages, [github] repos, every registry's list), so a typo
// gets the same answer in every table. Every problem of a config is
// collected and reported at once (collect/config.cpp).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <toml++/toml.h>

namespace odometer {

// Every problem of a config file, each with its line, reported at once.
// Not thread-safe; the config is read on one thread.
class ConfigProblems {
public:
  explicit ConfigProblems(std::string file) : m_file(std::move(file)) {}
  // Records "FILE:LINE: message" for a node that has a source position,
  // "FILE: message" for one that has none.
  void add(const toml::node& node, std::string_view message);
  void add(std::string_view message);
  const std::vector<std::string>& messages() const { return m_messages; }
  bool empty() const { return m_messages.empty(); }

private:
  std::string m_file;
  std::vector<std::string> m_messages;
};

// Records every key of table not in known, with a "did you mean" when a
// known key is close. `where` names the table ("[github]").
void check_keys(const toml::table& table, std::string_view where,
                std::span<const std::string_view> known, ConfigProblems& problems);

// Typed reads: the value, or nullopt when the key is absent or of another
// type (then a problem naming both types is recorded, with the line).
std::optional<std::string> read_string(const toml::table& table, std::string_view key,
                                       std::string_view where, ConfigProblems& problems);
std::optional<bool> read_bool(const toml::table& table, std::string_view key,
                              std::string_view where, ConfigProblems& problems);
std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                         std::string_view where, ConfigProblems& problems);
// A string (a list of one) or an array of strings.
std::optional<std::vector<std::string>> read_strings(const toml::table& table, std::string_view key,
                                                     std::string_view where,
                                                     ConfigProblems& problems);

// A string naming a file: relative to the folder of the config file the
// table was read from (so a run from another folder finds the same file),
// absolute as written. An empty string is a problem (`[outputs] dir is
// empty`) and gives nullopt, as does an absent key.
std::optional<std::filesystem::path> read_path(const toml::table& table, std::string_view key,
                                               std::string_view where, ConfigProblems& problems);

// The node of the index-th item of the list under key, for its line; the
// key's own node when it is a single string. key must be in table.
const toml::node& list_item_node(const toml::table& table, std::string_view key, std::size_t index);

// The `api` key: an http(s) base URL that overrides default_api (registry
// mirrors, proxies, tests), without a trailing '/'. A bad one is a problem
// (naming `example`) and gives the default.
std::string read_api_url(const toml::table& table, std::string_view where,
                         std::string_view default_api, std::string_view example,
                         ConfigProblems& problems);

// True if name is not empty, not "." or "..", and every character is an
// ASCII letter, a digit or one of extra: a name that can go into a URL path
// as one segment.
bool is_plain_name(std::string_view name, std::string_view extra);

// What a valid name of one registry looks like.
struct NameRule {
  std::string_view what;  // "a gem name", for `entry "x y" is not a gem name`
  bool (*valid)(std::string_view name);
  // The form two spellings of one package share where the registry tells
  // them apart by less than the bytes ("Serde" and "serde" on crates.io,
  // "Foo_Bar" and "foo-bar" on PyPI); nullptr when names are exact.
  std::string (*canonical)(std::string_view name) = nullptr;
};

// THE reader of a list of names: `key` of the table `where` ("[rubygems]"),
// a string or an array of strings. Records, each on the line of its entry,
// every name that breaks rule (`[rubygems] gems entry "a b" is not a gem
// name`) and every name listed again, compared in rule's canonical form
// (`[nuget] packages lists "x" twice (lines 2 and 4, first as "X")`): two
// entries of one package would be two series of the same numbers. A value
// of another type is a problem on the key's line. Returns the names that
// passed, as written and in order, or nullopt when the key is absent or not
// a list of strings. An empty list is returned as it is: whether the table
// may go without names is its caller's rule (read_package_table refuses it
// unless another list of the table names something).
std::optional<std::vector<std::string>> read_names(const toml::table& table, std::string_view key,
                                                   std::string_view where, const NameRule& rule,
                                                   ConfigProblems& problems);

}  // namespace odometer
