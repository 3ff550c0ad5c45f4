#pragma once

// The dashboard's SVG charts: a scale with a few round grid lines, an area
// under a line of daily points, and a dashed moving average. Drawing only:
// the numbers come from the counter engine (core/counters.hpp) and the
// dashboard's queries (dashboard_queries.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "core/series.hpp"

namespace odometer {

// One plotted day: a count on a day (a counter as of the day, or the day's
// clones).
struct ChartPoint {
  Day day;
  Count value = 0;
  bool operator==(const ChartPoint&) const = default;
};

// One point of a moving average, a fraction.
struct AveragePoint {
  Day day;
  double value = 0;
};

// The trailing mean over window consecutive points, one per point from the
// first that has a full window (none when there are fewer points, or when
// window is 0). points are consecutive days, oldest first.
std::vector<AveragePoint> moving_average(const std::vector<ChartPoint>& points, std::size_t window);

// An area chart of points (oldest first) in a 480 x 200 viewBox, with grid
// lines at round values, compact numbers on the y axis, the first, middle
// and last dates on the x axis, and the average as a dashed line when it has
// two points or more. A single point is drawn as a dot. title is the chart's
// accessible name, escaped here. Empty when points is empty. The same input
// gives the same bytes.
std::string chart_svg(std::string_view title, const std::vector<ChartPoint>& points,
                      const std::vector<AveragePoint>& average);

}  // namespace odometer
