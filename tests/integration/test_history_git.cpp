// The git side of the safety net, driven through real git in scratch
// repositories: `git-setup` registers the merge driver and the pre-commit
// hook, `git merge` of two branches that both changed the ledger resolves to
// the CRDT merge, the hook refuses a commit that lowers a count, and
// `verify --against REV` compares with a committed version.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "store/file_store.hpp"
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

const std::string k_ledger = "odometer-ledger.json";
const std::string k_clones = "github:clones:o/r";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The scratch repositories must not depend on the user's git configuration.
void isolate_git() {
  ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
  ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
}

CommandResult git_result(const std::filesystem::path& repo, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/git", "-C", repo.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv);
}

CommandResult git(const std::filesystem::path& repo, std::vector<std::string> args) {
  CommandResult result = git_result(repo, args);
  EXPECT_EQ(result.exit_code, 0) << "git " << args.front() << ":\n" << result.out << result.err;
  return result;
}

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

std::string head_of(const std::filesystem::path& repo) {
  return trimmed(git(repo, {"rev-parse", "HEAD"}).out);
}

// odometer observe into `ledger`, at a fixed time so that files compare.
void observe(const std::filesystem::path& ledger, std::vector<std::string> args,
             const std::string& at = "2026-05-02T07:44:22Z") {
  std::vector<std::string> command{"observe", "--ledger", ledger.string(), "--at", at};
  command.insert(command.end(), args.begin(), args.end());
  const CommandResult result = run_odometer(command);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

Ledger read_ledger(const std::filesystem::path& file) {
  auto ledger = read_ledger_file(file);
  EXPECT_TRUE(ledger.ok()) << (ledger.ok() ? "" : ledger.error().message);
  return ledger.ok() ? *ledger : Ledger();
}

std::optional<Count> value_of(const Ledger& ledger, const std::string& key) {
  const Series* series = ledger.find(*SeriesKey::parse(key));
  return series != nullptr ? series->value() : std::nullopt;
}

// The ledger every scratch repository starts with, made once by `odometer
// observe`: clones o/r with a floor of 6,495 up to 2026-04-29 and 612 on
// 2026-04-30, and npm downloads of a at 4,242.
class StartingLedger : public ::testing::Environment {
public:
  void SetUp() override {
    s_dir = std::make_unique<TempDir>();
    const auto ledger = path();
    observe(ledger, {"--kind", "daily", "--floor", "--day", "2026-04-29", k_clones, "6495"});
    observe(ledger, {"--kind", "daily", "--day", "2026-04-30", k_clones, "612"});
    observe(ledger, {"--kind", "cumulative", "--day", "2026-05-01", "npm:downloads:a", "4242"});
  }
  void TearDown() override { s_dir.reset(); }
  static std::filesystem::path path() { return s_dir->path() / k_ledger; }

private:
  static std::unique_ptr<TempDir> s_dir;
};

std::unique_ptr<TempDir> StartingLedger::s_dir;
[[maybe_unused]] const auto* const k_starting_ledger =
    ::testing::AddGlobalTestEnvironment(new StartingLedger);

// A repository with the starting ledger committed.
void init_repo(const std::filesystem::path& repo) {
  isolate_git();
  std::filesystem::create_directories(repo);
  git(repo, {"init", "-q", "-b", "main"});
  git(repo, {"config", "user.name", "Test"});
  git(repo, {"config", "user.email", "test@example.com"});
  git(repo, {"config", "commit.gpgsign", "false"});
  std::filesystem::copy_file(StartingLedger::path(), repo / k_ledger);
  git(repo, {"add", "-A"});
  git(repo, {"commit", "-q", "-m", "ledger"});
}

// init_repo, then git-setup, with .gitattributes committed.
void init_repo_with_setup(const std::filesystem::path& repo) {
  init_repo(repo);
  const CommandResult setup =
      run_odometer({"git-setup", "--repo", repo.string(), "--path", k_ledger});
  ASSERT_EQ(setup.exit_code, 0) << setup.out << setup.err;
  git(repo, {"add", ".gitattributes"});
  git(repo, {"commit", "-q", "-m", "merge ledgers with odometer"});
}

// Replaces the first occurrence of from with to in file.
void edit(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  text.replace(at, from.size(), to);
  write_file(file, text);
}

std::size_t count_lines(const std::string& text, const std::string& line) {
  std::istringstream lines(text);
  std::size_t count = 0;
  for (std::string each; std::getline(lines, each);) {
    count += each == line ? 1U : 0U;
  }
  return count;
}

// --- git-setup ----------------------------------------------------------------

TEST(GitSetup, RegistersTheDriverWithTheAbsoluteBinaryPath) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  const std::string driver = trimmed(git(repo, {"config", "merge.odometer.driver"}).out);
  const std::string binary = std::filesystem::canonical(ODOMETER_BINARY).string();
  EXPECT_EQ(driver, "'" + binary + "' merge-driver %O %A %B %P");
  EXPECT_EQ(read_file(repo / ".gitattributes"), k_ledger + " merge=odometer\n");
  const auto hook = repo / ".git/hooks/pre-commit";
  ASSERT_TRUE(std::filesystem::exists(hook));
  EXPECT_EQ(::access(hook.c_str(), X_OK), 0);
  EXPECT_TRUE(contains(read_file(hook), binary)) << read_file(hook);
}

