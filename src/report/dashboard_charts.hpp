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

// A day a chart marks, and the note under the chart that explains it (a
// series first read with a total from before odometer).
struct ChartMarker {
  Day day;
  std::string note;  // plain text; escaped where it is written
  bool operator==(const ChartMarker&) const = default;
};

// What one chart shows. points: the area and its line, consecutive days,
// oldest first. average: a dashed line. beside: a second daily line on the
// same days (unique cloners beside clones), labelled beside_label, drawn
// dotted and given in each day's hover text and table row; its days need
// not cover every point. markers: days marked with a numbered flag whose
// numbers are those of chart_notes.
struct Chart {
  std::string title;  // the accessible name
  std::vector<ChartPoint> points;
  std::vector<AveragePoint> average;
  std::vector<ChartPoint> beside;
  std::string beside_label;  // "unique cloners"
  std::vector<ChartMarker> markers;
};

// An area chart in a 480 x 200 viewBox, with grid lines at round values,
// compact numbers on the y axis, date_ticks on the x axis, the average as a
// dashed line when it has two points or more, the beside line, a flag
// numbered 1, 2, ... on each marker's day (its <title> the note), and over
// every plotted day a hover target whose <title> is "DAY: VALUE", or "DAY:
// VALUE (BESIDE LABEL)" on a day the beside line has. A single point is
// drawn as a dot. Text is escaped here. Empty when points is empty. The
// same input gives the same bytes.
std::string chart_svg(const Chart& chart);

// chart_svg of a chart of points and an average only.
std::string chart_svg(std::string_view title, const std::vector<ChartPoint>& points,
                      const std::vector<AveragePoint>& average);

// The notes of chart.markers as a numbered list (<ol class="marks">, each
// item "DAY: NOTE"), numbered as the flags are. Empty without markers.
std::string chart_notes(const Chart& chart);

// The text alternative of a chart: a collapsed <details> whose table lists
// every point's day and value (and the beside value, "–" on a day without
// one), newest first, for screen readers and for reading exact numbers.
// caption is escaped. Empty when points is empty.
std::string chart_table(std::string_view caption, const Chart& chart);

// chart_table of a chart of points only.
std::string chart_table(std::string_view caption, const std::vector<ChartPoint>& points);

}  // namespace odometer
