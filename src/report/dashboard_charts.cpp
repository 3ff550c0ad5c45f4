#include "report/dashboard_charts.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <limits>
#include <map>

#include "report/badge.hpp"
#include "report/markup.hpp"
#include "util/text.hpp"

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
  for (const auto& tick : date_ticks(scale.first, last)) {
    const std::string x = format_fixed(scale.x(tick.day));
    out += "<line class=\"tick\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" +
           format_fixed(k_plot_bottom) + "\" y2=\"" + format_fixed(k_plot_bottom + 5) + "\"/>";
    out += "<text x=\"" + x + "\" y=\"" + label_y + "\" text-anchor=\"middle\">" + tick.label +
           "</text>";
  }
}

// One hover target per day, a column of the plot's height whose <title> is
// the day and its value (and the beside value of that day, if any): a
// pointer on any day shows that day's numbers.
void append_day_targets(std::string& out, const Scale& scale, const std::vector<ChartPoint>& points,
                        const std::map<Day, Count>& beside, std::string_view beside_label) {
  const double width =
      scale.span == 0 ? k_plot_right - k_plot_left : (k_plot_right - k_plot_left) / scale.span;
  out += "<g class=\"days\">";
  for (const auto& p : points) {
    out += "<rect x=\"" + format_fixed(scale.x(p.day) - width / 2) + "\" y=\"" +
           format_fixed(k_plot_top) + "\" width=\"" + format_fixed(width) + "\" height=\"" +
           format_fixed(k_plot_bottom - k_plot_top) + "\"><title>" + p.day.to_string() + ": " +
           with_thousands_separators(p.value);
    if (const auto found = beside.find(p.day); found != beside.end()) {
      out += " (" + with_thousands_separators(found->second) + " ";
      append_escaped(out, beside_label);
      out += ")";
    }
    out += "</title></rect>";
  }
  out += "</g>";
}

constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// At most this many dates under a chart: at a phone's width more overlap.
constexpr std::int32_t k_most_ticks = 5;

struct Ymd {
  int year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

Ymd ymd_of(Day day) {
  const std::string text = day.to_string();  // YYYY-MM-DD
  return Ymd{std::stoi(text.substr(0, 4)), static_cast<unsigned>(std::stoi(text.substr(5, 2))),
             static_cast<unsigned>(std::stoi(text.substr(8, 2)))};
}

std::string day_label(Day day) {
  const Ymd date = ymd_of(day);
  return std::string(k_months[date.month - 1]) + " " + std::to_string(date.day);
}

}  // namespace

std::vector<DateTick> date_ticks(Day first, Day last) {
  std::vector<DateTick> ticks;
  const std::int32_t span = last - first;
  if (span < 0) {
    return ticks;
  }
  if (span <= 14 * k_most_ticks) {
    // Every day or few days, else Mondays every week or two (1970-01-01
    // was a Thursday).
    const std::int32_t step = span <= 2 * k_most_ticks
                                  ? std::max(1, (span + k_most_ticks - 1) / k_most_ticks)
                                  : (span <= 7 * k_most_ticks ? 7 : 14);
    Day day = first;
    if (step >= 7) {
      while ((day.days_since_epoch() + 3) % 7 != 0) {
        day = day + 1;
      }
    }
    for (; day <= last; day = day + step) {
      ticks.push_back(DateTick{day, day_label(day)});
    }
    return ticks;
  }
  // Months on their first day, every 1, 2, 3, 6 or 12 months (then years).
  const Ymd start = ymd_of(first);
  const Ymd end = ymd_of(last);
  const int months =
      (end.year - start.year) * 12 + static_cast<int>(end.month) - static_cast<int>(start.month);
  int step = 12;
  for (const int candidate : {1, 2, 3, 6}) {
    if (months / candidate < k_most_ticks) {
      step = candidate;
      break;
    }
  }
  while (months / step >= k_most_ticks) {
    step += 12;
  }
  int index = start.year * 12 + static_cast<int>(start.month) - 1 + (start.day == 1 ? 0 : 1);
  // Align to the step (January for years, quarters for three months).
  while (index % step != 0) {
    ++index;
  }
  for (;; index += step) {
    const auto day = Day::from_ymd(index / 12, static_cast<unsigned>(index % 12) + 1, 1);
    if (!day || *day > last) {
      break;
    }
    const std::string label = step >= 12
                                  ? std::to_string(index / 12)
                                  : std::string(k_months[static_cast<std::size_t>(index % 12)]) +
                                        " " + std::to_string(index / 12);
    ticks.push_back(DateTick{*day, label});
  }
  return ticks;
}

