// The GitHub response parsers: every sample in tests/fixtures/api-samples
// parses to the numbers written in it (expected sums worked out by hand from
// the files), and every hostile variant — a missing field, a wrong type, a
// negative or absurd count, a truncated body, an HTML page — is an error
// that names the URL and, where there is one, the JSON path.

#include "sources/github_parse.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "support/source_harness.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::api_sample;
using testing::expect_parse_error;
using testing::replace_once;

constexpr std::string_view k_clones_url =
    "https://api.github.com/repos/octocat/Hello-World/traffic/clones?per=day";
constexpr std::string_view k_views_url =
    "https://api.github.com/repos/octocat/Hello-World/traffic/views?per=day";
constexpr std::string_view k_referrers_url =
    "https://api.github.com/repos/octocat/Hello-World/traffic/popular/referrers";
constexpr std::string_view k_paths_url =
    "https://api.github.com/repos/octocat/Hello-World/traffic/popular/paths";
constexpr std::string_view k_repos_url = "https://api.github.com/orgs/octocat/repos?per_page=100";
constexpr std::string_view k_releases_url =
    "https://api.github.com/repos/octocat/hello-world/releases?per_page=100&page=1";

Day day(std::string_view text) {
  return *Day::parse(text);
}

// ---------------------------------------------------------------- traffic

TEST(ParseTraffic, ClonesSampleGivesEveryDay) {
  auto window = parse_traffic(api_sample("github-traffic/clones.json"), k_clones_url, "clones");
  ASSERT_TRUE(window.ok()) << window.error().message;
  EXPECT_EQ(window->count, 173U);
  EXPECT_EQ(window->uniques, 128U);
  ASSERT_EQ(window->days.size(), 15U);
  EXPECT_EQ(window->days.front(), (TrafficDay{day("2016-10-10"), 2, 1}));
  EXPECT_EQ(window->days[7], (TrafficDay{day("2016-10-17"), 26, 15}));
  EXPECT_EQ(window->days.back(), (TrafficDay{day("2016-10-24"), 7, 5}));
  Count counts = 0;
  Count uniques = 0;
  for (std::size_t i = 0; i < window->days.size(); ++i) {
    EXPECT_EQ(window->days[i].day, day("2016-10-10") + static_cast<std::int32_t>(i));
    counts += window->days[i].count;
    uniques += window->days[i].uniques;
  }
  // 2+17+21+8+5+2+8+26+19+19+19+9+5+6+7: the per-day counts add up to the top count.
  EXPECT_EQ(counts, 173U);
  // 1+16+15+7+5+2+7+15+17+14+15+7+5+5+5: uniques do not add up (128 at the top).
  EXPECT_EQ(uniques, 136U);
}

TEST(ParseTraffic, EmptyWindowIsNoDaysNotAnError) {
  auto window =
      parse_traffic(api_sample("github-traffic/clones-empty.json"), k_clones_url, "clones");
  ASSERT_TRUE(window.ok()) << window.error().message;
  EXPECT_EQ(window->count, 0U);
  EXPECT_EQ(window->uniques, 0U);
  EXPECT_TRUE(window->days.empty());
}

TEST(ParseTraffic, ViewsSampleGivesEveryDay) {
  auto window = parse_traffic(api_sample("github-traffic/views.json"), k_views_url, "views");
  ASSERT_TRUE(window.ok()) << window.error().message;
  EXPECT_EQ(window->count, 14850U);
  EXPECT_EQ(window->uniques, 3782U);
  ASSERT_EQ(window->days.size(), 15U);
  EXPECT_EQ(window->days.front(), (TrafficDay{day("2016-10-10"), 440, 143}));
  EXPECT_EQ(window->days[10], (TrafficDay{day("2016-10-20"), 1492, 448}));
  EXPECT_EQ(window->days.back(), (TrafficDay{day("2016-10-24"), 614, 237}));
  Count counts = 0;
  Count uniques = 0;
  for (const auto& entry : window->days) {
    counts += entry.count;
    uniques += entry.uniques;
  }
  EXPECT_EQ(counts, 14850U);
  EXPECT_EQ(uniques, 4630U);
}

TEST(ParseTraffic, ReadsTheNamedListOnly) {
  // A views body read as clones lacks the "clones" list.
  expect_parse_error(parse_traffic(api_sample("github-traffic/views.json"), k_views_url, "clones"),
                     k_views_url, "$: missing field \"clones\"");
}

