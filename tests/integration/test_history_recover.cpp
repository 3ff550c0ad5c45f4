// `odometer recover` on real git histories: the replaced system's cache at
// each of its 37 commits (tests/fixtures/seed-cache-history), committed again
// in order into a scratch repository, and small histories with side
// branches, repeated contents and broken versions.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "core/counters.hpp"
#include "store/file_store.hpp"
#include "store/ledger_json.hpp"
#include "store/seed_cache.hpp"
#include "support/run_command.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::CommandResult;
using testing::read_file;
using testing::run_command;
using testing::run_odometer;
using testing::TempDir;
using testing::write_file;

const std::filesystem::path k_history =
    std::filesystem::path(ODOMETER_FIXTURES) / "seed-cache-history";
const std::string k_cache_path = ".vitepress/theme/installs-cache.json";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The scratch repositories must not depend on the user's git configuration.
void isolate_git() {
  ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
}

CommandResult git(const std::filesystem::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/git", "-C", repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = run_command(argv);
  EXPECT_EQ(result.exit_code, 0) << "git " << args.front() << ":\n" << result.out << result.err;
  return result;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

void init_repo(const std::filesystem::path& repo) {
  isolate_git();
  std::filesystem::create_directories(repo);
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"config", "user.name", "Test"});
  git(repo, {"config", "user.email", "test@example.com"});
  git(repo, {"config", "commit.gpgsign", "false"});
}

// Commits everything in the work tree; with a date, as both the author and
// the committer date (the committer date reaches git through the
// environment, which the child inherits).
void commit_all(const std::filesystem::path& repo, const std::string& message,
                const std::optional<std::string>& date = std::nullopt) {
  git(repo, {"add", "-A"});
  if (date) {
    ::setenv("GIT_AUTHOR_DATE", date->c_str(), 1);
    ::setenv("GIT_COMMITTER_DATE", date->c_str(), 1);
  }
  git(repo, {"commit", "-q", "--allow-empty", "-m", message});
  ::unsetenv("GIT_AUTHOR_DATE");
  ::unsetenv("GIT_COMMITTER_DATE");
}

std::string rev_parse(const std::filesystem::path& repo, const std::string& rev) {
  return trimmed(git(repo, {"rev-parse", rev}).out);
}

struct IndexRow {
  std::string file;
  std::string short_commit;
  std::string date;
  std::string subject;
};

std::vector<IndexRow> read_index() {
  std::ifstream in(k_history / "index.csv");
  std::vector<IndexRow> rows;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      continue;
    }
    std::istringstream fields(line);
    std::string order;
    IndexRow row;
    std::getline(fields, order, ',');
    std::getline(fields, row.short_commit, ',');
    std::getline(fields, row.date, ',');
    std::getline(fields, row.subject);
    row.file = order + "_" + row.short_commit + ".json";
    rows.push_back(row);
  }
  EXPECT_EQ(rows.size(), 37U);
  return rows;
}

// Commits the first `count` versions of the cache, in order, each with its
// original date and "<original short id> <original subject>".
void build_cache_history(const std::filesystem::path& repo, std::size_t count) {
  init_repo(repo);
  std::filesystem::create_directories(repo / ".vitepress/theme");
  const auto rows = read_index();
  for (std::size_t i = 0; i < count && i < rows.size(); ++i) {
    std::filesystem::copy_file(k_history / rows[i].file, repo / k_cache_path,
                               std::filesystem::copy_options::overwrite_existing);
    commit_all(repo, rows[i].short_commit + " " + rows[i].subject, rows[i].date);
  }
}

// The loss lines printed under the commit whose subject starts with prefix.
std::vector<std::string> losses_of(const std::string& out, const std::string& subject_prefix) {
  std::vector<std::string> losses;
  std::istringstream lines(out);
  bool inside = false;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.front() != ' ') {
      // A commit line: "<id>  <date>  <subject>", the id 9 wide, the date 10.
      inside = line.size() > 23 && line.substr(23).starts_with(subject_prefix);
      continue;
    }
    if (inside) {
      losses.push_back(line.substr(line.find_first_not_of(' ')));
    }
  }
  return losses;
}

