#include "report/summary.hpp"

#include <algorithm>

#include "util/text.hpp"

namespace odometer {

namespace {

// Calls literal(text) for plain text and placeholder(name) for each {name};
// returns the first syntax problem, or "" when there is none.
template <typename Literal, typename Placeholder>
std::string walk_format(std::string_view format, Literal literal, Placeholder placeholder) {
  std::size_t at = 0;
  while (at < format.size()) {
    const char c = format[at];
    if ((c == '{' || c == '}') && at + 1 < format.size() && format[at + 1] == c) {
      literal(format.substr(at, 1));
      at += 2;
    } else if (c == '}') {
      return "a lone '}' at character " + std::to_string(at + 1) + " (write '}}' for a brace)";
    } else if (c == '{') {
      const auto close = format.find('}', at);
      if (close == std::string_view::npos) {
        return "an unclosed '{' at character " + std::to_string(at + 1);
      }
      placeholder(format.substr(at + 1, close - at - 1));
      at = close + 1;
    } else {
      const auto next = format.find_first_of("{}", at);
      const auto end = next == std::string_view::npos ? format.size() : next;
      literal(format.substr(at, end - at));
      at = end;
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> summary_format_problems(std::string_view format,
                                                 const std::vector<CounterSpec>& counters) {
  std::vector<std::string> problems;
  const auto syntax = walk_format(
      format, [](std::string_view /*text*/) {},
      [&](std::string_view name) {
        if (name.empty()) {
          problems.emplace_back("an empty placeholder {} (write {COUNTER})");
          return;
        }
        const auto known = std::find_if(counters.begin(), counters.end(),
                                        [&](const CounterSpec& c) { return c.name == name; });
        if (known != counters.end()) {
          return;
        }
        std::string message = "unknown counter {" + std::string(name) + "}";
        std::vector<std::string_view> known_names;
        for (const auto& counter : counters) {
          known_names.emplace_back(counter.name);
        }
        if (const auto closest = closest_match(name, known_names)) {
          message += "; did you mean {" + std::string(*closest) + "}?";
        } else {
          std::string names;
          for (const auto& counter : counters) {
            names.append(names.empty() ? "" : ", ").append(counter.name);
          }
          message += " (counters: " + (names.empty() ? std::string("none") : names) + ")";
        }
        problems.push_back(message);
      });
  if (!syntax.empty()) {
    problems.push_back(syntax);
  }
  return problems;
}

std::string format_summary(std::string_view format, const std::vector<CounterValue>& values) {
  std::string out;
  walk_format(
      format, [&](std::string_view text) { out.append(text); },
      [&](std::string_view name) {
        const auto value = std::find_if(values.begin(), values.end(),
                                        [&](const CounterValue& v) { return v.name == name; });
        if (value == values.end()) {
          out.append("{").append(name).append("}");
        } else {
          out.append(with_thousands_separators(value->value));
        }
      });
  return out;
}

}  // namespace odometer
