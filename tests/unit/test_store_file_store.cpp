#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "store/file_store.hpp"
#include "store/ledger_json.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "util/atomic_file.hpp"

namespace odometer {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

Ledger one_day(const std::string& key, const std::string& day, std::int64_t value) {
  Ledger ledger;
  EXPECT_TRUE(
      ledger.observe(Observation{*SeriesKey::parse(key), Kind::daily, *Day::parse(day), value}));
  return ledger;
}

TEST(FileStore, MissingFileLoadsAsEmptyLedger) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  auto ledger = store->load();
  ASSERT_TRUE(ledger) << ledger.error().message;
  EXPECT_TRUE(ledger->empty());
  EXPECT_FALSE(std::filesystem::exists(dir / "ledger.json"));
}

TEST(FileStore, TheFirstCommitCreatesTheLedgersFolder) {
  TempDir dir;
  auto store = make_file_store(dir / "data" / "stats" / "ledger.json");
  auto committed = store->commit(one_day("npm:downloads:a", "2026-05-01", 10));
  ASSERT_TRUE(committed) << committed.error().message;
  auto reloaded = store->load();
  ASSERT_TRUE(reloaded) << reloaded.error().message;
  EXPECT_EQ(*reloaded, *committed);
}

TEST(FileStore, CommitMergesIntoWhatIsStored) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 7)));
  auto merged = store->commit(one_day("npm:downloads:a", "2026-05-02", 5));
  ASSERT_TRUE(merged) << merged.error().message;
  const auto key = *SeriesKey::parse("npm:downloads:a");
  EXPECT_EQ(merged->find(key)->value(), 15U);
  auto reloaded = store->load();
  ASSERT_TRUE(reloaded);
  EXPECT_EQ(*reloaded, *merged);
  EXPECT_EQ(read_file(dir / "ledger.json"), write_ledger_json(*merged));
}

TEST(FileStore, InvalidFileIsAnErrorAndIsNeverOverwritten) {
  TempDir dir;
  const std::string broken = "{\"format\": \"odometer-ledger\", \"version\": 1, \"series\": {";
  write_file(dir / "ledger.json", broken);
  auto store = make_file_store(dir / "ledger.json");
  auto loaded = store->load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find((dir / "ledger.json").string()), std::string::npos);
  auto committed = store->commit(one_day("npm:downloads:a", "2026-05-01", 10));
  ASSERT_FALSE(committed);
  EXPECT_EQ(read_file(dir / "ledger.json"), broken);
}

TEST(FileStore, KindConflictNamesTheKeyAndChangesNothing) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  const std::string before = read_file(dir / "ledger.json");
  Ledger gauge;
  ASSERT_TRUE(gauge.observe(Observation{*SeriesKey::parse("npm:downloads:a"), Kind::gauge,
                                        *Day::parse("2026-05-01"), 3}));
  auto committed = store->commit(gauge);
  ASSERT_FALSE(committed);
  EXPECT_NE(committed.error().message.find("npm:downloads:a"), std::string::npos);
  EXPECT_EQ(read_file(dir / "ledger.json"), before);
}

TEST(FileStore, UnchangedCommitDoesNotRewriteTheFile) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  const auto mode_before = std::filesystem::status(dir / "ledger.json").permissions();
  struct stat before {};
  ASSERT_EQ(::stat((dir / "ledger.json").c_str(), &before), 0);
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 4)));
  struct stat after {};
  ASSERT_EQ(::stat((dir / "ledger.json").c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  EXPECT_EQ(std::filesystem::status(dir / "ledger.json").permissions(), mode_before);
}

TEST(FileStore, KeepsTheFileModeAcrossRewrites) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  ASSERT_EQ(::chmod((dir / "ledger.json").c_str(), 0640), 0);
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-02", 10)));
  struct stat info {};
  ASSERT_EQ(::stat((dir / "ledger.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0640U);
}

TEST(FileStore, RemovesTemporariesLeftByAKilledWriter) {
  TempDir dir;
  write_file(dir / ".ledger.json.tmp-abc123", "half a ledger");
  write_file(dir / ".other.json.tmp-abc123", "not ours");
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  EXPECT_FALSE(std::filesystem::exists(dir / ".ledger.json.tmp-abc123"));
  EXPECT_TRUE(std::filesystem::exists(dir / ".other.json.tmp-abc123"));
}

TEST(FileStore, ALedgerOfSeveralMegabytesIsWrittenWhole) {
  // The store writes the text in pieces; the file must still be the one text.
  Ledger big;
  const Day first = *Day::parse("2025-01-01");
  for (int s = 0; s < 300; ++s) {
    const auto key = *SeriesKey::parse("npm:downloads:p" + std::to_string(s));
    for (std::int32_t d = 0; d < 365; ++d) {
      ASSERT_TRUE(big.observe(Observation{key, Kind::daily, first + d, s + d}));
    }
  }
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  ASSERT_TRUE(store->commit(big));
  const std::string text = read_file(dir / "ledger.json");
  EXPECT_GT(text.size(), std::size_t{2} << 20);  // over two pieces
  EXPECT_EQ(text, write_ledger_json(big));
  auto loaded = store->load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(*loaded, big);
}

TEST(WriteFileAtomically, AFailingWriterLeavesTheFileAndNoTemporary) {
  TempDir dir;
  write_file(dir / "out.json", "before");
  const auto ok = write_file_atomically(dir / "out.json", [](const TextSink& sink) -> Status {
    if (auto written = sink("half of the text"); !written) {
      return written;
    }
    return make_error("the writer gave up");
  });
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().message, "the writer gave up");
  EXPECT_EQ(read_file(dir / "out.json"), "before");
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename(), "out.json");
  }
}