bool has_line(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

std::string listed(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += "  " + line + "\n";
  }
  return out;
}

Ledger read_ledger(const std::filesystem::path& file) {
  auto ledger = read_ledger_file(file);
  EXPECT_TRUE(ledger.ok()) << (ledger.ok() ? "" : ledger.error().message);
  return ledger.ok() ? *ledger : Ledger();
}

SeedCache fixture_cache(const std::string& file) {
  auto cache = parse_seed_cache(read_file(k_history / file), file);
  EXPECT_TRUE(cache.ok());
  return cache.ok() ? *cache : SeedCache{};
}

// --- the real history of the replaced system's cache -------------------------

class RealHistory : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    s_dir = std::make_unique<TempDir>();
    build_cache_history(full(), 37);
    // The first 35 commits (up to 7aa7765), as a repository of their own:
    // a clone of a branch there, without the remote's refs.
    git(full(), {"branch", "reseed", "HEAD~2"});
    git(s_dir->path(), {"clone", "-q", "-b", "reseed", full().string(), to_reseed().string()});
    git(to_reseed(), {"remote", "remove", "origin"});
    git(full(), {"branch", "-D", "-q", "reseed"});
  }
  static void TearDownTestSuite() { s_dir.reset(); }

  static std::filesystem::path full() { return s_dir->path() / "full"; }
  static std::filesystem::path to_reseed() { return s_dir->path() / "to-reseed"; }

  static CommandResult recover(const std::filesystem::path& repo, const std::string& output,
                               std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"recover",   "--repo",     repo.string(),
                                  "--path",    k_cache_path, "--repo-owner",
                                  "runcycles", "-o",         output};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_odometer(args);
  }

  static std::unique_ptr<TempDir> s_dir;
};

std::unique_ptr<TempDir> RealHistory::s_dir;

TEST_F(RealHistory, RecoversEveryCloneAndExportsThePublicFile) {
  TempDir dir;
  const std::string out = (dir / "out.json").string();
  const CommandResult result = recover(full(), out);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(
      contains(result.out, "read 37 versions of " + k_cache_path + " (37 distinct) in 37 commits"))
      << result.out;
  const CommandResult exported = run_odometer({"export", "--format", "public", "--ledger", out});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out,
            "{\"total\":8116,\"clones\":37701,\"fetchedAt\":\"2026-05-02T07:44:22Z\"}\n");
}

