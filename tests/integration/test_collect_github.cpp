// `odometer collect` end to end: the real binary against a fake GitHub API
// on 127.0.0.1 (cpp-httplib) that serves the API samples of
// tests/fixtures/api-samples. An org listing of three pages, traffic and
// releases per repository; the exact ledger; a clone window that slides by
// a day; conditional requests answered 304; the token kept out of output
// and recordings; record then replay; and every way one repository can go
// wrong without costing the others their numbers.

#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "collect/last_run.hpp"
#include "core/ledger.hpp"
#include "store/file_store.hpp"
#include "support/local_server.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::every_file;
using testing::read_file;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const std::filesystem::path k_samples = std::filesystem::path(ODOMETER_FIXTURES) / "api-samples";
constexpr std::string_view k_token = "ghp_EndToEnd0123456789abcdef";

std::string sample(const std::string& name) {
  return read_file(k_samples / name);
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// ------------------------------------------------------------ the fake GitHub

// One canned answer. `cut` sends the headers and half the body, then drops
// the connection.
struct Answer {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool cut = false;
};

// What the server saw of one request.
struct Seen {
  std::string target;  // path?query
  std::string authorization;
  std::string if_none_match;
  int status = 0;  // what it answered
};

// GitHub's REST API for the requests odometer makes: a table of
// "path?query" → Answer, anything else a 404. Every 200 carries an ETag
// (a hash of the body); a request whose If-None-Match matches is answered
// 304 with the ETag and Link headers, as GitHub does. Thread-safe.
class FakeGithub {
public:
  FakeGithub() {
    m_server.http().Get(
        ".*", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });
  }

  // Stopped before the members its handlers use are gone.
  ~FakeGithub() { stop(); }
  FakeGithub(const FakeGithub&) = delete;
  FakeGithub& operator=(const FakeGithub&) = delete;

  void start() { m_server.start(); }
  void stop() { m_server.stop(); }
  std::string api() const { return m_server.url(); }

  void on(const std::string& target, Answer answer) {
    const std::lock_guard lock(m_mutex);
    m_answers[target] = std::move(answer);
  }
  void json(const std::string& target, std::string body,
            std::vector<std::pair<std::string, std::string>> headers = {}) {
    on(target, Answer{200, std::move(body), std::move(headers)});
  }
  // Rewrites every body before it is sent, given the Authorization header
  // received: how a server would echo a token back.
  void set_echo(std::function<std::string(const std::string& body, const std::string& auth)> echo) {
    const std::lock_guard lock(m_mutex);
    m_echo = std::move(echo);
  }

  std::vector<Seen> seen() const {
    const std::lock_guard lock(m_mutex);
    return m_seen;
  }
  void forget() {
    const std::lock_guard lock(m_mutex);
    m_seen.clear();
  }

private:
  static std::string etag_of(const std::string& body) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : body) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ULL;
    }
    return "\"" + std::to_string(hash) + "\"";
  }

  void handle(const httplib::Request& req, httplib::Response& res) {
    Seen seen{req.target, req.get_header_value("Authorization"),
              req.get_header_value("If-None-Match")};
    Answer answer;
    {
      const std::lock_guard lock(m_mutex);
      const auto it = m_answers.find(req.target);
      answer = it != m_answers.end()
                   ? it->second
                   : Answer{404, R"({"message":"Not Found","documentation_url":"x"})"};
      if (m_echo) {
        answer.body = m_echo(answer.body, seen.authorization);
      }
    }
    for (const auto& [name, value] : answer.headers) {
      res.set_header(name, value);
    }
    const std::string etag = etag_of(answer.body);
    if (answer.status == 200 && !answer.cut) {
      res.set_header("ETag", etag);
    }
    if (answer.status == 200 && !answer.cut && seen.if_none_match == etag) {
      res.status = 304;
    } else if (answer.cut) {
      res.status = answer.status;
      auto body = std::make_shared<std::string>(answer.body);
      res.set_content_provider(body->size(), "application/json; charset=utf-8",
                               [body](std::size_t offset, std::size_t, httplib::DataSink& sink) {
                                 if (offset > 0) {
                                   return false;  // drop the connection halfway
                                 }
                                 sink.write(body->data(), body->size() / 2);
                                 return true;
                               });
    } else {
      res.status = answer.status;
      res.set_content(answer.body, "application/json; charset=utf-8");
    }
    seen.status = res.status;
    const std::lock_guard lock(m_mutex);
    m_seen.push_back(std::move(seen));
  }

  testing::LocalServer m_server;
  mutable std::mutex m_mutex;
  std::map<std::string, Answer> m_answers;
  std::function<std::string(const std::string&, const std::string&)> m_echo;
  std::vector<Seen> m_seen;
};

// ------------------------------------------------------------- the samples

struct TrafficDay {
  std::string day;
  int count = 0;
  int uniques = 0;
};

std::string traffic(std::string_view field, const std::vector<TrafficDay>& days) {
  int count = 0;
  int uniques = 0;
  std::string list;
  for (const auto& day : days) {
    count += day.count;
    uniques += day.uniques;
    list += (list.empty() ? "" : ",") + std::string(R"({"timestamp":")") + day.day +
            R"(T00:00:00Z","count":)" + std::to_string(day.count) + R"(,"uniques":)" +
            std::to_string(day.uniques) + "}";
  }
  return R"({"count":)" + std::to_string(count) + R"(,"uniques":)" + std::to_string(uniques) +
         R"(,")" + std::string(field) + R"(":[)" + list + "]}";
}

