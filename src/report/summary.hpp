#pragma once

// The one-line summary of the home page, from a format with {counter}
// placeholders: "{installs}+ package installs · {clones} repo clones".

#include <string>
#include <string_view>
#include <vector>

#include "core/counters.hpp"

namespace odometer {

inline constexpr std::string_view k_default_summary_format =
    "{installs}+ package installs \xC2\xB7 {clones} repo clones";

// Every problem of format, given the counters that exist: an unknown name
// (with the closest known one), an empty "{}", an unclosed "{", a stray
// "}". "{{" and "}}" stand for literal braces. Empty when the format is good.
std::vector<std::string> summary_format_problems(std::string_view format,
                                                 const std::vector<CounterSpec>& counters);

// The format with each {name} replaced by that counter's value with
// thousands separators ("8,116"). Precondition: summary_format_problems is
// empty for the counters of values; a placeholder that still names no
// counter is kept as it is written.
std::string format_summary(std::string_view format, const std::vector<CounterValue>& values);

}  // namespace odometer
