// Tests of src/report/dashboard.hpp: the page of a fixed ledger against a
// reviewed golden file, escaping of everything that came from an API or a
// config (a scan for any element odometer did not write), the sections'
// numbers (daily sums, the 7-day average, latest top referrers), and the
// history helpers behind counter charts.
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

#include "support/dashboard_fixture.hpp"
#include "support/golden.hpp"
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
      "html",   "head",       "meta", "title", "style",   "body",  "main",     "header", "h1",
      "h2",     "p",          "time", "a",     "section", "ul",    "li",       "span",   "div",
      "figure", "figcaption", "svg",  "line",  "text",    "path",  "polyline", "circle", "table",
      "thead",  "tbody",      "tr",   "th",    "td",      "footer"};
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

class DashboardOfFixture : public ::testing::Test {
protected:
  Ledger m_ledger = testing::dashboard_fixture_ledger();
  DashboardInput m_input = testing::dashboard_fixture_input(m_ledger);
  std::string m_html = render_dashboard(m_input);
};

TEST_F(DashboardOfFixture, MatchesTheReviewedGoldenFile) {
  testing::expect_golden("report/dashboard.html", m_html);
}

TEST_F(DashboardOfFixture, IsDeterministic) {
  EXPECT_EQ(render_dashboard(m_input), m_html);
  const Ledger again = testing::dashboard_fixture_ledger();
  EXPECT_EQ(render_dashboard(testing::dashboard_fixture_input(again)), m_html);
}

TEST_F(DashboardOfFixture, HasNoScriptAndNothingFromTheNetwork) {
  const std::string lower = lowercase(m_html);
  EXPECT_FALSE(contains(lower, "<script"));
  EXPECT_FALSE(contains(lower, "src="));
  EXPECT_FALSE(contains(lower, "@import"));
  EXPECT_FALSE(contains(lower, "url("));
  EXPECT_FALSE(contains(lower, "<link"));
  // The one link is the repository's, which a reader clicks.
  std::size_t hrefs = 0;
  for (std::size_t at = lower.find("href="); at != std::string::npos;
       at = lower.find("href=", at + 1)) {
    ++hrefs;
    EXPECT_EQ(m_html.compare(at, 40, "href=\"https://github.com/runcycles/docs\""), 0)
        << m_html.substr(at, 60);
  }
  EXPECT_EQ(hrefs, 1U);
  EXPECT_TRUE(contains(m_html, "Content-Security-Policy\" content=\"default-src 'none';"));
  EXPECT_TRUE(contains(m_html, "<meta name=\"viewport\" content=\"width=device-width"));
  EXPECT_TRUE(contains(m_html, "prefers-color-scheme:dark"));
}

TEST_F(DashboardOfFixture, EscapesHostileReferrersPathsAndReasons) {
  EXPECT_TRUE(contains(m_html, "<td class=\"wrap\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"));
  EXPECT_TRUE(
      contains(m_html, "<td class=\"wrap\">/runcycles/docs/a&quot;&amp;&apos;&lt;&gt;b</td>"));
  EXPECT_TRUE(contains(m_html, "unexpected body &lt;html&gt;&lt;script&gt;x()&lt;/script&gt;"));
  EXPECT_EQ(unknown_markup(m_html), std::vector<std::string>{});
}

TEST(Dashboard, EscapesTitleLabelsAndLinks) {
  DashboardInput input;
  input.title = "</title><script>alert(1)</script>";
  input.collected_at = "<b>now</b>";
  input.repository_url = "javascript:alert(1)";
  input.counters.push_back(DashboardCounter{.name = "x\"><img src=x onerror=alert(1)>",
                                            .label = "</style><script>",
                                            .value = 1234,
                                            .history = {{day("2026-04-01"), 1234}}});
  input.last_run = DashboardRun{.finished_at = "'\"", .failures = {}};
  const std::string html = render_dashboard(input);
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
  DashboardInput input;
  input.title =
      "a\xFF"
      "b\x01"
      "c";
  const std::string html = render_dashboard(input);
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
  const auto clones_counter =
      std::find_if(m_input.counters.begin(), m_input.counters.end(),
                   [](const DashboardCounter& c) { return c.name == "clones"; });
  ASSERT_NE(clones_counter, m_input.counters.end());
  EXPECT_EQ(clones_counter->value, clones);
  EXPECT_TRUE(
      contains(m_html, "<span class=\"value\">" + with_thousands_separators(clones) + "</span>"))
      << with_thousands_separators(clones);
}

TEST_F(DashboardOfFixture, ListsOnlyTheLatestTopTenReferrers) {
  // The old reading (999, ten days before) is no longer among the latest.
  EXPECT_FALSE(contains(m_html, "old-forum.example"));
  // Twelve latest referrers across both repositories: the two smallest go.
  EXPECT_TRUE(contains(m_html, "reddit.com"));
  EXPECT_FALSE(contains(m_html, "lobste.rs"));
  EXPECT_FALSE(contains(m_html, "docs.rs"));
  // The largest first.
  EXPECT_LT(m_html.find(">Google<"), m_html.find(">news.ycombinator.com<"));
}

