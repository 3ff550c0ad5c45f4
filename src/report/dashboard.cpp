#include "report/dashboard.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>

#include "report/badge.hpp"
#include "report/markup.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

constexpr std::size_t k_top_entries = 10;
constexpr std::size_t k_average_days = 7;

// Light and dark colors through custom properties; the SVG charts use the
// same classes, so they follow the reader's color scheme too.
constexpr std::string_view k_style =
    R"css(:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--card:#f6f8fa;--border:#d1d9e0;--accent:#0969da;--accent2:#bf3989;--link:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--card:#151b23;--border:#3d444d;--accent:#4493f8;--accent2:#db61a2;--link:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:1100px;margin:0 auto;padding:16px}
a{color:var(--link)}
h1{font-size:1.6rem;margin:.2em 0}
h2{font-size:1.2rem;margin:1.6em 0 .6em;border-bottom:1px solid var(--border);padding-bottom:.2em}
.meta,.note,footer{color:var(--muted)}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin:0;padding:0;list-style:none}
.figures li,figure{background:var(--card);border:1px solid var(--border);border-radius:8px;padding:12px;margin:0}
.figures .label{font-weight:600}
.figures .value{display:block;font-size:1.8rem;font-weight:600;font-variant-numeric:tabular-nums;overflow-wrap:anywhere}
.figures .name{color:var(--muted);font-size:.8rem;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,460px),1fr));gap:16px}
figcaption{font-weight:600;margin-bottom:4px}
.key{font-weight:400;color:var(--muted);font-size:.85rem;margin-left:.6em;white-space:nowrap}
.swatch{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px;background:var(--accent)}
.swatch.avg{background:var(--accent2)}
svg.chart{display:block;width:100%;height:auto}
.chart text{fill:var(--muted);font-size:12px}
@media (max-width:560px){.chart text{font-size:16px}}
.chart .grid{stroke:var(--border);stroke-width:1}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round}
.chart .dot{fill:var(--accent)}
.chart .area{fill:var(--accent);fill-opacity:.15}
.chart .avg{fill:none;stroke:var(--accent2);stroke-width:2;stroke-dasharray:5 3}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;min-width:100%}
th,td{padding:6px 10px;border-bottom:1px solid var(--border);text-align:left;white-space:nowrap}
th{font-weight:600;background:var(--card)}
.num{text-align:right;font-variant-numeric:tabular-nums}
.wrap{white-space:normal;overflow-wrap:anywhere;min-width:12em}
footer{margin:2em 0 1em;font-size:.85rem}
)css";

// The page allows nothing but its own inline style: no script runs and
// nothing is fetched even if some text ever escaped its escaping.
constexpr std::string_view k_content_security_policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

std::string format_fixed(double value) {
  std::array<char, 32> buffer{};
  const int written = std::snprintf(buffer.data(), buffer.size(), "%.1f", value);
  return std::string(buffer.data(), written > 0 ? static_cast<std::size_t>(written) : 0);
}

std::string number(Count value) {
  return with_thousands_separators(value);
}

// OWNER/REPO and the rest of a GitHub entity ("o/r/Google" -> "o/r", "Google"
// for a referrer; "o/r/docs" -> "o/r", "/docs" for a path). Nullopt when the
// entity has no OWNER/REPO prefix.
struct RepoPart {
  std::string_view repo;
  std::string_view rest;
};

std::optional<RepoPart> split_repo(std::string_view entity, bool keep_slash) {
  const std::size_t first = entity.find('/');
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const std::size_t second = entity.find('/', first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  return RepoPart{entity.substr(0, second), entity.substr(keep_slash ? second : second + 1)};
}

bool is_package_metric(std::string_view metric) {
  return metric == "downloads" || metric == "pulls" || metric == "installs";
}

// --- charts --------------------------------------------------------------

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

// A line (with the area under it) through points, and optionally a dashed
// moving average; title is the accessible name.
std::string chart_svg(std::string_view title, const std::vector<DayCount>& points,
                      const std::vector<std::pair<Day, double>>& average) {
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
    for (const auto& [day, value] : average) {
      line += (line.empty() ? "" : " ") + point(scale, day, value);
    }
    out += "<polyline class=\"avg\" points=\"" + line + "\"/>";
  }
  out += "</svg>";
  return out;
}

