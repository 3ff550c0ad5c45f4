// The replaced system's installs-cache.json: every real version of it (the
// 37 commits in tests/fixtures/seed-cache-history) parses, imports into the
// right series and, imported in order, never loses a count; the ledger
// exports the current cache and public file again; hostile caches are clear
// errors that name the file and the field.

#include "store/seed_cache.hpp"
#include "store/site_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/counters.hpp"
#include "store/any_ledger.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

const std::filesystem::path k_history =
    std::filesystem::path(ODOMETER_FIXTURES) / "seed-cache-history";
const std::optional<std::string> k_owner = std::string("runcycles");
constexpr std::string_view k_source = "hostile.json";

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

// One row of index.csv: the fixture file and the commit it came from.
struct HistoryEntry {
  int order = 0;
  std::string short_commit;
  std::string file;  // NN_<short>.json
};

std::vector<HistoryEntry> read_index() {
  std::ifstream in(k_history / "index.csv");
  EXPECT_TRUE(in.good()) << "cannot read " << (k_history / "index.csv");
  std::vector<HistoryEntry> entries;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) {
      continue;
    }
    std::istringstream fields(line);
    std::string order;
    std::string short_commit;
    std::getline(fields, order, ',');
    std::getline(fields, short_commit, ',');
    HistoryEntry entry;
    entry.order = std::stoi(order);
    entry.short_commit = short_commit;
    entry.file = order + "_" + short_commit + ".json";
    entries.push_back(entry);
  }
  return entries;
}

SeedCache parse_fixture(const std::string& file) {
  auto cache = parse_seed_cache(testing::read_file(k_history / file), file);
  EXPECT_TRUE(cache.ok()) << file << ": " << (cache.ok() ? "" : cache.error().message);
  return cache.ok() ? *cache : SeedCache{};
}

Ledger import_fixture(const std::string& file) {
  auto imported = import_seed_cache(parse_fixture(file), k_owner);
  EXPECT_TRUE(imported.ok()) << file << ": " << (imported.ok() ? "" : imported.error().message);
  return imported.ok() ? imported->ledger : Ledger();
}

SeriesKey make_key(std::string_view text) {
  auto key = SeriesKey::parse(text);
  EXPECT_TRUE(key.ok()) << text;
  return std::move(key).value();
}

std::optional<Count> value_of(const Ledger& ledger, std::string_view key) {
  const Series* series = ledger.find(make_key(key));
  return series != nullptr ? series->value() : std::nullopt;
}

std::string error_of(std::string_view text) {
  auto cache = parse_seed_cache(text, k_source);
  EXPECT_FALSE(cache.ok()) << "accepted: " << text;
  return cache.ok() ? std::string() : cache.error().message;
}

// --- the real history -------------------------------------------------------

TEST(SeedCacheHistory, IndexListsAllThirtySevenFiles) {
  const auto entries = read_index();
  ASSERT_EQ(entries.size(), 37U);
  for (const auto& entry : entries) {
    EXPECT_TRUE(std::filesystem::exists(k_history / entry.file)) << entry.file;
  }
}

TEST(SeedCacheHistory, EveryVersionParsesAsItsGeneration) {
  for (const auto& entry : read_index()) {
    int expected = 3;
    if (entry.order <= 7) {
      expected = 1;
    } else if (entry.order == 8) {
      expected = 2;
    } else if (entry.order == 33 || entry.order >= 35) {
      expected = 4;
    }
    EXPECT_EQ(seed_cache_generation(parse_fixture(entry.file)), expected) << entry.file;
  }
}

TEST(SeedCacheHistory, EveryVersionImportsWithTheRepoOwner) {
  for (const auto& entry : read_index()) {
    const SeedCache cache = parse_fixture(entry.file);
    auto imported = import_seed_cache(cache, k_owner);
    ASSERT_TRUE(imported.ok()) << entry.file << ": " << imported.error().message;
    const Ledger& ledger = imported->ledger;
    EXPECT_FALSE(ledger.empty()) << entry.file;
    EXPECT_EQ(ledger.updated_at(), cache.fetched_at) << entry.file;
    EXPECT_EQ(value_of(ledger, "seed-cache:total:all"), cache.total) << entry.file;
    if (cache.npm) {
      EXPECT_EQ(value_of(ledger, "npm:downloads-imported:all"), cache.npm) << entry.file;
    }
    if (cache.clones_by_repo) {
      EXPECT_EQ(metric_sum(ledger, "github", "clones"), *cache.clones) << entry.file;
    }
  }
}