TEST(FileStore, AFolderThatCannotBeMadeIsAnErrorNamingIt) {
  TempDir dir;
  write_file(dir / "no-such-folder", "a file where the folder should be");
  auto store = make_file_store(dir / "no-such-folder" / "ledger.json");
  auto committed = store->commit(one_day("npm:downloads:a", "2026-05-01", 10));
  ASSERT_FALSE(committed);
  EXPECT_NE(committed.error().message.find("no-such-folder"), std::string::npos);
}

TEST(FileStore, AFolderInPlaceOfTheFileIsAnError) {
  TempDir dir;
  std::filesystem::create_directory(dir / "ledger.json");
  auto loaded = make_file_store(dir / "ledger.json")->load();
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("is a folder"), std::string::npos);
}

TEST(ReadLedgerFile, MissingFileIsAnError) {
  TempDir dir;
  auto loaded = read_ledger_file(dir / "absent.json");
  ASSERT_FALSE(loaded);
  EXPECT_NE(loaded.error().message.find("absent.json: no such file"), std::string::npos);
}

TEST(OpenStore, PlainPathsAndFileUrlsAreFileStores) {
  TempDir dir;
  auto plain = open_store((dir / "a.json").string());
  ASSERT_TRUE(plain);
  EXPECT_EQ((*plain)->describe(), (dir / "a.json").string());
  auto url = open_store("file:" + (dir / "b.json").string());
  ASSERT_TRUE(url);
  EXPECT_EQ((*url)->describe(), (dir / "b.json").string());
}

TEST(OpenStore, UnavailableSchemesAreClearErrors) {
  auto sqlite = open_store("sqlite:counts.db");
  ASSERT_FALSE(sqlite);
  EXPECT_NE(sqlite.error().message.find("sqlite:"), std::string::npos);
  EXPECT_FALSE(open_store("file:"));
  EXPECT_FALSE(open_store(""));
}

TEST(OpenStore, PostgresUrlsAreDatabaseStoresThatHideThePassword) {
  for (const char* url : {"postgres://alice:s3cret@db.example/odometer",
                          "postgresql://alice:s3cret@db.example/odometer"}) {
    auto store = open_store(url);
    ASSERT_TRUE(store) << store.error().message;
    EXPECT_EQ((*store)->describe().find("s3cret"), std::string::npos);
    EXPECT_NE((*store)->describe().find("alice:[redacted]@db.example/odometer"), std::string::npos);
    EXPECT_FALSE(ledger_file_path(url));
  }
  EXPECT_EQ(ledger_file_path("data/ledger.json"), std::filesystem::path("data/ledger.json"));
  EXPECT_EQ(ledger_file_path("file:data/ledger.json"), std::filesystem::path("data/ledger.json"));
}

TEST(FileStore, LoadExistingIsAnErrorForAMissingFileOnly) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  auto missing = store->load_existing();
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("ledger.json: no such file"), std::string::npos);
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  auto existing = store->load_existing();
  ASSERT_TRUE(existing) << existing.error().message;
  EXPECT_EQ(existing->series().size(), 1U);
  EXPECT_TRUE(read_ledger((dir / "ledger.json").string()));
  EXPECT_FALSE(read_ledger((dir / "absent.json").string()));
}

TEST(FileStore, CommitWithoutReadbackCountsTheStoredSeries) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  auto one = store->commit_without_readback(one_day("npm:downloads:a", "2026-05-01", 10));
  ASSERT_TRUE(one) << one.error().message;
  EXPECT_EQ(one->series, 1U);
  auto two = store->commit_without_readback(one_day("npm:downloads:b", "2026-05-01", 10));
  ASSERT_TRUE(two) << two.error().message;
  EXPECT_EQ(two->series, 2U);
  EXPECT_EQ(read_file(dir / "ledger.json"), write_ledger_json(*store->load()));
}