TEST(GitSetup, RunTwiceKeepsOneAttributeLine) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  write_file(repo / ".gitattributes", "*.png binary");  // no trailing newline
  for (int i = 0; i < 2; ++i) {
    const CommandResult setup =
        run_odometer({"git-setup", "--repo", repo.string(), "--path", k_ledger});
    ASSERT_EQ(setup.exit_code, 0) << setup.err;
  }
  const std::string attributes = read_file(repo / ".gitattributes");
  EXPECT_EQ(attributes, "*.png binary\n" + k_ledger + " merge=odometer\n");
  EXPECT_EQ(count_lines(attributes, k_ledger + " merge=odometer"), 1U);
}

TEST(GitSetup, RefusesToOverwriteAForeignPreCommitHook) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const auto hook = repo / ".git/hooks/pre-commit";
  const std::string foreign = "#!/bin/sh\n# the project's own checks\nexit 0\n";
  write_file(hook, foreign);
  const CommandResult setup =
      run_odometer({"git-setup", "--repo", repo.string(), "--path", k_ledger});
  EXPECT_EQ(setup.exit_code, 1);
  EXPECT_TRUE(contains(setup.err, "pre-commit")) << setup.err;
  EXPECT_TRUE(contains(setup.err, "verify")) << setup.err;  // says what to add instead
  EXPECT_EQ(read_file(hook), foreign);
}

// git runs hooks from the common .git folder, also in a linked worktree
// (`git worktree add`); a hook installed in .git/worktrees/NAME/hooks is
// never run, and every lowering commit goes through.
TEST(GitSetup, HookSetUpFromALinkedWorktreeRefusesALoweredCount) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const auto worktree = dir / "worktree";
  git(repo, {"worktree", "add", "-q", "-b", "work", worktree.string()});
  const CommandResult setup =
      run_odometer({"git-setup", "--repo", worktree.string(), "--path", k_ledger});
  ASSERT_EQ(setup.exit_code, 0) << setup.err;
  const std::string head = head_of(worktree);
  edit(worktree / k_ledger, "4242", "4241");
  git(worktree, {"add", k_ledger});
  const CommandResult commit = git_result(worktree, {"commit", "-q", "-m", "lower a"});
  EXPECT_NE(commit.exit_code, 0) << "the pre-commit hook did not run; git-setup said:\n"
                                 << setup.out;
  EXPECT_TRUE(contains(commit.err, "npm:downloads:a")) << commit.err;
  EXPECT_EQ(head_of(worktree), head);
}

