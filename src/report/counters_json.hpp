#pragma once

#include <string>
#include <vector>

#include "core/counters.hpp"
#include "core/timestamp.hpp"

namespace odometer {

// counters.json for a web site:
//   {"updated_at": "...", "counters": {"installs": {"label": "...", "value": N,
//    "last_day": "YYYY-MM-DD" or null}, ...}}
// Counters in the given order; pretty-printed with a 2-space indent and a
// trailing newline; strings escaped as JSON. The same input gives the same bytes.
std::string counters_json(const std::vector<CounterValue>& values, Timestamp updated_at);

}  // namespace odometer
