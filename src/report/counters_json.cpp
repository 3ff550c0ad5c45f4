#include "report/counters_json.hpp"

#include "util/json_text.hpp"

namespace odometer {

std::string counters_json(const std::vector<CounterValue>& values, Timestamp updated_at) {
  std::string out = "{\n  \"updated_at\": \"" + updated_at.to_string() + "\",\n  \"counters\": {";
  bool first = true;
  for (const auto& counter : values) {
    out.append(first ? "\n    " : ",\n    ");
    first = false;
    append_json_string(out, counter.name);
    out.append(": {\n      \"label\": ");
    append_json_string(out, counter.label);
    out.append(",\n      \"value\": ").append(std::to_string(counter.value));
    out.append(",\n      \"last_day\": ")
        .append(counter.last_day ? "\"" + counter.last_day->to_string() + "\"" : "null");
    out.append("\n    }");
  }
  out.append(values.empty() ? "}\n}\n" : "\n  }\n}\n");
  return out;
}

}  // namespace odometer