TEST(GitSetup, OutsideARepositoryIsAnError) {
  TempDir dir;
  const CommandResult setup =
      run_odometer({"git-setup", "--repo", (dir / "none").string(), "--path", k_ledger});
  EXPECT_EQ(setup.exit_code, 1);
  EXPECT_TRUE(contains(setup.err, "no git repository")) << setup.err;
}

// --- git merge through the driver ------------------------------------------------

// Two branches off main that both change the ledger, each in a later run
// (so both also change updated_at, which no line merge can resolve):
// "days" adds days to the clone series, "floor" adds a series and raises the
// clone floor. Each branch's file is copied to DIR/<branch>.json.
void make_diverging_branches(const std::filesystem::path& repo, const std::filesystem::path& dir) {
  const auto ledger = repo / k_ledger;
  git(repo, {"checkout", "-q", "-b", "days", "main"});
  observe(ledger, {"--kind", "daily", "--day", "2026-05-01", k_clones, "80"},
          "2026-05-02T08:00:00Z");
  observe(ledger, {"--kind", "daily", "--day", "2026-05-02", k_clones, "33"},
          "2026-05-02T08:00:00Z");
  std::filesystem::copy_file(ledger, dir / "days.json");
  git(repo, {"commit", "-q", "-am", "more days"});

  git(repo, {"checkout", "-q", "-b", "floor", "main"});
  observe(ledger, {"--kind", "cumulative", "--day", "2026-05-01", "crates:downloads:x", "49"},
          "2026-05-02T09:00:00Z");
  observe(ledger, {"--kind", "daily", "--floor", "--day", "2026-04-29", k_clones, "7000"},
          "2026-05-02T09:00:00Z");
  std::filesystem::copy_file(ledger, dir / "floor.json");
  git(repo, {"commit", "-q", "-am", "new series, higher floor"});
  git(repo, {"checkout", "-q", "days"});
}

TEST(GitMerge, BranchesThatBothChangeTheLedgerMergeToTheCrdtMerge) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  make_diverging_branches(repo, dir.path());
  const CommandResult merged = git_result(repo, {"merge", "--no-edit", "floor"});
  ASSERT_EQ(merged.exit_code, 0) << merged.out << merged.err;
  // Nothing unmerged or modified (observe's lock file beside the ledger is
  // untracked).
  EXPECT_EQ(git(repo, {"status", "--porcelain", "--untracked-files=no"}).out, "");

  const CommandResult expected =
      run_odometer({"merge", (dir / "days.json").string(), (dir / "floor.json").string(), "-o",
                    (dir / "expected.json").string()});
  ASSERT_EQ(expected.exit_code, 0) << expected.err;
  const auto ledger = repo / k_ledger;
  EXPECT_EQ(read_file(ledger), read_file(dir / "expected.json"));
  EXPECT_EQ(git(repo, {"show", "HEAD:" + k_ledger}).out, read_file(dir / "expected.json"));

  const Ledger result = read_ledger(ledger);
  EXPECT_EQ(value_of(result, k_clones), 7000U + 612U + 80U + 33U);
  EXPECT_EQ(value_of(result, "crates:downloads:x"), 49U);
  EXPECT_EQ(value_of(result, "npm:downloads:a"), 4242U);
  EXPECT_EQ(result.updated_at(), Timestamp::parse("2026-05-02T09:00:00Z").value());
}

// The control for the test above: without the driver, git's line merge
// cannot merge the same two branches.
TEST(GitMerge, WithoutTheDriverTheSameBranchesConflict) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);  // no git-setup
  make_diverging_branches(repo, dir.path());
  EXPECT_NE(git_result(repo, {"merge", "--no-edit", "floor"}).exit_code, 0);
}

// --- the merge driver on its own ------------------------------------------------------