// --- ledger views --------------------------------------------------------

// Every day from the first to the last day that any selected daily series
// holds, with the sum of their day counts (0 where none has a count: the
// traffic API leaves out days without clones or views).
std::vector<DayCount> daily_sums(const Ledger& ledger, std::string_view source,
                                 std::string_view metric) {
  std::map<Day, Count> sums;
  for (const auto& [key, series] : ledger.series()) {
    const DailySeries* daily = series.daily();
    if (key.source() != source || key.metric() != metric || daily == nullptr ||
        daily->additivity() != Additivity::additive) {
      continue;
    }
    for (const auto& [day, count] : daily->days()) {
      sums[day] = saturating_add(sums[day], count);
    }
  }
  std::vector<DayCount> out;
  if (sums.empty()) {
    return out;
  }
  const Day first = sums.begin()->first;
  const Day last = sums.rbegin()->first;
  out.reserve(static_cast<std::size_t>(last - first) + 1);
  for (Day day = first; day <= last; day = day + 1) {
    const auto found = sums.find(day);
    out.push_back(DayCount{day, found == sums.end() ? 0 : found->second});
  }
  return out;
}

// The trailing mean over k_average_days consecutive days, from the first day
// that has a full window.
std::vector<std::pair<Day, double>> moving_average(const std::vector<DayCount>& days) {
  std::vector<std::pair<Day, double>> out;
  double window = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    window += static_cast<double>(days[i].value);
    if (i >= k_average_days) {
      window -= static_cast<double>(days[i - k_average_days].value);
    }
    if (i + 1 >= k_average_days) {
      out.emplace_back(days[i].day, window / static_cast<double>(k_average_days));
    }
  }
  return out;
}

struct RepoRow {
  std::optional<Count> clones;
  std::optional<Count> views;
  std::optional<Count> stars;
  std::optional<Count> forks;
  std::optional<Count> release_downloads;
};

std::map<std::string, RepoRow> repository_rows(const Ledger& ledger) {
  std::map<std::string, RepoRow> rows;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() != "github") {
      continue;
    }
    const std::string_view metric = key.metric();
    std::optional<Count> RepoRow::*field = nullptr;
    if (metric == "clones") {
      field = &RepoRow::clones;
    } else if (metric == "views") {
      field = &RepoRow::views;
    } else if (metric == "stars") {
      field = &RepoRow::stars;
    } else if (metric == "forks") {
      field = &RepoRow::forks;
    } else if (metric == "release-downloads") {
      field = &RepoRow::release_downloads;
    } else {
      continue;
    }
    rows[std::string(key.entity())].*field = series.value();
  }
  return rows;
}

struct TopEntry {
  std::string repo;
  std::string name;
  Count value = 0;
  Day day;
};

// The gauges github:METRIC:OWNER/REPO/NAME read on their repository's newest
// day: a referrer that has left GitHub's top ten keeps its last reading in
// the ledger, but is no longer among the latest. The largest first.
std::vector<TopEntry> latest_top(const Ledger& ledger, std::string_view metric) {
  const bool is_path = metric == "path";
  std::map<std::string, Day, std::less<>> newest;
  std::vector<TopEntry> candidates;
  for (const auto& [key, series] : ledger.series()) {
    const GaugeSeries* gauge = series.gauge();
    if (key.source() != "github" || key.metric() != metric || gauge == nullptr ||
        gauge->days().empty()) {
      continue;
    }
    const auto parts = split_repo(key.entity(), is_path);
    if (!parts) {
      continue;
    }
    const auto& [day, reading] = gauge->days().entries().back();
    candidates.push_back(
        TopEntry{std::string(parts->repo), std::string(parts->rest), reading.value, day});
    auto [it, inserted] = newest.emplace(std::string(parts->repo), day);
    if (!inserted) {
      it->second = std::max(it->second, day);
    }
  }
  std::vector<TopEntry> out;
  for (auto& entry : candidates) {
    if (entry.day == newest.find(entry.repo)->second) {
      out.push_back(std::move(entry));
    }
  }
  std::sort(out.begin(), out.end(), [](const TopEntry& a, const TopEntry& b) {
    if (a.value != b.value) {
      return a.value > b.value;
    }
    return std::tie(a.repo, a.name) < std::tie(b.repo, b.name);
  });
  if (out.size() > k_top_entries) {
    out.resize(k_top_entries);
  }
  return out;
}

