#pragma once

#include <string>
#include <string_view>

namespace odometer {

// Appends text as a JSON string literal, quotes included: '"', '\' and
// control characters are escaped, other bytes (UTF-8) are copied as they are.
void append_json_string(std::string& out, std::string_view text);

}  // namespace odometer