TEST(MergeDriver, UnparseableSideFailsAndLeavesOursUnchanged) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const auto base = dir / "base";
  const auto ours = dir / "ours";
  const auto theirs = dir / "theirs";
  std::filesystem::copy_file(repo / k_ledger, base);
  std::filesystem::copy_file(repo / k_ledger, ours);
  write_file(theirs, "{\"format\": \"odometer-ledger\", \"version\": 1, \"ser");
  const std::string before = read_file(ours);
  const CommandResult result =
      run_odometer({"merge-driver", base.string(), ours.string(), theirs.string(), k_ledger});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "merge-driver")) << result.err;
  EXPECT_TRUE(contains(result.err, k_ledger + " (theirs)")) << result.err;
  EXPECT_EQ(read_file(ours), before);
}

TEST(MergeDriver, KindConflictFailsAndLeavesOursUnchanged) {
  TempDir dir;
  const auto ours = dir / "ours";
  const auto theirs = dir / "theirs";
  observe(ours, {"--kind", "daily", "--day", "2026-05-01", "npm:downloads:a", "5"});
  observe(theirs, {"--kind", "gauge", "npm:downloads:a", "5"});
  const std::string before = read_file(ours);
  const CommandResult result = run_odometer(
      {"merge-driver", (dir / "missing-base").string(), ours.string(), theirs.string(), k_ledger});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "npm:downloads:a")) << result.err;
  EXPECT_EQ(read_file(ours), before);
}

TEST(MergeDriver, MissingBaseIsAnEmptyLedger) {
  TempDir dir;
  const auto ours = dir / "ours";
  const auto theirs = dir / "theirs";
  observe(ours, {"--kind", "cumulative", "--day", "2026-05-01", "npm:downloads:a", "5"});
  observe(theirs, {"--kind", "cumulative", "--day", "2026-05-01", "npm:downloads:b", "6"});
  const CommandResult result = run_odometer(
      {"merge-driver", (dir / "missing-base").string(), ours.string(), theirs.string(), k_ledger});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const Ledger merged = read_ledger(ours);
  EXPECT_EQ(value_of(merged, "npm:downloads:a"), 5U);
  EXPECT_EQ(value_of(merged, "npm:downloads:b"), 6U);
}

// --- the pre-commit hook ---------------------------------------------------------------

TEST(PreCommitHook, RefusesAStagedLedgerThatLowersACount) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  const std::string head = head_of(repo);
  edit(repo / k_ledger, "4242", "4241");
  git(repo, {"add", k_ledger});
  const CommandResult commit = git_result(repo, {"commit", "-q", "-m", "lower a"});
  EXPECT_NE(commit.exit_code, 0);
  EXPECT_TRUE(contains(commit.err, "npm:downloads:a")) << commit.err;
  EXPECT_TRUE(contains(commit.err, "4,242 -> 4,241")) << commit.err;
  EXPECT_EQ(head_of(repo), head);
}

TEST(PreCommitHook, RefusesAStagedLedgerThatDropsASeries) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  const std::string head = head_of(repo);
  const auto fresh = dir / "fresh.json";
  observe(fresh, {"--kind", "cumulative", "--day", "2026-05-01", "npm:downloads:a", "5000"});
  std::filesystem::copy_file(fresh, repo / k_ledger,
                             std::filesystem::copy_options::overwrite_existing);
  git(repo, {"add", k_ledger});
  const CommandResult commit = git_result(repo, {"commit", "-q", "-m", "stale rewrite"});
  EXPECT_NE(commit.exit_code, 0);
  EXPECT_TRUE(contains(commit.err, k_clones)) << commit.err;
  EXPECT_TRUE(contains(commit.err, "missing")) << commit.err;
  EXPECT_EQ(head_of(repo), head);
}