std::string repo_object(const std::string& name, int stars, int forks, bool fork = false) {
  return R"({"id":7,"name":")" + name + R"(","full_name":"octocat/)" + name +
         R"(","private":false,"owner":{"login":"octocat","id":1,"type":"User"},"fork":)" +
         (fork ? "true" : "false") +
         R"(,"archived":false,"disabled":false,"visibility":"public","stargazers_count":)" +
         std::to_string(stars) + R"(,"watchers_count":0,"forks_count":)" + std::to_string(forks) +
         R"(,"open_issues_count":0,"default_branch":"main"})";
}

std::string release_page(int download_count) {
  return R"([{"id":5,"tag_name":"v2","assets":[{"id":50,"name":"a.tgz","download_count":)" +
         std::to_string(download_count) + "}]}]";
}

// gamma's clone window: 14 days from 2026-04-18, 10 + i clones on day i.
std::vector<TrafficDay> gamma_window() {
  std::vector<TrafficDay> days;
  const Day first = *Day::parse("2026-04-18");
  days.reserve(14);
  for (int i = 0; i < 14; ++i) {
    days.push_back(TrafficDay{(first + i).to_string(), 10 + i, 1});
  }
  return days;
}

// The same window a day later: its oldest day (04-19) cut short, the
// newest of before (05-01) grown, and a new day.
std::vector<TrafficDay> gamma_window_a_day_later() {
  std::vector<TrafficDay> days = gamma_window();
  days.erase(days.begin());
  days.front().count = 3;
  days.back().count = 30;
  days.push_back(TrafficDay{"2026-05-02", 5, 2});
  return days;
}

const std::string k_page1 = "/orgs/octocat/repos?per_page=100&type=all";
const std::string k_page2 = "/organizations/1/repos?per_page=100&type=all&page=2";
const std::string k_page3 = "/organizations/1/repos?per_page=100&type=all&page=3";

std::string repo_path(const std::string& name) {
  return "/repos/octocat/" + name;
}
std::string clones_path(const std::string& name) {
  return repo_path(name) + "/traffic/clones?per=day";
}
std::string releases_path(const std::string& name) {
  return repo_path(name) + "/releases?per_page=100&page=1";
}

// The org "octocat" over three pages: the listing sample (Hello-World,
// Spoon-Knife and an archived fork, which is left out), then gamma and a
// fork (left out), then delta. Hello-World serves every traffic and release
// sample; Spoon-Knife and delta the empty ones; gamma a clone window and
// two pages of releases.
void serve_org(FakeGithub& github) {
  const std::string api = github.api();
  const auto link = [&](const std::vector<std::pair<std::string, std::string>>& rels) {
    std::string out;
    for (const auto& [target, rel] : rels) {
      out += (out.empty() ? "" : ", ") + ("<" + api + target + ">; rel=\"" + rel + "\"");
    }
    return out;
  };
  github.json(k_page1, sample("github-repos/org-repos-page.json"),
              {{"Link", link({{k_page2, "next"}, {k_page3, "last"}})}});
  github.json(
      k_page2, "[" + repo_object("gamma", 3, 1) + "," + repo_object("spoon-fork", 9, 9, true) + "]",
      {{"Link",
        link({{k_page1, "prev"}, {k_page3, "next"}, {k_page3, "last"}, {k_page1, "first"}})}});
  github.json(k_page3, "[" + repo_object("delta", 0, 0) + "]",
              {{"Link", link({{k_page2, "prev"}, {k_page1, "first"}})}});

  const std::string empty_views = R"({"count":0,"uniques":0,"views":[]})";
  for (const std::string name : {"Spoon-Knife", "gamma", "delta"}) {
    github.json(clones_path(name), sample("github-traffic/clones-empty.json"));
    github.json(repo_path(name) + "/traffic/views?per=day", empty_views);
    github.json(repo_path(name) + "/traffic/popular/referrers", "[]");
    github.json(repo_path(name) + "/traffic/popular/paths", "[]");
    github.json(releases_path(name), "[]");
  }
  const std::string hello = repo_path("Hello-World");
  github.json(clones_path("Hello-World"), sample("github-traffic/clones.json"));
  github.json(hello + "/traffic/views?per=day", sample("github-traffic/views.json"));
  github.json(hello + "/traffic/popular/referrers",
              sample("github-traffic/popular-referrers.json"));
  github.json(hello + "/traffic/popular/paths", sample("github-traffic/popular-paths.json"));
  github.json(releases_path("Hello-World"), sample("github-releases/releases.json"));

  github.json(clones_path("gamma"), traffic("clones", gamma_window()));
  const std::string gamma_page2 = repo_path("gamma") + "/releases?per_page=100&page=2";
  github.json(releases_path("gamma"), release_page(100),
              {{"Link", link({{gamma_page2, "next"}, {gamma_page2, "last"}})}});
  github.json(
      gamma_page2, release_page(23),
      {{"Link", link({{releases_path("gamma"), "prev"}, {releases_path("gamma"), "first"}})}});
}

// -------------------------------------------------------------- the ledger

