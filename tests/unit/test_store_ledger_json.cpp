#include "store/ledger_json.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/ledger_json_fast.hpp"
#include "support/temp_dir.hpp"

namespace odometer {
namespace {

constexpr std::string_view k_source = "ledger.json";

Day make_day(std::string_view text) {
  auto day = Day::parse(text);
  EXPECT_TRUE(day.ok()) << text;
  return day.ok() ? *day : Day();
}

Timestamp make_at(std::string_view text) {
  auto at = Timestamp::parse(text);
  EXPECT_TRUE(at.ok()) << text;
  return at.ok() ? *at : Timestamp();
}

SeriesKey make_key(std::string_view text) {
  auto key = SeriesKey::parse(text);
  EXPECT_TRUE(key.ok()) << (key.ok() ? "" : key.error().message);
  return std::move(key).value();
}

DayMap<Count> counts(std::initializer_list<std::pair<std::string_view, Count>> entries) {
  std::vector<DayMap<Count>::Entry> list;
  for (const auto& [day, value] : entries) {
    list.emplace_back(make_day(day), value);
  }
  return DayMap<Count>::from_unique_entries(std::move(list));
}

void add(Ledger& ledger, std::string_view key, const Series& series) {
  ASSERT_TRUE(ledger.merge_series(make_key(key), series).ok());
}

// The ledger of tests/fixtures/ledger/canonical.json.
Ledger canonical_ledger() {
  Ledger ledger;
  ledger.touch(make_at("2026-05-02T07:44:22Z"));
  CumulativeSeries crates;
  crates.set(counts({{"2026-04-26", 49}}));
  add(ledger, "crates:downloads:runcycles", crates);
  DailySeries uniques(Additivity::non_additive);
  uniques.set(counts({{"2026-04-30", 12}}), {});
  add(ledger, "github:clone-uniques:runcycles/docs", uniques);
  DailySeries clones;
  clones.set(counts({{"2026-04-30", 612}, {"2026-05-01", 80}}), counts({{"2026-04-29", 6495}}));
  add(ledger, "github:clones:runcycles/docs", clones);
  GaugeSeries stars;
  stars.set(DayMap<GaugeReading>::from_unique_entries(
      {{make_day("2026-05-02"), GaugeReading{make_at("2026-05-02T20:02:26Z"), 3}}}));
  add(ledger, "github:stars:runcycles/docs", stars);
  return ledger;
}

std::string canonical_text() {
  return testing::read_file(std::string(ODOMETER_FIXTURES) + "/ledger/canonical.json");
}

Ledger parse_ok(std::string_view text) {
  auto ledger = parse_ledger_json(text, k_source);
  EXPECT_TRUE(ledger.ok()) << (ledger.ok() ? "" : ledger.error().message);
  return ledger.ok() ? std::move(ledger).value() : Ledger();
}

// The fast reader of canonical text, with zeroed padding after text.
std::optional<Ledger> read_fast(std::string_view text) {
  std::string padded(text);
  padded.append(64, '\0');
  return read_canonical_ledger(padded.data(), text.size());
}

// The fast reader may give up on any text, but what it reads the strict
// reader must accept as the same ledger.
void expect_fast_agrees(std::string_view text) {
  const auto fast = read_fast(text);
  if (!fast) {
    return;
  }
  auto strict = parse_ledger_json_strict(text, k_source);
  ASSERT_TRUE(strict.ok()) << "the fast reader accepted what the strict one rejects: "
                           << strict.error().message << "\n"
                           << text;
  ASSERT_EQ(*fast, *strict) << text;
}

// The error message for text, or a test failure if text parses.
std::string parse_error(std::string_view text, std::string_view source = k_source) {
  EXPECT_FALSE(read_fast(text).has_value()) << "the fast reader accepted:\n" << text;
  auto ledger = parse_ledger_json(text, source);
  if (ledger.ok()) {
    ADD_FAILURE() << "parsed, but should have been rejected:\n" << text;
    return {};
  }
  return ledger.error().message;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// The message names the source, then the JSON path, then the problem.
void expect_rejected(std::string_view text, std::string_view path,
                     std::initializer_list<std::string_view> problem) {
  SCOPED_TRACE(std::string("input: ") + std::string(text.substr(0, 400)));
  const std::string message = parse_error(text);
  const std::string prefix = std::string(k_source) + ": " + std::string(path) + ": ";
  EXPECT_EQ(message.substr(0, prefix.size()), prefix) << message;
  for (const auto part : problem) {
    EXPECT_TRUE(contains(message, part)) << "missing \"" << part << "\" in: " << message;
  }
}

std::string document(std::string_view series) {
  return R"({"format": "odometer-ledger", "version": 1, "series": {)" + std::string(series) + "}}";
}

// A document with one series "npm:downloads:x" whose object is body.
std::string one_series(std::string_view body) {
  return document(R"("npm:downloads:x": )" + std::string(body));
}

constexpr std::string_view k_x = R"($.series["npm:downloads:x"])";

std::string at_x(std::string_view rest) {
  return std::string(k_x) + std::string(rest);
}

// ---- canonical output ----

TEST(LedgerJsonWrite, MatchesTheGoldenFileByteForByte) {
  EXPECT_EQ(write_ledger_json(canonical_ledger()), canonical_text());
}

TEST(LedgerJsonWrite, GoldenFileParsesToTheSameLedger) {
  EXPECT_EQ(parse_ok(canonical_text()), canonical_ledger());
}

TEST(LedgerJsonWrite, EmptyLedger) {
  const Ledger empty;
  const std::string text = write_ledger_json(empty);
  EXPECT_EQ(text,
            "{\n  \"format\": \"odometer-ledger\",\n  \"version\": 1,\n  \"series\": {}\n}\n");
  EXPECT_EQ(parse_ok(text), empty);
}

TEST(LedgerJsonWrite, EmptyMapsStayOnOneLine) {
  Ledger ledger;
  add(ledger, "npm:downloads:empty", CumulativeSeries());
  add(ledger, "github:stars:empty", GaugeSeries());
  add(ledger, "github:views:empty", DailySeries(Additivity::non_additive));
  const std::string text = write_ledger_json(ledger);
  EXPECT_TRUE(contains(text,
                       "    \"npm:downloads:empty\": {\n"
                       "      \"kind\": \"cumulative\",\n"
                       "      \"days\": {}\n"
                       "    }"))
      << text;
  EXPECT_TRUE(contains(text, "      \"additive\": false,\n      \"days\": {}\n")) << text;
  EXPECT_FALSE(contains(text, "floors")) << text;
  EXPECT_FALSE(contains(text, "updated_at")) << text;
  EXPECT_EQ(parse_ok(text), ledger);
}

TEST(LedgerJsonWrite, AdditiveTrueIsNotWrittenButAcceptedOnInput) {
  const std::string text = one_series(R"({"kind": "daily", "additive": true, "days": {}})");
  const Ledger ledger = parse_ok(text);
  EXPECT_FALSE(contains(write_ledger_json(ledger), "additive"));
  const Series* series = ledger.find(make_key("npm:downloads:x"));
  ASSERT_NE(series, nullptr);
  const DailySeries* daily = series->daily();
  ASSERT_NE(daily, nullptr);
  EXPECT_EQ(daily->additivity(), Additivity::additive);
}

TEST(LedgerJsonWrite, WritingTwiceGivesTheSameBytes) {
  const Ledger ledger = canonical_ledger();
  const std::string first = write_ledger_json(ledger);
  EXPECT_EQ(write_ledger_json(ledger), first);
  EXPECT_EQ(write_ledger_json(parse_ok(first)), first);
}

TEST(LedgerJsonWrite, ExtremeValuesRoundTrip) {
  Ledger ledger;
  ledger.touch(make_at("9999-12-31T23:59:59Z"));
  CumulativeSeries big;
  big.set(counts({{"0001-01-01", 0}, {"9999-12-31", k_max_count}}));
  add(ledger, "npm:downloads:big", big);
  GaugeSeries gauge;
  gauge.set(DayMap<GaugeReading>::from_unique_entries(
      {{make_day("0001-01-01"), GaugeReading{make_at("0001-01-01T00:00:00Z"), 0}},
       {make_day("1969-12-31"), GaugeReading{make_at("1969-12-31T23:59:59Z"), k_max_count}}}));
  add(ledger, "github:stars:edge", gauge);
  const std::string text = write_ledger_json(ledger);
  EXPECT_TRUE(contains(text, "\"9999-12-31\": 1000000000000000\n")) << text;
  EXPECT_TRUE(contains(text, R"({"at": "1969-12-31T23:59:59Z", "value": 1000000000000000})"))
      << text;
  EXPECT_TRUE(contains(text, R"({"at": "0001-01-01T00:00:00Z", "value": 0})")) << text;
  EXPECT_EQ(parse_ok(text), ledger);
}

TEST(LedgerJsonWrite, KeysWithQuotesBackslashesAndUnicodeRoundTrip) {
  Ledger ledger;
  const std::string quote_key = "npm:downloads:a\"b\\c";
  const std::string unicode_key =
      "manual:pulls:h\xC3\xA9llo/\xE6\x97\xA5\xE6\x9C\xAC/\xF0\x9F\x98\x80";
  const std::string odd_key = "manual:pulls:a:b/c@d.e f\x7E";
  for (const auto& key : {quote_key, unicode_key, odd_key}) {
    CumulativeSeries series;
    series.set(counts({{"2026-05-01", 7}}));
    add(ledger, key, series);
  }
  const std::string text = write_ledger_json(ledger);
  EXPECT_TRUE(contains(text, R"("npm:downloads:a\"b\\c": {)")) << text;
  // Non-ASCII UTF-8 is written verbatim, not as \u escapes.
  EXPECT_TRUE(contains(text, "\"" + unicode_key + "\": {")) << text;
  EXPECT_EQ(parse_ok(text), ledger);
  EXPECT_EQ(write_ledger_json(parse_ok(text)), text);
}

TEST(LedgerJsonWrite, EscapedKeysInInputAreUnescaped) {
  // \u escapes (including a surrogate pair) name the same key as the raw text.
  const Ledger ledger = parse_ok(document(
      R"("manual:pulls:\u0068\u00e9\ud83d\ude00\/x": {"kind": "cumulative", "days": {}})"));
  EXPECT_NE(ledger.find(make_key("manual:pulls:h\xC3\xA9\xF0\x9F\x98\x80/x")), nullptr);
}

TEST(LedgerJsonWrite, KeysAreWrittenInByteOrder) {
  Ledger ledger;
  for (const char* key : {"npm:downloads:\xC3\xA9", "npm:downloads:b", "npm:downloads:B",
                          "crates:downloads:z", "npm:downloads:a\"", "npm:downloads:a"}) {
    add(ledger, key, CumulativeSeries());
  }
  const std::string text = write_ledger_json(ledger);
  std::size_t last = 0;
  for (const char* key :
       {"\"crates:downloads:z\"", "\"npm:downloads:B\"", "\"npm:downloads:a\"",
        R"("npm:downloads:a\"")", "\"npm:downloads:b\"", "\"npm:downloads:\xC3\xA9\""}) {
    const std::size_t at = text.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
}

TEST(LedgerJsonRead, AcceptsAnyOrderAndLayoutAndWritesItCanonically) {
  // The DESIGN.md example: compact layout, series and days out of order.
  const std::string text = R"({
  "series": {
    "github:stars:runcycles/docs": {
      "days": {"2026-05-02": {"value": 3, "at": "2026-05-02T20:02:26Z"}},
      "kind": "gauge"
    },
    "github:clones:runcycles/docs": {
      "kind": "daily",
      "days": {"2026-05-01": 80, "2026-04-30": 612},
      "floors": {"2026-04-29": 6495}
    },
    "github:clone-uniques:runcycles/docs": {"additive": false, "kind": "daily",
                                            "days": {"2026-04-30": 12}},
    "crates:downloads:runcycles": {"kind": "cumulative", "days": {"2026-04-26": 49}}
  },
  "updated_at": "2026-05-02T07:44:22Z",
  "version": 1,
  "format": "odometer-ledger"
})";
  const Ledger ledger = parse_ok(text);
  EXPECT_EQ(ledger, canonical_ledger());
  EXPECT_EQ(write_ledger_json(ledger), canonical_text());
}

// The writer and the reader shortcut runs of days within a month; long runs
// across month, year and leap-day boundaries must come out as Day says.
TEST(LedgerJsonRead, LongRunsOfDaysAcrossMonthsAndLeapDays) {
  const Day first = make_day("2023-12-01");
  const Day last = make_day("2025-03-31");
  std::vector<DayMap<Count>::Entry> every_day;
  std::vector<DayMap<Count>::Entry> every_third_day;
  for (Day day = first; day <= last; day = day + 1) {
    every_day.emplace_back(day, static_cast<Count>(day - first));
    if ((day - first) % 3 == 0) {
      every_third_day.emplace_back(day, 1);
    }
  }
  Ledger ledger;
  DailySeries daily;
  daily.set(DayMap<Count>::from_unique_entries(every_day),
            DayMap<Count>::from_unique_entries(every_third_day));
  add(ledger, "github:clones:o/r", daily);
  const std::string text = write_ledger_json(ledger);
  for (const auto& [day, value] : every_day) {
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "..." + std::string&&.
    std::string line = "\"";
    line.append(day.to_string()).append("\": ").append(std::to_string(value));
    EXPECT_TRUE(contains(text, line)) << line;
  }
  EXPECT_TRUE(contains(text, "\"2024-02-29\": ")) << text;
  EXPECT_EQ(parse_ok(text), ledger);
}

TEST(LedgerJsonRead, DaysAfterAValidDayOfTheSameMonthAreStillChecked) {
  const auto days = [](std::string_view entries) {
    return one_series(R"({"kind": "daily", "days": {)" + std::string(entries) + "}}");
  };
  expect_rejected(days(R"("2026-02-01": 1, "2026-02-29": 1)"), at_x(R"(.days["2026-02-29"])"),
                  {"no such calendar date"});
  expect_rejected(days(R"("2026-04-01": 1, "2026-04-31": 1)"), at_x(R"(.days["2026-04-31"])"),
                  {"no such calendar date"});
  expect_rejected(days(R"("2026-02-01": 1, "2026-02-00": 1)"), at_x(R"(.days["2026-02-00"])"),
                  {"invalid day"});
  expect_rejected(days(R"("2026-02-01": 1, "2026-02-1x": 1)"), at_x(R"(.days["2026-02-1x"])"),
                  {"invalid day"});
  expect_rejected(days(R"("2026-02-01": 1, "2026-02-011": 1)"), at_x(R"(.days["2026-02-011"])"),
                  {"invalid day"});
  expect_rejected(days(R"("2026-02-01": 1, "2026-02-0": 1)"), at_x(R"(.days["2026-02-0"])"),
                  {"invalid day"});
  const Ledger leap = parse_ok(days(R"("2024-02-27": 1, "2024-02-29": 2, "2024-02-01": 3)"));
  const Series* series = leap.find(make_key("npm:downloads:x"));
  ASSERT_NE(series, nullptr);
  const DailySeries* daily = series->daily();
  ASSERT_NE(daily, nullptr);
  EXPECT_EQ(daily->days(), counts({{"2024-02-01", 3}, {"2024-02-27", 1}, {"2024-02-29", 2}}));
}

TEST(LedgerJsonRead, AcceptsTheLimitCount) {
  const Ledger ledger = parse_ok(one_series(
      R"({"kind": "cumulative", "days": {"2026-05-01": 1000000000000000, "2026-05-02": -0}})"));
  const auto* series = ledger.find(make_key("npm:downloads:x"));
  ASSERT_NE(series, nullptr);
  EXPECT_EQ(series->value(), std::optional<Count>(k_max_count));
}

// ---- random round trips ----

// A random but valid ledger: every kind, keys with awkward characters, days
// and timestamps across the whole range Day and Timestamp can spell.
Ledger random_ledger(std::mt19937_64& rng) {
  const auto pick = [&rng](std::uint64_t below) {
    return std::uniform_int_distribution<std::uint64_t>(0, below - 1)(rng);
  };
  const auto name = [&] {
    static constexpr std::string_view k_chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
    std::string out;
    const auto length = 1 + pick(6);
    for (std::uint64_t i = 0; i < length; ++i) {
      out.push_back(k_chars[pick(k_chars.size())]);
    }
    return out;
  };
  const auto entity = [&] {
    // Whole code points, so the entity stays valid UTF-8.
    // clang-format off
    static constexpr std::array<std::string_view, 19> k_pieces = {
        "a", "Z", "9", "/", ":", "@", ".", " ", "\"", "\\", "\xC3\xA9", "\xE6\x97\xA5",
        "\xF0\x9F\x98\x80", "~", "{", "}", "[", "]", ","};
    // clang-format on
    std::string out;
    const auto length = 1 + pick(8);
    for (std::uint64_t i = 0; i < length; ++i) {
      out.append(k_pieces[pick(k_pieces.size())]);
    }
    return out;
  };
  const std::int32_t first_day = make_day("0001-01-01").days_since_epoch();
  const std::int32_t last_day = make_day("9999-12-31").days_since_epoch();
  const auto random_day = [&] {
    if (pick(4) == 0) {
      return Day::from_days_since_epoch(
          first_day +
          static_cast<std::int32_t>(pick(static_cast<std::uint64_t>(last_day - first_day) + 1)));
    }
    return make_day("2026-01-01") + static_cast<std::int32_t>(pick(400));
  };
  const auto random_count = [&]() -> std::int64_t {
    switch (pick(4)) {
      case 0:
        return 0;
      case 1:
        return static_cast<std::int64_t>(k_max_count - pick(3));
      default:
        return static_cast<std::int64_t>(pick(100000));
    }
  };

  Ledger ledger;
  if (pick(3) != 0) {
    const std::int64_t first =
        Timestamp::start_of(Day::from_days_since_epoch(first_day)).unix_seconds();
    const std::int64_t last =
        Timestamp::start_of(Day::from_days_since_epoch(last_day)).unix_seconds() + 86399;
    ledger.touch(Timestamp::from_unix_seconds(
        first + static_cast<std::int64_t>(pick(static_cast<std::uint64_t>(last - first) + 1))));
  }
  const auto series_count = pick(8);
  for (std::uint64_t s = 0; s < series_count; ++s) {
    // One call per statement: the order of function arguments is unspecified,
    // and the same seed must give the same ledger with any compiler.
    const std::string source = name();
    const std::string metric = name();
    const std::string entity_text = entity();
    auto key = SeriesKey::make(source, metric, entity_text);
    EXPECT_TRUE(key.ok());
    if (!key || ledger.find(*key) != nullptr) {
      continue;
    }
    const Kind kind = static_cast<Kind>(pick(3));
    const Additivity additivity = pick(3) == 0 ? Additivity::non_additive : Additivity::additive;
    // An empty series too, so empty maps round-trip.
    EXPECT_TRUE(ledger.merge_series(*key, Series::empty(kind, additivity)).ok());
    const auto entries = pick(12);
    for (std::uint64_t e = 0; e < entries; ++e) {
      Observation observation{*key, kind, random_day(), random_count(), false, additivity, {}};
      if (kind == Kind::daily && additivity == Additivity::additive) {
        observation.floor = pick(4) == 0;
      }
      if (kind == Kind::gauge && pick(2) == 0) {
        // Any second of the day; without one, observe() uses the start of the day.
        observation.at =
            Timestamp::from_unix_seconds(Timestamp::start_of(observation.day).unix_seconds() +
                                         static_cast<std::int64_t>(pick(86400)));
      }
      const auto ok = ledger.observe(observation);
      EXPECT_TRUE(ok.ok()) << (ok.ok() ? "" : ok.error().message);
    }
  }
  return ledger;
}

TEST(LedgerJsonRoundTrip, RandomLedgers) {
  const std::uint64_t seed = 20260502;
  std::mt19937_64 rng(seed);
  for (int i = 0; i < 400; ++i) {
    SCOPED_TRACE("seed " + std::to_string(seed) + ", ledger #" + std::to_string(i));
    const Ledger ledger = random_ledger(rng);
    const std::string text = write_ledger_json(ledger);
    auto parsed = parse_ledger_json(text, k_source);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message << "\n" << text;
    ASSERT_EQ(*parsed, ledger) << text;
    ASSERT_EQ(write_ledger_json(*parsed), text);
  }
}

// ---- writing in pieces ----

// A ledger whose text is several megabytes, so that it comes in several pieces.
Ledger big_ledger() {
  Ledger ledger;
  const Day first = make_day("2025-01-01");
  for (int s = 0; s < 300; ++s) {
    const SeriesKey key = make_key("npm:downloads:package-" + std::to_string(s));
    for (std::int32_t d = 0; d < 365; ++d) {
      EXPECT_TRUE(ledger.observe({key, Kind::daily, first + d, s * 1000 + d}).ok());
    }
  }
  return ledger;
}

TEST(LedgerJsonWritePieces, PiecesMakeTheSameText) {
  std::mt19937_64 rng(5);
  std::vector<Ledger> ledgers{Ledger(), canonical_ledger(), big_ledger()};
  for (int i = 0; i < 50; ++i) {
    ledgers.push_back(random_ledger(rng));
  }
  for (const Ledger& ledger : ledgers) {
    std::string text;
    int pieces = 0;
    const auto ok = write_ledger_json(ledger, [&](std::string_view piece) -> Status {
      text.append(piece);
      ++pieces;
      return {};
    });
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    ASSERT_EQ(text, write_ledger_json(ledger));
    // Pieces of about a megabyte: never one piece for a text of several.
    EXPECT_GE(pieces, static_cast<int>(text.size() >> 20)) << text.size() << " bytes";
  }
  EXPECT_GT(write_ledger_json(big_ledger()).size(), std::size_t{3} << 20);
}

TEST(LedgerJsonWritePieces, StopsAtTheSinksFirstError) {
  int calls = 0;
  const auto ok = write_ledger_json(big_ledger(), [&calls](std::string_view) -> Status {
    ++calls;
    return make_error("disk full");
  });
  ASSERT_FALSE(ok.ok());
  EXPECT_EQ(ok.error().message, "disk full");
  EXPECT_EQ(calls, 1);
}

// ---- the fast reader of canonical text ----

TEST(LedgerJsonFast, ReadsEveryCanonicalText) {
  // If it gave up on the writer's own output, every load would take the
  // slow path and nothing else would notice.
  std::mt19937_64 rng(20260503);
  std::vector<Ledger> ledgers{Ledger(), canonical_ledger()};
  for (int i = 0; i < 400; ++i) {
    ledgers.push_back(random_ledger(rng));
  }
  for (const Ledger& ledger : ledgers) {
    const std::string text = write_ledger_json(ledger);
    const auto fast = read_fast(text);
    ASSERT_TRUE(fast.has_value()) << text;
    ASSERT_EQ(*fast, ledger) << text;
  }
}

TEST(LedgerJsonFast, GivesUpOnOtherLayoutsWhichTheStrictReaderReads) {
  const std::string canonical = canonical_text();
  const auto replaced = [&canonical](std::string_view from, std::string_view to) {
    std::string text = canonical;
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
  };
  for (const std::string& text : {
           // Fields, series and days in another order.
           replaced(R"("format": "odometer-ledger",
  "version": 1,)",
                    R"("version": 1,
  "format": "odometer-ledger",)"),
           replaced(R"("kind": "cumulative",
      "days": {
        "2026-04-26": 49
      })",
                    R"("days": {"2026-04-26": 49}, "kind": "cumulative")"),
           replaced(R"("2026-04-30": 612,
        "2026-05-01": 80)",
                    R"("2026-05-01": 80, "2026-04-30": 612)"),
           replaced(R"("at": "2026-05-02T20:02:26Z", "value": 3)",
                    R"("value": 3, "at": "2026-05-02T20:02:26Z")"),
           // The same values spelled otherwise.
           replaced(R"("2026-04-26": 49)", R"("2026-04-26": -0, "2026-04-27": 49)"),
           replaced(R"("2026-04-26": 49)", R"("2026-04-2\u0036": 49)"),
           replaced(R"("kind": "cumulative")", R"("kind": "cumul\u0061tive")"),
           replaced(R"("format": "odometer-ledger")", R"("f\u006frmat": "odometer-ledger")"),
       }) {
    SCOPED_TRACE(text);
    EXPECT_FALSE(read_fast(text).has_value());
    auto strict = parse_ledger_json_strict(text, k_source);
    ASSERT_TRUE(strict.ok()) << strict.error().message;
    auto parsed = parse_ledger_json(text, k_source);
    ASSERT_TRUE(parsed.ok()) << parsed.error().message;
    EXPECT_EQ(*parsed, *strict);
  }
}

