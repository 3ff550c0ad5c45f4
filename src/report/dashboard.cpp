#include "report/dashboard.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/dashboard_charts.hpp"
#include "report/dashboard_html.hpp"
#include "report/dashboard_queries.hpp"
#include "report/dashboard_style.hpp"
#include "report/dashboard_traffic.hpp"
#include "report/markup.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

// A headline figure: a counter's value and its history, both asked of the
// counter engine.
struct DashboardCounter {
  std::string name;   // as in the config, e.g. "installs"
  std::string label;  // what a reader sees, e.g. "package installs"
  Count value = 0;
  std::vector<ChartPoint> history;   // oldest first; no chart when empty
  std::vector<ChartMarker> markers;  // the days series entered with an earlier total
};

// "npm:downloads:foo first read at 3,512 (all-time total before odometer)".
std::string first_reading_note(const FirstReading& reading) {
  return reading.key.str() +
         (reading.carried == FirstReading::Carried::floor ? " carried in at " : " first read at ") +
         dashboard_number(reading.amount) +
         (reading.carried == FirstReading::Carried::floor
              ? " (counted up to that day before odometer)"
              : " (all-time total before odometer)");
}

// One marker a day. Its note names the series that entered that day, one
// with its sentence, several in a list with their sum.
std::vector<ChartMarker> markers_of(const std::vector<FirstReading>& readings) {
  std::vector<ChartMarker> markers;
  for (std::size_t at = 0; at < readings.size();) {
    std::size_t end = at;
    Count sum = 0;
    while (end < readings.size() && readings[end].day == readings[at].day) {
      sum = saturating_add(sum, readings[end].amount);
      ++end;
    }
    if (end - at == 1) {
      markers.push_back(ChartMarker{readings[at].day, first_reading_note(readings[at])});
    } else {
      std::string note = std::to_string(end - at) +
                         " series first read with totals from before odometer, " +
                         dashboard_number(sum) + " in all:";
      for (std::size_t i = at; i < end; ++i) {
        note +=
            (i == at ? " " : ", ") + readings[i].key.str() + " " +
            dashboard_number(readings[i].amount) +
            (readings[i].carried == FirstReading::Carried::floor ? " (a carried-in floor)" : "");
      }
      markers.push_back(ChartMarker{readings[at].day, note});
    }
    at = end;
  }
  return markers;
}

DashboardCounter figure_of(const Ledger& ledger, const CounterSpec& spec) {
  const CounterValue value = evaluate(ledger, spec);
  DashboardCounter figure{
      value.name, value.label, value.value, {}, markers_of(first_readings(ledger, spec))};
  for (const auto& point : counter_history(ledger, spec)) {
    figure.history.push_back(ChartPoint{point.day, point.value});
  }
  return figure;
}

