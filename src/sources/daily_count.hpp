#pragma once

#include "core/day.hpp"
#include "core/series.hpp"

namespace odometer {

// One day's count from a registry's daily series, as a parser returns it.
// (Not report's DayCount, a chart point: one name for two types in one
// library is an ODR violation.)
struct DailyCount {
  Day day;
  Count count = 0;
  bool operator==(const DailyCount&) const = default;
};

}  // namespace odometer