TEST(LedgerJsonFast, ReadsWhatSurroundsTheDocumentLikeTheStrictReader) {
  const std::string canonical = canonical_text();
  // JSON white space around the document is fine for both readers.
  const std::string spaced = " \t\r\n" + canonical + " \n";
  const auto fast = read_fast(spaced);
  ASSERT_TRUE(fast.has_value());
  EXPECT_EQ(*fast, canonical_ledger());
  // A byte order mark is not JSON; neither is anything after the document.
  for (const std::string& text : {"\xEF\xBB\xBF" + canonical, canonical + "x", canonical + "{}",
                                  canonical + "\"series\": {}", canonical + std::string(1, '\0')}) {
    EXPECT_FALSE(read_fast(text).has_value()) << text;
    EXPECT_FALSE(parse_ledger_json(text, k_source).ok()) << text;
  }
}

TEST(LedgerJsonFast, GivesUpOnEveryChangeToARandomLedgerThatIsNotAValidLedger) {
  std::mt19937_64 rng(31);
  for (int i = 0; i < 20; ++i) {
    const std::string original = write_ledger_json(random_ledger(rng));
    std::uniform_int_distribution<std::size_t> position(0, original.size() - 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int j = 0; j < 500; ++j) {
      std::string text = original;
      text[position(rng)] = static_cast<char>(byte(rng));
      expect_fast_agrees(text);
      // Deleting or doubling a byte shifts everything after it.
      const std::size_t at = position(rng);
      expect_fast_agrees(std::string(original).erase(at, 1));
      expect_fast_agrees(std::string(original).insert(at, 1, original[at]));
    }
  }
}