// One line per series: key, kind, derived value ("-" when there is none),
// and for daily series every day (and floor).
std::vector<std::string> describe(const Ledger& ledger) {
  std::vector<std::string> lines;
  for (const auto& [key, series] : ledger.series()) {
    const auto value = series.value();
    std::string line = key.str() + " " + std::string(to_string(series.kind())) + " " +
                       (value ? std::to_string(*value) : "-");
    if (const auto* daily = series.daily()) {
      for (const auto& [day, count] : daily->floors()) {
        line += " floor " + day.to_string() + "=" + std::to_string(count);
      }
      for (const auto& [day, count] : daily->days()) {
        line += " " + day.to_string() + "=" + std::to_string(count);
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

std::string days_from(const std::string& first, const std::vector<int>& counts) {
  std::string out;
  const Day start = *Day::parse(first);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out +=
        " " + (start + static_cast<std::int32_t>(i)).to_string() + "=" + std::to_string(counts[i]);
  }
  return out;
}

std::string daily(const std::string& key, const std::string& value,
                  const std::vector<TrafficDay>& days, bool uniques) {
  std::string out = key + " daily " + value;
  for (const auto& day : days) {
    out += " " + day.day + "=" + std::to_string(uniques ? day.uniques : day.count);
  }
  return out;
}

std::vector<std::string> expected_ledger() {
  const std::string hello = "octocat/Hello-World";
  const std::vector<int> clones{2, 17, 21, 8, 5, 2, 8, 26, 19, 19, 19, 9, 5, 6, 7};
  const std::vector<int> clone_uniques{1, 16, 15, 7, 5, 2, 7, 15, 17, 14, 15, 7, 5, 5, 5};
  const std::vector<int> views{440,  1308, 1486, 1170, 868, 495, 524, 1263,
                               1402, 1394, 1492, 1153, 566, 675, 614};
  const std::vector<int> view_uniques{143, 414, 452, 401, 266, 157, 175, 412,
                                      417, 424, 448, 332, 168, 184, 237};
  std::vector<std::string> lines{
      "github:clone-uniques:" + hello + " daily -" + days_from("2016-10-10", clone_uniques),
      daily("github:clone-uniques:octocat/gamma", "-", gamma_window(), true),
      "github:clones:" + hello + " daily 173" + days_from("2016-10-10", clones),
      daily("github:clones:octocat/gamma", "231", gamma_window(), false),
      "github:forks:" + hello + " gauge 9",
      "github:forks:octocat/Spoon-Knife gauge 140000",
      "github:forks:octocat/delta gauge 0",
      "github:forks:octocat/gamma gauge 1",
      "github:path-uniques:" + hello + "/github/hubot gauge 2225",
      "github:path-uniques:" + hello + "/github/hubot/blob/master/docs/scripting.md gauge 804",
      "github:path-uniques:" + hello + "/github/hubot/tree/master/docs gauge 435",
      "github:path:" + hello + "/github/hubot gauge 3542",
      "github:path:" + hello + "/github/hubot/blob/master/docs/scripting.md gauge 1707",
      "github:path:" + hello + "/github/hubot/tree/master/docs gauge 685",
      "github:referrer-uniques:" + hello + "/Google gauge 3",
      "github:referrer-uniques:" + hello + "/eggsonbread.com gauge 1",
      "github:referrer-uniques:" + hello + "/stackoverflow.com gauge 2",
      "github:referrer-uniques:" + hello + "/yandex.ru gauge 1",
      "github:referrer:" + hello + "/Google gauge 4",
      "github:referrer:" + hello + "/eggsonbread.com gauge 1",
      "github:referrer:" + hello + "/stackoverflow.com gauge 2",
      "github:referrer:" + hello + "/yandex.ru gauge 1",
      "github:release-downloads:" + hello + " cumulative 21120",
      "github:release-downloads:octocat/Spoon-Knife cumulative 0",
      "github:release-downloads:octocat/delta cumulative 0",
      "github:release-downloads:octocat/gamma cumulative 123",
      "github:stars:" + hello + " gauge 80",
      "github:stars:octocat/Spoon-Knife gauge 12000",
      "github:stars:octocat/delta gauge 0",
      "github:stars:octocat/gamma gauge 3",
      "github:view-uniques:" + hello + " daily -" + days_from("2016-10-10", view_uniques),
      "github:views:" + hello + " daily 14850" + days_from("2016-10-10", views),
  };
  std::sort(lines.begin(), lines.end());
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += line + "\n";
  }
  return out;
}

Ledger read_ledger(const std::filesystem::path& path) {
  auto ledger = read_ledger_file(path);
  EXPECT_TRUE(ledger.ok()) << ledger.error().message;
  return ledger ? std::move(*ledger) : Ledger();
}

const Series* find(const Ledger& ledger, const std::string& key) {
  return ledger.find(*SeriesKey::parse(key));
}

// ------------------------------------------------------------------ fixture

class CollectGithub : public ::testing::Test {
protected:
  void SetUp() override {
    github.start();
    serve_org(github);
    setenv("GITHUB_TOKEN", std::string(k_token).c_str(), 1);
    unsetenv("GH_TOKEN");
    setenv("NO_PROXY", "127.0.0.1", 1);
    setenv("no_proxy", "127.0.0.1", 1);
  }
  void TearDown() override {
    github.stop();
    unsetenv("GITHUB_TOKEN");
  }

  // Writes DIR/odometer.toml for the fake org (plus extra lines) and
  // returns its path; the ledger goes beside it.
  std::string config(const std::filesystem::path& dir, const std::string& extra = "") const {
    std::filesystem::create_directories(dir);
    const auto path = dir / "odometer.toml";
    write_file(path, "[github]\norg = \"octocat\"\napi = \"" + github.api() + "\"\n" + extra);
    return path.string();
  }

  static CommandResult collect(const std::string& config_path,
                               const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"collect", "--config", config_path};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_odometer(args);
  }

  std::size_t requests_to(std::string_view part) const {
    std::size_t n = 0;
    for (const auto& seen : github.seen()) {
      n += contains(seen.target, part) ? 1U : 0U;
    }
    return n;
  }

  FakeGithub github;
};

// ------------------------------------------------------------------- tests

TEST_F(CollectGithub, CollectsTheWholeOrgIntoExactlyTheExpectedLedger) {
  TempDir dir;
  const CommandResult result = collect(config(dir.path()));
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(join(describe(read_ledger(dir / "odometer-ledger.json"))), join(expected_ledger()));

  // Three listing pages, the rate limit, five requests per repository, one
  // more releases page.
  EXPECT_EQ(github.seen().size(), 3U + 1U + 4U * 5U + 1U);
  EXPECT_EQ(requests_to("/rate_limit"), 1U);
  EXPECT_EQ(requests_to("page=2"), 2U);  // the listing's and gamma's releases
  EXPECT_EQ(requests_to(k_page3), 1U);
  EXPECT_EQ(requests_to("old-fork"), 0U);
  EXPECT_EQ(requests_to("spoon-fork"), 0U);
  for (const auto& seen : github.seen()) {
    EXPECT_EQ(seen.authorization, "Bearer " + std::string(k_token)) << seen.target;
    EXPECT_EQ(seen.if_none_match, "") << seen.target;  // nothing cached yet
  }
  EXPECT_TRUE(contains(result.out, "github")) << result.out;
  EXPECT_TRUE(contains(result.out, "ok")) << result.out;
  EXPECT_TRUE(contains(result.out, "observations committed")) << result.out;
  EXPECT_FALSE(contains(result.out + result.err, k_token));
}

TEST_F(CollectGithub, ASlidingCloneWindowRaisesOnlyWhatGrew) {
  TempDir dir;
  const std::string cfg = config(dir.path());
  ASSERT_EQ(collect(cfg).exit_code, 0);
  const Ledger first = read_ledger(dir / "odometer-ledger.json");

  github.json(clones_path("gamma"), traffic("clones", gamma_window_a_day_later()));
  const CommandResult result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const Ledger second = read_ledger(dir / "odometer-ledger.json");

  const Series* clones = find(second, "github:clones:octocat/gamma");
  ASSERT_NE(clones, nullptr);
  EXPECT_EQ(describe(second).size(), describe(first).size());
  // 04-18 kept from the first run, 04-19 keeps its larger first value (11,
  // not the cut-short 3), 05-01 grew from 23 to 30, 05-02 is new.
  std::string expected =
      "github:clones:octocat/gamma daily 243" +
      days_from("2026-04-18", {10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 30, 5});
  bool found = false;
  for (const auto& line : describe(second)) {
    if (line.starts_with("github:clones:octocat/gamma ")) {
      EXPECT_EQ(line, expected);
      found = true;
    }
  }
  EXPECT_TRUE(found);
  // Every other series has the value it had.
  for (const auto& [key, series] : first.series()) {
    if (key.str() == "github:clones:octocat/gamma" ||
        key.str() == "github:clone-uniques:octocat/gamma") {
      continue;
    }
    const Series* now = second.find(key);
    ASSERT_NE(now, nullptr) << key.str();
    EXPECT_EQ(now->value(), series.value()) << key.str();
    if (series.daily() != nullptr) {
      EXPECT_EQ(now->daily()->days(), series.daily()->days()) << key.str();
    }
  }
  // The group line shows the rise: 173 + 231 → 173 + 243.
  EXPECT_TRUE(contains(result.out, "github:clones")) << result.out;
  EXPECT_TRUE(contains(result.out, "404")) << result.out;
  EXPECT_TRUE(contains(result.out, "-> 416")) << result.out;
}

TEST_F(CollectGithub, ASecondIdenticalRunIsAnsweredNotModified) {
  TempDir dir;
  const std::string cfg = config(dir.path());
  ASSERT_EQ(collect(cfg).exit_code, 0);
  const std::string first_ledger = join(describe(read_ledger(dir / "odometer-ledger.json")));
  EXPECT_TRUE(std::filesystem::exists(dir / "odometer-ledger.json.etags.json"));
  github.forget();

  const CommandResult second = collect(cfg);
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  std::size_t not_modified = 0;
  for (const auto& seen : github.seen()) {
    // The rate limit left is asked afresh: a cached answer would be stale.
    EXPECT_EQ(seen.if_none_match == "", seen.target == "/rate_limit") << seen.target;
    not_modified += seen.status == 304 ? 1U : 0U;
  }
  EXPECT_EQ(github.seen().size(), 25U);  // every page still read, from the cache
  EXPECT_EQ(not_modified, 24U);
  EXPECT_TRUE(contains(second.out, "25 sent, 24 answered 304 (not modified)")) << second.out;
  EXPECT_EQ(join(describe(read_ledger(dir / "odometer-ledger.json"))), first_ledger);
}

TEST_F(CollectGithub, VerboseOutputNeverShowsTheToken) {
  TempDir dir;
  // The server echoes the token into a body, and one repository's clones
  // redirect (same host, so the token goes along) to a URL holding it.
  github.set_echo([](const std::string& body, const std::string& auth) {
    return replace_all(body, "This your first repo!", "you sent " + auth);
  });
  github.on(clones_path("delta"),
            Answer{302, "", {{"Location", "/echo?token=" + std::string(k_token)}}});
  const CommandResult result = collect(config(dir.path()), {"--verbose"});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_FALSE(contains(result.out, k_token)) << result.out;
  EXPECT_FALSE(contains(result.err, k_token)) << result.err;
  EXPECT_TRUE(contains(result.out, "/echo?token=[redacted]: HTTP 404")) << result.out;
  EXPECT_TRUE(contains(result.out, "octocat/delta")) << result.out;
}

TEST_F(CollectGithub, RecordThenReplayGivesTheSameLedgerWithoutTheToken) {
  TempDir dir;
  github.set_echo([](const std::string& body, const std::string& auth) {
    return replace_all(body, "This your first repo!", "you sent " + auth);
  });
  const auto recording = dir / "recording";
  const CommandResult recorded =
      collect(config(dir / "recorded"), {"--record", recording.string()});
  ASSERT_EQ(recorded.exit_code, 0) << recorded.out << recorded.err;
  const std::size_t requests = github.seen().size();
  github.stop();

  const CommandResult replayed =
      collect(config(dir / "replayed"), {"--replay", recording.string()});
  ASSERT_EQ(replayed.exit_code, 0) << replayed.out << replayed.err;
  const std::string a = read_file(dir / "recorded" / "odometer-ledger.json");
  const std::string b = read_file(dir / "replayed" / "odometer-ledger.json");
  EXPECT_EQ(a, b);
  EXPECT_EQ(join(describe(read_ledger(dir / "replayed" / "odometer-ledger.json"))),
            join(expected_ledger()));
  // The replay ran at the recording's start: that is the ledger's time.
  const std::string started = read_file(recording / "recording.json");
  const Ledger replayed_ledger = read_ledger(dir / "replayed" / "odometer-ledger.json");
  ASSERT_TRUE(replayed_ledger.updated_at().has_value());
  EXPECT_TRUE(contains(started, "\"" + replayed_ledger.updated_at()->to_string() + "\""))
      << started;

  std::size_t files = 0;
  bool redacted = false;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(recording)) {
    if (!entry.is_regular_file()) {
      continue;
    }
    ++files;
    const std::string text = read_file(entry.path());
    EXPECT_FALSE(contains(text, k_token)) << entry.path();
    redacted = redacted || contains(text, "you sent Bearer [redacted]");
  }
  EXPECT_EQ(files, requests + 1);  // one per request, and recording.json
  EXPECT_TRUE(redacted);
  // Neither run keeps an ETag cache: recordings hold full bodies.
  EXPECT_FALSE(std::filesystem::exists(dir / "recorded" / "odometer-ledger.json.etags.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "replayed" / "odometer-ledger.json.etags.json"));
}

TEST_F(CollectGithub, ARepositoryThatAlways503sFailsAloneAndTheRestIsCommitted) {
  TempDir dir;
  github.on(clones_path("delta"), Answer{503, "busy", {{"Retry-After", "0"}}});
  const CommandResult result = collect(config(dir.path(), "\n[http]\nmax_attempts = 3\n"));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  const std::string url = github.api() + clones_path("delta");
  EXPECT_TRUE(contains(
      result.out, "octocat/delta: failed: GET " + url + ": HTTP 503 (gave up after 3 attempts)"))
      << result.out;
  EXPECT_EQ(requests_to(clones_path("delta")), 3U);
  const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
  EXPECT_EQ(find(ledger, "github:clones:octocat/delta"), nullptr);
  ASSERT_NE(find(ledger, "github:clones:octocat/Hello-World"), nullptr);
  EXPECT_EQ(find(ledger, "github:clones:octocat/Hello-World")->value(), 173U);
  ASSERT_NE(find(ledger, "github:stars:octocat/delta"), nullptr);
  ASSERT_NE(find(ledger, "github:release-downloads:octocat/gamma"), nullptr);
  EXPECT_EQ(find(ledger, "github:release-downloads:octocat/gamma")->value(), 123U);

  // The run's note for render names what failed.
  auto last_run = read_last_run(dir / "odometer-ledger.json.last-run.json");
  ASSERT_TRUE(last_run) << last_run.error().message;
  ASSERT_TRUE(last_run->has_value());
  const LastRun& run = **last_run;
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.sources, std::vector<std::string>{"github"});
  ASSERT_EQ(run.problems.size(), 1U);
  EXPECT_EQ(run.problems[0].entity, "octocat/delta");
  EXPECT_EQ(run.problems[0].state, SourceState::failed);
  EXPECT_TRUE(contains(run.problems[0].reason, url + ": HTTP 503")) << run.problems[0].reason;
}

TEST_F(CollectGithub, AnAllTimeCountThatDropsIsReportedAndNeverApplied) {
  TempDir dir;
  const std::string cfg = config(dir.path());
  ASSERT_EQ(collect(cfg).exit_code, 0);
  // A deleted asset takes its 1,877 downloads out of GitHub's sum.
  github.on(releases_path("Hello-World"),
            Answer{200, replace_all(sample("github-releases/releases.json"),
                                    "\"download_count\": 1877", "\"download_count\": 0")});
  const CommandResult result = collect(cfg);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.err,
                       "warning: github reports 19,243 for github:release-downloads:octocat/"
                       "Hello-World, below the ledger's 21,120, which is kept"))
      << result.err;
  const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
  EXPECT_EQ(find(ledger, "github:release-downloads:octocat/Hello-World")->value(), 21120U);
}