TEST(ParseTraffic, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string body = api_sample("github-traffic/clones.json");
  const std::string_view first = R"({"timestamp":"2016-10-10T00:00:00Z","count":2,"uniques":1})";
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(body, first, R"({"timestamp":"2016-10-10T00:00:00Z","uniques":1})"),
       "$.clones[0]: missing field \"count\""},
      {replace_once(body, first, R"({"count":2,"uniques":1})"),
       "$.clones[0]: missing field \"timestamp\""},
      {replace_once(body, R"("count":26,)", R"("count":-5,)"),
       "$.clones[7].count: count -5 is negative"},
      {replace_once(body, R"("count":26,)", R"("count":1e30,)"),
       "$.clones[7].count: expected a whole number, got the number 1e+30"},
      {replace_once(body, R"("count":26,)", R"("count":"12",)"),
       "$.clones[7].count: expected a whole number, got a string"},
      {replace_once(body, R"("count":26,)", R"("count":26.5,)"),
       "$.clones[7].count: expected a whole number"},
      {replace_once(body, R"("count":26,)", R"("count":null,)"),
       "$.clones[7].count: expected a whole number, got null"},
      {replace_once(body, R"("count":26,)", R"("count":1000000000000001,)"),
       "$.clones[7].count: count 1000000000000001 is above the limit of 10^15"},
      {replace_once(body, R"("count":26,)", R"("count":18446744073709551615,)"),
       "$.clones[7].count: count 18446744073709551615 is above the limit of 10^15"},
      {replace_once(body, R"("uniques":15},{"timestamp":"2016-10-18)",
                    R"("uniques":-1},{"timestamp":"2016-10-18)"),
       "$.clones[7].uniques: count -1 is negative"},
      {replace_once(body, R"("count":173,)", R"("count":-5,)"), "$.count: count -5 is negative"},
      {replace_once(body, R"("uniques":128,)", ""), "$: missing field \"uniques\""},
      {replace_once(body, "2016-10-12T00:00:00Z", "2016-13-12T00:00:00Z"),
       "$.clones[2].timestamp: "},
      {replace_once(body, "\"2016-10-12T00:00:00Z\"", "20161012"),
       "$.clones[2].timestamp: expected a string, got the number 20161012"},
      {replace_once(body, first, "[]"), "$.clones[0]: expected an object, got an array"},
      {replace_once(body, R"("clones":[)", R"("clones":7,"x":[)"),
       "$.clones: expected an array, got the number 7"},
      {R"({"count":0,"uniques":0,"clones":null})", "$.clones: expected an array, got null"},
      {"[]", "$: expected an object, got an array"},
      {"null", "$: expected an object, got null"},
      {"", "empty body"},
      {"  \n ", "empty body"},
      {"<!DOCTYPE html><html><body>Sign in</body></html>", "expected JSON, got an HTML page"},
      {"\n<html>502 Bad Gateway</html>", "expected JSON, got an HTML page"},
      {"{\"count\":1,\"uniques\":1,\"clones\":[{\"timestamp\":\"2016-10-10T00:00:00Z\xff\","
       "\"count\":1,\"uniques\":1}]}",
       "invalid JSON"},
      {body + "garbage", "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_traffic(c.body, k_clones_url, "clones"), k_clones_url, c.part);
  }
}

TEST(ParseTraffic, EveryTruncationIsAnError) {
  for (const auto* name : {"github-traffic/clones.json", "github-traffic/views.json"}) {
    const std::string body = api_sample(name);
    const std::string_view field =
        std::string_view(name).find("clones") != std::string_view::npos ? "clones" : "views";
    for (std::size_t size = 0; size < body.size(); ++size) {
      SCOPED_TRACE(body.substr(0, size));
      expect_parse_error(parse_traffic(body.substr(0, size), k_clones_url, field), k_clones_url,
                         "");
    }
  }
}

// ---------------------------------------------------------------- popular

TEST(ParsePopular, ReferrersSample) {
  auto entries = parse_popular(api_sample("github-traffic/popular-referrers.json"), k_referrers_url,
                               "referrer");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  const std::vector<PopularEntry> expected{{"Google", 4, 3},
                                           {"stackoverflow.com", 2, 2},
                                           {"eggsonbread.com", 1, 1},
                                           {"yandex.ru", 1, 1}};
  EXPECT_EQ(*entries, expected);
}