// ---- hostile input ----

TEST(LedgerJsonHostile, EveryPrefixOfAValidDocumentFailsCleanly) {
  const std::string text = canonical_text();
  const std::size_t closing = text.rfind('}');
  ASSERT_NE(closing, std::string::npos);
  for (std::size_t length = 0; length < text.size(); ++length) {
    SCOPED_TRACE("prefix of " + std::to_string(length) + " bytes");
    expect_fast_agrees(std::string_view(text).substr(0, length));
    auto parsed = parse_ledger_json(std::string_view(text).substr(0, length), k_source);
    if (length > closing) {
      EXPECT_TRUE(parsed.ok());  // only the trailing newline is missing
    } else {
      ASSERT_FALSE(parsed.ok());
      EXPECT_EQ(parsed.error().message.rfind("ledger.json: $", 0), 0U) << parsed.error().message;
    }
  }
}

TEST(LedgerJsonHostile, EveryPrefixOfRandomDocumentsFailsCleanly) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20; ++i) {
    const std::string text = write_ledger_json(random_ledger(rng));
    const std::size_t closing = text.rfind('}');
    for (std::size_t length = 0; length <= closing; ++length) {
      ASSERT_FALSE(read_fast(std::string_view(text).substr(0, length)).has_value())
          << "prefix of " << length << " bytes of:\n"
          << text;
      auto parsed = parse_ledger_json(std::string_view(text).substr(0, length), k_source);
      ASSERT_FALSE(parsed.ok()) << "prefix of " << length << " bytes of:\n" << text;
    }
  }
}