TEST_F(CollectGithub, ABadResponseIsReportedWithItsUrlAndNothingOfItStored) {
  struct Case {
    std::string name;
    std::string path;  // the one response that goes wrong
    Answer answer;
    std::string key;  // the series it would have fed
  };
  const std::string gamma_clones = traffic("clones", gamma_window());
  const std::vector<Case> cases{
      {"cut off", clones_path("gamma"), Answer{200, gamma_clones, {}, true},
       "github:clones:octocat/gamma"},
      {"truncated JSON", clones_path("gamma"),
       Answer{200, gamma_clones.substr(0, gamma_clones.size() / 2)}, "github:clones:octocat/gamma"},
      {"not JSON", clones_path("gamma"), Answer{200, "<html>upstream error</html>"},
       "github:clones:octocat/gamma"},
      {"-5", clones_path("gamma"),
       Answer{200, replace_all(gamma_clones, R"("count":15,)", R"("count":-5,)")},
       "github:clones:octocat/gamma"},
      {"1e30", releases_path("Hello-World"),
       Answer{200, replace_all(sample("github-releases/releases.json"), "\"download_count\": 1877",
                               "\"download_count\": 1e30")},
       "github:release-downloads:octocat/Hello-World"},
  };
  for (const auto& bad : cases) {
    SCOPED_TRACE(bad.name);
    TempDir dir;
    serve_org(github);
    github.on(bad.path, bad.answer);
    const CommandResult result = collect(config(dir.path(), "\n[http]\nmax_attempts = 1\n"));
    EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
    EXPECT_TRUE(contains(result.out, github.api() + bad.path)) << result.out;
    const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
    EXPECT_EQ(find(ledger, bad.key), nullptr) << join(describe(ledger));
    // Everything else of the org is there.
    EXPECT_EQ(describe(ledger).size(),
              expected_ledger().size() - (bad.key.starts_with("github:clones:") ? 2U : 1U));
    ASSERT_NE(find(ledger, "github:views:octocat/Hello-World"), nullptr);
    EXPECT_EQ(find(ledger, "github:views:octocat/Hello-World")->value(), 14850U);
  }
}