TEST(SeedCacheHistory, ImportingEachVersionInOrderNeverLowersAnything) {
  Ledger ledger;
  for (const auto& entry : read_index()) {
    const Ledger before = ledger;
    ASSERT_TRUE(ledger.merge(import_fixture(entry.file)).ok()) << entry.file;
    const auto lost = regressions(before, ledger);
    EXPECT_TRUE(lost.empty()) << entry.file << ": " << lost.front().key.str() << " "
                              << lost.front().what;
    for (const auto& [key, series] : before.series()) {
      if (series.kind() == Kind::gauge || !series.value()) {
        continue;
      }
      const Series* now = ledger.find(key);
      ASSERT_NE(now, nullptr) << entry.file << ": " << key.str();
      EXPECT_GE(now->value().value_or(0), *series.value()) << entry.file << ": " << key.str();
    }
  }
}

TEST(SeedCacheHistory, WholeHistoryKeepsEveryCloneAndTheLatestDownloads) {
  Ledger ledger;
  for (const auto& entry : read_index()) {
    ASSERT_TRUE(ledger.merge(import_fixture(entry.file)).ok()) << entry.file;
  }
  EXPECT_EQ(metric_sum(ledger, "github", "clones"), 37'701U);
  std::size_t repositories = 0;
  for (const auto& [key, series] : ledger.series()) {
    repositories += key.source() == "github" && key.metric() == "clones" ? 1U : 0U;
  }
  EXPECT_EQ(repositories, 16U);
  const SeedCache last = parse_fixture(read_index().back().file);
  EXPECT_EQ(metric_sum(ledger, "npm", "downloads"), *last.npm);
  EXPECT_EQ(metric_sum(ledger, "pypi", "downloads"), *last.pypi);
  EXPECT_EQ(metric_sum(ledger, "crates", "downloads"), *last.crates);
  EXPECT_EQ(metric_sum(ledger, "npm", "downloads"), 4056U);
  EXPECT_EQ(metric_sum(ledger, "pypi", "downloads"), 1339U);
  EXPECT_EQ(metric_sum(ledger, "crates", "downloads"), 49U);
  EXPECT_EQ(metric_sum(ledger, "ghcr", "pulls"), 2672U);
}

// 34 (f3e8b24) rewrote the cache in generation-3 shape: no clones, no
// releases, no GitHub packages. Merged after 33 it must erase nothing.
TEST(SeedCacheHistory, StaleOldSchemaCommitCannotEraseClones) {
  Ledger ledger = import_fixture("33_35cd32b.json");
  const Ledger before = ledger;
  ASSERT_TRUE(ledger.merge(import_fixture("34_f3e8b24.json")).ok());
  EXPECT_TRUE(regressions(before, ledger).empty());
  EXPECT_EQ(metric_sum(ledger, "github", "clones"), 36'057U);
  EXPECT_EQ(metric_sum(ledger, "ghcr", "pulls"), 2672U);
  EXPECT_EQ(metric_sum(ledger, "npm", "downloads"), 4049U);
}

// 35 (7aa7765) re-seeded from the 14-day window: some repositories higher
// than 33 (newer days), others lower. Each keeps its higher figure.
TEST(SeedCacheHistory, ReseedWithLowerPerRepoCountsKeepsTheHigherOfEach) {
  Ledger ledger = import_fixture("33_35cd32b.json");
  ASSERT_TRUE(ledger.merge(import_fixture("34_f3e8b24.json")).ok());
  ASSERT_TRUE(ledger.merge(import_fixture("35_7aa7765.json")).ok());
  EXPECT_EQ(metric_sum(ledger, "github", "clones"), 36'875U);
  EXPECT_EQ(value_of(ledger, "github:clones:runcycles/cycles-dashboard"), 10'999U);  // 33
  EXPECT_EQ(value_of(ledger, "github:clones:runcycles/docs"), 6'842U);               // 35
}

TEST(SeedCacheHistory, ImportOrderDoesNotMatter) {
  const auto entries = read_index();
  Ledger forward;
  Ledger backward;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    ASSERT_TRUE(forward.merge(import_fixture(entries[i].file)).ok());
    ASSERT_TRUE(backward.merge(import_fixture(entries[entries.size() - 1 - i].file)).ok());
  }
  EXPECT_EQ(forward, backward);
}

// --- the generation-4 mapping -------------------------------------------------

TEST(SeedCacheImport, GenerationFourMapsEveryFieldToItsSeries) {
  const Ledger ledger = import_fixture("37_e3e4286.json");
  EXPECT_EQ(value_of(ledger, "npm:downloads-imported:all"), 4056U);
  EXPECT_EQ(value_of(ledger, "pypi:downloads-imported:all"), 1339U);
  EXPECT_EQ(value_of(ledger, "crates:downloads-imported:all"), 49U);
  EXPECT_EQ(value_of(ledger, "ghcr:pulls-imported:all"), 2672U);
  EXPECT_EQ(value_of(ledger, "maven:downloads-imported:all"), 0U);
  EXPECT_EQ(value_of(ledger, "seed-cache:total:all"), 8116U);
  EXPECT_EQ(value_of(ledger, "github:release-downloads:runcycles/docs"), 0U);
  const Series* docs = ledger.find(make_key("github:clones:runcycles/docs"));
  ASSERT_NE(docs, nullptr);
  ASSERT_NE(docs->daily(), nullptr);
  EXPECT_TRUE(docs->daily()->days().empty());
  const Count* floor = docs->daily()->floors().find(*Day::parse("2026-04-30"));
  ASSERT_NE(floor, nullptr);
  EXPECT_EQ(*floor, 7107U);
  const Series* npm = ledger.find(make_key("npm:downloads-imported:all"));
  ASSERT_NE(npm, nullptr);
  EXPECT_EQ(npm->kind(), Kind::cumulative);
  EXPECT_EQ(npm->last_day(), Day::parse("2026-05-02").value());
  EXPECT_EQ(ledger.find(make_key("seed-cache:total:all"))->kind(), Kind::gauge);
}

TEST(SeedCacheImport, GhcrAndTotalAreInformationOnlyGauges) {
  const Ledger ledger = import_fixture("08_47e44f8.json");
  const Series* ghcr = ledger.find(make_key("seed-cache:ghcr:all"));
  ASSERT_NE(ghcr, nullptr);
  EXPECT_EQ(ghcr->kind(), Kind::gauge);
  EXPECT_EQ(ledger.find(make_key("ghcr:pulls-imported:all")), nullptr);
  EXPECT_EQ(metric_sum(ledger, "seed-cache", "total"), 0U);  // gauges are never summed
}

TEST(SeedCacheImport, ImportedSumIsAFloorForPerPackageSeries) {
  const auto ledger_with = [](Count per_package) {
    Ledger ledger;
    const Day day = *Day::parse("2026-05-02");
    EXPECT_TRUE(ledger
                    .observe(Observation{make_key("npm:downloads-imported:all"), Kind::cumulative,
                                         day, 4056})
                    .ok());
    EXPECT_TRUE(ledger
                    .observe(Observation{make_key("npm:downloads:a"), Kind::cumulative, day,
                                         static_cast<std::int64_t>(per_package)})
                    .ok());
    return ledger;
  };
  EXPECT_EQ(metric_sum(ledger_with(3000), "npm", "downloads"), 4056U);
  EXPECT_EQ(metric_sum(ledger_with(5000), "npm", "downloads"), 5000U);
  // The floor raises the sum, never the per-package series itself.
  EXPECT_EQ(ledger_with(3000).find(make_key("npm:downloads:a"))->value(), 3000U);
}

TEST(SeedCacheImport, MissingRepoOwnerWithClonesByRepoIsAnError) {
  const SeedCache cache = parse_fixture("37_e3e4286.json");
  for (const std::optional<std::string>& owner :
       {std::optional<std::string>(), std::optional<std::string>("")}) {
    auto imported = import_seed_cache(cache, owner);
    ASSERT_FALSE(imported.ok());
    EXPECT_TRUE(contains(imported.error().message, "--repo-owner")) << imported.error().message;
  }
  auto any = parse_any_ledger(testing::read_file(k_history / "37_e3e4286.json"),
                              "installs-cache.json", std::nullopt);
  ASSERT_FALSE(any.ok());
  EXPECT_TRUE(contains(any.error().message, "installs-cache.json")) << any.error().message;
  EXPECT_TRUE(contains(any.error().message, "--repo-owner")) << any.error().message;
}

TEST(SeedCacheImport, GenerationThreeNeedsNoRepoOwner) {
  auto imported = import_seed_cache(parse_fixture("34_f3e8b24.json"), std::nullopt);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
}

TEST(SeedCacheImport, ClonesDisagreeingWithClonesByRepoIsANoteNotAnError) {
  auto cache = parse_seed_cache(
      R"({"clones":10,"clonesByRepo":{"docs":{"count":7,"lastSeenDay":"2026-04-30"}},)"
      R"("releases":5,"releasesByRepo":{"docs":3},"fetchedAt":"2026-05-02T07:44:22Z"})",
      k_source);
  ASSERT_TRUE(cache.ok()) << cache.error().message;
  auto imported = import_seed_cache(*cache, k_owner);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(metric_sum(imported->ledger, "github", "clones"), 7U);
  EXPECT_EQ(value_of(imported->ledger, "github:release-downloads:runcycles/docs"), 3U);
  bool clones_note = false;
  bool releases_note = false;
  for (const auto& note : imported->notes) {
    clones_note = clones_note || (contains(note, "clones is 10") && contains(note, "7"));
    releases_note = releases_note || (contains(note, "releases is 5") && contains(note, "3"));
  }
  EXPECT_TRUE(clones_note);
  EXPECT_TRUE(releases_note);
}

TEST(SeedCacheImport, AgreeingClonesGiveNoMismatchNote) {
  auto imported = import_seed_cache(parse_fixture("37_e3e4286.json"), k_owner);
  ASSERT_TRUE(imported.ok());
  for (const auto& note : imported->notes) {
    EXPECT_FALSE(contains(note, "adds up to")) << note;
  }
}

// --- export -------------------------------------------------------------------

// The site files of ledger for the owner runcycles, as render and export
// write them.
SiteFiles site_files_of(const Ledger& ledger) {
  auto files = make_site_files(ledger, std::string("runcycles"), default_counters(),
                               Timestamp::from_unix_seconds(0));
  EXPECT_TRUE(files.ok()) << files.error().message;
  return files.ok() ? std::move(*files) : SiteFiles{};
}

void expect_same_cache(const SeedCache& actual, const SeedCache& expected) {
  EXPECT_EQ(actual.npm, expected.npm);
  EXPECT_EQ(actual.pypi, expected.pypi);
  EXPECT_EQ(actual.crates, expected.crates);
  EXPECT_EQ(actual.maven, expected.maven);
  EXPECT_EQ(actual.gh_packages, expected.gh_packages);
  EXPECT_EQ(actual.clones, expected.clones);
  EXPECT_EQ(actual.releases, expected.releases);
  EXPECT_EQ(actual.total, expected.total);
  EXPECT_EQ(actual.fetched_at, expected.fetched_at);
  ASSERT_TRUE(actual.clones_by_repo && expected.clones_by_repo);
  ASSERT_EQ(actual.clones_by_repo->size(), expected.clones_by_repo->size());
  for (const auto& [repo, clones] : *expected.clones_by_repo) {
    const auto it = actual.clones_by_repo->find(repo);
    ASSERT_NE(it, actual.clones_by_repo->end()) << repo;
    EXPECT_EQ(it->second.count, clones.count) << repo;
    EXPECT_EQ(it->second.last_seen_day, clones.last_seen_day) << repo;
  }
  EXPECT_EQ(actual.releases_by_repo, expected.releases_by_repo);
}

TEST(SeedCacheExport, LatestFileRoundTripsThroughTheLedger) {
  const SeedCache original = parse_fixture("37_e3e4286.json");
  const Ledger ledger = import_fixture("37_e3e4286.json");
  const std::string text = site_files_of(ledger).cache_json;
  auto exported = parse_seed_cache(text, "exported");
  ASSERT_TRUE(exported.ok()) << exported.error().message << "\n" << text;
  EXPECT_EQ(seed_cache_generation(*exported), 4);
  EXPECT_EQ(exported->total, 8116U);
  expect_same_cache(*exported, original);
  EXPECT_EQ(text.back(), '\n');
}

TEST(SeedCacheExport, WholeHistoryExportsTheLatestFile) {
  Ledger ledger;
  for (const auto& entry : read_index()) {
    ASSERT_TRUE(ledger.merge(import_fixture(entry.file)).ok());
  }
  auto exported = parse_seed_cache(site_files_of(ledger).cache_json, "exported");
  ASSERT_TRUE(exported.ok()) << exported.error().message;
  expect_same_cache(*exported, parse_fixture("37_e3e4286.json"));
}

TEST(SeedCacheExport, PublicFileIsExactlyTheReplacedSystemsLine) {
  const Ledger ledger = import_fixture("37_e3e4286.json");
  EXPECT_EQ(site_files_of(ledger).public_json,
            "{\"total\":8116,\"clones\":37701,\"fetchedAt\":\"2026-05-02T07:44:22Z\"}\n");
}

TEST(SeedCacheExport, OtherOwnersRepositoriesAreLeftOut) {
  Ledger ledger = import_fixture("37_e3e4286.json");
  ASSERT_TRUE(ledger
                  .observe(Observation{make_key("github:clones:someone-else/x"), Kind::daily,
                                       *Day::parse("2026-05-01"), 500})
                  .ok());
  const SiteFiles files = site_files_of(ledger);
  const SeedCache& cache = files.cache;
  EXPECT_EQ(cache.clones, 37'701U);
  EXPECT_EQ(cache.clones_by_repo->size(), 16U);
  EXPECT_EQ(files.left_out, std::vector<SeriesKey>{make_key("github:clones:someone-else/x")});
  EXPECT_TRUE(left_out_note(files).value_or("").find("github:clones:someone-else/x") !=
              std::string::npos);
}

// --- hostile caches -------------------------------------------------------------

struct HostileCache {
  std::string name;
  std::string text;
  std::vector<std::string> mentions;  // besides the source
};

void PrintTo(const HostileCache& cache, std::ostream* out) {
  *out << cache.name;
}

class SeedCacheHostile : public ::testing::TestWithParam<HostileCache> {};

TEST_P(SeedCacheHostile, IsAnErrorNamingTheFileAndTheField) {
  const std::string message = error_of(GetParam().text);
  EXPECT_TRUE(message.starts_with(std::string(k_source) + ": ")) << message;
  for (const auto& part : GetParam().mentions) {
    EXPECT_TRUE(contains(message, part)) << "no \"" << part << "\" in: " << message;
  }
}

#define FETCHED R"("fetchedAt":"2026-05-02T07:44:22Z")"

INSTANTIATE_TEST_SUITE_P(
    Shapes, SeedCacheHostile,
    ::testing::Values(
        HostileCache{"UnknownField",
                     R"({"npm":1,"downloads":2,)" FETCHED "}",
                     {"fields found: npm, downloads, fetchedAt"}},
        HostileCache{"NoFetchedAt", R"({"npm":1,"total":1})", {"fields found: npm, total"}},
        HostileCache{"OnlyFetchedAt", "{" FETCHED "}", {"fields found: fetchedAt"}},
        HostileCache{"NegativeCount", R"({"npm":-5,)" FETCHED "}", {"npm", "negative"}},
        HostileCache{"HugeDouble", R"({"pypi":1e30,)" FETCHED "}", {"pypi", "whole number"}},
        HostileCache{"AboveTenToTheFifteen",
                     R"({"crates":1000000000000001,)" FETCHED "}",
                     {"crates", "1000000000000001"}},
        HostileCache{
            "AboveInt64", R"({"crates":18000000000000000000,)" FETCHED "}", {"crates", "above"}},
        // simdjson rejects the number before any field is read; the error
        // still names the field.
        HostileCache{"AboveUint64",
                     R"({"crates":99999999999999999999,)" FETCHED "}",
                     {"$.crates", "beyond the 64-bit range"}},
        HostileCache{"Decimal", R"({"npm":1.5,)" FETCHED "}", {"npm", "whole number", "1.5"}},
        HostileCache{"StringCount", R"({"npm":"4056",)" FETCHED "}", {"npm", "whole number"}},
        HostileCache{"NullCount", R"({"total":null,)" FETCHED "}", {"total", "whole number"}},
        HostileCache{"Truncated", R"({"npm":4056,"fetchedAt":"2026-05)", {"invalid JSON"}},
        HostileCache{
            "NotUtf8", "{\"total\":1,\"fetchedAt\":\"2026-05-02T07:44:22Z\xff\"}", {"UTF-8"}},
        HostileCache{"TopLevelArray", "[]", {"not an object"}},
        HostileCache{"Empty", "", {"empty"}},
        HostileCache{
            "BadFetchedAt", R"({"total":1,"fetchedAt":"yesterday"})", {"fetchedAt", "yesterday"}},
        HostileCache{"FetchedAtWithOffset",
                     R"({"total":1,"fetchedAt":"2026-05-02T07:44:22+02:00"})",
                     {"fetchedAt"}},
        HostileCache{"FetchedAtNumber", R"({"total":1,"fetchedAt":1714600000})", {"fetchedAt"}},
        HostileCache{
            "ClonesByRepoNotAnObject", R"({"clonesByRepo":[],)" FETCHED "}", {"clonesByRepo"}},
        HostileCache{"ClonesEntryWithoutLastSeenDay",
                     R"({"clonesByRepo":{"docs":{"count":5}},)" FETCHED "}",
                     {"clonesByRepo.docs", "lastSeenDay"}},
        HostileCache{"ClonesEntryWithoutCount",
                     R"({"clonesByRepo":{"docs":{"lastSeenDay":"2026-04-30"}},)" FETCHED "}",
                     {"clonesByRepo.docs", "count"}},
        HostileCache{"ClonesEntryOnAnImpossibleDay",
                     R"({"clonesByRepo":{"docs":{"count":5,"lastSeenDay":"2026-02-30"}},)" FETCHED
                     "}",
                     {"clonesByRepo.docs.lastSeenDay", "2026-02-30"}},
        HostileCache{"ClonesEntryNegative",
                     R"({"clonesByRepo":{"docs":{"count":-1,"lastSeenDay":"2026-04-30"}},)" FETCHED
                     "}",
                     {"clonesByRepo.docs.count", "negative"}},
        HostileCache{
            "ClonesEntryExtraField",
            R"({"clonesByRepo":{"docs":{"count":1,"lastSeenDay":"2026-04-30","x":1}},)" FETCHED "}",
            {"clonesByRepo.docs.x"}},
        HostileCache{
            "ClonesEntryRepeatedCount",
            R"({"clonesByRepo":{"docs":{"count":1,"count":9,"lastSeenDay":"2026-04-30"}},)" FETCHED
            "}",
            {"clonesByRepo.docs.count"}},
        HostileCache{"ReleasesEntryString",
                     R"({"releasesByRepo":{"docs":"3"},)" FETCHED "}",
                     {"releasesByRepo.docs", "whole number"}},
        HostileCache{
            "DuplicateTopLevelKey", R"({"npm":1,"npm":2,)" FETCHED "}", {"npm", "duplicate"}},
        HostileCache{
            "DuplicateEscapedKey", R"({"npm":1,"n\u0070m":2,)" FETCHED "}", {"npm", "duplicate"}},
        HostileCache{"DuplicateRepo",
                     R"({"clonesByRepo":{"docs":{"count":1,"lastSeenDay":"2026-04-30"},)"
                     R"("docs":{"count":2,"lastSeenDay":"2026-04-30"}},)" FETCHED "}",
                     {"clonesByRepo.docs", "duplicate"}},
        HostileCache{"DuplicateReleaseRepo",
                     R"({"releasesByRepo":{"docs":1,"docs":2},)" FETCHED "}",
                     {"releasesByRepo.docs", "duplicate"}}),
    [](const auto& test_info) { return test_info.param.name; });

#undef FETCHED

TEST(SeedCacheParse, AcceptsMillisecondsAndTheZeroOffset) {
  for (const std::string_view at :
       {"2026-05-02T07:44:22Z", "2026-05-02T07:44:22.660Z", "2026-05-02T07:44:22+00:00"}) {
    auto cache =
        parse_seed_cache(R"({"total":1,"fetchedAt":")" + std::string(at) + "\"}", k_source);
    ASSERT_TRUE(cache.ok()) << at << ": " << cache.error().message;
    EXPECT_EQ(cache->fetched_at, *Timestamp::parse("2026-05-02T07:44:22Z")) << at;
  }
}

TEST(SeedCacheParse, AcceptsTheLargestCount) {
  auto cache =
      parse_seed_cache(R"({"npm":1000000000000000,"fetchedAt":"2026-05-02T07:44:22Z"})", k_source);
  ASSERT_TRUE(cache.ok()) << cache.error().message;
  EXPECT_EQ(cache->npm, k_max_count);
}

}  // namespace
}  // namespace odometer
