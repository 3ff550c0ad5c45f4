#pragma once

#include "core/day.hpp"
#include "core/series.hpp"

namespace odometer {

// One day's count from a registry's daily series, as a parser returns it.
struct DayCount {
  Day day;
  Count count = 0;
  bool operator==(const DayCount&) const = default;
};

}  // namespace odometer