namespace {

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

namespace {

// Each day's beside value, for the hover text and the table.
std::map<Day, Count> by_day(const std::vector<ChartPoint>& points) {
  std::map<Day, Count> out;
  for (const auto& p : points) {
    out.emplace(p.day, p.value);
  }
  return out;
}

std::string line_of(const Scale& scale, const std::vector<ChartPoint>& points) {
  std::string line;
  for (const auto& p : points) {
    line += (line.empty() ? "" : " ") + point(scale, p.day, static_cast<double>(p.value));
  }
  return line;
}

// A numbered flag on each marked day: a line over the plot's height and a
// disc with the number of the note (chart_notes), the note as its title.
void append_markers(std::string& out, const Scale& scale, const std::vector<ChartMarker>& markers) {
  std::size_t number = 0;
  for (const auto& marker : markers) {
    ++number;
    const std::string x = format_fixed(scale.x(marker.day));
    out += "<g class=\"mark\"><title>" + marker.day.to_string() + ": ";
    append_escaped(out, marker.note);
    out += "</title><line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + format_fixed(k_plot_top) +
           "\" y2=\"" + format_fixed(k_plot_bottom) + "\"/><circle cx=\"" + x + "\" cy=\"" +
           format_fixed(k_plot_top) + "\" r=\"10\"/><text x=\"" + x + "\" y=\"" +
           format_fixed(k_plot_top + 4) + "\">" + std::to_string(number) + "</text></g>";
  }
}

}  // namespace

std::string chart_svg(const Chart& chart) {
  const auto& points = chart.points;
  if (points.empty()) {
    return "";
  }
  Count largest = 0;
  for (const auto* list : {&points, &chart.beside}) {
    for (const auto& p : *list) {
      largest = std::max(largest, p.value);
    }
  }
  const Day first = points.front().day;
  const Day last = points.back().day;
  const Scale scale = scale_for(first, last, largest);

  std::string out = "<svg class=\"chart\" viewBox=\"0 0 480 200\" role=\"img\" aria-label=\"";
  append_escaped(out, chart.title);
  out += "\">";
  append_axes(out, scale, last);
  if (points.size() == 1) {
    out += "<circle class=\"dot\" cx=\"" + format_fixed(scale.x(first)) + "\" cy=\"" +
           format_fixed(scale.y(static_cast<double>(points.front().value))) + "\" r=\"4\"/>";
  } else {
    const std::string line = line_of(scale, points);
    out += "<path class=\"area\" d=\"M" + point(scale, first, 0) + " L" + line + " L" +
           point(scale, last, 0) + " Z\"/>";
    out += "<polyline class=\"line\" points=\"" + line + "\"/>";
  }
  if (chart.average.size() > 1) {
    std::string line;
    for (const auto& p : chart.average) {
      line += (line.empty() ? "" : " ") + point(scale, p.day, p.value);
    }
    out += "<polyline class=\"avg\" points=\"" + line + "\"/>";
  }
  if (chart.beside.size() > 1) {
    out += "<polyline class=\"beside\" points=\"" + line_of(scale, chart.beside) + "\"/>";
  }
  // Last, so that they lie on top of what they explain.
  append_day_targets(out, scale, points, by_day(chart.beside), chart.beside_label);
  append_markers(out, scale, chart.markers);
  out += "</svg>";
  return out;
}

std::string chart_svg(std::string_view title, const std::vector<ChartPoint>& points,
                      const std::vector<AveragePoint>& average) {
  return chart_svg(Chart{std::string(title), points, average, {}, {}, {}});
}

std::string chart_notes(const Chart& chart) {
  if (chart.markers.empty()) {
    return "";
  }
  std::string out = "<ol class=\"marks\">";
  for (const auto& marker : chart.markers) {
    out += "<li>" + marker.day.to_string() + ": ";
    append_escaped(out, marker.note);
    out += "</li>";
  }
  out += "</ol>";
  return out;
}

std::string chart_table(std::string_view caption, const Chart& chart) {
  const auto& points = chart.points;
  if (points.empty()) {
    return "";
  }
  const bool with_beside = !chart.beside.empty();
  const auto beside = by_day(chart.beside);
  std::string out = "<details class=\"values\"><summary>";
  append_escaped(out, caption);
  out += ": every day's value</summary><table><thead><tr><th>Day</th><th class=\"num\">Value</th>";
  if (with_beside) {
    out += "<th class=\"num\">";
    append_escaped(out, chart.beside_label);
    out += "</th>";
  }
  out += "</tr></thead><tbody>";
  for (auto p = points.rbegin(); p != points.rend(); ++p) {
    out += "<tr><td>" + p->day.to_string() + "</td><td class=\"num\">" +
           with_thousands_separators(p->value) + "</td>";
    if (with_beside) {
      const auto found = beside.find(p->day);
      out += "<td class=\"num\">" +
             (found == beside.end() ? std::string("&ndash;")
                                    : with_thousands_separators(found->second)) +
             "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></details>";
  return out;
}

std::string chart_table(std::string_view caption, const std::vector<ChartPoint>& points) {
  return chart_table(caption, Chart{"", points, {}, {}, {}, {}});
}

}  // namespace odometer