TEST_F(CollectGithub, WithoutATokenTrafficIsSkippedAndStarsStillCollected) {
  unsetenv("GITHUB_TOKEN");
  TempDir dir;
  const CommandResult result = collect(config(dir.path()));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "traffic skipped: no token (set GITHUB_TOKEN or GH_TOKEN)"))
      << result.out;
  EXPECT_EQ(requests_to("/traffic/"), 0U);
  for (const auto& seen : github.seen()) {
    EXPECT_EQ(seen.authorization, "") << seen.target;
  }
  const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
  ASSERT_NE(find(ledger, "github:stars:octocat/Hello-World"), nullptr);
  EXPECT_EQ(find(ledger, "github:stars:octocat/Hello-World")->value(), 80U);
  EXPECT_EQ(find(ledger, "github:stars:octocat/delta")->value(), 0U);
  EXPECT_EQ(find(ledger, "github:release-downloads:octocat/Hello-World")->value(), 21120U);
  for (const auto& [key, series] : ledger.series()) {
    EXPECT_FALSE(key.str().starts_with("github:clones:")) << key.str();
    EXPECT_FALSE(key.str().starts_with("github:views:")) << key.str();
    EXPECT_FALSE(key.str().starts_with("github:referrer:")) << key.str();
  }
}

TEST_F(CollectGithub, RequiringGithubWithoutATokenFailsBeforeAnyRequest) {
  unsetenv("GITHUB_TOKEN");
  TempDir dir;
  const CommandResult result = collect(config(dir.path()), {"--require", "github"});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "--require github")) << result.err;
  EXPECT_TRUE(contains(result.err, "GITHUB_TOKEN")) << result.err;
  EXPECT_TRUE(github.seen().empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "odometer-ledger.json"));
}

