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

// A date under a chart's x axis.
struct DateTick {
  Day day;
  std::string label;  // "Apr 6", "Apr 2026" or "2026"
  bool operator==(const DateTick&) const = default;
};

// At most five dates from first to last, as the range asks: every day or
// two for a short range, Mondays for up to five weeks, else the first of
// every 1, 2, 3, 6 or 12 months (labelled by year from 12 on). Empty when
// last < first.
std::vector<DateTick> date_ticks(Day first, Day last);

// An area chart of points (oldest first) in a 480 x 200 viewBox, with grid
// lines at round values, compact numbers on the y axis, date_ticks on the x
// axis, the average as a dashed line when it has two points or more, and
// over every plotted day a hover target whose <title> is "DAY: VALUE". A
// single point is drawn as a dot. title is the chart's accessible name,
// escaped here. Empty when points is empty. The same input gives the same
// bytes.
std::string chart_svg(std::string_view title, const std::vector<ChartPoint>& points,
                      const std::vector<AveragePoint>& average);

// The text alternative of a chart: a collapsed <details> whose table lists
// every point's day and value, newest first, for screen readers and for
// reading exact numbers. caption is escaped. Empty when points is empty.
std::string chart_table(std::string_view caption, const std::vector<ChartPoint>& points);

}  // namespace odometer