TEST_F(RealHistory, RecoveredDownloadsEqualTheLatestFile) {
  TempDir dir;
  const auto out = dir / "out.json";
  ASSERT_EQ(recover(full(), out.string()).exit_code, 0);
  const Ledger ledger = read_ledger(out);
  const SeedCache last = fixture_cache("37_e3e4286.json");
  EXPECT_EQ(metric_sum(ledger, "npm", "downloads"), *last.npm);
  EXPECT_EQ(metric_sum(ledger, "pypi", "downloads"), *last.pypi);
  EXPECT_EQ(metric_sum(ledger, "crates", "downloads"), *last.crates);
  EXPECT_EQ(metric_sum(ledger, "ghcr", "pulls"), *last.gh_packages);
  EXPECT_EQ(metric_sum(ledger, "github", "clones"), 37'701U);
}

TEST_F(RealHistory, ExportedCacheMatchesTheLatestFile) {
  TempDir dir;
  const std::string out = (dir / "out.json").string();
  ASSERT_EQ(recover(full(), out).exit_code, 0);
  const CommandResult exported =
      run_odometer({"export", "--format", "seed-cache", "--ledger", out});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  auto cache = parse_seed_cache(exported.out, "exported");
  ASSERT_TRUE(cache.ok()) << cache.error().message;
  const SeedCache last = fixture_cache("37_e3e4286.json");
  EXPECT_EQ(cache->total, 8116U);
  EXPECT_EQ(cache->clones, last.clones);
  EXPECT_EQ(cache->npm, last.npm);
  EXPECT_EQ(cache->gh_packages, last.gh_packages);
  ASSERT_TRUE(cache->clones_by_repo);
  for (const auto& [repo, clones] : *last.clones_by_repo) {
    EXPECT_EQ(cache->clones_by_repo->at(repo).count, clones.count) << repo;
  }
}

TEST_F(RealHistory, StaleOldSchemaCommitIsListedWithEveryDroppedField) {
  TempDir dir;
  const CommandResult result = recover(full(), (dir / "out.json").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto losses = losses_of(result.out, "f3e8b24 ");
  for (const std::string field :
       {"clones", "clonesByRepo", "releases", "releasesByRepo", "ghPackages"}) {
    EXPECT_TRUE(has_line(losses, "dropped " + field)) << field << "\n"
                                                      << listed(losses) << result.out;
  }
  // A vanished map is one loss, not one per repository.
  for (const auto& loss : losses) {
    EXPECT_FALSE(loss.starts_with("dropped clonesByRepo.")) << loss;
  }
}

TEST_F(RealHistory, ReseedCommitIsListedWithEveryLoweredRepository) {
  TempDir dir;
  const CommandResult result = recover(full(), (dir / "out.json").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto losses = losses_of(result.out, "7aa7765 ");
  std::size_t lowered_repos = 0;
  for (const auto& loss : losses) {
    lowered_repos += loss.starts_with("lowered clonesByRepo.") ? 1U : 0U;
  }
  // 35 is below 33 for cycles-dashboard, -server-events, -runaway-demo and
  // -agent-action-authority-demo.
  EXPECT_EQ(lowered_repos, 4U) << listed(losses);
  const std::string peak = rev_parse(full(), ":/^35cd32b").substr(0, 7);
  EXPECT_TRUE(has_line(losses,
                       "lowered clonesByRepo.cycles-dashboard 10,999 -> 9,883 (the "
                       "higher value was in " +
                           peak + ")"))
      << listed(losses);
  EXPECT_TRUE(
      has_line(losses, "lowered clones 36,057 -> 35,587 (the higher value was in " + peak + ")"))
      << listed(losses);
}

TEST_F(RealHistory, RestoreAndLaterCommitsAreNotListedAsLossy) {
  TempDir dir;
  const CommandResult result = recover(full(), (dir / "out.json").string());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(losses_of(result.out, "ae0a3b7 ").empty()) << result.out;
  EXPECT_TRUE(losses_of(result.out, "e3e4286 ").empty()) << result.out;
  // 35cd32b dropped only ghcr, a field kept as information.
  for (const auto& loss : losses_of(result.out, "35cd32b ")) {
    EXPECT_EQ(loss, "dropped ghcr (information only)");
  }
}

TEST_F(RealHistory, HistoryEndingAtTheReseedKeepsTheHigherCountOfEachRepository) {
  TempDir dir;
  const auto out = dir / "out.json";
  const CommandResult result = recover(to_reseed(), out.string());
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "read 35 versions")) << result.out;
  const Count clones = metric_sum(read_ledger(out), "github", "clones");
  EXPECT_EQ(clones, 36'875U);
  EXPECT_GT(clones, 36'057U);  // 33 alone
  EXPECT_GT(clones, 35'587U);  // 35 alone
  const CommandResult exported =
      run_odometer({"export", "--format", "public", "--ledger", out.string()});
  EXPECT_TRUE(contains(exported.out, "\"clones\":36875")) << exported.out;
}

TEST_F(RealHistory, RevLimitsTheWalk) {
  TempDir dir;
  const auto out = dir / "out.json";
  // HEAD~4 is 35cd32b, the first generation-4 version.
  const CommandResult result = recover(full(), out.string(), {"--rev", "HEAD~4"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "read 33 versions")) << result.out;
  EXPECT_TRUE(contains(result.out, "in 33 commits")) << result.out;
  EXPECT_FALSE(contains(result.out, "f3e8b24")) << result.out;
  const Ledger ledger = read_ledger(out);
  EXPECT_EQ(metric_sum(ledger, "github", "clones"), 36'057U);
  EXPECT_EQ(metric_sum(ledger, "npm", "downloads"), 4039U);
}

TEST_F(RealHistory, UnknownRevIsAnErrorAndWritesNothing) {
  TempDir dir;
  const auto out = dir / "out.json";
  const CommandResult result = recover(full(), out.string(), {"--rev", "no-such-branch"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "unknown revision")) << result.err;
  EXPECT_TRUE(contains(result.err, "no-such-branch")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST_F(RealHistory, MissingRepoOwnerLeavesGenerationFourVersionsOutWithAWarning) {
  TempDir dir;
  const auto out = dir / "out.json";
  const CommandResult result = run_odometer(
      {"recover", "--repo", full().string(), "--path", k_cache_path, "-o", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.err, "--repo-owner")) << result.err;
  EXPECT_EQ(metric_sum(read_ledger(out), "npm", "downloads"), 4049U);  // 34, generation 3
}

// --- small histories ------------------------------------------------------------

// A ledger file's text with the given cumulative counts on 2026-05-01.
std::string ledger_text(const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  Ledger ledger;
  for (const auto& [key, value] : counts) {
    auto parsed = SeriesKey::parse(key);
    EXPECT_TRUE(parsed.ok()) << key;
    EXPECT_TRUE(
        ledger.observe(Observation{*parsed, Kind::cumulative, *Day::parse("2026-05-01"), value})
            .ok());
  }
  return write_ledger_json(ledger);
}

std::optional<Count> value_of(const Ledger& ledger, const std::string& key) {
  const Series* series = ledger.find(*SeriesKey::parse(key));
  return series != nullptr ? series->value() : std::nullopt;
}

CommandResult recover_ledger(const std::filesystem::path& repo, const std::filesystem::path& out,
                             std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"recover",     "--repo", repo.string(), "--path",
                                "ledger.json", "-o",     out.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_odometer(args);
}

TEST(RecoverHistory, SideBranchVersionsAreMergedThroughTheMergeCommit) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 10}}));
  commit_all(repo, "base");
  git(repo, {"checkout", "-q", "-b", "side"});
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 10}, {"npm:downloads:b", 7}}));
  commit_all(repo, "side adds b");
  git(repo, {"checkout", "-q", "main"});
  write_file(repo / "ledger.json",
             ledger_text({{"npm:downloads:a", 25}, {"crates:downloads:c", 3}}));
  commit_all(repo, "main raises a, adds c");
  // The merge keeps main's file: b lives only in the side branch's commit,
  // reachable only through the merge commit's second parent.
  git(repo, {"merge", "-q", "-s", "ours", "--no-edit", "side"});
  git(repo, {"branch", "-q", "-D", "side"});
  const std::string parents = git(repo, {"rev-list", "--parents", "-n", "1", "HEAD"}).out;
  ASSERT_EQ(std::count(parents.begin(), parents.end(), ' '), 2) << "not a merge: " << parents;

  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(repo, out);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const Ledger ledger = read_ledger(out);
  EXPECT_EQ(value_of(ledger, "npm:downloads:a"), 25U);
  EXPECT_EQ(value_of(ledger, "npm:downloads:b"), 7U);
  EXPECT_EQ(value_of(ledger, "crates:downloads:c"), 3U);
  // The merge commit dropped b compared with its second parent.
  EXPECT_TRUE(contains(result.out, "dropped npm:downloads:b")) << result.out;
}