TEST(ParsePopular, PathsSample) {
  auto entries =
      parse_popular(api_sample("github-traffic/popular-paths.json"), k_paths_url, "path");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  const std::vector<PopularEntry> expected{
      {"/github/hubot", 3542, 2225},
      {"/github/hubot/blob/master/docs/scripting.md", 1707, 804},
      {"/github/hubot/tree/master/docs", 685, 435}};
  EXPECT_EQ(*entries, expected);
}

TEST(ParsePopular, EmptyListIsNoEntries) {
  auto entries = parse_popular("[]", k_paths_url, "path");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  EXPECT_TRUE(entries->empty());
}

TEST(ParsePopular, KeepsAStrangersTextAsGiven) {
  // Escapes decode; a control character is kept here and refused later, by
  // the series key, so the caller can skip that one entry.
  auto entries = parse_popular(R"([{"referrer":"a\u0007b \u00e9\/x","count":1,"uniques":1}])",
                               k_referrers_url, "referrer");
  ASSERT_TRUE(entries.ok()) << entries.error().message;
  ASSERT_EQ(entries->size(), 1U);
  EXPECT_EQ(entries->front().name,
            "a\x07"
            "b \xC3\xA9/x");
}

TEST(ParsePopular, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string referrers = api_sample("github-traffic/popular-referrers.json");
  const std::string paths = api_sample("github-traffic/popular-paths.json");
  struct Case {
    std::string body;
    std::string_view url;
    std::string_view field;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(referrers, R"("referrer":"Google",)", ""), k_referrers_url, "referrer",
       "$[0]: missing field \"referrer\""},
      {replace_once(referrers, R"("referrer":"Google")", R"("referrer":7)"), k_referrers_url,
       "referrer", "$[0].referrer: expected a string, got the number 7"},
      {replace_once(referrers, R"("count":2,)", R"("count":-5,)"), k_referrers_url, "referrer",
       "$[1].count: count -5 is negative"},
      {replace_once(referrers, R"("count":2,)", R"("count":1e30,)"), k_referrers_url, "referrer",
       "$[1].count: expected a whole number"},
      {replace_once(referrers, R"("count":2,)", R"("count":"12",)"), k_referrers_url, "referrer",
       "$[1].count: expected a whole number, got a string"},
      {replace_once(referrers, R"(,"uniques":1}])", "}]"), k_referrers_url, "referrer",
       "$[3]: missing field \"uniques\""},
      {replace_once(paths, R"("count":685,)", R"("count":-5,)"), k_paths_url, "path",
       "$[2].count: count -5 is negative"},
      {replace_once(paths, R"("path":"/github/hubot",)", R"("path":null,)"), k_paths_url, "path",
       "$[0].path: expected a string, got null"},
      // A paths body is not a referrers body.
      {paths, k_paths_url, "referrer", "$[0]: missing field \"referrer\""},
      {R"({"referrer":"Google","count":4,"uniques":3})", k_referrers_url, "referrer",
       "$: expected an array, got an object"},
      {"[1]", k_referrers_url, "referrer", "$[0]: expected an object, got the number 1"},
      {"null", k_referrers_url, "referrer", "$: expected an array, got null"},
      {"", k_referrers_url, "referrer", "empty body"},
      {"<html><head><title>Unicorn!</title></head></html>", k_paths_url, "path",
       "expected JSON, got an HTML page"},
      {"[{\"referrer\":\"Go\xC0\xAFgle\",\"count\":4,\"uniques\":3}]", k_referrers_url, "referrer",
       "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_popular(c.body, c.url, c.field), c.url, c.part);
  }
  for (std::size_t size = 0; size < referrers.size(); ++size) {
    expect_parse_error(parse_popular(referrers.substr(0, size), k_referrers_url, "referrer"),
                       k_referrers_url, "");
  }
  for (std::size_t size = 0; size < paths.size(); ++size) {
    expect_parse_error(parse_popular(paths.substr(0, size), k_paths_url, "path"), k_paths_url, "");
  }
}

// ---------------------------------------------------------------- repositories

