#pragma once

// What the registries read for an all-time count share, on top of
// package_source.hpp: a list of names that must be valid and listed once
// in any spelling, the count at a JSON path, and a whole source made from a
// spec when one GET per package gives one count.

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/package_source.hpp"

namespace odometer {

// What a valid package name of one registry looks like.
struct NameRule {
  std::string_view what;  // "a gem name", for `entry "x y" is not a gem name`
  bool (*valid)(std::string_view name);
  // The form that two spellings of one package share ("Serde", "serde"),
  // so a package listed twice is caught; nullptr when names are exact.
  std::string (*canonical)(std::string_view name) = nullptr;
};

// Reads `key` of the table `where` ("[rubygems]"): a string or a list of
// strings. Records a problem, with the line, for a missing key, an empty
// list, a name that breaks the rule and a package listed twice; returns the
// names as written, or nullopt if there was a problem.
std::optional<std::vector<std::string>> read_package_names(const toml::table& table,
                                                           std::string_view key,
                                                           std::string_view where,
                                                           const NameRule& rule,
                                                           ConfigProblems& problems);

// The count at a path of nested objects in a JSON body ({"package",
// "downloads", "total"} reads $.package.downloads.total), or an error naming
// the URL and the path: not JSON, a missing field, not a count.
Result<Count> parse_count_at(std::string_view body, std::string_view url,
                             std::initializer_list<std::string_view> fields);

// A registry read with one GET per package that yields one all-time count.
// Specs are constants: a source keeps a reference to its spec.
struct CountSourceSpec {
  std::string_view table;     // the config table and the key's source: "rubygems"
  std::string_view registry;  // for "not found on RubyGems"
  std::string_view list_key;  // the table's list of names: "gems"
  std::string_view metric;    // "downloads", "pulls"
  std::string_view default_api;
  NameRule rule;
  // The entity (the key's last part) of a valid configured name.
  std::string (*entity)(std::string_view name);
  // The URL that answers for entity, under api (no trailing '/').
  std::string (*url)(std::string_view api, std::string_view entity);
  // The pure parser: body and URL in, the count or an error out.
  Result<Count> (*parse)(std::string_view body, std::string_view url);
};

// Reads the table (keys list_key and api, each checked, unknown keys with
// a "did you mean") and returns a source that stores one cumulative series
// TABLE:METRIC:ENTITY per package; nullptr when the table has problems.
std::unique_ptr<Source> make_count_source(const CountSourceSpec& spec, const toml::table& table,
                                          ConfigProblems& problems);

}  // namespace odometer
