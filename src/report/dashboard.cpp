#include "report/dashboard.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/dashboard_charts.hpp"
#include "report/dashboard_queries.hpp"
#include "report/dashboard_style.hpp"
#include "report/markup.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

constexpr std::size_t k_top_entries = 10;
constexpr std::size_t k_average_days = 7;

// A headline figure: a counter's value and its history, both asked of the
// counter engine.
struct DashboardCounter {
  std::string name;   // as in the config, e.g. "installs"
  std::string label;  // what a reader sees, e.g. "package installs"
  Count value = 0;
  std::vector<ChartPoint> history;  // oldest first; no chart when empty
};

DashboardCounter figure_of(const Ledger& ledger, const CounterSpec& spec) {
  const CounterValue value = evaluate(ledger, spec);
  DashboardCounter figure{value.name, value.label, value.value, {}};
  for (const auto& point : counter_history(ledger, spec)) {
    figure.history.push_back(ChartPoint{point.day, point.value});
  }
  return figure;
}

std::string number(Count value) {
  return with_thousands_separators(value);
}

std::string optional_number(const std::optional<Count>& value) {
  return value ? number(*value) : std::string("&ndash;");
}

// A number's cell in a table of class "cards", which a narrow screen shows
// as one card per row with each cell's label beside its value (the column
// headings are then off screen): nothing needs a sideways scroll.
std::string labelled_number(std::string_view label, const std::optional<Count>& value) {
  return "<td class=\"num\" data-label=\"" + std::string(label) + "\">" + optional_number(value) +
         "</td>";
}

// A time as a reader reads it, "2026-11-28 05:14 UTC", in a <time> whose
// datetime attribute keeps the exact RFC 3339 form.
void append_time(std::string& out, Timestamp at) {
  const std::string exact = at.to_string();  // YYYY-MM-DDTHH:MM:SSZ
  out += "<time datetime=\"" + exact + "\">" + exact.substr(0, 10) + " " + exact.substr(11, 5) +
         " UTC</time>";
}

// The title, when the ledger was last updated ("never" for a ledger no run
// has written), and the link.
void append_header(std::string& out, const DashboardHeader& header,
                   const std::optional<Timestamp>& updated_at) {
  out += "<header><h1>";
  append_escaped(out, header.title);
  out += "</h1><p class=\"meta\">Collected ";
  if (updated_at) {
    append_time(out, *updated_at);
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
    out += "</span><span class=\"value\">" + number(counter.value) + "</span><span class=\"name\">";
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
      out += chart_svg(label + " over time", counter.history, {});
      out += chart_table(label, counter.history);
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
    const auto days = traffic_per_day(ledger, metric);
    if (days.empty()) {
      continue;
    }
    charts += "<figure><figcaption>" + std::string(caption) +
              "<span class=\"key\"><span class=\"swatch\"></span>per day</span>"
              "<span class=\"key\"><span class=\"swatch avg\"></span>7-day average</span>"
              "</figcaption>";
    charts += chart_svg(std::string(caption) + ", all repositories, with a 7-day average", days,
                        moving_average(days, k_average_days));
    charts += chart_table(caption, days);
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
      "<section><h2>Repositories</h2><div class=\"scroll\"><table class=\"cards\"><thead><tr>"
      "<th>Repository</th>"
      "<th class=\"num\">Clones</th><th class=\"num\">Views</th><th class=\"num\">Stars</th>"
      "<th class=\"num\">Forks</th><th class=\"num\">Release downloads</th></tr></thead><tbody>";
  for (const auto& row : rows) {
    out += "<tr><td>";
    append_escaped(out, row.repo);
    out += "</td>" + labelled_number("Clones", row.clones) + labelled_number("Views", row.views) +
           labelled_number("Stars", row.stars) + labelled_number("Forks", row.forks) +
           labelled_number("Release downloads", row.release_downloads) + "</tr>";
  }
  out += "</tbody></table></div></section>\n";
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

void append_top(std::string& out, const Ledger& ledger, std::string_view metric,
                std::string_view heading, std::string_view column) {
  const auto entries = latest_top(ledger, metric, k_top_entries);
  if (entries.empty()) {
    return;
  }
  out += "<section><h2>" + std::string(heading) +
         "</h2><p class=\"note\">Counts over GitHub's 14-day window, as last read.</p>"
         "<div class=\"scroll\"><table class=\"cards\"><thead><tr><th>Repository</th><th>" +
         std::string(column) +
         "</th><th class=\"num\">Count</th><th>Read on</th></tr></thead><tbody>";
  for (const auto& entry : entries) {
    out += "<tr><td>";
    append_escaped(out, entry.repo);
    out += "</td><td class=\"wrap\">";
    append_escaped(out, entry.name);
    out += "</td><td class=\"num\" data-label=\"Count\">" + number(entry.value) +
           "</td><td data-label=\"Read on\">" + entry.day.to_string() + "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

// Referrers summed per domain over every repository, with where they came
// from: the view across repositories that GitHub's own page never gives.
void append_referrer_domains(std::string& out, const Ledger& ledger) {
  const auto domains = referrers_by_domain(ledger, k_top_entries);
  if (domains.empty()) {
    return;
  }
  out +=
      "<section><h2>Top referrers, all repositories</h2><p class=\"note\">Views over GitHub's "
      "14-day window, as last read, summed over the repositories.</p><div class=\"scroll\">"
      "<table class=\"cards\"><thead><tr><th>Referrer</th><th class=\"num\">Views</th>"
      "<th>By repository</th>"
      "</tr></thead><tbody>";
  for (const auto& domain : domains) {
    out += "<tr><td class=\"wrap\">";
    append_escaped(out, domain.name);
    out += "</td><td class=\"num\" data-label=\"Views\">" + number(domain.value) +
           "</td><td class=\"wrap\" data-label=\"By repository\">";
    bool first = true;
    for (const auto& repo : domain.repos) {
      out += first ? "" : ", ";
      first = false;
      append_escaped(out, repo.repo);
      out += " " + number(repo.value);
    }
    out += "</td></tr>";
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
    if (const auto at = Timestamp::parse(last_run->finished_at)) {
      append_time(out, *at);
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
  append_traffic(out, ledger);
  append_repositories(out, ledger);
  append_packages(out, ledger);
  append_referrer_domains(out, ledger);
  append_top(out, ledger, "referrer", "Top referrers by repository", "Referrer");
  append_top(out, ledger, "path", "Popular paths", "Path");
  append_last_run(out, last_run);
  out +=
      "<footer>Made by odometer. Totals only go forward: every count ever seen is kept, even "
      "after an API's window has moved on.</footer>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace odometer