TEST(LedgerJsonHostile, RandomByteChangesNeverCrashAndWhatIsAcceptedIsStable) {
  const std::string original = canonical_text();
  std::mt19937_64 rng(99);
  std::uniform_int_distribution<std::size_t> position(0, original.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text = original;
    const int changes = 1 + i % 3;
    for (int c = 0; c < changes; ++c) {
      text[position(rng)] = static_cast<char>(byte(rng));
    }
    expect_fast_agrees(text);
    auto parsed = parse_ledger_json(text, k_source);
    if (parsed.ok()) {
      ++accepted;
      const std::string written = write_ledger_json(*parsed);
      EXPECT_EQ(parse_ok(written), *parsed) << text;
    } else {
      EXPECT_EQ(parsed.error().message.rfind("ledger.json: $", 0), 0U) << parsed.error().message;
    }
  }
  // Most changes must be caught; some (a digit for a digit) are valid ledgers.
  EXPECT_LT(accepted, 1500);
}

TEST(LedgerJsonHostile, DeepNestingIsRejected) {
  const std::string text = R"({"format": "odometer-ledger", "version": 1, "series": )" +
                           std::string(5000, '[') + std::string(5000, ']') + "}";
  expect_rejected(text, "$", {"invalid JSON"});
}

TEST(LedgerJsonHostile, SourceIsNamedAsGiven) {
  const std::string message = parse_error("", "/srv/data/odometer/ledger.json");
  EXPECT_EQ(message.rfind("/srv/data/odometer/ledger.json: $: ", 0), 0U) << message;
}

