#pragma once

// Reads one JSON document for a parser (an API response, a site's cache
// file): every error starts with the URL or file name, is ErrorCode::invalid,
// and names the JSON path ("$.data[2].downloads") and what is wrong there.
// Counts must be whole numbers from 0 to 10^15 (checked_count); anything
// else (a string, -5, 1e30, 1.5) is an error, never a zero. An empty body,
// an HTML page sent with status 200 and truncated JSON are errors too.
// Unknown fields are ignored: registries add fields over time.

#include <simdjson.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/day.hpp"
#include "core/result.hpp"
#include "core/series.hpp"

namespace odometer {

// "an array", "the number -5", "a string", ... for error messages. A
// string's text is never quoted: it is the server's and may hold anything.
std::string describe_json(simdjson::dom::element value);

// "$.items" + 3 -> "$.items[3]".
std::string json_index_path(std::string_view path, std::size_t index);

// Whether a member name can follow '.' in a JSON path ($.name): letters,
// digits and '_', not starting with a digit; any other is written ["name"].
bool is_json_path_identifier(std::string_view name);

// Holds the parser, so the elements it returns live as long as it does.
class JsonReader {
public:
  explicit JsonReader(std::string_view url) : m_url(url) {}

  std::string_view url() const { return m_url; }
  // "URL: PATH: problem".
  Error fail(std::string_view path, std::string_view problem) const;

  Result<simdjson::dom::element> parse(std::string_view body);

  Result<simdjson::dom::array> array_of(simdjson::dom::element value, std::string_view path) const;
  Result<simdjson::dom::object> object_of(simdjson::dom::element value,
                                          std::string_view path) const;
  Result<simdjson::dom::element> field(simdjson::dom::object parent, std::string_view name,
                                       std::string_view path) const;
  // Whether parent has the field (for fields that are absent when zero).
  bool has_field(simdjson::dom::object parent, std::string_view name) const;

  // A count at PATH: a whole number from 0 to 10^15.
  Result<Count> count_value(simdjson::dom::element value, std::string_view path) const;
  // The same for a number that some APIs write with a fraction part (".0");
  // a fraction other than zero is an error.
  Result<Count> whole_number_value(simdjson::dom::element value, std::string_view path) const;

  Result<Count> count(simdjson::dom::object parent, std::string_view name,
                      std::string_view path) const;
  Result<std::string_view> string(simdjson::dom::object parent, std::string_view name,
                                  std::string_view path) const;
  Result<bool> boolean(simdjson::dom::object parent, std::string_view name,
                       std::string_view path) const;
  // A "YYYY-MM-DD" string field.
  Result<Day> day(simdjson::dom::object parent, std::string_view name, std::string_view path) const;

private:
  std::string_view m_url;
  simdjson::dom::parser m_parser;
};

}  // namespace odometer
