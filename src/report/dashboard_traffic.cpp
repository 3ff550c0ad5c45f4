#include "report/dashboard_traffic.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/github_keys.hpp"
#include "report/dashboard_charts.hpp"
#include "report/dashboard_html.hpp"
#include "report/dashboard_queries.hpp"
#include "report/markup.hpp"

namespace odometer {
namespace {

constexpr std::size_t k_top_entries = 10;
constexpr std::size_t k_average_days = 7;
// The largest referrers drawn over time.
constexpr std::size_t k_history_charts = 5;

// A traffic metric, the uniques beside it, and how a reader names them.
struct TrafficMetric {
  std::string_view metric;   // clones
  std::string_view uniques;  // clone-uniques
  std::string_view caption;  // Clones per day
  std::string_view people;   // unique cloners
};

constexpr std::array<TrafficMetric, 2> k_traffic = {{
    {k_github_clones, k_github_clone_uniques, "Clones per day", "unique cloners"},
    {k_github_views, k_github_view_uniques, "Views per day", "unique visitors"},
}};

std::string key_swatch(std::string_view swatch_class, std::string_view label) {
  return "<span class=\"key\"><span class=\"swatch" +
         (swatch_class.empty() ? std::string() : " " + std::string(swatch_class)) + "\"></span>" +
         std::string(label) + "</span>";
}

// A figure: caption (already HTML), the chart, its marker notes and its
// table.
std::string figure(const std::string& caption_html, const std::string& table_caption,
                   const Chart& chart) {
  return "<figure><figcaption>" + caption_html + "</figcaption>" + chart_svg(chart) +
         chart_notes(chart) + chart_table(table_caption, chart) + "</figure>";
}

// One repository's days of metric, from its first to its last stored day.
std::vector<ChartPoint> repo_days(const Ledger& ledger, const TrafficMetric& metric,
                                  std::string_view repo) {
  const auto key = SeriesKey::make("github", metric.metric, repo);
  const Series* series = key ? ledger.find(*key) : nullptr;
  const DailySeries* daily = series != nullptr ? series->daily() : nullptr;
  if (daily == nullptr || daily->days().empty()) {
    return {};
  }
  return github_days(ledger, metric.metric, repo, daily->days().entries().front().first,
                     daily->days().entries().back().first);
}

// A metric's days (of one repository, or of all when repo is empty) with
// its uniques beside them over the same days. The uniques are never summed
// over days; over repositories (repo empty) their per-day sum is an upper
// bound, and labelled so.
std::string traffic_figure(const Ledger& ledger, const TrafficMetric& metric,
                           std::string_view repo) {
  const bool all = repo.empty();
  const auto days = all ? traffic_per_day(ledger, metric.metric) : repo_days(ledger, metric, repo);
  if (days.empty()) {
    return "";
  }
  Chart chart;
  chart.points = days;
  chart.beside = github_days(ledger, metric.uniques, repo, days.front().day, days.back().day);
  const bool any_uniques = std::any_of(chart.beside.begin(), chart.beside.end(),
                                       [](const ChartPoint& p) { return p.value > 0; });
  if (!any_uniques) {
    chart.beside.clear();
  }
  chart.beside_label = all ? std::string(metric.people) + ", at most" : std::string(metric.people);
  std::string caption = std::string(metric.caption) + key_swatch("", "per day");
  if (all) {
    chart.average = moving_average(days, k_average_days);
    caption += key_swatch("avg", "7-day average");
  }
  if (!chart.beside.empty()) {
    caption += key_swatch("beside", chart.beside_label);
  }
  chart.title = std::string(metric.caption) + ", " + (all ? "all repositories" : std::string(repo));
  if (all) {
    chart.title += ", with a 7-day average";
  }
  if (!chart.beside.empty()) {
    chart.title += " and " + std::string(metric.people) + " per day";
  }
  return figure(caption, all ? std::string(metric.caption) : chart.title, chart);
}

// Stars or forks as of each day, of one repository or (repo empty) of all,
// each repository's history carried forward from its last day.
std::vector<ChartPoint> popularity_of(const Ledger& ledger, std::string_view metric,
                                      std::string_view repo, const std::vector<std::string>& all) {
  if (!repo.empty()) {
    return popularity_history(ledger, metric, repo);
  }
  std::vector<std::vector<ChartPoint>> histories;
  std::optional<Day> first;
  std::optional<Day> last;
  for (const auto& name : all) {
    auto history = popularity_history(ledger, metric, name);
    if (history.empty()) {
      continue;
    }
    first = !first || history.front().day < *first ? history.front().day : *first;
    last = !last || history.back().day > *last ? history.back().day : *last;
    histories.push_back(std::move(history));
  }
  std::vector<ChartPoint> sum;
  if (!first) {
    return sum;
  }
  for (Day day = *first; day <= *last; day = day + 1) {
    sum.push_back(ChartPoint{day, 0});
  }
  for (const auto& history : histories) {
    for (auto& point : sum) {
      const auto offset = point.day - history.front().day;
      if (offset < 0) {
        continue;
      }
      const auto& value = static_cast<std::size_t>(offset) < history.size()
                              ? history[static_cast<std::size_t>(offset)]
                              : history.back();
      point.value = saturating_add(point.value, value.value);
    }
  }
  return sum;
}

std::string popularity_figures(const Ledger& ledger, std::string_view repo,
                               const std::vector<std::string>& all) {
  std::string out;
  for (const auto& [metric, caption] : std::array<std::pair<std::string_view, std::string_view>, 2>{
           {{k_github_stars, "Stars"}, {k_github_forks, "Forks"}}}) {
    // One reading says nothing about "over time" (the Repositories table
    // has today's number).
    const auto history = popularity_of(ledger, metric, repo, all);
    if (history.size() < 2) {
      continue;
    }
    Chart chart;
    chart.title = std::string(caption) + " over time, " +
                  (repo.empty() ? std::string("all repositories") : std::string(repo));
    chart.points = history;
    out += figure(std::string(caption) + " over time", chart.title, chart);
  }
  return out;
}

// A repository's latest referrers or paths, with their unique visitors and
// what earlier runs read of each (a gauge of several days): how they went,
// where the ledger has it.
void append_repository_popular(std::string& out, const Ledger& ledger, std::string_view repo,
                               GithubPopular which, std::string_view heading,
                               std::string_view column) {
  const auto entries = latest_of_repository(ledger, which, repo, k_top_entries);
  if (entries.empty()) {
    return;
  }
  const bool any_earlier = std::any_of(entries.begin(), entries.end(),
                                       [](const TopEntry& e) { return !e.earlier.empty(); });
  out += "<h4>" + std::string(heading) + ", as read on " + entries.front().day.to_string() +
         "</h4><div class=\"scroll\"><table class=\"cards\"><thead><tr><th>" + std::string(column) +
         "</th><th class=\"num\">Views (14 days)</th><th class=\"num\">Unique visitors</th>" +
         (any_earlier ? "<th>Earlier views</th>" : "") + "</tr></thead><tbody>";
  for (const auto& entry : entries) {
    out += "<tr><td class=\"wrap\">";
    append_escaped(out, entry.name);
    out += "</td>" + labelled_number("Views (14 days)", entry.value) +
           labelled_number("Unique visitors", entry.uniques);
    if (any_earlier) {
      out += "<td class=\"wrap\" data-label=\"Earlier views\">";
      if (entry.earlier.empty()) {
        out += "&ndash;";
      }
      for (auto p = entry.earlier.rbegin(); p != entry.earlier.rend(); ++p) {
        out += (p == entry.earlier.rbegin() ? "" : ", ") + p->day.to_string() + ": " +
               dashboard_number(p->value);
      }
      out += "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
}

void append_repository_table(std::string& out, const std::vector<RepositoryRow>& rows) {
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

void append_top(std::string& out, const Ledger& ledger, GithubPopular which,
                std::string_view heading, std::string_view column) {
  const auto entries = latest_top(ledger, which, k_top_entries);
  if (entries.empty()) {
    return;
  }
  out += "<section><h2>" + std::string(heading) +
         "</h2><p class=\"note\">Views and unique visitors over GitHub's 14-day window, as last "
         "read.</p><div class=\"scroll\"><table class=\"cards\"><thead><tr><th>Repository</th>"
         "<th>" +
         std::string(column) +
         "</th><th class=\"num\">Views</th><th class=\"num\">Unique visitors</th><th>Read "
         "on</th></tr></thead><tbody>";
  for (const auto& entry : entries) {
    out += "<tr><td>";
    append_escaped(out, entry.repo);
    out += "</td><td class=\"wrap\">";
    append_escaped(out, entry.name);
    out += "</td>" + labelled_number("Views", entry.value) +
           labelled_number("Unique visitors", entry.uniques) + "<td data-label=\"Read on\">" +
           entry.day.to_string() + "</td></tr>";
  }
  out += "</tbody></table></div></section>\n";
}

// The largest referrers over time, where the ledger has more than one day
// of them: each day's 14-day window as read, never summed over days.
std::string referrer_history_figures(const Ledger& ledger,
                                     const std::vector<DomainTotal>& domains) {
  std::vector<std::string> names;
  for (const auto& domain : domains) {
    if (names.size() < k_history_charts) {
      names.push_back(domain.name);
    }
  }
  const auto histories = referrer_histories(ledger, names);
  std::string figures;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (histories[i].views.size() < 2) {
      continue;
    }
    Chart chart;
    chart.points = histories[i].views;
    chart.beside = histories[i].uniques;
    chart.beside_label = "unique visitors, at most";
    chart.title = names[i] + ", all repositories: views over the 14 days before each day, as read";
    std::string caption;
    append_escaped(caption, names[i]);
    caption += key_swatch("", "views (14 days)");
    if (!chart.beside.empty()) {
      caption += key_swatch("beside", chart.beside_label);
    }
    figures += figure(caption, names[i], chart);
  }
  if (figures.empty()) {
    return "";
  }
  return "<h3>Over time</h3><p class=\"note\">Each day shows GitHub's 14-day window as it was "
         "last read by then: a rolling sum, not that day's views. A referrer that left a "
         "repository's top ten counts 0 there.</p><div class=\"charts\">" +
         figures + "</div>";
}

// Referrers summed per domain over every repository, with where they came
// from: the view across repositories that GitHub's own page never gives.
void append_referrer_domains(std::string& out, const Ledger& ledger) {
  const auto domains = referrers_by_domain(ledger, k_top_entries);
  if (domains.empty()) {
    return;
  }
  out +=
      "<section><h2>Top referrers, all repositories</h2><p class=\"note\">Views and unique "
      "visitors over GitHub's 14-day window, as last read, summed over the repositories. The "
      "uniques are at most that many people: one person may come to several repositories from "
      "the same site.</p><div class=\"scroll\"><table class=\"cards\"><thead><tr>"
      "<th>Referrer</th><th class=\"num\">Views</th><th class=\"num\">Unique visitors, at "
      "most</th><th>By repository (views / uniques)</th></tr></thead><tbody>";
  for (const auto& domain : domains) {
    out += "<tr><td class=\"wrap\">";
    append_escaped(out, domain.name);
    out += "</td>" + labelled_number("Views", domain.value) +
           labelled_number("Unique visitors, at most", domain.uniques) +
           "<td class=\"wrap\" data-label=\"By repository (views / uniques)\">";
    bool first = true;
    for (const auto& repo : domain.repos) {
      out += first ? "" : ", ";
      first = false;
      append_escaped(out, repo.repo);
      out += " " + dashboard_number(repo.value) + " / " +
             (repo.uniques ? dashboard_number(*repo.uniques) : std::string("&ndash;"));
    }
    out += "</td></tr>";
  }
  out += "</tbody></table></div>" + referrer_history_figures(ledger, domains) + "</section>\n";
}

}  // namespace

void append_github_activity(std::string& out, const Ledger& ledger) {
  const auto rows = repository_rows(ledger);
  const auto repos = repositories_by_activity(ledger);
  std::string charts;
  for (const auto& metric : k_traffic) {
    charts += traffic_figure(ledger, metric, "");
  }
  if (!charts.empty()) {
    out +=
        "<section><h2>Repository traffic</h2><p class=\"note\">Unique cloners and visitors are "
        "GitHub's per day and never added up over days. For all repositories they are each "
        "repository's uniques of the day added up: at most that many people, since one person "
        "may clone or visit several repositories.</p><div class=\"charts\">" +
        charts + "</div></section>\n";
  }
  if (const auto popularity = popularity_figures(ledger, "", repos); !popularity.empty()) {
    out += "<section><h2>Stars and forks</h2><div class=\"charts\">" + popularity +
           "</div></section>\n";
  }
  if (rows.empty()) {
    return;
  }
  append_repository_table(out, rows);
  std::string sections;
  for (const auto& repo : repos) {
    std::string figures;
    for (const auto& metric : k_traffic) {
      figures += traffic_figure(ledger, metric, repo);
    }
    figures += popularity_figures(ledger, repo, repos);
    std::string popular;
    append_repository_popular(popular, ledger, repo, GithubPopular::referrer, "Referrers",
                              "Referrer");
    append_repository_popular(popular, ledger, repo, GithubPopular::path, "Popular paths", "Path");
    if (figures.empty() && popular.empty()) {
      continue;
    }
    sections += "<section class=\"repo\"><h3>";
    append_escaped(sections, repo);
    sections += "</h3>" + (figures.empty() ? "" : "<div class=\"charts\">" + figures + "</div>") +
                popular + "</section>\n";
  }
  if (!sections.empty()) {
    out +=
        "<section><h2>By repository</h2><p class=\"note\">The most active first (clones and "
        "views of the days stored).</p>\n" +
        sections + "</section>\n";
  }
}

void append_github_popular(std::string& out, const Ledger& ledger) {
  append_referrer_domains(out, ledger);
  append_top(out, ledger, GithubPopular::referrer, "Top referrers by repository", "Referrer");
  append_top(out, ledger, GithubPopular::path, "Popular paths", "Path");
}

}  // namespace odometer