// ---- rejections: the document ----

TEST(LedgerJsonReject, NotJson) {
  expect_rejected("", "$", {"invalid JSON"});
  expect_rejected("  \n", "$", {"invalid JSON"});
  expect_rejected("<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>\n", "$",
                  {"invalid JSON"});
  expect_rejected(R"({"format": "odometer-ledger", "vers)", "$", {"invalid JSON"});
  expect_rejected(R"({"format": "odometer-ledger",})", "$", {"invalid JSON"});
  expect_rejected(canonical_text() + "{}", "$", {"invalid JSON"});
  expect_rejected(
      document(R"("npm:downloads:x": {"kind": "cumulative", "days": {"2026-05-01": 01}})"), "$",
      {"invalid JSON"});
}

TEST(LedgerJsonReject, InvalidUtf8) {
  expect_rejected(document("\"npm:downloads:\xFF\": {\"kind\": \"cumulative\", \"days\": {}}"), "$",
                  {"not valid UTF-8"});
  // An overlong encoding of '/' and a raw surrogate (CESU) are not UTF-8 either.
  expect_rejected(document("\"npm:downloads:\xC0\xAF\": {\"kind\": \"cumulative\", \"days\": {}}"),
                  "$", {"not valid UTF-8"});
  expect_rejected(
      document("\"npm:downloads:\xED\xA0\x80\": {\"kind\": \"cumulative\", \"days\": {}}"), "$",
      {"not valid UTF-8"});
  expect_rejected(R"({"format": "odometer-ledger)"
                  "\xFE"
                  R"(", "version": 1, "series": {}})",
                  "$", {"not valid UTF-8"});
  // A lone escaped surrogate cannot be turned into UTF-8.
  expect_rejected(document(R"("npm:downloads:\ud800": {"kind": "cumulative", "days": {}})"), "$",
                  {"invalid JSON"});
}