TEST(RecoverHistory, RevOnAMergedBranchWalksOnlyItsAncestry) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 10}}));
  commit_all(repo, "base");
  git(repo, {"checkout", "-q", "-b", "side"});
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 10}, {"npm:downloads:b", 7}}));
  commit_all(repo, "side adds b");
  git(repo, {"checkout", "-q", "main"});
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 25}}));
  commit_all(repo, "main raises a");

  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(repo, out, {"--rev", "main"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "read 2 versions")) << result.out;
  const Ledger ledger = read_ledger(out);
  EXPECT_EQ(value_of(ledger, "npm:downloads:a"), 25U);
  EXPECT_EQ(value_of(ledger, "npm:downloads:b"), std::nullopt);

  // Without --rev every ref is walked, the side branch too.
  const auto all = dir / "all.json";
  ASSERT_EQ(recover_ledger(repo, all).exit_code, 0);
  EXPECT_EQ(value_of(read_ledger(all), "npm:downloads:b"), 7U);
}

TEST(RecoverHistory, SameContentCommittedManyTimesIsParsedOnce) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / "README", "no ledger yet\n");
  commit_all(repo, "before the ledger");
  const std::string a = ledger_text({{"npm:downloads:a", 10}});
  write_file(repo / "ledger.json", a);
  commit_all(repo, "ledger");
  for (int i = 0; i < 4; ++i) {
    commit_all(repo, "daily job, nothing new");
  }
  write_file(repo / "README", "other file changed\n");
  commit_all(repo, "docs");
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 12}}));
  commit_all(repo, "raise");
  write_file(repo / "ledger.json", a);
  commit_all(repo, "back to the old content");

  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(repo, out);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "read 8 versions of ledger.json (2 distinct) in 9 commits"))
      << result.out;
  EXPECT_EQ(value_of(read_ledger(out), "npm:downloads:a"), 12U);
  EXPECT_TRUE(contains(result.out, "lowered npm:downloads:a 12 -> 10")) << result.out;
}

