#include "util/json_number_path.hpp"

#include <algorithm>
#include <vector>

#include "core/shown.hpp"
#include "util/json_reader.hpp"

namespace odometer {

namespace {

struct Frame {
  bool object = false;
  std::string key;  // the last key read in an object, as written (escapes kept)
  std::size_t index = 0;
  bool expect_key = false;
};

std::string path_of(const std::vector<Frame>& stack) {
  std::string out = "$";
  for (const auto& frame : stack) {
    if (!frame.object) {
      out += "[" + std::to_string(frame.index) + "]";
    } else if (is_json_path_identifier(frame.key)) {
      out += "." + frame.key;
    } else {
      out += "[\"" + shown_value(frame.key) + "\"]";
    }
  }
  return out;
}

// Whether the digits (no sign, no fraction, no exponent) exceed limit,
// both without leading zeros.
bool exceeds(std::string_view digits, std::string_view limit) {
  return digits.size() != limit.size() ? digits.size() > limit.size() : digits > limit;
}

}  // namespace

std::optional<NumberAt> find_out_of_range_integer(std::string_view text) {
  std::vector<Frame> stack;
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (c == '{' || c == '[') {
      stack.push_back(Frame{c == '{', {}, 0, c == '{'});
      ++at;
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) {
        stack.pop_back();
      }
      ++at;
    } else if (c == ',') {
      if (!stack.empty()) {
        stack.back().index += 1;
        stack.back().expect_key = stack.back().object;
      }
      ++at;
    } else if (c == ':') {
      if (!stack.empty()) {
        stack.back().expect_key = false;
      }
      ++at;
    } else if (c == '"') {
      const std::size_t start = ++at;
      while (at < text.size() && text[at] != '"') {
        at += text[at] == '\\' ? 2U : 1U;
      }
      if (!stack.empty() && stack.back().object && stack.back().expect_key) {
        stack.back().key = std::string(text.substr(start, std::min(at, text.size()) - start));
      }
      ++at;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const std::size_t start = at;
      while (at < text.size() &&
             (text[at] == '-' || text[at] == '+' || text[at] == '.' || text[at] == 'e' ||
              text[at] == 'E' || (text[at] >= '0' && text[at] <= '9'))) {
        ++at;
      }
      const std::string_view literal = text.substr(start, at - start);
      if (literal.find_first_of(".eE+", 1) != std::string_view::npos) {
        continue;  // a decimal: simdjson reads those as doubles
      }
      const bool negative = literal.front() == '-';
      const std::string_view digits = literal.substr(negative ? 1 : 0);
      if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) {
        continue;
      }
      if (exceeds(digits, negative ? "9223372036854775808" : "18446744073709551615")) {
        return NumberAt{path_of(stack), std::string(literal)};
      }
    } else {
      ++at;
    }
  }
  return std::nullopt;
}

}  // namespace odometer