TEST(LedgerJsonReject, TopLevelNotAnObject) {
  expect_rejected("null", "$", {"expected an object, got null"});
  expect_rejected("[]", "$", {"expected an object, got an array"});
  expect_rejected("42", "$", {"expected an object, got an integer"});
  expect_rejected("\"odometer-ledger\"", "$", {"expected an object, got a string"});
  expect_rejected("true", "$", {"expected an object, got a boolean"});
}

TEST(LedgerJsonReject, MissingFields) {
  expect_rejected(R"({"version": 1, "series": {}})", "$", {"missing field \"format\""});
  expect_rejected("{}", "$", {"missing field \"format\""});
  expect_rejected(R"({"format": "odometer-ledger", "series": {}})", "$",
                  {"missing field \"version\""});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1})", "$",
                  {"missing field \"series\""});
}

TEST(LedgerJsonReject, WrongFormat) {
  expect_rejected(R"({"format": "installs-cache", "version": 1, "series": {}})", "$.format",
                  {"expected \"odometer-ledger\", got \"installs-cache\""});
  expect_rejected(R"({"format": 1, "version": 1, "series": {}})", "$.format",
                  {"expected a string, got an integer"});
  // A legacy installs-cache.json is refused, not read as an empty ledger.
  expect_rejected(R"({"npm": 10, "total": 10, "fetchedAt": "2026-01-01T00:00:00Z"})", "$",
                  {"missing field \"format\""});
}

TEST(LedgerJsonReject, NewerVersionSaysSo) {
  expect_rejected(R"({"format": "odometer-ledger", "version": 2, "series": {}})", "$.version",
                  {"version 2", "newer odometer", "reads version 1"});
  // Even with fields this version does not know: the version is the news.
  expect_rejected(
      R"({"format": "odometer-ledger", "version": 3, "series": [], "shards": {}, "extra": 1})",
      "$.version", {"version 3", "newer odometer", "reads version 1"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 18446744073709551615, "series": {}})",
                  "$.version", {"version 18446744073709551615", "newer odometer"});
}

TEST(LedgerJsonReject, BadVersion) {
  expect_rejected(R"({"format": "odometer-ledger", "version": 0, "series": {}})", "$.version",
                  {"version 0", "reads version 1"});
  expect_rejected(R"({"format": "odometer-ledger", "version": -1, "series": {}})", "$.version",
                  {"version -1", "reads version 1"});
  expect_rejected(R"({"format": "odometer-ledger", "version": "1", "series": {}})", "$.version",
                  {"expected an integer, got a string"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1.0, "series": {}})", "$.version",
                  {"expected an integer, got a decimal number"});
  expect_rejected(R"({"format": "odometer-ledger", "version": null, "series": {}})", "$.version",
                  {"expected an integer, got null"});
}

TEST(LedgerJsonReject, UnknownTopLevelFields) {
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": {}, "notes": "x"})",
                  "$.notes", {"unknown field"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": {}, "a b\"": 1})",
                  R"($["a b\""])", {"unknown field"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": {}, "": 1})", R"($[""])",
                  {"unknown field"});
}

TEST(LedgerJsonReject, DuplicateTopLevelKeys) {
  expect_rejected(
      R"({"format": "odometer-ledger", "format": "odometer-ledger", "version": 1, "series": {}})",
      "$.format", {"duplicate key"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": {}, "version": 1})",
                  "$.version", {"duplicate key"});
  // A second "series" would silently replace the first in most JSON readers.
  expect_rejected(
      R"({"format": "odometer-ledger", "version": 1, "series": {}, "series": {"npm:downloads:x": 5}})",
      "$.series", {"duplicate key"});
}

TEST(LedgerJsonReject, UpdatedAt) {
  expect_rejected(
      R"({"format": "odometer-ledger", "version": 1, "updated_at": 1746171862, "series": {}})",
      "$.updated_at", {"expected a string, got an integer"});
  expect_rejected(
      R"({"format": "odometer-ledger", "version": 1, "updated_at": "2026-05-02 07:44:22", "series": {}})",
      "$.updated_at", {"invalid timestamp \"2026-05-02 07:44:22\""});
  expect_rejected(
      R"({"format": "odometer-ledger", "version": 1, "updated_at": "2026-05-02T07:44:22+02:00", "series": {}})",
      "$.updated_at", {"invalid timestamp"});
}

TEST(LedgerJsonReject, SeriesNotAnObject) {
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": []})", "$.series",
                  {"expected an object, got an array"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 1, "series": null})", "$.series",
                  {"expected an object, got null"});
}

// ---- rejections: a series ----

TEST(LedgerJsonReject, InvalidSeriesKeys) {
  expect_rejected(document(R"("npm:downloads": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads"])", {"invalid series key"});
  expect_rejected(document(R"("NPM:downloads:x": {"kind": "cumulative", "days": {}})"),
                  R"($.series["NPM:downloads:x"])", {"invalid series key", "source"});
  expect_rejected(document(R"("npm:downloads:": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads:"])", {"invalid series key", "entity is empty"});
  // Control characters cannot be in a key; the path shows them escaped.
  expect_rejected(document(R"("npm:downloads:a\u0001b": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads:a\u0001b"])", {"control character"});
  expect_rejected(document(R"("npm:downloads:a\nb": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads:a\u000ab"])", {"control character"});
  expect_rejected(document(R"("npm:downloads:a\u007f": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads:a\u007f"])", {"control character"});
  expect_rejected(document(R"("npm:downloads:a\u0000": {"kind": "cumulative", "days": {}})"),
                  R"($.series["npm:downloads:a\u0000"])", {"control character"});
}