// Two machines, each with `--shard K/2`, read every repository once
// between them: their ledgers share no series and merge into exactly the
// ledger of one whole run. Each of them reads the org's listing.
TEST_F(CollectGithub, ShardsSplitTheOrgAndMergeIntoTheWholeRun) {
  TempDir dir;
  Ledger merged;
  std::set<std::string> seen_keys;
  for (int index = 1; index <= 2; ++index) {
    const std::string shard = std::to_string(index) + "/2";
    SCOPED_TRACE(shard);
    const auto before = github.seen().size();
    const auto cfg = config(dir / ("shard" + std::to_string(index)));
    const CommandResult result = collect(cfg, {"--shard", shard});
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_TRUE(contains(result.out, "shard " + shard + ": github read only")) << result.out;
    const Ledger ledger =
        read_ledger(std::filesystem::path(cfg).parent_path() / "odometer-ledger.json");
    EXPECT_FALSE(ledger.series().empty());
    for (const auto& [key, series] : ledger.series()) {
      EXPECT_TRUE(seen_keys.insert(key.str()).second) << key.str() << " read by two shards";
    }
    ASSERT_TRUE(merged.merge(ledger));
    std::size_t listing = 0;
    for (std::size_t i = before; i < github.seen().size(); ++i) {
      listing += contains(github.seen()[i].target, "/orgs/octocat/repos") ? 1U : 0U;
    }
    EXPECT_EQ(listing, 1U);  // the listing's first page
  }
  EXPECT_EQ(join(describe(merged)), join(expected_ledger()));
}

