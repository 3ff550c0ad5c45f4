// Tests of src/report/dashboard.hpp and its parts: the page of the
// dashboard fixture (a ledger, a config and a last-run note in files,
// tests/support/dashboard_fixture.hpp) as the real `odometer render` writes
// it, against a reviewed golden file; escaping of everything that came from
// an API or a config (a scan for any element odometer did not write); the
// sections' numbers (daily sums, the 7-day average, latest top referrers);
// and that the counters and their charts are the counter engine's. The
// smaller cases call render_dashboard, the function `render` calls.
//
// Golden files (tests/fixtures/report/) are compared byte for byte. After an
// intended change, regenerate them and review the diff by eye:
//   ODOMETER_UPDATE_GOLDEN=1 build-dev/tests/test_report_dashboard

#include "report/dashboard.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "report/dashboard_charts.hpp"
#include "report/dashboard_html.hpp"
#include "report/dashboard_queries.hpp"
#include "support/dashboard_fixture.hpp"
#include "support/golden.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"
#include "util/text.hpp"

namespace odometer {
namespace {

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

SeriesKey key(std::string_view text) {
  auto parsed = SeriesKey::parse(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? *parsed : *SeriesKey::parse("test:failed:key");
}

Day day(std::string_view text) {
  return Day::parse(text).value();
}

// The elements the dashboard writes. Any other tag name in the page means
// text escaped its escaping.
const std::set<std::string, std::less<>>& known_elements() {
  static const std::set<std::string, std::less<>> names = {
      "html",     "head",   "meta",   "title",      "style",   "body",    "main", "header",
      "h1",       "h2",     "p",      "time",       "a",       "section", "ul",   "li",
      "span",     "div",    "figure", "figcaption", "svg",     "line",    "text", "path",
      "polyline", "circle", "table",  "thead",      "tbody",   "tr",      "th",   "td",
      "footer",   "g",      "rect",   "details",    "summary", "ol",      "h3",   "h4"};
  return names;
}

// Every '<' in the page opens a known element, a closing tag of one, or the
// doctype; returns what does not.
std::vector<std::string> unknown_markup(const std::string& html) {
  std::vector<std::string> unknown;
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    std::size_t start = at + 1;
    if (html.compare(start, 9, "!doctype ") == 0) {
      continue;
    }
    if (start < html.size() && html[start] == '/') {
      ++start;
    }
    std::size_t end = start;
    while (end < html.size() && (std::isalnum(static_cast<unsigned char>(html[end])) != 0)) {
      ++end;
    }
    const std::string name = html.substr(start, end - start);
    if (known_elements().count(name) == 0) {
      unknown.push_back(html.substr(at, 40));
    }
  }
  return unknown;
}

TEST(DashboardScan, FindsMarkupTheDashboardDoesNotWrite) {
  EXPECT_EQ(unknown_markup("<!doctype html><p>a &lt;b&gt;</p>"), std::vector<std::string>{});
  EXPECT_EQ(unknown_markup("<p><SCRIPT>x</SCRIPT></p>").size(), 2U);
  EXPECT_EQ(unknown_markup("<td><img src=x></td>").size(), 1U);
}

// The fixture's page as `odometer render` writes it.
std::string rendered_fixture_page() {
  testing::TempDir dir;
  const auto config = testing::write_dashboard_fixture(dir.path());
  const auto result = testing::run_odometer(
      {"render", "--config", config.string(), "--now", "2026-04-30T12:05:00Z"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  return testing::read_file(dir / "out/dashboard.html");
}

const CounterSpec& fixture_counter(std::string_view name) {
  static const std::vector<CounterSpec> counters = testing::dashboard_fixture_counters();
  const auto found = std::find_if(counters.begin(), counters.end(),
                                  [name](const CounterSpec& c) { return c.name == name; });
  EXPECT_NE(found, counters.end()) << name;
  return *found;
}

class DashboardOfFixture : public ::testing::Test {
protected:
  Ledger m_ledger = testing::dashboard_fixture_ledger();
  std::string m_html = rendered_fixture_page();
};

TEST_F(DashboardOfFixture, MatchesTheReviewedGoldenFile) {
  testing::expect_golden("report/dashboard.html", m_html);
}

TEST_F(DashboardOfFixture, IsDeterministic) {
  EXPECT_EQ(rendered_fixture_page(), m_html);
}

TEST_F(DashboardOfFixture, HasNoScriptAndNothingFromTheNetwork) {
  const std::string lower = lowercase(m_html);
  EXPECT_FALSE(contains(lower, "<script"));
  EXPECT_FALSE(contains(lower, "src="));
  EXPECT_FALSE(contains(lower, "@import"));
  EXPECT_FALSE(contains(lower, "url("));
  EXPECT_FALSE(contains(lower, "<link"));
  // render's header has no link yet ([outputs] has no key for one): no
  // link at all. TheOnlyLinkIsTheHeaders checks the page with one.
  EXPECT_FALSE(contains(lower, "href="));
  EXPECT_TRUE(contains(m_html, "Content-Security-Policy\" content=\"default-src 'none';"));
  EXPECT_TRUE(contains(m_html, "<meta name=\"viewport\" content=\"width=device-width"));
  EXPECT_TRUE(contains(m_html, "prefers-color-scheme:dark"));
}

TEST_F(DashboardOfFixture, TheOnlyLinkIsTheHeaders) {
  const std::string html = render_dashboard(
      m_ledger, testing::dashboard_fixture_counters(),
      DashboardHeader{.title = "runcycles adoption", .link = "https://github.com/runcycles/docs"},
      std::nullopt);
  const std::string lower = lowercase(html);
  // The one link is the repository's, which a reader clicks.
  std::size_t hrefs = 0;
  for (std::size_t at = lower.find("href="); at != std::string::npos;
       at = lower.find("href=", at + 1)) {
    ++hrefs;
    EXPECT_EQ(html.compare(at, 40, "href=\"https://github.com/runcycles/docs\""), 0)
        << html.substr(at, 60);
  }
  EXPECT_EQ(hrefs, 1U);
  EXPECT_TRUE(contains(html, "<title>runcycles adoption</title>"));
}

TEST_F(DashboardOfFixture, EscapesHostileReferrersPathsAndReasons) {
  EXPECT_TRUE(contains(m_html, "<td class=\"wrap\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
  EXPECT_TRUE(
      contains(m_html, "<td class=\"wrap\">/runcycles/docs/a&quot;&amp;&apos;&lt;&gt;b</td>"));
  EXPECT_TRUE(contains(m_html, "unexpected body &lt;html&gt;&lt;script&gt;x()&lt;/script&gt;"));
  EXPECT_EQ(unknown_markup(m_html), std::vector<std::string>{});
}

void record(Ledger& ledger, std::string_view k, Kind kind, std::string_view d, std::int64_t v) {
  ASSERT_TRUE(
      ledger.observe(Observation{.key = key(k), .kind = kind, .day = day(d), .value = v}).ok());
}

TEST(Dashboard, EscapesTitleLabelsAndLinks) {
  Ledger ledger;
  record(ledger, "a:b:x", Kind::daily, "2026-04-01", 1234);
  const std::vector<CounterSpec> counters = {CounterSpec{
      .name = "x\"><img src=x onerror=alert(1)>", .label = "</style><script>", .sum = {"a:b:*"}}};
  const DashboardHeader header{.title = "</title><script>alert(1)</script>",
                               .link = "javascript:alert(1)"};
  const std::string html = render_dashboard(ledger, counters, header,
                                            DashboardRun{.finished_at = "'\"", .failures = {}});
  EXPECT_FALSE(contains(lowercase(html), "<script"));
  EXPECT_FALSE(contains(lowercase(html), "<img"));
  EXPECT_FALSE(contains(html, "href=\"javascript"));  // not a link: shown as text
  EXPECT_TRUE(contains(html, "javascript:alert(1)"));
  EXPECT_TRUE(contains(html, "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  EXPECT_TRUE(contains(html, "aria-label=\"&lt;/style&gt;&lt;script&gt; over time\""));
  EXPECT_TRUE(contains(html, "1,234"));
  EXPECT_TRUE(contains(html, "Nothing failed."));
  EXPECT_EQ(unknown_markup(html), std::vector<std::string>{});
}

TEST(Dashboard, InvalidUtf8AndControlCharactersBecomeReplacementCharacters) {
  const DashboardHeader header{.title =
                                   "a\xFF"
                                   "b\x01"
                                   "c",
                               .link = ""};
  const std::string html = render_dashboard(Ledger(), {}, header, std::nullopt);
  EXPECT_TRUE(contains(html,
                       "<title>a\xEF\xBF\xBD"
                       "b\xEF\xBF\xBD"
                       "c</title>"));
}

TEST_F(DashboardOfFixture, ShowsCountersWithThousandsSeparators) {
  // Clones: the floor 6,495 plus every day of both repositories.
  const Count clones = m_ledger.find(key("github:clones:runcycles/docs"))->value().value() +
                       m_ledger.find(key("github:clones:runcycles/cycles-server"))->value().value();
  ASSERT_GT(clones, 6495U);
  EXPECT_EQ(evaluate(m_ledger, fixture_counter("clones")).value, clones);
  EXPECT_TRUE(
      contains(m_html, "<span class=\"value\">" + with_thousands_separators(clones) + "</span>"))
      << with_thousands_separators(clones);
}

// The page's section whose heading is exactly heading, "" when there is none.
std::string section(const std::string& html, std::string_view heading) {
  const auto start = html.find("<section><h2>" + std::string(heading) + "</h2>");
  if (start == std::string::npos) {
    return "";
  }
  return html.substr(start, html.find("</section>", start) - start);
}

TEST_F(DashboardOfFixture, ListsOnlyTheLatestTopTenReferrers) {
  // The old reading (999, ten days before) is no longer among the latest.
  EXPECT_FALSE(contains(m_html, "old-forum.example"));
  // Twelve latest referrers across both repositories: the two smallest go.
  const std::string top = section(m_html, "Top referrers by repository");
  ASSERT_FALSE(top.empty());
  EXPECT_TRUE(contains(top, "reddit.com"));
  EXPECT_FALSE(contains(top, "lobste.rs"));
  EXPECT_FALSE(contains(top, "docs.rs"));
  // The largest first.
  EXPECT_LT(top.find(">Google<"), top.find(">news.ycombinator.com<"));
}

TEST_F(DashboardOfFixture, SumsEachReferrerOverTheRepositories) {
  const std::string domains = section(m_html, "Top referrers, all repositories");
  ASSERT_FALSE(domains.empty());
  // Google: 412 (docs) + 64 (cycles-server) views, 150 + 30 uniques at
  // most; github.com: 230 + 120; the old reading of old-forum.example is
  // not among the latest.
  EXPECT_TRUE(contains(domains,
                       "<td class=\"wrap\">Google</td><td class=\"num\" data-label=\"Views\">476"
                       "</td><td class=\"num\" data-label=\"Unique visitors, at most\">180</td>"
                       "<td class=\"wrap\" data-label=\"By repository (views / uniques)\">"
                       "runcycles/docs 412 / 150, runcycles/cycles-server 64 / 30</td>"))
      << domains;
  EXPECT_TRUE(contains(domains,
                       "<td class=\"wrap\">github.com</td><td class=\"num\" "
                       "data-label=\"Views\">350</td><td class=\"num\" data-label=\"Unique "
                       "visitors, at most\">129</td>"));
  // A reading without its uniques leaves the domain's sum unknown, not low.
  EXPECT_TRUE(contains(domains,
                       "<td class=\"wrap\">docs.rs</td><td class=\"num\" "
                       "data-label=\"Views\">3</td><td class=\"num\" data-label=\"Unique "
                       "visitors, at most\">&ndash;</td>"))
      << domains;
  EXPECT_FALSE(contains(domains, "old-forum.example"));
  EXPECT_LT(domains.find(">Google<"), domains.find(">github.com<"));
  EXPECT_LT(domains.find(">github.com<"), domains.find(">news.ycombinator.com<"));
}

TEST(DashboardChart, EveryPlottedDayHasItsValueOnHoverAndInTheTable) {
  const std::vector<ChartPoint> points = {
      {day("2026-04-01"), 5}, {day("2026-04-02"), 1234}, {day("2026-04-03"), 7}};
  const std::string svg = chart_svg("t", points, {});
  EXPECT_TRUE(contains(svg, "<title>2026-04-01: 5</title>"));
  EXPECT_TRUE(contains(svg, "<title>2026-04-02: 1,234</title>"));
  EXPECT_TRUE(contains(svg, "<title>2026-04-03: 7</title>"));
  const std::string table = chart_table("Alpha", points);
  EXPECT_TRUE(contains(table, "<summary>Alpha: every day's value</summary>"));
  // Newest first.
  EXPECT_LT(table.find("<td>2026-04-03</td><td class=\"num\">7</td>"),
            table.find("<td>2026-04-02</td><td class=\"num\">1,234</td>"));
  EXPECT_EQ(chart_table("Alpha", std::vector<ChartPoint>{}), "");
}

TEST(DashboardChart, DateTicksFollowTheRange) {
  const auto labels = [](std::string_view first, std::string_view last) {
    std::vector<std::string> out;
    for (const auto& tick : date_ticks(day(first), day(last))) {
      out.push_back(tick.label);
    }
    return out;
  };
  // A few days: every day or two.
  EXPECT_EQ(labels("2026-04-01", "2026-04-04"),
            (std::vector<std::string>{"Apr 1", "Apr 2", "Apr 3", "Apr 4"}));
  // A month: Mondays (2026-04-06 is one).
  EXPECT_EQ(labels("2026-04-01", "2026-04-30"),
            (std::vector<std::string>{"Apr 6", "Apr 13", "Apr 20", "Apr 27"}));
  // Half a year: the first of every other month.
  EXPECT_EQ(labels("2026-01-15", "2026-07-20"),
            (std::vector<std::string>{"Mar 2026", "May 2026", "Jul 2026"}));
  // Years: January the first.
  EXPECT_EQ(labels("2023-02-01", "2026-12-01"), (std::vector<std::string>{"2024", "2025", "2026"}));
  EXPECT_TRUE(date_ticks(day("2026-04-02"), day("2026-04-01")).empty());
  for (const auto& [first, last] :
       {std::pair{"2026-04-01", "2026-04-01"}, std::pair{"2020-01-01", "2026-12-31"},
        std::pair{"2026-04-01", "2026-06-10"}}) {
    const auto ticks = date_ticks(day(first), day(last));
    EXPECT_FALSE(ticks.empty()) << first << " " << last;
    EXPECT_LE(ticks.size(), 5U) << first << " " << last;
    for (const auto& tick : ticks) {
      EXPECT_GE(tick.day, day(first));
      EXPECT_LE(tick.day, day(last));
    }
  }
}

TEST_F(DashboardOfFixture, RepositoryAndPackageTablesHoldTheLedgerValues) {
  EXPECT_TRUE(contains(m_html, "<tr><td>runcycles/cycles-server</td>"));
  EXPECT_TRUE(
      contains(m_html, "<td>crates</td><td>downloads</td><td>runcycles</td><td>cumulative</td>"));
  EXPECT_TRUE(contains(
      m_html, "<td>npm</td><td>downloads</td><td>@runcycles/mcp-server</td><td>daily</td>"));
  // Unique visitors have no total and no row of their own (they are shown
  // beside the clones and views of each day).
  EXPECT_FALSE(contains(m_html, "<td>runcycles/docs/view-uniques"));
  EXPECT_FALSE(contains(m_html, "-uniques"));
}

// The Packages table lists the registry series the installs counter counts
// as package metrics (is_package_metric of the counter engine). The
// dashboard's own copy of that rule left out release-downloads, so a
// registry's or a manual release-downloads series was counted but not listed.
TEST(Dashboard, PackagesAreTheSeriesOfPackageMetrics) {
  Ledger ledger;
  record(ledger, "manual:release-downloads:o/tool", Kind::cumulative, "2026-04-01", 40);
  record(ledger, "npm:downloads:p", Kind::daily, "2026-04-01", 5);
  record(ledger, "npm:downloads-imported:all", Kind::cumulative, "2026-04-01", 900);
  record(ledger, "github:release-downloads:o/cli", Kind::cumulative, "2026-04-01", 7);
  ASSERT_TRUE(ledger
                  .observe(Observation{.key = key("pypi:downloads-30d:p"),
                                       .kind = Kind::gauge,
                                       .day = day("2026-04-01"),
                                       .value = 300})
                  .ok());
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  EXPECT_TRUE(contains(html, "<td>manual</td><td>release-downloads</td><td>o/tool</td>")) << html;
  EXPECT_TRUE(contains(html, "<td>npm</td><td>downloads</td><td>p</td>"));
  // Imported sums and windows are not packages; GitHub's release downloads
  // are in the Repositories table.
  EXPECT_FALSE(contains(html, "<td>downloads-imported</td>"));
  EXPECT_FALSE(contains(html, "<td>downloads-30d</td>"));
  EXPECT_FALSE(contains(html, "<td>github</td><td>release-downloads</td>"));
}

TEST(Dashboard, DailyTrafficSumsRepositoriesAndFillsMissingDaysWithZero) {
  Ledger ledger;
  const auto observe = [&](std::string_view k, std::string_view d, std::int64_t v) {
    ASSERT_TRUE(
        ledger.observe(Observation{.key = key(k), .kind = Kind::daily, .day = day(d), .value = v})
            .ok());
  };
  observe("github:clones:o/a", "2026-04-01", 10);
  observe("github:clones:o/b", "2026-04-01", 5);
  observe("github:clones:o/a", "2026-04-03", 7);
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  // Three days drawn (the 2nd as zero), from 15 down to 0 and up to 7.
  const std::size_t chart = html.find("Clones per day, all repositories");
  ASSERT_NE(chart, std::string::npos);
  const std::size_t line = html.find("<polyline class=\"line\" points=\"", chart);
  ASSERT_NE(line, std::string::npos);
  const std::string points = html.substr(line, html.find('"', line + 32) - line);
  EXPECT_EQ(std::count(points.begin(), points.end(), ','), 3) << points;
  // Fewer than seven days: no average line.
  EXPECT_FALSE(contains(html, "class=\"avg\""));
  EXPECT_FALSE(contains(html, "Views per day"));
}

TEST(Dashboard, SevenDayAverageCountsADayWithoutClonesAsZero) {
  Ledger ledger;
  for (int n = 1; n <= 8; ++n) {
    if (n == 4) {
      continue;  // no clones that day: the traffic API leaves it out
    }
    const Day d = day("2026-04-01") + (n - 1);
    ASSERT_TRUE(
        ledger
            .observe(Observation{
                .key = key("github:clones:o/a"), .kind = Kind::daily, .day = d, .value = 14})
            .ok());
  }
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  // Days 1-7 and 2-8 both hold 6 x 14 = 84 clones: an average of 12. The
  // scale tops at 15 (steps of 5), so 12 sits at 172 - 160 * 12 / 15 = 44;
  // day 7 of 8 at 48 + 420 * 6 / 7 = 408.
  const std::string_view prefix = "<polyline class=\"avg\" points=\"";
  const std::size_t avg = html.find(prefix);
  ASSERT_NE(avg, std::string::npos) << html;
  const std::size_t start = avg + prefix.size();
  const std::string points = html.substr(start, html.find('"', start) - start);
  EXPECT_EQ(points, "408.0,44.0 468.0,44.0");
}

TEST(DashboardChart, ChartsOfHugeValuesKeepAFewGridLines) {
  const Count largest = std::numeric_limits<Count>::max();
  const std::string html =
      chart_svg("Huge over time", {{day("2026-04-01"), 0}, {day("2026-04-02"), largest}}, {});
  const auto grid_lines = [&html] {
    std::size_t count = 0;
    for (std::size_t at = html.find("class=\"grid\""); at != std::string::npos;
         at = html.find("class=\"grid\"", at + 1)) {
      ++count;
    }
    return count;
  }();
  EXPECT_GE(grid_lines, 3U);
  EXPECT_LE(grid_lines, 6U);
  EXPECT_TRUE(contains(html, ">18E<") || contains(html, ">20E<")) << html;
  EXPECT_FALSE(contains(html, "nan")) << html;
  EXPECT_FALSE(contains(html, "inf")) << html;
}

// The points of the first chart after caption in html, as "x,y" pairs.
std::string chart_points(const std::string& html, std::string_view caption) {
  const std::size_t chart = html.find(caption);
  if (chart == std::string::npos) {
    return "";
  }
  const std::string_view prefix = "<polyline class=\"line\" points=\"";
  const std::size_t line = html.find(prefix, chart);
  if (line == std::string::npos) {
    return "";
  }
  const std::size_t start = line + prefix.size();
  return html.substr(start, html.find('"', start) - start);
}

TEST(DashboardCounters, ChartsAreTheCounterEnginesHistory) {
  // The numbers of the old dashboard-only history test, now asked of
  // counter_history: a daily and a cumulative series, one point a day.
  Ledger ledger;
  record(ledger, "a:b:one", Kind::daily, "2026-04-01", 5);
  record(ledger, "a:b:one", Kind::daily, "2026-04-03", 2);
  record(ledger, "a:b:two", Kind::cumulative, "2026-04-02", 40);
  record(ledger, "z:z:other", Kind::cumulative, "2026-04-02", 1000);
  const CounterSpec spec{.name = "a", .label = "Alpha", .sum = {"a:*:*"}};
  const auto history = counter_history(ledger, spec);
  const std::vector<CounterPoint> expected = {
      {day("2026-04-01"), 5}, {day("2026-04-02"), 45}, {day("2026-04-03"), 47}};
  EXPECT_EQ(history, expected);
  const std::string html = render_dashboard(ledger, {spec}, {}, std::nullopt);
  EXPECT_TRUE(contains(html, "<span class=\"value\">47</span>")) << html;
  // Three days, and the top grid line at 60 (steps of 20): 5 at
  // 172 - 160 * 5 / 60 = 158.7, 45 at 52.0, 47 at 46.7.
  EXPECT_EQ(chart_points(html, "aria-label=\"Alpha over time\""),
            "48.0,158.7 258.0,52.0 468.0,46.7");
}

TEST(DashboardCounters, WithoutAConfigTheyAreTheDefaultCounters) {
  // Package downloads and pulls add up to the default "installs" counter.
  Ledger ledger;
  record(ledger, "npm:downloads:p", Kind::daily, "2026-04-01", 5);
  record(ledger, "docker:pulls:o/i", Kind::cumulative, "2026-04-01", 7);
  const std::string html = render_dashboard(ledger, default_counters(), {}, std::nullopt);
  EXPECT_TRUE(contains(html,
                       "<span class=\"label\">package installs</span><span "
                       "class=\"value\">12</span><span class=\"name\">installs</span>"))
      << html;
}

// The dashboard once had its own history, which summed gauges: a "stars"
// counter of two repositories drew their readings added up. A gauge is never
// summed into a counter: such a counter is 0 and has no chart.
TEST(DashboardCounters, AGaugeIsNeverSummedIntoACounter) {
  Ledger ledger;
  for (const auto* repo : {"o/a", "o/b"}) {
    ASSERT_TRUE(ledger
                    .observe(Observation{.key = key(std::string("github:stars:") + repo),
                                         .kind = Kind::gauge,
                                         .day = day("2026-04-01"),
                                         .value = 30})
                    .ok());
  }
  const CounterSpec stars{.name = "stars", .label = "Stars", .sum = {"github:stars:*"}};
  const std::string html = render_dashboard(ledger, {stars}, {}, std::nullopt);
  EXPECT_TRUE(contains(html, "<span class=\"label\">Stars</span><span class=\"value\">0</span>"))
      << html;
  // No chart of the counter. The page's "Stars over time, all repositories"
  // adds up each repository's stars as of a day: a chart, not a counter.
  const std::string counters = html.substr(0, html.find("</section>"));
  EXPECT_FALSE(contains(counters, "Stars over time"));
  EXPECT_FALSE(contains(counters, ">60<"));
}

// The example's installs chart once ended in a +3.5k step that nothing
// explained: cumulative series first read on its last day. The day is now
// marked, and a note names the series and the amount (first_readings of
// the counter engine).
TEST(DashboardCounters, AFirstReadingIsMarkedAndNamed) {
  Ledger ledger;
  record(ledger, "npm:downloads:foo", Kind::daily, "2026-11-18", 4);
  record(ledger, "npm:downloads:foo", Kind::daily, "2026-11-19", 6);
  record(ledger, "crates:downloads:bar", Kind::cumulative, "2026-11-20", 3512);
  const CounterSpec spec{.name = "installs", .label = "Installs", .sum = {"*:downloads:*"}};
  const std::string html = render_dashboard(ledger, {spec}, {}, std::nullopt);
  EXPECT_TRUE(contains(html,
                       "<ol class=\"marks\"><li>2026-11-20: crates:downloads:bar first read at "
                       "3,512 (all-time total before odometer)</li></ol>"))
      << html;
  // The flag on that day (x of the last of three days: 468), numbered 1,
  // with the note as its title.
  EXPECT_TRUE(contains(html,
                       "<g class=\"mark\"><title>2026-11-20: crates:downloads:bar first read at "
                       "3,512 (all-time total before odometer)</title><line x1=\"468.0\""))
      << html;
  EXPECT_TRUE(contains(html, "r=\"10\"/><text x=\"468.0\" y=\"16.0\">1</text></g>"));
}

TEST(DashboardCounters, SeveralFirstReadingsOfADayShareOneMarker) {
  Ledger ledger;
  record(ledger, "npm:downloads:foo", Kind::daily, "2026-11-19", 6);
  record(ledger, "crates:downloads:bar", Kind::cumulative, "2026-11-20", 3512);
  record(ledger, "docker:downloads:o/i", Kind::cumulative, "2026-11-20", 88);
  ASSERT_TRUE(ledger
                  .observe(Observation{.key = key("pypi:downloads:baz"),
                                       .kind = Kind::daily,
                                       .day = day("2026-11-20"),
                                       .value = 1000,
                                       .floor = true})
                  .ok());
  const CounterSpec spec{.name = "installs", .label = "Installs", .sum = {"*:downloads:*"}};
  const std::string html = render_dashboard(ledger, {spec}, {}, std::nullopt);
  EXPECT_TRUE(contains(html,
                       "<ol class=\"marks\"><li>2026-11-20: 3 series first read with totals "
                       "from before odometer, 4,600 in all: crates:downloads:bar 3,512, "
                       "docker:downloads:o/i 88, pypi:downloads:baz 1,000 (a carried-in "
                       "floor)</li></ol>"))
      << html;
  EXPECT_EQ(html.find("<g class=\"mark\">"), html.rfind("<g class=\"mark\">"));
}

TEST(DashboardCounters, NoMarkerWithoutAnEarlierTotal) {
  Ledger ledger;
  record(ledger, "npm:downloads:foo", Kind::daily, "2026-11-18", 4);
  record(ledger, "npm:downloads:foo", Kind::daily, "2026-11-19", 6);
  const CounterSpec spec{.name = "installs", .label = "Installs", .sum = {"*:downloads:*"}};
  const std::string html = render_dashboard(ledger, {spec}, {}, std::nullopt);
  EXPECT_FALSE(contains(html, "class=\"mark"));
}

void record_uniques(Ledger& ledger, std::string_view k, std::string_view d, std::int64_t v) {
  ASSERT_TRUE(ledger
                  .observe(Observation{.key = key(k),
                                       .kind = Kind::daily,
                                       .day = day(d),
                                       .value = v,
                                       .additivity = Additivity::non_additive})
                  .ok());
}

// Unique cloners are shown beside the clones of each day, never summed over
// days; over repositories their per-day sum is labelled an upper bound.
TEST(DashboardTraffic, UniquesStandBesideEachDayPerRepositoryAndAsAnUpperBound) {
  Ledger ledger;
  record(ledger, "github:clones:o/a", Kind::daily, "2026-04-01", 10);
  record(ledger, "github:clones:o/a", Kind::daily, "2026-04-02", 20);
  record(ledger, "github:clones:o/b", Kind::daily, "2026-04-02", 1);
  record_uniques(ledger, "github:clone-uniques:o/a", "2026-04-01", 3);
  record_uniques(ledger, "github:clone-uniques:o/a", "2026-04-02", 4);
  record_uniques(ledger, "github:clone-uniques:o/b", "2026-04-02", 1);
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  // All repositories: 5 is o/a's 4 plus o/b's 1, an upper bound.
  EXPECT_TRUE(contains(html, "<title>2026-04-02: 21 (5 unique cloners, at most)</title>")) << html;
  EXPECT_TRUE(contains(html, "<title>2026-04-01: 10 (3 unique cloners, at most)</title>"));
  // Each repository in a section of its own, the most active first.
  const auto a = html.find("<h3>o/a</h3>");
  const auto b = html.find("<h3>o/b</h3>");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_TRUE(contains(html, "<title>2026-04-02: 20 (4 unique cloners)</title>"));
  EXPECT_TRUE(contains(html, "aria-label=\"Clones per day, o/a and unique cloners per day\""));
  // Nowhere a sum of uniques over days (3 + 4 = 7, or 8 with o/b).
  EXPECT_FALSE(contains(html, "(7 unique")) << html;
  EXPECT_FALSE(contains(html, "(8 unique"));
}

// Stars per day since creation (stars-daily) give each day's stars as the
// running total; without them the gauge's readings are drawn, and the org's
// chart adds up each repository's stars as of the day.
TEST(DashboardTraffic, StarsOverTimeFromStarsDailyElseTheGauge) {
  Ledger ledger;
  record(ledger, "github:stars-daily:o/a", Kind::daily, "2026-04-01", 2);
  record(ledger, "github:stars-daily:o/a", Kind::daily, "2026-04-03", 5);
  record(ledger, "github:stars:o/b", Kind::gauge, "2026-04-02", 40);
  record(ledger, "github:stars:o/b", Kind::gauge, "2026-04-04", 38);
  EXPECT_EQ(popularity_history(ledger, "stars", "o/a"),
            (std::vector<ChartPoint>{
                {day("2026-04-01"), 2}, {day("2026-04-02"), 2}, {day("2026-04-03"), 7}}));
  EXPECT_EQ(popularity_history(ledger, "stars", "o/b"),
            (std::vector<ChartPoint>{
                {day("2026-04-02"), 40}, {day("2026-04-03"), 40}, {day("2026-04-04"), 38}}));
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  // All repositories: o/a carried forward at 7 on 04-04, o/b 0 before 04-02.
  EXPECT_TRUE(contains(html, "aria-label=\"Stars over time, all repositories\""));
  for (const auto* title :
       {"2026-04-01: 2<", "2026-04-02: 42<", "2026-04-03: 47<", "2026-04-04: 45<"}) {
    EXPECT_TRUE(contains(html, std::string("<title>") + title)) << title;
  }
  EXPECT_TRUE(contains(html, "aria-label=\"Stars over time, o/b\""));
}

// A repository's section lists its referrers and paths as last read, and
// what earlier runs read of each: how a referrer went over time.
TEST(DashboardTraffic, EachRepositoryListsItsReferrersAndPathsWithEarlierReadings) {
  Ledger ledger;
  record(ledger, "github:clones:o/a", Kind::daily, "2026-04-01", 10);
  const auto gauge = [&ledger](std::string_view k, std::string_view d, std::int64_t v) {
    record(ledger, k, Kind::gauge, d, v);  // read at the start of the day
  };
  gauge("github:referrer:o/a/Google", "2026-04-01", 10);
  gauge("github:referrer:o/a/Google", "2026-04-04", 18);
  gauge("github:referrer:o/a/Google", "2026-04-08", 25);
  gauge("github:referrer-uniques:o/a/Google", "2026-04-08", 6);
  gauge("github:referrer:o/a/bing.com", "2026-04-08", 3);
  // Uniques of another day than the views' are not shown beside them.
  gauge("github:referrer-uniques:o/a/bing.com", "2026-04-04", 2);
  gauge("github:path:o/a/docs", "2026-04-08", 7);
  gauge("github:path-uniques:o/a/docs", "2026-04-08", 4);
  const std::string html = render_dashboard(ledger, {}, {}, std::nullopt);
  const std::string section = html.substr(html.find("<h3>o/a</h3>"));
  EXPECT_TRUE(
      contains(section,
               "<h4>Referrers, as read on 2026-04-08</h4><div class=\"scroll\"><table "
               "class=\"cards\"><thead><tr><th>Referrer</th><th class=\"num\">Views "
               "(14 days)</th><th class=\"num\">Unique visitors</th><th>Earlier "
               "views</th></tr></thead><tbody><tr><td class=\"wrap\">Google</td><td "
               "class=\"num\" data-label=\"Views (14 days)\">25</td><td class=\"num\" "
               "data-label=\"Unique visitors\">6</td><td class=\"wrap\" "
               "data-label=\"Earlier views\">2026-04-04: 18, 2026-04-01: 10</td></tr><tr><td "
               "class=\"wrap\">bing.com</td><td class=\"num\" data-label=\"Views (14 "
               "days)\">3</td><td class=\"num\" data-label=\"Unique "
               "visitors\">&ndash;</td><td class=\"wrap\" data-label=\"Earlier "
               "views\">&ndash;</td></tr>"))
      << section;
  EXPECT_TRUE(contains(section,
                       "<h4>Popular paths, as read on 2026-04-08</h4><div class=\"scroll\"><table "
                       "class=\"cards\"><thead><tr><th>Path</th><th class=\"num\">Views (14 "
                       "days)</th><th class=\"num\">Unique visitors</th></tr></thead><tbody><tr>"
                       "<td class=\"wrap\">/docs</td><td class=\"num\" data-label=\"Views (14 "
                       "days)\">7</td><td class=\"num\" data-label=\"Unique visitors\">4</td>"))
      << section;
}

// A day's value is each repository's reading as last read by then: carried
// over the days it was not read, 0 once the referrer left its top ten, and
// nothing before its first read; the uniques only on days every reading
// added up has them.
TEST(DashboardQueries, AReferrersHistoryAddsEachRepositorysLastReading) {
  Ledger ledger;
  const auto gauge = [&ledger](std::string_view k, std::string_view d, std::int64_t v) {
    record(ledger, k, Kind::gauge, d, v);
  };
  gauge("github:referrer:o/a/x.example", "2026-04-01", 10);
  gauge("github:referrer-uniques:o/a/x.example", "2026-04-01", 5);
  gauge("github:referrer:o/a/y.example", "2026-04-01", 3);
  gauge("github:referrer-uniques:o/a/y.example", "2026-04-01", 2);
  gauge("github:referrer:o/b/x.example", "2026-04-02", 7);   // no uniques beside it
  gauge("github:referrer:o/b/z.example", "2026-04-04", 1);   // o/b read again, without x
  gauge("github:referrer:o/a/x.example", "2026-04-03", 14);  // y left o/a's top ten
  gauge("github:referrer-uniques:o/a/x.example", "2026-04-03", 6);
  const auto points = [](const std::vector<std::pair<std::string_view, Count>>& values) {
    std::vector<ChartPoint> out;
    for (const auto& [d, v] : values) {
      out.push_back(ChartPoint{day(d), v});
    }
    return out;
  };
  const auto histories = referrer_histories(ledger, {"x.example", "y.example", "never.example"});
  ASSERT_EQ(histories.size(), 3U);
  EXPECT_EQ(
      histories[0].views,
      points({{"2026-04-01", 10}, {"2026-04-02", 17}, {"2026-04-03", 21}, {"2026-04-04", 14}}));
  EXPECT_EQ(histories[0].uniques, points({{"2026-04-01", 5}, {"2026-04-04", 6}}));
  EXPECT_EQ(histories[1].views,
            points({{"2026-04-01", 3}, {"2026-04-02", 3}, {"2026-04-03", 0}, {"2026-04-04", 0}}));
  EXPECT_EQ(histories[1].uniques,
            points({{"2026-04-01", 2}, {"2026-04-02", 2}, {"2026-04-03", 0}, {"2026-04-04", 0}}));
  EXPECT_EQ(histories[2].views,
            points({{"2026-04-01", 0}, {"2026-04-02", 0}, {"2026-04-03", 0}, {"2026-04-04", 0}}));
  const auto none = referrer_histories(Ledger(), {"x.example"});
  ASSERT_EQ(none.size(), 1U);
  EXPECT_TRUE(none[0].views.empty());
}

TEST(Dashboard, TimesSayHowManyDaysBeforeThePageTheyWere) {
  EXPECT_EQ(days_ago(Timestamp::parse("2026-11-28T05:14:00Z").value(),
                     Timestamp::parse("2026-12-01T01:00:00Z").value()),
            "3 days ago");
  EXPECT_EQ(days_ago(Timestamp::parse("2026-11-30T23:59:00Z").value(),
                     Timestamp::parse("2026-12-01T00:01:00Z").value()),
            "1 day ago");
  EXPECT_EQ(days_ago(Timestamp::parse("2026-12-01T05:14:00Z").value(),
                     Timestamp::parse("2026-12-01T06:00:00Z").value()),
            "today");
  Ledger ledger;
  ledger.touch(Timestamp::parse("2026-11-28T05:14:09Z").value());
  const std::string html = render_dashboard(
      ledger, {}, DashboardHeader{.now = Timestamp::parse("2026-12-01T22:00:00Z").value()},
      DashboardRun{.finished_at = "2026-12-01T21:00:00Z", .failures = {}});
  EXPECT_TRUE(contains(html,
                       "<time datetime=\"2026-11-28T05:14:09Z\">2026-11-28 05:14 UTC</time>, 3 "
                       "days ago"))
      << html;
  EXPECT_TRUE(contains(html, "2026-12-01 21:00 UTC</time>, today"));
}

}  // namespace
}  // namespace odometer