TEST(LedgerJsonReject, DuplicateSeriesKeys) {
  expect_rejected(document(R"("npm:downloads:x": {"kind": "cumulative", "days": {"2026-05-01": 1}},
                              "npm:downloads:x": {"kind": "cumulative", "days": {"2026-05-01": 2}})"),
                  k_x, {"duplicate key"});
  // The same key spelled with an escape is the same key.
  expect_rejected(document(R"("npm:downloads:x": {"kind": "cumulative", "days": {}},
                              "npm:downloads:\u0078": {"kind": "gauge", "days": {}})"),
                  k_x, {"duplicate key"});
}

TEST(LedgerJsonReject, SeriesShape) {
  expect_rejected(one_series("5"), k_x, {"expected an object, got an integer"});
  expect_rejected(one_series("[]"), k_x, {"expected an object, got an array"});
  expect_rejected(one_series(R"({"days": {}})"), k_x, {"missing field \"kind\""});
  expect_rejected(one_series(R"({"kind": "cumulative"})"), k_x, {"missing field \"days\""});
  expect_rejected(one_series(R"({"kind": 1, "days": {}})"), at_x(".kind"),
                  {"expected a string, got an integer"});
  expect_rejected(one_series(R"({"kind": "counter", "days": {}})"), at_x(".kind"),
                  {"unknown series kind \"counter\""});
  expect_rejected(one_series(R"({"kind": "Daily", "days": {}})"), at_x(".kind"),
                  {"unknown series kind \"Daily\""});
  expect_rejected(one_series(R"({"kind": "cumulative", "days": []})"), at_x(".days"),
                  {"expected an object, got an array"});
  expect_rejected(one_series(R"({"kind": "daily", "days": null})"), at_x(".days"),
                  {"expected an object, got null"});
}

TEST(LedgerJsonReject, UnknownSeriesFields) {
  expect_rejected(one_series(R"({"kind": "cumulative", "days": {}, "total": 5})"), at_x(".total"),
                  {"unknown field"});
  expect_rejected(one_series(R"({"kind": "daily", "days": {}, "Floors": {}})"), at_x(".Floors"),
                  {"unknown field"});
  expect_rejected(one_series(R"({"kind": "gauge", "days": {}, "last seen": 1})"),
                  at_x(R"(["last seen"])"), {"unknown field"});
}

TEST(LedgerJsonReject, DuplicateSeriesFields) {
  expect_rejected(one_series(R"({"kind": "daily", "kind": "gauge", "days": {}})"), at_x(".kind"),
                  {"duplicate key"});
  expect_rejected(one_series(R"({"kind": "daily", "days": {}, "days": {"2026-05-01": 1}})"),
                  at_x(".days"), {"duplicate key"});
  expect_rejected(one_series(R"({"kind": "daily", "floors": {}, "days": {}, "floors": {}})"),
                  at_x(".floors"), {"duplicate key"});
}

TEST(LedgerJsonReject, DailyOnlyFields) {
  expect_rejected(one_series(R"({"kind": "cumulative", "additive": false, "days": {}})"),
                  at_x(".additive"), {"only a daily series", "cumulative"});
  expect_rejected(one_series(R"({"kind": "gauge", "floors": {}, "days": {}})"), at_x(".floors"),
                  {"only a daily series", "gauge"});
  expect_rejected(one_series(R"({"kind": "cumulative", "floors": {"2026-05-01": 1}, "days": {}})"),
                  at_x(".floors"), {"only a daily series"});
}

TEST(LedgerJsonReject, FloorsOnANonAdditiveSeries) {
  expect_rejected(
      one_series(
          R"({"kind": "daily", "additive": false, "floors": {"2026-05-01": 1}, "days": {}})"),
      at_x(".floors"), {"non-additive", "has no floors"});
  expect_rejected(one_series(R"({"kind": "daily", "floors": {}, "additive": false, "days": {}})"),
                  at_x(".floors"), {"non-additive", "has no floors"});
}

TEST(LedgerJsonReject, WrongTypesOnDailyFields) {
  expect_rejected(one_series(R"({"kind": "daily", "additive": "no", "days": {}})"),
                  at_x(".additive"), {"expected true or false, got a string"});
  expect_rejected(one_series(R"({"kind": "daily", "additive": 0, "days": {}})"), at_x(".additive"),
                  {"expected true or false, got an integer"});
  expect_rejected(one_series(R"({"kind": "daily", "floors": [], "days": {}})"), at_x(".floors"),
                  {"expected an object, got an array"});
}

// ---- rejections: days and counts ----

TEST(LedgerJsonReject, InvalidDays) {
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-02-30": 1}})"),
                  at_x(R"(.days["2026-02-30"])"), {"invalid day", "no such calendar date"});
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-5-1": 1}})"),
                  at_x(R"(.days["2026-5-1"])"), {"invalid day", "YYYY-MM-DD"});
  expect_rejected(one_series(R"({"kind": "cumulative", "days": {"2026-05-01T00:00:00Z": 1}})"),
                  at_x(R"(.days["2026-05-01T00:00:00Z"])"), {"invalid day"});
  expect_rejected(one_series(R"({"kind": "daily", "floors": {"0000-01-01": 1}, "days": {}})"),
                  at_x(R"(.floors["0000-01-01"])"), {"invalid day"});
  expect_rejected(
      one_series(R"({"kind": "gauge", "days": {"": {"at": "2026-05-01T00:00:00Z", "value": 1}}})"),
      at_x(R"(.days[""])"), {"invalid day"});
}

TEST(LedgerJsonReject, DuplicateDays) {
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": 1, "2026-05-01": 2}})"),
                  at_x(R"(.days["2026-05-01"])"), {"duplicate key"});
  // Not next to each other, out of order.
  expect_rejected(
      one_series(
          R"({"kind": "cumulative", "days": {"2026-05-03": 1, "2026-05-01": 2, "2026-05-02": 2, "2026-05-03": 9}})"),
      at_x(R"(.days["2026-05-03"])"), {"duplicate key"});
  expect_rejected(
      one_series(R"({"kind": "daily", "floors": {"2026-04-01": 5, "2026-04-01": 5}, "days": {}})"),
      at_x(R"(.floors["2026-04-01"])"), {"duplicate key"});
  expect_rejected(one_series(R"({"kind": "gauge", "days": {
                    "2026-05-02": {"at": "2026-05-02T01:00:00Z", "value": 3},
                    "2026-05-02": {"at": "2026-05-02T02:00:00Z", "value": 2}}})"),
                  at_x(R"(.days["2026-05-02"])"), {"duplicate key"});
  // An escaped digit spells the same day.
  expect_rejected(
      one_series(R"({"kind": "daily", "days": {"2026-05-01": 1, "2026-05-0\u0031": 2}})"),
      at_x(R"(.days["2026-05-01"])"), {"duplicate key"});
}