TEST_F(CollectGithub, AShardThatIsNotKOfNIsAnErrorBeforeAnyRequest) {
  TempDir dir;
  const CommandResult result = collect(config(dir.path()), {"--shard", "4/3"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_TRUE(contains(result.err, "--shard \"4/3\" is not K/N")) << result.err;
  EXPECT_TRUE(github.seen().empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "odometer-ledger.json"));
}

// What an import brought and what collect reads of the same days are both
// lower bounds of one day's count: a day is never counted twice, whichever
// comes first, and a 14-day sum stays a floor the collected days extend.
TEST_F(CollectGithub, ImportThenCollectNeverCountsADayTwice) {
  TempDir dir;
  const std::string cfg = config(dir.path());
  const std::string ledger = (dir / "odometer-ledger.json").string();
  // ghrs saw an older day (10-05), one day of the window exactly (10-12)
  // and the window's last day while it was partial (10-24: 4 of 7).
  const auto data = dir / "octocat/Hello-World/ghrs-data";
  std::filesystem::create_directories(data);
  write_file(data / "views_clones_aggregate.csv",
             "time_iso8601,clones_total,clones_unique,views_total,views_unique\n"
             "2016-10-05 00:00:00+00:00,3,1,0,0\n"
             "2016-10-12 00:00:00+00:00,21,15,0,0\n"
             "2016-10-24 00:00:00+00:00,4,3,0,0\n");
  const CommandResult imported = run_odometer({"import", "--ledger", ledger, data.string()});
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  ASSERT_EQ(collect(cfg).exit_code, 0);
  const auto clones = [&] {
    return find(read_ledger(ledger), "github:clones:octocat/Hello-World")->value();
  };
  // The window's 173 and the one day before it.
  EXPECT_EQ(clones(), 173U + 3);
  // The same saved response as the collect read, and the ghrs folder again: nothing new.
  const auto saved = dir / "clones.json";
  write_file(saved, sample("github-traffic/clones.json"));
  const std::string before = read_file(ledger);
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--repo", "octocat/Hello-World", saved.string()},
        std::vector<std::string>{data.string()}}) {
    std::vector<std::string> command{"import", "--ledger", ledger};
    command.insert(command.end(), args.begin(), args.end());
    const CommandResult again = run_odometer(command);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_TRUE(contains(again.out, "nothing new")) << again.out;
  }
  EXPECT_EQ(read_file(ledger), before);
  // A weekly snapshot's 14-day sum up to 10-20 (150, more than the 149 the
  // stored days give up to then) is a floor: the days after it add, the
  // days inside it do not.
  const auto snapshot = dir / "adoption-snapshots-by-repo.csv";
  write_file(snapshot,
             "date,repo,clones_14d,unique_cloners_14d,views_14d,unique_viewers_14d,stars,forks\n"
             "2016-10-20,Hello-World,150,0,0,0,0,0\n");
  ASSERT_EQ(
      run_odometer({"import", "--ledger", ledger, "--repo-owner", "octocat", snapshot.string()})
          .exit_code,
      0);
  EXPECT_EQ(clones(), 150U + 9 + 5 + 6 + 7);
  // A second collect of the same window adds nothing.
  ASSERT_EQ(collect(cfg).exit_code, 0);
  EXPECT_EQ(clones(), 150U + 9 + 5 + 6 + 7);
}

TEST_F(CollectGithub, ADryRunWritesNothing) {
  TempDir dir;
  const std::string cfg = config(dir.path());
  const CommandResult result = collect(cfg, {"--dry-run"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "dry run: nothing written")) << result.out;
  EXPECT_FALSE(github.seen().empty());
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    files.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(files, std::vector<std::string>{"odometer.toml"});
}

// ------------------------------------------------- hostile input (issue 16)