TEST(PreCommitHook, RefusesDeletingTheLedger) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  const std::string head = head_of(repo);
  git(repo, {"rm", "-q", k_ledger});
  const CommandResult commit = git_result(repo, {"commit", "-q", "-m", "remove"});
  EXPECT_NE(commit.exit_code, 0);
  EXPECT_TRUE(contains(commit.err, "deletes")) << commit.err;
  EXPECT_EQ(head_of(repo), head);
}

TEST(PreCommitHook, LetsACommitThatOnlyRaisesValuesThrough) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  const std::string head = head_of(repo);
  observe(repo / k_ledger,
          {"--kind", "cumulative", "--day", "2026-05-02", "npm:downloads:a", "4300"});
  observe(repo / k_ledger, {"--kind", "daily", "--day", "2026-05-01", k_clones, "80"});
  git(repo, {"add", k_ledger});
  const CommandResult commit = git_result(repo, {"commit", "-q", "-m", "daily update"});
  EXPECT_EQ(commit.exit_code, 0) << commit.err;
  EXPECT_NE(head_of(repo), head);
}

TEST(PreCommitHook, IgnoresCommitsThatDoNotTouchTheLedger) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo_with_setup(repo);
  edit(repo / k_ledger, "4242", "1");  // lowered in the work tree, but not staged
  write_file(repo / "README", "docs\n");
  git(repo, {"add", "README"});
  const CommandResult commit = git_result(repo, {"commit", "-q", "-m", "docs"});
  EXPECT_EQ(commit.exit_code, 0) << commit.err;
}

// --- verify --against REV ---------------------------------------------------------------

TEST(VerifyAgainstRevision, LoweredCountAgainstHeadExitsFourNamingTheKey) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  edit(repo / k_ledger, "6495", "6000");
  const CommandResult result =
      run_odometer({"verify", (repo / k_ledger).string(), "--against", "HEAD"});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_TRUE(contains(result.err, k_clones + ": total 7,107 -> 6,612")) << result.err;
}

TEST(VerifyAgainstRevision, RaisedOrUnchangedAgainstHeadExitsZero) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const std::string file = (repo / k_ledger).string();
  const CommandResult same = run_odometer({"verify", file, "--against", "HEAD"});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  observe(repo / k_ledger, {"--kind", "daily", "--day", "2026-05-01", k_clones, "80"});
  const CommandResult raised = run_odometer({"verify", file, "--against", "HEAD"});
  EXPECT_EQ(raised.exit_code, 0) << raised.err;
}

TEST(VerifyAgainstRevision, OlderRevisionsAndBranchNamesWork) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  observe(repo / k_ledger,
          {"--kind", "cumulative", "--day", "2026-05-02", "npm:downloads:a", "5000"});
  git(repo, {"commit", "-q", "-am", "raise"});
  edit(repo / k_ledger, "5000", "4500");  // above HEAD~1, below HEAD
  const std::string file = (repo / k_ledger).string();
  EXPECT_EQ(run_odometer({"verify", file, "--against", "HEAD~1"}).exit_code, 0);
  EXPECT_EQ(run_odometer({"verify", file, "--against", "main"}).exit_code, 4);
}

TEST(VerifyAgainstRevision, FileAbsentAtTheRevisionHasNothingToLose) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const auto other = repo / "other-ledger.json";
  observe(other, {"--kind", "cumulative", "--day", "2026-05-01", "npm:downloads:z", "1"});
  const CommandResult result = run_odometer({"verify", other.string(), "--against", "HEAD"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(VerifyAgainstRevision, UnknownRevisionExitsOne) {
  TempDir dir;
  const auto repo = dir / "repo";
  init_repo(repo);
  const CommandResult result =
      run_odometer({"verify", (repo / k_ledger).string(), "--against", "no-such-rev"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "no-such-rev")) << result.err;
  EXPECT_TRUE(contains(result.err, "unknown revision")) << result.err;
}

}  // namespace
}  // namespace odometer