TEST(LedgerJsonReject, NegativeCounts) {
  // The example of ledger_json.hpp, word for word.
  EXPECT_EQ(parse_error(one_series(R"({"kind": "daily", "days": {"2026-05-01": -5}})")),
            R"(ledger.json: $.series["npm:downloads:x"].days["2026-05-01"]: count -5 is negative)");
  expect_rejected(one_series(R"({"kind": "daily", "floors": {"2026-05-01": -1}, "days": {}})"),
                  at_x(R"(.floors["2026-05-01"])"), {"count -1 is negative"});
  expect_rejected(
      one_series(R"({"kind": "cumulative", "days": {"2026-05-01": -9223372036854775808}})"),
      at_x(R"(.days["2026-05-01"])"), {"count -9223372036854775808 is negative"});
}

TEST(LedgerJsonReject, HugeCounts) {
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": 1000000000000001}})"),
                  at_x(R"(.days["2026-05-01"])"),
                  {"count 1000000000000001 is above the limit of 10^15"});
  expect_rejected(
      one_series(R"({"kind": "cumulative", "days": {"2026-05-01": 9223372036854775807}})"),
      at_x(R"(.days["2026-05-01"])"), {"above the limit of 10^15"});
  // Beyond int64, within uint64.
  expect_rejected(
      one_series(R"({"kind": "cumulative", "days": {"2026-05-01": 18446744073709551615}})"),
      at_x(R"(.days["2026-05-01"])"), {"count 18446744073709551615 is above the limit of 10^15"});
  // Beyond 64 bits: simdjson refuses the whole document, and the error
  // still names the path of the number.
  expect_rejected(
      one_series(R"({"kind": "cumulative", "days": {"2026-05-01": 18446744073709551616}})"),
      at_x(R"(.days["2026-05-01"])"),
      {"the integer 18446744073709551616 is beyond the 64-bit range"});
  expect_rejected(
      one_series(R"({"kind": "cumulative", "days": {"2026-05-01": -9223372036854775809}})"),
      at_x(R"(.days["2026-05-01"])"), {"the integer -9223372036854775809"});
  expect_rejected(
      one_series(
          R"({"kind": "cumulative", "days": {"2026-05-01": 100000000000000000000000000000}})"),
      at_x(R"(.days["2026-05-01"])"), {"beyond the 64-bit range"});
  expect_rejected(R"({"format": "odometer-ledger", "version": 18446744073709551616, "series": {}})",
                  "$.version", {"beyond the 64-bit range"});
}

TEST(LedgerJsonReject, NonIntegerCounts) {
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": 1.5}})"),
                  at_x(R"(.days["2026-05-01"])"), {"count 1.5 is not an integer"});
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": 1e30}})"),
                  at_x(R"(.days["2026-05-01"])"), {"count 1e+30 is not an integer"});
  expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": 2.0}})"),
                  at_x(R"(.days["2026-05-01"])"),
                  {"count 2 is not an integer", "fraction or exponent"});
  expect_rejected(one_series(R"({"kind": "cumulative", "days": {"2026-05-01": -0.5}})"),
                  at_x(R"(.days["2026-05-01"])"), {"count -0.5 is not an integer"});
  expect_rejected(one_series(R"({"kind": "cumulative", "days": {"2026-05-01": 1E3}})"),
                  at_x(R"(.days["2026-05-01"])"), {"not an integer"});
}

TEST(LedgerJsonReject, CountsOfTheWrongType) {
  const std::string path = at_x(R"(.days["2026-05-01"])");
  for (const auto& [value, type] : std::vector<std::pair<std::string, std::string>>{
           {"\"5\"", "a string"},
           {"null", "null"},
           {"true", "a boolean"},
           {"[5]", "an array"},
           {R"({"at": "2026-05-01T00:00:00Z", "value": 1})", "an object"}}) {
    expect_rejected(one_series(R"({"kind": "daily", "days": {"2026-05-01": )" + value + "}}"), path,
                    {"expected a count (an integer), got " + type});
  }
}

// ---- rejections: gauge readings ----

TEST(LedgerJsonReject, GaugeReadings) {
  const std::string day = at_x(R"(.days["2026-05-02"])");
  const auto gauge = [](std::string_view reading) {
    return one_series(R"({"kind": "gauge", "days": {"2026-05-02": )" + std::string(reading) + "}}");
  };
  expect_rejected(gauge("3"), day, {"expected an object, got an integer"});
  expect_rejected(gauge(R"({"value": 3})"), day, {"missing field \"at\""});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z"})"), day, {"missing field \"value\""});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z", "value": 3, "by": "api"})"), day + ".by",
                  {"unknown field"});
  expect_rejected(
      gauge(R"({"at": "2026-05-02T20:02:26Z", "value": 3, "at": "2026-05-02T21:00:00Z"})"),
      day + ".at", {"duplicate key"});
  expect_rejected(gauge(R"({"at": "2026-05-02T25:00:00Z", "value": 3})"), day + ".at",
                  {"invalid timestamp \"2026-05-02T25:00:00Z\""});
  expect_rejected(gauge(R"({"at": 1746216146, "value": 3})"), day + ".at",
                  {"expected a string, got an integer"});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z", "value": -3})"), day + ".value",
                  {"count -3 is negative"});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z", "value": 3.5})"), day + ".value",
                  {"not an integer"});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z", "value": 1000000000000001})"),
                  day + ".value", {"above the limit"});
  expect_rejected(gauge(R"({"at": "2026-05-02T20:02:26Z", "value": "3"})"), day + ".value",
                  {"expected a count (an integer), got a string"});
}

}  // namespace
}  // namespace odometer