TEST(RecoverHistory, UnreadableVersionIsAWarningAndTheRestIsRecovered) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", 10}}));
  commit_all(repo, "good");
  write_file(repo / "ledger.json", "{\"format\": \"odometer-ledger\", \"version\": 1, \"ser");
  commit_all(repo, "truncated by a crash");
  const std::string broken = rev_parse(repo, "HEAD").substr(0, 7);
  write_file(repo / "ledger.json", ledger_text({{"npm:downloads:b", 5}}));
  commit_all(repo, "good again");

  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(repo, out);
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.err, "warning: left out ledger.json at " + broken)) << result.err;
  EXPECT_TRUE(contains(result.out, "unreadable:")) << result.out;
  const Ledger ledger = read_ledger(out);
  EXPECT_EQ(value_of(ledger, "npm:downloads:a"), 10U);
  EXPECT_EQ(value_of(ledger, "npm:downloads:b"), 5U);
}

// CI checks out shallow clones (actions/checkout: depth 1). The walk used
// to stop at the first parent missing beyond the shallow boundary and
// report that no commit has the file, which is false.
TEST(RecoverHistory, ShallowCloneIsNotMistakenForAHistoryWithoutTheFile) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  for (const std::int64_t value : {10, 20, 30, 40}) {
    write_file(repo / "ledger.json", ledger_text({{"npm:downloads:a", value}}));
    commit_all(repo, "a is " + std::to_string(value));
  }
  const auto shallow = dir / "shallow";
  git(dir.path(), {"clone", "-q", "--depth", "2", "file://" + repo.string(), shallow.string()});
  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(shallow, out);
  EXPECT_FALSE(contains(result.err, "no commit reachable")) << result.err;
  if (result.exit_code == 0) {
    // The shallow boundary is a root: both versions there are recovered.
    EXPECT_TRUE(contains(result.out, "read 2 versions")) << result.out;
    EXPECT_EQ(value_of(read_ledger(out), "npm:downloads:a"), 40U);
  } else {
    // Or a clear error that says why.
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_TRUE(contains(result.err, "shallow")) << result.err;
  }
}

TEST(RecoverHistory, PathInNoCommitIsAnError) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / "README", "x\n");
  commit_all(repo, "only a readme");
  const auto out = dir / "out.json";
  const CommandResult result = recover_ledger(repo, out);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "ledger.json")) << result.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(RecoverHistory, NotARepositoryIsAnError) {
  TempDir dir;
  const CommandResult result =
      run_odometer({"recover", "--repo", (dir / "nowhere").string(), "--path", "ledger.json"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "no git repository")) << result.err;
}

}  // namespace
}  // namespace odometer
