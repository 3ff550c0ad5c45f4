#include "sources/config_table.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/shown.hpp"
#include "net/http.hpp"
#include "util/redact.hpp"
#include "util/text.hpp"

namespace odometer {

namespace {

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

void wrong_type(const toml::node& node, std::string_view key, std::string_view where,
                std::string_view expected, ConfigProblems& problems) {
  problems.add(node, std::string(where) + " " + std::string(key) + " must be " +
                         std::string(expected) + ", not " + type_name(node));
}

// The value of key as a T, nullopt when absent; another type is a problem.
template <typename T>
std::optional<T> read_value(const toml::table& table, std::string_view key, std::string_view where,
                            std::string_view expected, ConfigProblems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as<T>()) {
    return value->get();
  }
  wrong_type(*node, key, where, expected, problems);
  return std::nullopt;
}

std::uint32_t line_of(const toml::node& node) {
  return node.source().begin.line;
}

// " (lines 2 and 4, first as "X")" for a name listed again; what toml++
// cannot place (line 0) is left out.
std::string repeat_detail(std::uint32_t first_line, std::uint32_t line,
                          std::string_view first_spelling, std::string_view spelling) {
  std::vector<std::string> parts;
  if (first_line != 0 && line != 0) {
    parts.push_back(first_line == line
                        ? "both on line " + std::to_string(line)
                        : "lines " + std::to_string(first_line) + " and " + std::to_string(line));
  }
  if (first_spelling != spelling) {
    parts.push_back("first as \"" + std::string(first_spelling) + "\"");
  }
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? " (" : ", ") + part;
  }
  return out.empty() ? out : out + ")";
}

}  // namespace

void ConfigProblems::add(const toml::node& node, std::string_view message) {
  const auto line = line_of(node);
  if (line == 0) {
    add(message);
    return;
  }
  m_messages.push_back(m_file + ":" + std::to_string(line) + ": " +
                       shown_message(message, Newlines::escape));
}

void ConfigProblems::add(std::string_view message) {
  // Messages quote keys and values of the file: one line each, whatever
  // bytes those hold.
  m_messages.push_back(m_file + ": " + shown_message(message, Newlines::escape));
}

void check_keys(const toml::table& table, std::string_view where,
                std::span<const std::string_view> known, ConfigProblems& problems) {
  for (const auto& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) {
      continue;
    }
    std::string message = "unknown key \"" + std::string(key.str()) + "\" in " + std::string(where);
    if (const auto suggestion = closest_match(key.str(), known)) {
      message += "; did you mean \"" + std::string(*suggestion) + "\"?";
    }
    problems.add(node, message);
  }
}

std::optional<std::string> read_string(const toml::table& table, std::string_view key,
                                       std::string_view where, ConfigProblems& problems) {
  return read_value<std::string>(table, key, where, "a string", problems);
}

std::optional<std::filesystem::path> read_path(const toml::table& table, std::string_view key,
                                               std::string_view where, ConfigProblems& problems) {
  auto text = read_string(table, key, where, problems);
  if (!text) {
    return std::nullopt;
  }
  if (text->empty()) {
    problems.add(*table.get(key), std::string(where) + " " + std::string(key) + " is empty");
    return std::nullopt;
  }
  std::filesystem::path path(*text);
  if (const auto& file = table.source().path; path.is_relative() && file) {
    path = std::filesystem::path(*file).parent_path() / path;
  }
  return path;
}

std::optional<bool> read_bool(const toml::table& table, std::string_view key,
                              std::string_view where, ConfigProblems& problems) {
  return read_value<bool>(table, key, where, "true or false", problems);
}

std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                         std::string_view where, ConfigProblems& problems) {
  return read_value<std::int64_t>(table, key, where, "an integer", problems);
}

std::optional<std::vector<std::string>> read_strings(const toml::table& table, std::string_view key,
                                                     std::string_view where,
                                                     ConfigProblems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as_string()) {
    return std::vector<std::string>{value->get()};
  }
  const auto* array = node->as_array();
  if (array == nullptr) {
    wrong_type(*node, key, where, "a list of strings", problems);
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : *array) {
    if (const auto* text = item.as_string()) {
      out.push_back(text->get());
    } else {
      wrong_type(item, key, where, "a list of strings", problems);
      return std::nullopt;
    }
  }
  return out;
}

const toml::node& list_item_node(const toml::table& table, std::string_view key,
                                 std::size_t index) {
  const toml::node* node = table.get(key);
  if (const auto* list = node->as_array(); list != nullptr && index < list->size()) {
    return *list->get(index);
  }
  return *node;
}

std::string read_api_url(const toml::table& table, std::string_view where,
                         std::string_view default_api, std::string_view example,
                         ConfigProblems& problems) {
  auto api = read_string(table, "api", where, problems).value_or(std::string(default_api));
  while (!api.empty() && api.back() == '/') {
    api.pop_back();
  }
  // User-info is refused, not redacted: credentials in a URL would travel
  // with every request and redirect, and echo in every message that names
  // the URL. The value is not shown: it holds the password.
  if (const auto authority = api.find("://"); authority != std::string::npos) {
    const auto end = api.find('/', authority + 3);
    if (api.substr(authority + 3, end - (authority + 3)).find('@') != std::string::npos) {
      remember_url_secrets(api);
      problems.add(
          *table.get("api"),
          std::string(where) +
              " api must not hold a user name or password (user@ or user:password@); "
              "odometer sends credentials only from its token settings, to their own host");
      return std::string(default_api);
    }
  }
  if (url_host(api).empty() || api.find_first_of("?# ") != std::string::npos) {
    problems.add(table.contains("api") ? *table.get("api") : static_cast<const toml::node&>(table),
                 std::string(where) + " api \"" + api + "\" is not an http(s) base URL such as \"" +
                     std::string(example) + "\"");
    return std::string(default_api);
  }
  return api;
}

bool is_plain_name(std::string_view name, std::string_view extra) {
  if (name.empty() || name == "." || name == "..") {
    return false;
  }
  return std::all_of(name.begin(), name.end(), [extra](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           extra.find(c) != std::string_view::npos;
  });
}

std::optional<std::vector<std::string>> read_names(const toml::table& table, std::string_view key,
                                                   std::string_view where, const NameRule& rule,
                                                   ConfigProblems& problems) {
  auto names = read_strings(table, key, where, problems);
  if (!names) {
    return std::nullopt;
  }
  struct First {
    std::string spelling;
    std::uint32_t line = 0;
  };
  std::map<std::string, First> seen;  // canonical form -> its first entry
  std::vector<std::string> out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    std::string& name = (*names)[i];
    const toml::node& node = list_item_node(table, key, i);
    const std::string prefix = std::string(where) + " " + std::string(key);
    if (!rule.valid(name)) {
      // The name goes into a URL path or a series key: refuse it rather than guess.
      problems.add(node, prefix + " entry \"" + name + "\" is not " + std::string(rule.what));
      continue;
    }
    const auto [first, inserted] =
        seen.try_emplace(rule.canonical ? rule.canonical(name) : name, First{name, line_of(node)});
    if (!inserted) {
      problems.add(
          node, prefix + " lists \"" + name + "\" twice" +
                    repeat_detail(first->second.line, line_of(node), first->second.spelling, name));
      continue;
    }
    out.push_back(std::move(name));
  }
  return out;
}

}  // namespace odometer