TEST(ParseRepositories, OrgPageSample) {
  auto repos = parse_repositories(api_sample("github-repos/org-repos-page.json"), k_repos_url);
  ASSERT_TRUE(repos.ok()) << repos.error().message;
  ASSERT_EQ(repos->size(), 3U);
  const GithubRepository& hello = (*repos)[0];
  EXPECT_EQ(hello.full_name, "octocat/Hello-World");
  EXPECT_EQ(hello.name, "Hello-World");
  EXPECT_FALSE(hello.fork);
  EXPECT_FALSE(hello.archived);
  EXPECT_FALSE(hello.is_private);
  EXPECT_EQ(hello.stars, 80U);
  EXPECT_EQ(hello.forks, 9U);
  EXPECT_EQ((*repos)[1].full_name, "octocat/Spoon-Knife");
  EXPECT_EQ((*repos)[1].stars, 12000U);
  EXPECT_EQ((*repos)[1].forks, 140000U);
  const GithubRepository& old = (*repos)[2];
  EXPECT_EQ(old.name, "old-fork");
  EXPECT_TRUE(old.fork);
  EXPECT_TRUE(old.archived);
  EXPECT_FALSE(old.is_private);
  EXPECT_EQ(old.stars, 0U);
  EXPECT_EQ(old.forks, 0U);
}

TEST(ParseRepositories, OneRepositoryObject) {
  const std::string page = api_sample("github-repos/org-repos-page.json");
  // The second object of the page, alone, is what GET /repos/{o}/{r} answers.
  const auto start = page.find(R"({"id":1300192)");
  const auto end = page.find(R"(},{"id":1300193)");
  ASSERT_NE(start, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  const std::string object = page.substr(start, end + 1 - start);
  const std::string_view url = "https://api.github.com/repos/octocat/Spoon-Knife";
  auto repo = parse_repository(object, url);
  ASSERT_TRUE(repo.ok()) << repo.error().message;
  EXPECT_EQ(repo->full_name, "octocat/Spoon-Knife");
  EXPECT_EQ(repo->stars, 12000U);
  EXPECT_EQ(repo->forks, 140000U);
  expect_parse_error(parse_repository(page, url), url, "$: expected an object, got an array");
  for (std::size_t size = 0; size < object.size(); ++size) {
    expect_parse_error(parse_repository(object.substr(0, size), url), url, "");
  }
}

TEST(ParseRepositories, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string page = api_sample("github-repos/org-repos-page.json");
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(page, R"("stargazers_count":12000,)", ""),
       "$[1]: missing field \"stargazers_count\""},
      {replace_once(page, R"("stargazers_count":12000,)", R"("stargazers_count":-5,)"),
       "$[1].stargazers_count: count -5 is negative"},
      {replace_once(page, R"("forks_count":140000,)", R"("forks_count":1e30,)"),
       "$[1].forks_count: expected a whole number, got the number 1e+30"},
      {replace_once(page, R"("forks_count":140000,)", R"("forks_count":"12",)"),
       "$[1].forks_count: expected a whole number, got a string"},
      {replace_once(page, R"("fork":true,)", R"("fork":"true",)"),
       "$[2].fork: expected true or false, got a string"},
      {replace_once(
           page, R"("private":false,"owner":{"login":"octocat","id":1,"type":"User"},"fork":true)",
           R"("owner":{"login":"octocat","id":1,"type":"User"},"fork":true)"),
       "$[2]: missing field \"private\""},
      {replace_once(page, R"("full_name":"octocat/Spoon-Knife")", R"("full_name":"Spoon-Knife")"),
       "$[1].full_name: expected \"owner/name\""},
      {replace_once(page, R"("full_name":"octocat/Spoon-Knife")", R"("full_name":"a/b/c")"),
       "$[1].full_name: expected \"owner/name\""},
      {replace_once(page, R"("name":"old-fork",)", ""), "$[2]: missing field \"name\""},
      {"[null]", "$[0]: expected an object, got null"},
      {"null", "$: expected an array, got null"},
      {R"({"message":"Not Found"})", "$: expected an array, got an object"},
      {"", "empty body"},
      {"<!doctype html><title>GitHub Enterprise login</title>", "expected JSON, got an HTML page"},
      {replace_once(page, "This your first repo!", "This \xFF\xFE first repo"), "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_repositories(c.body, k_repos_url), k_repos_url, c.part);
  }
  for (std::size_t size = 0; size < page.size(); size += 7) {
    expect_parse_error(parse_repositories(page.substr(0, size), k_repos_url), k_repos_url, "");
  }
}