TEST_F(DashboardOfFixture, RepositoryAndPackageTablesHoldTheLedgerValues) {
  EXPECT_TRUE(contains(m_html, "<tr><td>runcycles/cycles-server</td>"));
  EXPECT_TRUE(
      contains(m_html, "<td>crates</td><td>downloads</td><td>runcycles</td><td>cumulative</td>"));
  EXPECT_TRUE(contains(
      m_html, "<td>npm</td><td>downloads</td><td>@runcycles/mcp-server</td><td>daily</td>"));
  // Unique visitors have no total and no row of their own.
  EXPECT_FALSE(contains(m_html, "uniques"));
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
  DashboardInput input;
  input.ledger = &ledger;
  const std::string html = render_dashboard(input);
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
  DashboardInput input;
  input.ledger = &ledger;
  const std::string html = render_dashboard(input);
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

TEST(Dashboard, ChartsOfHugeValuesKeepAFewGridLines) {
  DashboardInput input;
  const Count largest = std::numeric_limits<Count>::max();
  input.counters.push_back(
      DashboardCounter{.name = "huge",
                       .label = "Huge",
                       .value = largest,
                       .history = {{day("2026-04-01"), 0}, {day("2026-04-02"), largest}}});
  const std::string html = render_dashboard(input);
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

TEST(DashboardHistory, ValueAsOfFollowsEachKind) {
  Ledger ledger;
  ASSERT_TRUE(
      ledger
          .observe(
              {.key = key("a:b:daily"), .kind = Kind::daily, .day = day("2026-04-02"), .value = 5})
          .ok());
  ASSERT_TRUE(
      ledger
          .observe(
              {.key = key("a:b:daily"), .kind = Kind::daily, .day = day("2026-04-04"), .value = 3})
          .ok());
  ASSERT_TRUE(ledger
                  .observe({.key = key("a:b:daily"),
                            .kind = Kind::daily,
                            .day = day("2026-04-03"),
                            .value = 100,
                            .floor = true})
                  .ok());
  const Series& daily = *ledger.find(key("a:b:daily"));
  EXPECT_EQ(value_as_of(daily, day("2026-04-01")), std::nullopt);
  EXPECT_EQ(value_as_of(daily, day("2026-04-02")), 5U);
  EXPECT_EQ(value_as_of(daily, day("2026-04-03")), 100U);  // the floor covers day 2
  EXPECT_EQ(value_as_of(daily, day("2026-04-04")), 103U);
  EXPECT_EQ(value_as_of(daily, day("2026-05-01")), daily.value());

  ASSERT_TRUE(ledger
                  .observe({.key = key("a:c:x"),
                            .kind = Kind::cumulative,
                            .day = day("2026-04-01"),
                            .value = 50})
                  .ok());
  ASSERT_TRUE(ledger
                  .observe({.key = key("a:c:x"),
                            .kind = Kind::cumulative,
                            .day = day("2026-04-05"),
                            .value = 40})
                  .ok());
  EXPECT_EQ(value_as_of(*ledger.find(key("a:c:x")), day("2026-04-05")), 50U);

  ASSERT_TRUE(
      ledger
          .observe({.key = key("a:g:x"), .kind = Kind::gauge, .day = day("2026-04-01"), .value = 9})
          .ok());
  ASSERT_TRUE(
      ledger
          .observe({.key = key("a:g:x"), .kind = Kind::gauge, .day = day("2026-04-03"), .value = 7})
          .ok());
  EXPECT_EQ(value_as_of(*ledger.find(key("a:g:x")), day("2026-04-02")), 9U);
  EXPECT_EQ(value_as_of(*ledger.find(key("a:g:x")), day("2026-04-03")), 7U);

  ASSERT_TRUE(ledger
                  .observe({.key = key("a:u:x"),
                            .kind = Kind::daily,
                            .day = day("2026-04-01"),
                            .value = 9,
                            .additivity = Additivity::non_additive})
                  .ok());
  EXPECT_EQ(value_as_of(*ledger.find(key("a:u:x")), day("2026-04-01")), std::nullopt);
}

TEST(DashboardHistory, SumsSelectedSeriesOnEveryDayOneChanges) {
  Ledger ledger;
  ASSERT_TRUE(
      ledger
          .observe(
              {.key = key("a:b:one"), .kind = Kind::daily, .day = day("2026-04-01"), .value = 5})
          .ok());
  ASSERT_TRUE(
      ledger
          .observe(
              {.key = key("a:b:one"), .kind = Kind::daily, .day = day("2026-04-03"), .value = 2})
          .ok());
  ASSERT_TRUE(ledger
                  .observe({.key = key("a:b:two"),
                            .kind = Kind::cumulative,
                            .day = day("2026-04-02"),
                            .value = 40})
                  .ok());
  ASSERT_TRUE(ledger
                  .observe({.key = key("z:z:other"),
                            .kind = Kind::cumulative,
                            .day = day("2026-04-02"),
                            .value = 1000})
                  .ok());
  const auto history = history_of(ledger, [](const SeriesKey& k) { return k.source() == "a"; });
  const std::vector<DayCount> expected = {
      {day("2026-04-01"), 5}, {day("2026-04-02"), 45}, {day("2026-04-03"), 47}};
  EXPECT_EQ(history, expected);
  // The last point is the sum of the series' values.
  EXPECT_EQ(history.back().value, ledger.find(key("a:b:one"))->value().value() +
                                      ledger.find(key("a:b:two"))->value().value());
}

TEST(DashboardHistory, DefaultCountersComeFromTheSeriesPresent) {
  Ledger ledger;
  ASSERT_TRUE(ledger
                  .observe({.key = key("npm:downloads:p"),
                            .kind = Kind::daily,
                            .day = day("2026-04-01"),
                            .value = 5})
                  .ok());
  ASSERT_TRUE(ledger
                  .observe({.key = key("docker:pulls:o/i"),
                            .kind = Kind::cumulative,
                            .day = day("2026-04-01"),
                            .value = 7})
                  .ok());
  const auto input = dashboard_input_from_ledger(ledger, "t", "2026-04-01T00:00:00Z");
  ASSERT_EQ(input.counters.size(), 1U);
  EXPECT_EQ(input.counters[0].name, "downloads");
  EXPECT_EQ(input.counters[0].value, 12U);
  EXPECT_EQ(input.ledger, &ledger);
}

}  // namespace
}  // namespace odometer
