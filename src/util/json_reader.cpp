#include "util/json_reader.hpp"

#include <charconv>
#include <cmath>

#include "core/shown.hpp"
#include "util/json_number_path.hpp"

namespace odometer {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

std::string describe_json(element value) {
  switch (value.type()) {
    case element_type::ARRAY:
      return "an array";
    case element_type::OBJECT:
      return "an object";
    case element_type::INT64:
      return "the number " + std::to_string(value.get_int64().value_unsafe());
    case element_type::UINT64:
      return "the number " + std::to_string(value.get_uint64().value_unsafe());
    case element_type::DOUBLE: {
      char text[32];
      const auto written = std::to_chars(
          text, text + sizeof text, value.get_double().value_unsafe(), std::chars_format::general);
      return "the number " + std::string(text, written.ptr);
    }
    case element_type::STRING:
      return "a string";
    case element_type::BOOL:
      return "true or false";
    case element_type::NULL_VALUE:
      return "null";
  }
  return "something else";
}

std::string json_index_path(std::string_view path, std::size_t index) {
  return std::string(path) + "[" + std::to_string(index) + "]";
}

bool is_json_path_identifier(std::string_view name) {
  if (name.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(c >= '0' && c <= '9' && i > 0)) {
      return false;
    }
  }
  return true;
}

Error JsonReader::fail(std::string_view path, std::string_view problem) const {
  return make_error(std::string(m_url) + ": " + std::string(path) + ": " + std::string(problem),
                    ErrorCode::invalid);
}

Result<element> JsonReader::parse(std::string_view body) {
  const auto start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return make_error(std::string(m_url) + ": empty body, expected JSON", ErrorCode::invalid);
  }
  if (body[start] == '<') {
    // A proxy's, a CDN's or a login page's HTML with status 200.
    return make_error(std::string(m_url) + ": expected JSON, got an HTML page", ErrorCode::invalid);
  }
  element root;
  const auto error = m_parser.parse(body.data(), body.size()).get(root);
  if (error != simdjson::SUCCESS) {
    if (auto number = find_out_of_range_integer(body)) {
      return fail(number->path,
                  "the integer " + shown_value(number->literal) + " is beyond the 64-bit range");
    }
    return make_error(
        std::string(m_url) + ": invalid JSON (" + simdjson::error_message(error) + ")",
        ErrorCode::invalid);
  }
  return root;
}

Result<array> JsonReader::array_of(element value, std::string_view path) const {
  array out;
  if (value.get(out) != simdjson::SUCCESS) {
    return fail(path, "expected an array, got " + describe_json(value));
  }
  return out;
}

Result<object> JsonReader::object_of(element value, std::string_view path) const {
  object out;
  if (value.get(out) != simdjson::SUCCESS) {
    return fail(path, "expected an object, got " + describe_json(value));
  }
  return out;
}

Result<element> JsonReader::field(object parent, std::string_view name,
                                  std::string_view path) const {
  element out;
  if (parent.at_key(name).get(out) != simdjson::SUCCESS) {
    return fail(path, "missing field \"" + std::string(name) + "\"");
  }
  return out;
}

bool JsonReader::has_field(object parent, std::string_view name) const {
  element out;
  return parent.at_key(name).get(out) == simdjson::SUCCESS;
}

Result<Count> JsonReader::count_value(element value, std::string_view path) const {
  switch (value.type()) {
    case element_type::INT64: {
      auto checked = checked_count(value.get_int64().value_unsafe());
      if (!checked) {
        return fail(path, checked.error().message);
      }
      return checked;
    }
    case element_type::UINT64:
      // Only numbers above INT64_MAX are typed unsigned: far above 10^15.
      return fail(path, "count " + std::to_string(value.get_uint64().value_unsafe()) +
                            " is above the limit of 10^15");
    default:
      return fail(path, "expected a whole number, got " + describe_json(value));
  }
}

Result<Count> JsonReader::whole_number_value(element value, std::string_view path) const {
  if (value.type() != element_type::DOUBLE) {
    return count_value(value, path);
  }
  const double number = value.get_double().value_unsafe();
  if (!std::isfinite(number) || number != std::floor(number)) {
    return fail(path, "expected a whole number, got " + describe_json(value));
  }
  if (number < 0) {
    return fail(path, "expected a count, got " + describe_json(value) + ", which is negative");
  }
  if (number > static_cast<double>(k_max_count)) {
    return fail(path, "expected a count, got " + describe_json(value) +
                          ", which is above the limit of 10^15");
  }
  return static_cast<Count>(number);
}

Result<Count> JsonReader::count(object parent, std::string_view name, std::string_view path) const {
  TRY_ASSIGN(const auto value, field(parent, name, path));
  // The path is spelled out only for an error: big listings read millions
  // of counts.
  if (value.type() == element_type::INT64) {
    if (auto checked = checked_count(value.get_int64().value_unsafe())) {
      return checked;
    }
  }
  return count_value(value, std::string(path) + "." + std::string(name));
}

Result<std::string_view> JsonReader::string(object parent, std::string_view name,
                                            std::string_view path) const {
  TRY_ASSIGN(const auto value, field(parent, name, path));
  std::string_view out;
  if (value.get(out) != simdjson::SUCCESS) {
    return fail(std::string(path) + "." + std::string(name),
                "expected a string, got " + describe_json(value));
  }
  return out;
}

Result<bool> JsonReader::boolean(object parent, std::string_view name,
                                 std::string_view path) const {
  TRY_ASSIGN(const auto value, field(parent, name, path));
  bool out = false;
  if (value.get(out) != simdjson::SUCCESS) {
    return fail(std::string(path) + "." + std::string(name),
                "expected true or false, got " + describe_json(value));
  }
  return out;
}

Result<Day> JsonReader::day(object parent, std::string_view name, std::string_view path) const {
  TRY_ASSIGN(const auto text, string(parent, name, path));
  auto parsed = Day::parse(text);
  if (!parsed) {
    return fail(std::string(path) + "." + std::string(name), parsed.error().message);
  }
  return *parsed;
}

}  // namespace odometer