// ---------------------------------------------------------------- releases

TEST(ParseReleases, SumsEveryAssetOfEveryRelease) {
  auto total = parse_release_downloads(api_sample("github-releases/releases.json"), k_releases_url);
  ASSERT_TRUE(total.ok()) << total.error().message;
  // v1.1.0: 4210 + 1877; v1.0.0: 15033.
  EXPECT_EQ(*total, 21120U);
}

TEST(ParseReleases, NoReleasesOrNoAssetsIsZero) {
  auto none = parse_release_downloads("[]", k_releases_url);
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_EQ(*none, 0U);
  auto no_assets = parse_release_downloads(R"([{"id":1,"assets":[]}])", k_releases_url);
  ASSERT_TRUE(no_assets.ok()) << no_assets.error().message;
  EXPECT_EQ(*no_assets, 0U);
}

TEST(ParseReleases, HostileVariantsAreErrorsNamingTheUrlAndPath) {
  const std::string body = api_sample("github-releases/releases.json");
  struct Case {
    std::string body;
    std::string_view part;
  };
  const std::vector<Case> cases{
      {replace_once(body, R"("download_count": 15033,)", ""),
       "$[1].assets[0]: missing field \"download_count\""},
      {replace_once(body, R"("download_count": 15033,)", R"("download_count": -5,)"),
       "$[1].assets[0].download_count: count -5 is negative"},
      {replace_once(body, R"("download_count": 1877,)", R"("download_count": 1e30,)"),
       "$[0].assets[1].download_count: expected a whole number, got the number 1e+30"},
      {replace_once(body, R"("download_count": 1877,)", R"("download_count": "12",)"),
       "$[0].assets[1].download_count: expected a whole number, got a string"},
      {replace_once(body, R"("download_count": 4210,)", R"("download_count": 4210.0,)"),
       "$[0].assets[0].download_count: expected a whole number"},
      {replace_once(replace_once(body, R"("download_count": 4210,)",
                                 R"("download_count": 600000000000000,)"),
                    R"("download_count": 15033,)", R"("download_count": 600000000000000,)"),
       "$: the sum of assets[].download_count: count 1200000000001877 is above the limit of 10^15"},
      {R"([{"id":1}])", "$[0]: missing field \"assets\""},
      {R"([{"id":1,"assets":null}])", "$[0].assets: expected an array, got null"},
      {R"([{"id":1,"assets":[7]}])", "$[0].assets[0]: expected an object, got the number 7"},
      {R"({"message":"Not Found"})", "$: expected an array, got an object"},
      {"null", "$: expected an array, got null"},
      {"", "empty body"},
      {"<html><body>rate limited</body></html>", "expected JSON, got an HTML page"},
      {replace_once(body, "hello-linux-amd64.tar.gz", "hello-\xE2\x28\xA1.tar.gz"), "invalid JSON"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    expect_parse_error(parse_release_downloads(c.body, k_releases_url), k_releases_url, c.part);
  }
  for (std::size_t size = 0; size < body.size(); size += 3) {
    expect_parse_error(parse_release_downloads(body.substr(0, size), k_releases_url),
                       k_releases_url, "");
  }
}

// ---------------------------------------------------------------- link header

TEST(ParseLinkNext, FindsNextAmongSeveralRels) {
  EXPECT_EQ(
      parse_link_next(
          R"(<https://api.github.com/organizations/9919/repos?per_page=100&page=2>; rel="next", )"
          R"(<https://api.github.com/organizations/9919/repos?per_page=100&page=5>; rel="last")"),
      "https://api.github.com/organizations/9919/repos?per_page=100&page=2");
  EXPECT_EQ(
      parse_link_next(R"(<https://x/r?page=1>; rel="prev", <https://x/r?page=3>; rel="next", )"
                      R"(<https://x/r?page=9>; rel="last", <https://x/r?page=1>; rel="first")"),
      "https://x/r?page=3");
}

TEST(ParseLinkNext, NoNextOnTheLastPage) {
  EXPECT_EQ(
      parse_link_next(R"(<https://x/r?page=4>; rel="prev", <https://x/r?page=1>; rel="first")"),
      std::nullopt);
  EXPECT_EQ(parse_link_next(""), std::nullopt);
  EXPECT_EQ(parse_link_next("   "), std::nullopt);
}

TEST(ParseLinkNext, ReadsTheRfc8288Forms) {
  // Several relation types in one rel, unquoted values, any case, spaces.
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; rel="last next")"), "https://x/a");
  EXPECT_EQ(parse_link_next("<https://x/a>;rel=next"), "https://x/a");
  EXPECT_EQ(parse_link_next(R"(<https://x/a> ; REL = "Next")"), "https://x/a");
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; type="text/html"; rel="next"; title="p")"),
            "https://x/a");
  // Commas and semicolons inside the target belong to it.
  EXPECT_EQ(
      parse_link_next(R"(<https://x/a?b=1,2;c>; rel="prev", <https://x/d?e=3,4;f>; rel="next")"),
      "https://x/d?e=3,4;f");
  // A quoted parameter may hold what looks like another link or rel.
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; title="x, <https://x/b>; rel=next"; rel="prev")"),
            std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; title="a \"q\" b"; rel="next")"), "https://x/a");
  // Not "next": a relation only looks similar.
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; rel="nextpage")"), std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; anchor="next")"), std::nullopt);
}

