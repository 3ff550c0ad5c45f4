#include "sources/source.hpp"

#include <algorithm>

#include "core/shown.hpp"
#include "util/redact.hpp"

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

}  // namespace

void ConfigProblems::add(const toml::node& node, std::string_view message) {
  const auto& where = node.source();
  if (where.begin.line == 0) {
    add(message);
    return;
  }
  m_messages.push_back(m_file + ":" + std::to_string(where.begin.line) + ": " +
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
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as_string()) {
    return value->get();
  }
  wrong_type(*node, key, where, "a string", problems);
  return std::nullopt;
}

std::optional<bool> read_bool(const toml::table& table, std::string_view key,
                              std::string_view where, ConfigProblems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as_boolean()) {
    return value->get();
  }
  wrong_type(*node, key, where, "true or false", problems);
  return std::nullopt;
}

std::optional<std::int64_t> read_integer(const toml::table& table, std::string_view key,
                                         std::string_view where, ConfigProblems& problems) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    return std::nullopt;
  }
  if (const auto* value = node->as_integer()) {
    return value->get();
  }
  wrong_type(*node, key, where, "an integer", problems);
  return std::nullopt;
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

std::string_view to_string(SourceState state) {
  switch (state) {
    case SourceState::ok:
      return "ok";
    case SourceState::skipped:
      return "skipped";
    case SourceState::failed:
      return "failed";
  }
  return "unknown";
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
      problems.add(*table.get("api"),
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

std::string encode_path_segment(std::string_view text) {
  constexpr std::string_view k_hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain && text != "." && text != "..") {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4U];
      out += k_hex[byte & 0x0FU];
    }
  }
  return out;
}

std::string fetch_problem(const Fetched& fetched, std::string_view registry, std::string_view url) {
  if (fetched.response.status == 404) {
    return "not found on " + std::string(registry) + " (" + std::string(url) + ")";
  }
  if (!fetched.error.empty()) {
    return fetched.error;
  }
  return std::string(url) + ": HTTP " + std::to_string(fetched.response.status);
}

}  // namespace odometer