TEST_F(CollectGithub, ATokenEchoedInAnEtagOrLinkIsNeverStoredInTheEtagCacheNorSentBack) {
  TempDir dir;
  const std::string token(k_token);
  // gamma's stars answer carries the token in its ETag and Link headers,
  // Hello-World's description echoes it in the body.
  github.json(repo_path("gamma"), repo_object("gamma", 3, 1),
              {{"ETag", "\"W/" + token + "\""},
               {"Link", "<" + github.api() + "/?t=" + token + ">; rel=\"last\""}});
  github.set_echo([](const std::string& body, const std::string& auth) {
    return replace_all(body, "This your first repo!", "you sent " + auth);
  });
  const std::string cfg = config(dir.path());
  ASSERT_EQ(collect(cfg).exit_code, 0);
  const std::string etags = read_file(dir / "odometer-ledger.json.etags.json");
  EXPECT_FALSE(contains(etags, token)) << etags;
  EXPECT_TRUE(contains(etags, "/repos/octocat/delta")) << "other answers are still cached";
  github.forget();
  ASSERT_EQ(collect(cfg).exit_code, 0);
  for (const auto& seen : github.seen()) {
    EXPECT_FALSE(contains(seen.if_none_match, token)) << seen.target;
  }
}

TEST_F(CollectGithub, NoFileOdometerWritesHoldsTheTokenOrAStorePassword) {
  TempDir dir;
  const std::string token(k_token);
  github.set_echo([](const std::string& body, const std::string& auth) {
    return replace_all(body, "This your first repo!", "you sent " + auth);
  });
  github.json(repo_path("gamma"), repo_object("gamma", 3, 1), {{"ETag", "\"" + token + "\""}});
  // A referrer named after the token, and a failure whose URL echoes it.
  github.json(repo_path("delta") + "/traffic/popular/referrers",
              R"([{"referrer":")" + token + R"(","count":1,"uniques":1}])");
  github.on(clones_path("delta"), Answer{302, "", {{"Location", "/echo?token=" + token}}});
  const std::string cfg = config(dir.path());
  EXPECT_EQ(collect(cfg).exit_code, 3);
  EXPECT_EQ(collect(cfg, {"--record", (dir / "recording").string()}).exit_code, 3);
  const CommandResult render = run_odometer({"render", "--config", cfg});
  EXPECT_EQ(render.exit_code, 0) << render.out << render.err;
  const auto files = every_file(dir.path());
  EXPECT_GT(files.size(), 10U);
  for (const auto& [path, text] : files) {
    EXPECT_FALSE(contains(text, token)) << path;
  }
  // The refused referrer is reported, hidden.
  const std::string note = read_file(dir / "odometer-ledger.json.last-run.json");
  EXPECT_TRUE(contains(note, "a series key holds a secret")) << note;
}

TEST_F(CollectGithub, AnApiUrlWithAPasswordIsRefusedWithoutShowingThePassword) {
  TempDir dir;
  std::filesystem::create_directories(dir.path());
  const auto path = dir / "odometer.toml";
  const std::string api = github.api();
  write_file(path, "[github]\norg = \"octocat\"\napi = \"http://alice:s3cretPass@" +
                       api.substr(std::string_view("http://").size()) + "\"\n");
  const CommandResult result = collect(path.string());
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "api must not hold a user name or password")) << result.err;
  EXPECT_FALSE(contains(result.out + result.err, "s3cretPass")) << result.err;
  EXPECT_TRUE(github.seen().empty());
}

TEST_F(CollectGithub, ACollectThatGathersNothingLeavesTheLedgerBytesAlone) {
  TempDir dir;
  const std::string cfg = config(dir.path(), "[http]\nmax_attempts = 1\n");
  ASSERT_EQ(collect(cfg).exit_code, 0);
  const std::string before = read_file(dir / "odometer-ledger.json");
  github.stop();  // every request now fails: nothing is gathered
  const CommandResult result = collect(cfg);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_EQ(read_file(dir / "odometer-ledger.json"), before) << "updated_at moved";
}

TEST_F(CollectGithub, ACollectThatWouldPassMaxNewSeriesStoresNoneOfThemAndSaysSo) {
  TempDir dir;
  const std::string cfg = config(dir.path(), "[ledger]\nmax_new_series = 5\n");
  const CommandResult result = collect(cfg);
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(
      contains(result.out, " new series from github would pass [ledger] max_new_series = 5"))
      << result.out;
  EXPECT_TRUE(read_ledger(dir / "odometer-ledger.json").series().empty());
  // Within the cap the same run stores everything.
  const std::string roomy = config(dir / "roomy", "[ledger]\nmax_new_series = 1000\n");
  EXPECT_EQ(collect(roomy).exit_code, 0);
  EXPECT_EQ(join(describe(read_ledger(dir / "roomy" / "odometer-ledger.json"))),
            join(expected_ledger()));
}

TEST_F(CollectGithub, AReferrersAnswerOfMoreThanTenEntriesIsAnErrorAndNothingOfItIsStored) {
  TempDir dir;
  std::string many = "[";
  for (int i = 0; i < 11; ++i) {
    many += (i == 0 ? "" : ",") + std::string(R"({"referrer":"site)") + std::to_string(i) +
            R"(.example","count":1,"uniques":1})";
  }
  github.json(repo_path("delta") + "/traffic/popular/referrers", many + "]");
  const CommandResult result = collect(config(dir.path()));
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "11 entries, more than the 10 GitHub sends")) << result.out;
  const Ledger ledger = read_ledger(dir / "odometer-ledger.json");
  EXPECT_EQ(find(ledger, "github:referrer:octocat/delta/site0.example"), nullptr);
}

}  // namespace
}  // namespace odometer