TEST(ParseLinkNext, UnreadableHeadersGiveNothing) {
  EXPECT_EQ(parse_link_next(R"(https://x/a; rel="next")"), std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<https://x/a; rel="next")"), std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<https://x/a>; rel="next)"), std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<>; rel="next")"), std::nullopt);
  EXPECT_EQ(parse_link_next(R"(<https://x/a> rel="next")"), std::nullopt);
}

// ------------------------------------------- what one answer may hold at most

std::string traffic_of(int days, bool repeat_first = false) {
  std::string list;
  for (int i = 0; i < days; ++i) {
    const int day = repeat_first && i == 1 ? 1 : i + 1;
    list += (i == 0 ? "" : ",") + std::string(R"({"timestamp":"2026-04-)") + (day < 10 ? "0" : "") +
            std::to_string(day) + R"(T00:00:00Z","count":1,"uniques":1})";
  }
  return R"({"count":0,"uniques":0,"clones":[)" + list + "]}";
}

TEST(ParseTraffic, ADayGivenTwiceIsAnErrorAsInPypistats) {
  expect_parse_error(parse_traffic(traffic_of(3, true), k_clones_url, "clones"), k_clones_url,
                     "$.clones[1].timestamp: 2026-04-01 appears twice");
}

TEST(ParseTraffic, MoreThanFifteenDaysIsAnErrorAndFifteenAreRead) {
  EXPECT_TRUE(parse_traffic(traffic_of(15), k_clones_url, "clones").ok());
  expect_parse_error(parse_traffic(traffic_of(16), k_clones_url, "clones"), k_clones_url,
                     "$.clones: 16 days, more than the 15 GitHub sends");
}

TEST(ParsePopular, MoreThanTenEntriesIsAnErrorAndTenAreRead) {
  const auto rows = [](int n) {
    std::string out = "[";
    for (int i = 0; i < n; ++i) {
      out += (i == 0 ? "" : ",") + std::string(R"({"referrer":"r)") + std::to_string(i) +
             R"(","count":1,"uniques":1})";
    }
    return out + "]";
  };
  const std::string url = "https://api.github.com/repos/o/r/traffic/popular/referrers";
  EXPECT_EQ(parse_popular(rows(10), url, "referrer")->size(), 10U);
  expect_parse_error(parse_popular(rows(11), url, "referrer"), url,
                     "$: 11 entries, more than the 10 GitHub sends; nothing of it is stored");
}

TEST(ParseReleaseDownloads, APageOfMoreThanAHundredReleasesIsAnError) {
  std::string page = "[";
  for (int i = 0; i < 101; ++i) {
    page += (i == 0 ? "" : ",") + std::string(R"({"assets":[]})");
  }
  const std::string url = "https://api.github.com/repos/o/r/releases?per_page=100&page=1";
  expect_parse_error(parse_release_downloads(page + "]", url), url,
                     "$: 101 releases, more than the 100 GitHub sends");
}

}  // namespace
}  // namespace odometer
