// The note a collect run leaves for render: written and read back exactly,
// with hostile text kept as it is, and a damaged file named in the error.

#include "collect/last_run.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"

namespace odometer {
namespace {

using testing::TempDir;

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

LastRun sample_run() {
  LastRun run;
  run.finished_at = *Timestamp::parse("2026-05-02T12:00:00Z");
  run.exit_code = 3;
  run.sources = {"github", "npm"};
  run.problems = {
      {"github", "octocat/<script>alert(1)</script>", SourceState::failed,
       "GET https://x/\"&'<>: HTTP 503"},
      {"npm", "", SourceState::skipped, "line\nbreak \u00e9"},
  };
  return run;
}

TEST(LastRun, IsReadBackExactlyAsWritten) {
  TempDir dir;
  const auto path = last_run_path(dir / "odometer-ledger.json");
  EXPECT_EQ(path.filename(), "odometer-ledger.json.last-run.json");
  ASSERT_TRUE(write_last_run(path, sample_run()));
  auto read = read_last_run(path);
  ASSERT_TRUE(read) << read.error().message;
  ASSERT_TRUE(read->has_value());
  EXPECT_EQ(**read, sample_run());
}

// The file keeps the states as words, whatever the type in memory.
TEST(LastRun, StatesAreWrittenAsWordsAndOnlyThoseTwoAreRead) {
  TempDir dir;
  const auto path = dir / "run.json";
  ASSERT_TRUE(write_last_run(path, sample_run()));
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find(R"("state": "failed")"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("state": "skipped")"), std::string::npos) << text;
  const auto at = text.find(R"("state": "skipped")");
  write_text(path, text.replace(at, 18, R"("state": "ok")"));
  auto read = read_last_run(path);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().message.find("problems[1].state is not \"skipped\" or \"failed\""),
            std::string::npos)
      << read.error().message;
}

TEST(LastRun, AnEmptyRunRoundTrips) {
  TempDir dir;
  LastRun run;
  run.finished_at = *Timestamp::parse("2026-05-02T12:00:00Z");
  ASSERT_TRUE(write_last_run(dir / "run.json", run));
  auto read = read_last_run(dir / "run.json");
  ASSERT_TRUE(read && read->has_value());
  EXPECT_EQ(**read, run);
}

TEST(LastRun, AMissingFileIsNoRunYet) {
  TempDir dir;
  auto read = read_last_run(dir / "absent.json");
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_FALSE(read->has_value());
}

TEST(LastRun, ADamagedFileIsAnErrorNamingIt) {
  TempDir dir;
  const auto path = dir / "run.json";
  ASSERT_TRUE(write_last_run(path, sample_run()));
  std::ifstream in(path, std::ios::binary);
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::vector<std::string> bad{
      "",
      good.substr(0, good.size() / 2),
      "[]",
      R"({"format": "odometer-ledger", "finished_at": "2026-05-02T12:00:00Z"})",
      R"({"format": "odometer-last-run", "finished_at": "yesterday", "exit_code": 0,
          "sources": [], "problems": []})",
      R"({"format": "odometer-last-run", "finished_at": "2026-05-02T12:00:00Z", "exit_code": -1,
          "sources": [], "problems": []})",
      R"({"format": "odometer-last-run", "finished_at": "2026-05-02T12:00:00Z", "exit_code": 0,
          "sources": [1], "problems": []})",
      R"({"format": "odometer-last-run", "finished_at": "2026-05-02T12:00:00Z", "exit_code": 0,
          "sources": [], "problems": [{"source": "npm"}]})",
      R"({"format": "odometer-last-run", "finished_at": "2026-05-02T12:00:00Z", "exit_code": 0,
          "sources": [], "problems": [{"source": "npm", "entity": "", "state": "ok",
          "reason": "x"}]})",
  };
  for (const auto& text : bad) {
    SCOPED_TRACE(text);
    write_text(path, text);
    auto read = read_last_run(path);
    ASSERT_FALSE(read);
    EXPECT_NE(read.error().message.find(path.string()), std::string::npos) << read.error().message;
  }
}

}  // namespace
}  // namespace odometer