// --- page sections -------------------------------------------------------

std::string optional_number(const std::optional<Count>& value) {
  return value ? number(*value) : std::string("&ndash;");
}

void append_header(std::string& out, const DashboardInput& input) {
  out += "<header><h1>";
  append_escaped(out, input.title);
  out += "</h1><p class=\"meta\">Collected ";
  if (input.collected_at.empty()) {
    out += "at an unknown time";
  } else {
    out += "<time>";
    append_escaped(out, input.collected_at);
    out += "</time>";
  }
  if (!input.repository_url.empty()) {
    out += " &middot; ";
    const std::string_view url = input.repository_url;
    if (url.starts_with("https://") || url.starts_with("http://")) {
      out += "<a href=\"";
      append_escaped(out, url);
      out += "\">";
      append_escaped(out, url);
      out += "</a>";
    } else {
      append_escaped(out, url);
    }
  }
  out += "</p></header>\n";
}

void append_counters(std::string& out, const DashboardInput& input) {
  out += "<section><h2>Counters</h2>";
  if (input.counters.empty()) {
    out += "<p class=\"note\">No counters.</p></section>\n";
    return;
  }
  out += "<ul class=\"figures\">";
  for (const auto& counter : input.counters) {
    out += "<li><span class=\"label\">";
    append_escaped(out, counter.label.empty() ? counter.name : counter.label);
    out += "</span><span class=\"value\">" + number(counter.value) + "</span><span class=\"name\">";
    append_escaped(out, counter.name);
    out += "</span></li>";
  }
  out += "</ul>";
  bool any_history = false;
  for (const auto& counter : input.counters) {
    any_history = any_history || !counter.history.empty();
  }
  if (any_history) {
    out += "<h2>Over time</h2><div class=\"charts\">";
    for (const auto& counter : input.counters) {
      if (counter.history.empty()) {
        continue;
      }
      const std::string& label = counter.label.empty() ? counter.name : counter.label;
      out += "<figure><figcaption>";
      append_escaped(out, label);
      out += "</figcaption>";
      out += chart_svg(label + " over time", counter.history, {});
      out += "</figure>";
    }
    out += "</div>";
  }
  out += "</section>\n";
}

void append_traffic(std::string& out, const Ledger& ledger) {
  const std::array<std::pair<std::string_view, std::string_view>, 2> metrics = {
      {{"clones", "Clones per day"}, {"views", "Views per day"}}};
  std::string charts;
  for (const auto& [metric, caption] : metrics) {
    const auto days = daily_sums(ledger, "github", metric);
    if (days.empty()) {
      continue;
    }
    charts += "<figure><figcaption>" + std::string(caption) +
              "<span class=\"key\"><span class=\"swatch\"></span>per day</span>"
              "<span class=\"key\"><span class=\"swatch avg\"></span>7-day average</span>"
              "</figcaption>";
    charts += chart_svg(std::string(caption) + ", all repositories, with a 7-day average", days,
                        moving_average(days));
    charts += "</figure>";
  }
  if (charts.empty()) {
    return;
  }
  out +=
      "<section><h2>Repository traffic</h2><div class=\"charts\">" + charts + "</div></section>\n";
}