// The title, when the ledger was last updated ("never" for a ledger no run
// has written), and the link.
void append_header(std::string& out, const DashboardHeader& header,
                   const std::optional<Timestamp>& updated_at) {
  out += "<header><h1>";
  append_escaped(out, header.title);
  out += "</h1><p class=\"meta\">Collected ";
  if (updated_at) {
    append_time(out, *updated_at, header.now);
  } else {
    out += "never";
  }
  if (!header.link.empty()) {
    out += " &middot; ";
    const std::string_view url = header.link;
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

void append_counters(std::string& out, const std::vector<DashboardCounter>& counters) {
  out += "<section><h2>Counters</h2>";
  if (counters.empty()) {
    out += "<p class=\"note\">No counters.</p></section>\n";
    return;
  }
  out += "<ul class=\"figures\">";
  for (const auto& counter : counters) {
    out += "<li><span class=\"label\">";
    append_escaped(out, counter.label.empty() ? counter.name : counter.label);
    out += "</span><span class=\"value\">" + dashboard_number(counter.value) +
           "</span><span class=\"name\">";
    append_escaped(out, counter.name);
    out += "</span></li>";
  }
  out += "</ul>";
  bool any_history = false;
  for (const auto& counter : counters) {
    any_history = any_history || !counter.history.empty();
  }
  if (any_history) {
    out += "<h2>Over time</h2><div class=\"charts\">";
    for (const auto& counter : counters) {
      if (counter.history.empty()) {
        continue;
      }
      const std::string& label = counter.label.empty() ? counter.name : counter.label;
      out += "<figure><figcaption>";
      append_escaped(out, label);
      out += "</figcaption>";
      const Chart chart{label + " over time", counter.history, {}, {}, {}, counter.markers};
      out += chart_svg(chart) + chart_notes(chart) + chart_table(label, chart);
      out += "</figure>";
    }
    out += "</div>";
  }
  out += "</section>\n";
}

void append_packages(std::string& out, const Ledger& ledger) {
  const auto rows = package_rows(ledger);
  if (rows.empty()) {
    return;
  }
  out +=
      "<section><h2>Packages</h2><div class=\"scroll\"><table class=\"cards\"><thead><tr>"
      "<th>Source</th>"
      "<th>Metric</th><th>Package</th><th>Kind</th><th class=\"num\">Value</th><th>Last day</th>"
      "</tr></thead><tbody>";
  for (const auto& row : rows) {
    out += "<tr><td>";
    append_escaped(out, row.key.source());
    out += "</td><td>";
    append_escaped(out, row.key.metric());
    out += "</td><td>";
    append_escaped(out, row.key.entity());
    out += "</td><td>" + std::string(to_string(row.kind)) + "</td>" +
           labelled_number("Value", row.value) + "<td data-label=\"Last day\">";
    out += row.last_day ? row.last_day->to_string() : std::string("&ndash;");
    out += "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

void append_last_run(std::string& out, const std::optional<DashboardRun>& last_run,
                     const std::optional<Timestamp>& now) {
  out += "<section><h2>Last run</h2>";
  if (!last_run) {
    out += "<p class=\"note\">No record of the last run.</p></section>\n";
    return;
  }
  out += "<p>Finished ";
  if (last_run->finished_at.empty()) {
    out += "at an unknown time";
  } else {
    if (const auto at = Timestamp::parse(last_run->finished_at)) {
      append_time(out, *at, now);
    } else {
      out += "<time>";
      append_escaped(out, last_run->finished_at);
      out += "</time>";
    }
  }
  out += ".</p>";
  if (last_run->failures.empty()) {
    out += "<p>Nothing failed.</p></section>\n";
    return;
  }
  out +=
      "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>Source</th><th>Entity</th>"
      "<th>Reason</th>"
      "</tr></thead><tbody>";
  for (const auto& failure : last_run->failures) {
    out += "<tr><td>";
    append_escaped(out, failure.source);
    out += "</td><td>";
    append_escaped(out, failure.entity);
    out += "</td><td class=\"wrap\" data-label=\"Reason\">";
    append_escaped(out, failure.reason);
    out += "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

}  // namespace

std::string render_dashboard(const Ledger& ledger, const std::vector<CounterSpec>& counters,
                             const DashboardHeader& header,
                             const std::optional<DashboardRun>& last_run) {
  std::vector<DashboardCounter> figures;
  figures.reserve(counters.size());
  for (const auto& spec : counters) {
    figures.push_back(figure_of(ledger, spec));
  }

  std::string out;
  out.reserve(std::size_t{64} * 1024);
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         std::string(dashboard_content_security_policy()) + "\">\n";
  out += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  out += "<meta name=\"generator\" content=\"odometer\">\n<title>";
  append_escaped(out, header.title);
  out +=
      "</title>\n<style>\n" + std::string(dashboard_css()) + "</style>\n</head>\n<body>\n<main>\n";
  append_header(out, header, ledger.updated_at());
  append_counters(out, figures);
  append_github_activity(out, ledger);
  append_packages(out, ledger);
  append_github_popular(out, ledger);
  append_last_run(out, last_run, header.now);
  out +=
      "<footer>Made by odometer. Totals only go forward: every count ever seen is kept, even "
      "after an API's window has moved on.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace odometer
