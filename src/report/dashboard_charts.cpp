#include "report/dashboard_charts.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>

#include "report/badge.hpp"
#include "report/markup.hpp"

namespace odometer {
namespace {

std::string format_fixed(double value) {
  std::array<char, 32> buffer{};
  const int written = std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  return std::string(buffer.data(), written > 0 ? static_cast<std::size_t>(written) : 0);
}

// The chart's drawing area inside its 480 x 200 viewBox.
constexpr double k_plot_left = 48;
constexpr double k_plot_right = 468;
constexpr double k_plot_top = 12;
constexpr double k_plot_bottom = 172;

// A step of 1, 2 or 5 times a power of ten, at least raw (and at least 1).
// raw is at most a quarter of the largest Count, so 5 * 10^18 always ends
// the search without overflow.
Count nice_step(Count raw) {
  Count power = 1;
  while (true) {
    for (const Count factor : {Count{1}, Count{2}, Count{5}}) {
      if (power * factor >= raw) {
        return power * factor;
      }
    }
    power *= 10;
  }
}

struct Scale {
  Day first;
  std::int32_t span = 0;  // days from first to last
  Count step = 1;
  Count intervals = 1;  // grid lines above zero: the top is step * intervals

  double top() const { return static_cast<double>(step) * static_cast<double>(intervals); }
  // The value of grid line i, saturating (the top may pass the largest Count).
  Count tick(Count i) const {
    return i > std::numeric_limits<Count>::max() / step ? std::numeric_limits<Count>::max()
                                                        : i * step;
  }
  double x(Day day) const {
    if (span == 0) {
      return (k_plot_left + k_plot_right) / 2;
    }
    return k_plot_left + (k_plot_right - k_plot_left) * (day - first) / span;
  }
  double y(double value) const {
    return k_plot_bottom - (k_plot_bottom - k_plot_top) * value / top();
  }
};

Scale scale_for(Day first, Day last, Count largest) {
  Scale scale;
  scale.first = first;
  scale.span = last - first;
  // About four grid lines.
  scale.step = nice_step(largest / 4 + (largest % 4 != 0 ? 1 : 0));
  scale.intervals = std::max<Count>(1, largest / scale.step + (largest % scale.step != 0 ? 1 : 0));
  return scale;
}

void append_axes(std::string& out, const Scale& scale, Day last) {
  for (Count i = 0; i <= scale.intervals; ++i) {
    const double value = static_cast<double>(scale.step) * static_cast<double>(i);
    const std::string y = format_fixed(scale.y(value));
    out += "<line class=\"grid\" x1=\"" + format_fixed(k_plot_left) + "\" x2=\"" +
           format_fixed(k_plot_right) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>";
    out += "<text x=\"" + format_fixed(k_plot_left - 6) + "\" y=\"" +
           format_fixed(scale.y(value) + 4) + "\" text-anchor=\"end\">" +
           compact_number(scale.tick(i)) + "</text>";
  }
  const std::string label_y = format_fixed(k_plot_bottom + 20);
  if (scale.span == 0) {
    out += "<text x=\"" + format_fixed(scale.x(scale.first)) + "\" y=\"" + label_y +
           "\" text-anchor=\"middle\">" + scale.first.to_string() + "</text>";
    return;
  }
  out += "<text x=\"" + format_fixed(k_plot_left) + "\" y=\"" + label_y +
         "\" text-anchor=\"start\">" + scale.first.to_string() + "</text>";
  if (scale.span >= 4) {
    const Day middle = scale.first + scale.span / 2;
    out += "<text x=\"" + format_fixed(scale.x(middle)) + "\" y=\"" + label_y +
           "\" text-anchor=\"middle\">" + middle.to_string() + "</text>";
  }
  out += "<text x=\"" + format_fixed(k_plot_right) + "\" y=\"" + label_y +
         "\" text-anchor=\"end\">" + last.to_string() + "</text>";
}

std::string point(const Scale& scale, Day day, double value) {
  return format_fixed(scale.x(day)) + "," + format_fixed(scale.y(value));
}

}  // namespace

std::vector<AveragePoint> moving_average(const std::vector<ChartPoint>& points,
                                         std::size_t window) {
  std::vector<AveragePoint> out;
  if (window == 0) {
    return out;
  }
  double sum = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    sum += static_cast<double>(points[i].value);
    if (i >= window) {
      sum -= static_cast<double>(points[i - window].value);
    }
    if (i + 1 >= window) {
      out.push_back(AveragePoint{points[i].day, sum / static_cast<double>(window)});
    }
  }
  return out;
}

std::string chart_svg(std::string_view title, const std::vector<ChartPoint>& points,
                      const std::vector<AveragePoint>& average) {
  if (points.empty()) {
    return "";
  }
  Count largest = 0;
  for (const auto& p : points) {
    largest = std::max(largest, p.value);
  }
  const Day first = points.front().day;
  const Day last = points.back().day;
  const Scale scale = scale_for(first, last, largest);

  std::string out = "<svg class=\"chart\" viewBox=\"0 0 480 200\" role=\"img\" aria-label=\"";
  append_escaped(out, title);
  out += "\">";
  append_axes(out, scale, last);
  if (points.size() == 1) {
    out += "<circle class=\"dot\" cx=\"" + format_fixed(scale.x(first)) + "\" cy=\"" +
           format_fixed(scale.y(static_cast<double>(points.front().value))) + "\" r=\"4\"/>";
  } else {
    std::string line;
    for (const auto& p : points) {
      line += (line.empty() ? "" : " ") + point(scale, p.day, static_cast<double>(p.value));
    }
    out += "<path class=\"area\" d=\"M" + point(scale, first, 0) + " L" + line + " L" +
           point(scale, last, 0) + " Z\"/>";
    out += "<polyline class=\"line\" points=\"" + line + "\"/>";
  }
  if (average.size() > 1) {
    std::string line;
    for (const auto& p : average) {
      line += (line.empty() ? "" : " ") + point(scale, p.day, p.value);
    }
    out += "<polyline class=\"avg\" points=\"" + line + "\"/>";
  }
  out += "</svg>";
  return out;
}

}  // namespace odometer