void append_repositories(std::string& out, const Ledger& ledger) {
  const auto rows = repository_rows(ledger);
  if (rows.empty()) {
    return;
  }
  out +=
      "<section><h2>Repositories</h2><div class=\"scroll\"><table><thead><tr><th>Repository</th>"
      "<th class=\"num\">Clones</th><th class=\"num\">Views</th><th class=\"num\">Stars</th>"
      "<th class=\"num\">Forks</th><th class=\"num\">Release downloads</th></tr></thead><tbody>";
  for (const auto& [repo, row] : rows) {
    out += "<tr><td>";
    append_escaped(out, repo);
    out += "</td><td class=\"num\">" + optional_number(row.clones) + "</td><td class=\"num\">" +
           optional_number(row.views) + "</td><td class=\"num\">" + optional_number(row.stars) +
           "</td><td class=\"num\">" + optional_number(row.forks) + "</td><td class=\"num\">" +
           optional_number(row.release_downloads) + "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

void append_packages(std::string& out, const Ledger& ledger) {
  std::string rows;
  for (const auto& [key, series] : ledger.series()) {
    if (key.source() == "github" || !is_package_metric(key.metric())) {
      continue;
    }
    rows += "<tr><td>";
    append_escaped(rows, key.source());
    rows += "</td><td>";
    append_escaped(rows, key.metric());
    rows += "</td><td>";
    append_escaped(rows, key.entity());
    rows += "</td><td>" + std::string(to_string(series.kind())) + "</td><td class=\"num\">" +
            optional_number(series.value()) + "</td><td>";
    const auto last = series.last_day();
    rows += last ? last->to_string() : std::string("&ndash;");
    rows += "</td></tr>";
  }
  if (rows.empty()) {
    return;
  }
  out +=
      "<section><h2>Packages</h2><div class=\"scroll\"><table><thead><tr><th>Source</th>"
      "<th>Metric</th><th>Package</th><th>Kind</th><th class=\"num\">Value</th><th>Last day</th>"
      "</tr></thead><tbody>" +
      rows + "</tbody></table></div></section>\n";
}

void append_top(std::string& out, const Ledger& ledger, std::string_view metric,
                std::string_view heading, std::string_view column) {
  const auto entries = latest_top(ledger, metric);
  if (entries.empty()) {
    return;
  }
  out += "<section><h2>" + std::string(heading) +
         "</h2><p class=\"note\">Counts over GitHub's 14-day window, as last read.</p>"
         "<div class=\"scroll\"><table><thead><tr><th>Repository</th><th>" +
         std::string(column) +
         "</th><th class=\"num\">Count</th><th>Read on</th></tr></thead><tbody>";
  for (const auto& entry : entries) {
    out += "<tr><td>";
    append_escaped(out, entry.repo);
    out += "</td><td class=\"wrap\">";
    append_escaped(out, entry.name);
    out += "</td><td class=\"num\">" + number(entry.value) + "</td><td>" + entry.day.to_string() +
           "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

void append_last_run(std::string& out, const std::optional<DashboardRun>& last_run) {
  out += "<section><h2>Last run</h2>";
  if (!last_run) {
    out += "<p class=\"note\">No record of the last run.</p></section>\n";
    return;
  }
  out += "<p>Finished ";
  if (last_run->finished_at.empty()) {
    out += "at an unknown time";
  } else {
    out += "<time>";
    append_escaped(out, last_run->finished_at);
    out += "</time>";
  }
  out += ".</p>";
  if (last_run->failures.empty()) {
    out += "<p>Nothing failed.</p></section>\n";
    return;
  }
  out +=
      "<div class=\"scroll\"><table><thead><tr><th>Source</th><th>Entity</th><th>Reason</th>"
      "</tr></thead><tbody>";
  for (const auto& failure : last_run->failures) {
    out += "<tr><td>";
    append_escaped(out, failure.source);
    out += "</td><td>";
    append_escaped(out, failure.entity);
    out += "</td><td class=\"wrap\">";
    append_escaped(out, failure.reason);
    out += "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

// The value of a series on each day on which it changes, oldest first.
std::vector<DayCount> steps_of(const Series& series) {
  std::vector<DayCount> out;
  if (const DailySeries* daily = series.daily()) {
    if (daily->additivity() != Additivity::additive) {
      return out;
    }
    // running = the best total up to the day: every candidate (a floor, or
    // zero before the first day) gains that day's count, and a floor on the
    // day is a new candidate that already includes it.
    std::map<Day, std::pair<Count, std::optional<Count>>> events;
    for (const auto& [day, count] : daily->days()) {
      events[day].first = count;
    }
    for (const auto& [day, floor] : daily->floors()) {
      events[day].second = floor;
    }
    Count running = 0;
    for (const auto& [day, event] : events) {
      running = saturating_add(running, event.first);
      if (event.second) {
        running = std::max(running, *event.second);
      }
      out.push_back(DayCount{day, running});
    }
  } else if (const CumulativeSeries* cumulative = series.cumulative()) {
    Count highest = 0;
    for (const auto& [day, value] : cumulative->days()) {
      highest = std::max(highest, value);
      out.push_back(DayCount{day, highest});
    }
  } else if (const GaugeSeries* gauge = series.gauge()) {
    for (const auto& [day, reading] : gauge->days()) {
      out.push_back(DayCount{day, reading.value});
    }
  }
  return out;
}

}  // namespace

std::optional<Count> value_as_of(const Series& series, Day day) {
  std::optional<Count> value;
  for (const auto& step : steps_of(series)) {
    if (step.day > day) {
      break;
    }
    value = step.value;
  }
  return value;
}

std::vector<DayCount> history_of(const Ledger& ledger,
                                 const std::function<bool(const SeriesKey&)>& selects) {
  std::vector<std::vector<DayCount>> selected;
  std::set<Day> all_days;
  for (const auto& [key, series] : ledger.series()) {
    if (!selects(key)) {
      continue;
    }
    auto steps = steps_of(series);
    for (const auto& step : steps) {
      all_days.insert(step.day);
    }
    if (!steps.empty()) {
      selected.push_back(std::move(steps));
    }
  }
  std::vector<DayCount> out;
  out.reserve(all_days.size());
  std::vector<std::size_t> next(selected.size(), 0);
  for (const Day day : all_days) {
    Count sum = 0;
    for (std::size_t i = 0; i < selected.size(); ++i) {
      const auto& steps = selected[i];
      while (next[i] < steps.size() && steps[next[i]].day <= day) {
        ++next[i];
      }
      if (next[i] > 0) {
        sum = saturating_add(sum, steps[next[i] - 1].value);
      }
    }
    out.push_back(DayCount{day, sum});
  }
  return out;
}

DashboardInput dashboard_input_from_ledger(const Ledger& ledger, std::string title,
                                           std::string collected_at) {
  DashboardInput input;
  input.title = std::move(title);
  input.collected_at = std::move(collected_at);
  input.ledger = &ledger;

  struct Default {
    std::string_view name;
    std::string_view label;
    std::function<bool(const SeriesKey&)> selects;
  };
  const auto github = [](std::string_view metric) {
    return [metric](const SeriesKey& key) {
      return key.source() == "github" && key.metric() == metric;
    };
  };
  const std::array<Default, 5> defaults = {{
      {"downloads", "Package downloads",
       [](const SeriesKey& key) {
         return key.source() != "github" && is_package_metric(key.metric());
       }},
      {"clones", "Repository clones", github("clones")},
      {"views", "Repository views", github("views")},
      {"release-downloads", "Release downloads", github("release-downloads")},
      {"stars", "Stars", github("stars")},
  }};
  for (const auto& counter : defaults) {
    auto history = history_of(ledger, counter.selects);
    if (history.empty()) {
      continue;
    }
    const Count value = history.back().value;
    input.counters.push_back(DashboardCounter{std::string(counter.name), std::string(counter.label),
                                              value, std::move(history)});
  }
  return input;
}

std::string render_dashboard(const DashboardInput& input) {
  std::string out;
  out.reserve(std::size_t{64} * 1024);
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(k_content_security_policy) + "\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<meta name=\"generator\" content=\"odometer\">\n<title>";
  append_escaped(out, input.title);
  out += "</title>\n<style>\n" + std::string(k_style) + "</style>\n</head>\n<body>\n<main>\n";
  append_header(out, input);
  append_counters(out, input);
  if (input.ledger != nullptr) {
    append_traffic(out, *input.ledger);
    append_repositories(out, *input.ledger);
    append_packages(out, *input.ledger);
    append_top(out, *input.ledger, "referrer", "Top referrers", "Referrer");
    append_top(out, *input.ledger, "path", "Popular paths", "Path");
  }
  append_last_run(out, input.last_run);
  out +=
      "<footer>Made by odometer. Totals only go forward: every count ever seen is kept, even "
      "after an API's window has moved on.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace odometer