TEST(FileStore, InitWritesAnEmptyLedgerOnceThenOnlyChecksIt) {
  TempDir dir;
  auto store = make_file_store(dir / "ledger.json");
  auto created = store->init();
  ASSERT_TRUE(created) << created.error().message;
  EXPECT_NE(created->find("wrote an empty ledger"), std::string::npos) << *created;
  EXPECT_EQ(read_file(dir / "ledger.json"), write_ledger_json(Ledger()));
  ASSERT_TRUE(store->commit(one_day("npm:downloads:a", "2026-05-01", 10)));
  const std::string before = read_file(dir / "ledger.json");
  auto checked = store->init();
  ASSERT_TRUE(checked) << checked.error().message;
  EXPECT_NE(checked->find("a ledger of 1 series; nothing to do"), std::string::npos) << *checked;
  EXPECT_EQ(read_file(dir / "ledger.json"), before);
  write_file(dir / "ledger.json", "{");
  EXPECT_FALSE(store->init());
  EXPECT_EQ(read_file(dir / "ledger.json"), "{");
}

// ------------------------------------------------------------ special files

TEST(FileStore, AFifoAsTheLedgerIsRefusedAtOnceNotWaitedOn) {
  TempDir dir;
  const auto path = dir / "ledger.json";
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  auto store = make_file_store(path);
  auto loaded = store->load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, path.string() + " is a FIFO, not a regular file");
  auto committed = store->commit(one_day("npm:downloads:x", "2026-05-01", 3));
  ASSERT_FALSE(committed.ok());
  std::error_code error;
  EXPECT_TRUE(std::filesystem::is_fifo(path, error)) << "the FIFO was replaced";
}

TEST(FileStore, ADeviceAsTheLedgerIsRefused) {
  auto loaded = make_file_store("/dev/zero")->load();
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, "/dev/zero is a device, not a regular file");
}

TEST(FileStore, ASymlinkedLedgerIsWrittenThroughToItsTarget) {
  TempDir dir;
  std::filesystem::create_directories(dir / "elsewhere");
  const auto target = dir / "elsewhere" / "ledger.json";
  const auto link = dir / "ledger.json";
  ASSERT_TRUE(make_file_store(target)->commit(one_day("npm:downloads:x", "2026-05-01", 3)).ok());
  std::filesystem::create_symlink("elsewhere/ledger.json", link);
  auto store = make_file_store(link);
  ASSERT_TRUE(store->commit(one_day("npm:downloads:x", "2026-05-02", 4)).ok());
  EXPECT_TRUE(std::filesystem::is_symlink(link)) << "the link was replaced by a file";
  auto through_target = read_ledger_file(target);
  ASSERT_TRUE(through_target.ok()) << through_target.error().message;
  EXPECT_EQ(through_target->find(*SeriesKey::parse("npm:downloads:x"))->value(), 7U);
  // The temporary and the lock are the target's, in its folder.
  EXPECT_TRUE(std::filesystem::exists(dir / "elsewhere" / "ledger.json.lock"));
  EXPECT_FALSE(std::filesystem::exists(dir / "ledger.json.lock"));
}

TEST(FileStore, ADanglingSymlinkedLedgerCreatesItsTarget) {
  TempDir dir;
  std::filesystem::create_directories(dir / "elsewhere");
  const auto link = dir / "ledger.json";
  std::filesystem::create_symlink(dir / "elsewhere" / "new.json", link);
  auto store = make_file_store(link);
  auto loaded = store->load();
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_TRUE(loaded->empty());
  ASSERT_TRUE(store->commit(one_day("npm:downloads:x", "2026-05-01", 3)).ok());
  EXPECT_TRUE(std::filesystem::is_symlink(link));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir / "elsewhere" / "new.json"));
}

TEST(FileStore, ACommitOfNothingNewLeavesTheFileUntouched) {
  TempDir dir;
  const auto path = dir / "ledger.json";
  auto store = make_file_store(path);
  Ledger first = one_day("npm:downloads:x", "2026-05-01", 3);
  first.touch(*Timestamp::parse("2026-05-02T00:00:00Z"));
  ASSERT_TRUE(store->commit(first).ok());
  const std::string before = read_file(path);
  ASSERT_TRUE(store->commit(one_day("npm:downloads:x", "2026-05-01", 2)).ok());
  ASSERT_TRUE(store->commit(Ledger()).ok());
  EXPECT_EQ(read_file(path), before);
}

}  // namespace
}  // namespace odometer
