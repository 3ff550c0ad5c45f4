// ledger.csv both ways (src/report/ledger_csv.hpp): the reader gives back
// exactly the ledger the writer wrote, for random ledgers of every kind,
// keys that need quoting, series without entries, gauge times and
// updated_at, in any row order and with CRLF; the older four-column files
// still read; and every kind of bad row is an error naming the line.

#include "report/ledger_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "store/ledger_json.hpp"

namespace odometer {
namespace {

struct KeySpec {
  std::string_view text;
  Kind kind;
  Additivity additivity;
};

// Keys that need quoting, hold UTF-8, ':' and '/', beside plain ones.
constexpr std::array<KeySpec, 8> k_keys{{
    {"github:clones:o/r", Kind::daily, Additivity::additive},
    {"github:clone-uniques:o/r", Kind::daily, Additivity::non_additive},
    {"crates:downloads:c", Kind::cumulative, Additivity::additive},
    {"github:stars:o/r", Kind::gauge, Additivity::additive},
    {"github:referrer:o/r/a,b", Kind::gauge, Additivity::additive},
    {"manual:notes:say \"hi\", then \"bye\"", Kind::cumulative, Additivity::additive},
    {"github:path:o/r/caf\xC3\xA9/x:y", Kind::daily, Additivity::additive},
    {"npm:downloads:@s/p", Kind::daily, Additivity::additive},
}};

Day day(std::string_view text) {
  return Day::parse(text).value();
}

Timestamp at(std::string_view text) {
  return Timestamp::parse(text).value();
}

Ledger random_ledger(std::mt19937_64& rng) {
  const auto uniform = [&rng](int low, int high) {
    return std::uniform_int_distribution<int>(low, high)(rng);
  };
  const auto count = [&]() -> std::int64_t {
    const int pick = uniform(0, 9);
    return pick < 2 ? 0 : pick < 8 ? uniform(1, 5000) : static_cast<std::int64_t>(k_max_count);
  };
  const Day first = day("2026-04-27");
  Ledger ledger;
  for (const auto& spec : k_keys) {
    if (uniform(0, 2) == 0) {
      continue;
    }
    const SeriesKey key = SeriesKey::parse(spec.text).value();
    if (uniform(0, 5) == 0) {
      EXPECT_TRUE(ledger.merge_series(key, Series::empty(spec.kind, spec.additivity)).ok());
      continue;
    }
    for (int n = uniform(1, 8); n > 0; --n) {
      Observation observation{key, spec.kind, first + uniform(0, 9), count()};
      observation.additivity = spec.additivity;
      observation.floor =
          spec.kind == Kind::daily && spec.additivity == Additivity::additive && uniform(0, 3) == 0;
      if (spec.kind == Kind::gauge && uniform(0, 3) > 0) {
        // Any time, on another day too: the reader keeps it as written.
        observation.at = Timestamp::from_unix_seconds(Timestamp::start_of(first).unix_seconds() +
                                                      uniform(-86400, 12 * 86400));
      }
      EXPECT_TRUE(ledger.observe(observation).ok());
    }
  }
  if (uniform(0, 1) == 0) {
    ledger.touch(Timestamp::from_unix_seconds(Timestamp::start_of(first).unix_seconds() +
                                              uniform(0, 20 * 86400)));
  }
  return ledger;
}

Ledger read_ok(const std::string& text) {
  auto ledger = parse_ledger_csv(text, "ledger.csv");
  EXPECT_TRUE(ledger.ok()) << (ledger.ok() ? "" : ledger.error().message) << "\n" << text;
  return ledger.ok() ? *ledger : Ledger();
}

std::string read_error(const std::string& text) {
  auto ledger = parse_ledger_csv(text, "ledger.csv");
  EXPECT_FALSE(ledger.ok()) << text;
  return ledger.ok() ? "" : ledger.error().message;
}

TEST(LedgerCsvRoundTrip, RandomLedgersComeBackEqual) {
  std::mt19937_64 rng(1304);
  for (int round = 0; round < 3000; ++round) {
    const Ledger ledger = random_ledger(rng);
    const std::string csv = ledger_csv(ledger);
    const Ledger back = read_ok(csv);
    ASSERT_EQ(back, ledger) << csv;
    // The canonical ledger file is the same bytes too.
    ASSERT_EQ(write_ledger_json(back), write_ledger_json(ledger)) << csv;
    ASSERT_EQ(ledger_csv(back), csv);
  }
}

TEST(LedgerCsvRoundTrip, AnyRowOrderAndCrlfReadTheSame) {
  std::mt19937_64 rng(2604);
  for (int round = 0; round < 500; ++round) {
    const Ledger ledger = random_ledger(rng);
    const std::string csv = ledger_csv(ledger);
    std::vector<std::string> rows;
    std::size_t start = csv.find('\n') + 1;  // after the header
    while (start < csv.size()) {
      const std::size_t end = csv.find('\n', start);
      rows.push_back(csv.substr(start, end - start));
      start = end + 1;
    }
    std::shuffle(rows.begin(), rows.end(), rng);
    std::string shuffled = "\xEF\xBB\xBFkey,kind,day,value,at\r\n";
    for (const auto& row : rows) {
      shuffled += row + "\r\n";
    }
    ASSERT_EQ(read_ok(shuffled), ledger) << shuffled;
  }
}

TEST(LedgerCsv, ToldByItsHeader) {
  EXPECT_TRUE(has_ledger_csv_header(ledger_csv(Ledger())));
  EXPECT_TRUE(has_ledger_csv_header("\xEF\xBB\xBFkey,kind,day,value\r\na:b:c,daily,,\r\n"));
  EXPECT_FALSE(has_ledger_csv_header("key,kind,day\n"));
  EXPECT_FALSE(has_ledger_csv_header("date,repo,rank,referrer,views,uniques\n"));
  EXPECT_FALSE(has_ledger_csv_header(""));
}

TEST(LedgerCsv, EmptyLedgerIsTheHeader) {
  EXPECT_EQ(ledger_csv(Ledger()), "key,kind,day,value,at\n");
  EXPECT_EQ(read_ok("key,kind,day,value,at\n"), Ledger());
}

TEST(LedgerCsv, EveryRowKind) {
  Ledger ledger;
  const auto observe = [&](std::string_view key, Kind kind, std::string_view on, std::int64_t value,
                           bool floor = false, Additivity additivity = Additivity::additive) {
    Observation observation{SeriesKey::parse(key).value(), kind, day(on), value, floor, additivity};
    if (kind == Kind::gauge) {
      observation.at = at(std::string(on) + "T10:00:00Z");
    }
    ASSERT_TRUE(ledger.observe(observation).ok());
  };
  observe("github:clones:o/r", Kind::daily, "2026-04-30", 612);
  observe("github:clones:o/r", Kind::daily, "2026-04-29", 6495, true);
  observe("github:clones:o/r", Kind::daily, "2026-04-29", 7);
  observe("github:clone-uniques:o/r", Kind::daily, "2026-04-30", 40, false,
          Additivity::non_additive);
  observe("crates:downloads:c", Kind::cumulative, "2026-04-26", 49);
  observe("github:stars:o/r", Kind::gauge, "2026-05-02", 3);
  observe("manual:notes:a,\"b\"", Kind::gauge, "2026-05-02", 1);
  ASSERT_TRUE(ledger
                  .merge_series(SeriesKey::parse("github:view-uniques:o/r").value(),
                                Series::empty(Kind::daily, Additivity::non_additive))
                  .ok());
  ledger.touch(at("2026-05-02T20:02:26Z"));
  const std::string csv =
      "key,kind,day,value,at\n"
      ",updated-at,,,2026-05-02T20:02:26Z\n"
      "crates:downloads:c,cumulative,2026-04-26,49,\n"
      "github:clone-uniques:o/r,daily-non-additive,2026-04-30,40,\n"
      "github:clones:o/r,daily,2026-04-29,7,\n"
      "github:clones:o/r,daily-floor,2026-04-29,6495,\n"
      "github:clones:o/r,daily,2026-04-30,612,\n"
      "github:stars:o/r,gauge,2026-05-02,3,2026-05-02T10:00:00Z\n"
      "github:view-uniques:o/r,daily-non-additive,,,\n"
      "\"manual:notes:a,\"\"b\"\"\",gauge,2026-05-02,1,2026-05-02T10:00:00Z\n";
  EXPECT_EQ(ledger_csv(ledger), csv);
  EXPECT_EQ(read_ok(csv), ledger);
}

TEST(LedgerCsv, OldFourColumnFilesReadWithGaugesAtTheStartOfTheirDay) {
  const Ledger ledger = read_ok(
      "key,kind,day,value\n"
      "github:stars:o/r,gauge,2026-05-02,3\n"
      "github:clones:o/r,daily-floor,2026-04-29,6495\n"
      "crates:downloads:c,cumulative,,\n");
  const auto* stars = ledger.find(SeriesKey::parse("github:stars:o/r").value());
  ASSERT_NE(stars, nullptr);
  const auto* reading = stars->gauge()->days().find(day("2026-05-02"));
  ASSERT_NE(reading, nullptr);
  EXPECT_EQ(*reading, (GaugeReading{at("2026-05-02T00:00:00Z"), 3}));
  EXPECT_EQ(ledger.find(SeriesKey::parse("github:clones:o/r").value())->value(), 6495U);
  EXPECT_TRUE(
      ledger.find(SeriesKey::parse("crates:downloads:c").value())->cumulative()->days().empty());
  EXPECT_FALSE(ledger.updated_at());
}

TEST(LedgerCsv, EveryBadRowNamesItsLine) {
  const std::string header = "key,kind,day,value,at\n";
  const auto error = [&](const std::string& rows) { return read_error(header + rows); };
  EXPECT_EQ(read_error("key,kind,day,count,at\n"),
            "ledger.csv:1: the header is key,kind,day,count,at; expected key,kind,day,value,at "
            "(ledger.csv)");
  EXPECT_EQ(read_error(""),
            "ledger.csv: the file is empty; expected the header key,kind,day,value,at");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,1\n"), "ledger.csv:2: 4 fields; the header has 5");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,1,\na:b:c,weekly,2026-05-02,1,\n"),
            "ledger.csv:3: kind \"weekly\" is none of daily, daily-floor, daily-non-additive, "
            "cumulative, gauge, updated-at");
  EXPECT_EQ(error("A:b:c,daily,2026-05-01,1,\n").substr(0, 34),
            "ledger.csv:2: invalid series key \"");
  EXPECT_EQ(error("a:b:c,daily,2026-02-30,1,\n"),
            "ledger.csv:2: a:b:c: invalid day \"2026-02-30\": no such calendar date");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,-5,\n"),
            "ledger.csv:2: a:b:c: value \"-5\" is negative: counts are whole numbers from 0 to "
            "10^15");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,1.5,\n"),
            "ledger.csv:2: a:b:c: value \"1.5\" is not a whole number: counts are whole numbers "
            "from 0 to 10^15");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,1,\na:b:c,gauge,2026-05-02,1,2026-05-02T00:00:00Z\n"),
            "ledger.csv:3: a:b:c: a gauge row, but line 2 has a daily row of this key (one series "
            "has one kind)");
  EXPECT_EQ(error("a:b:c,daily-non-additive,2026-05-01,1,\na:b:c,daily-floor,2026-05-02,1,\n"),
            "ledger.csv:3: a:b:c: a daily-floor row, but line 2 has a daily-non-additive row of "
            "this key (one series has one kind)");
  EXPECT_EQ(
      error("a:b:c,daily,2026-05-01,1,\nx:y:z,daily,2026-05-01,1,\na:b:c,daily,2026-05-01,2,\n"),
      "ledger.csv:4: a:b:c: a second daily row for 2026-05-01 (the first is on line 2)");
  EXPECT_EQ(error("a:b:c,cumulative,2026-05-01,1,2026-05-01T00:00:00Z\n"),
            "ledger.csv:2: a:b:c: at \"2026-05-01T00:00:00Z\" on a cumulative row; only gauge "
            "readings have a time");
  EXPECT_EQ(error("a:b:c,gauge,2026-05-01,1,\n"),
            "ledger.csv:2: a:b:c: at: invalid timestamp \"\": expected YYYY-MM-DDTHH:MM:SSZ (UTC)");
  EXPECT_EQ(error("a:b:c,daily,2026-05-01,1,\na:b:c,daily,,,\n"),
            "ledger.csv:3: a:b:c: an empty-series row, but line 2 has an entry of this key");
  EXPECT_EQ(error("a:b:c,daily,,,\na:b:c,daily,2026-05-01,1,\n"),
            "ledger.csv:3: a:b:c: line 2 says this series has no entries");
  EXPECT_EQ(error("a:b:c,updated-at,,,2026-05-01T00:00:00Z\n"),
            "ledger.csv:2: an updated-at row has only its time, in at");
  EXPECT_EQ(error(",updated-at,,,2026-05-01T00:00:00Z\n,updated-at,,,2026-05-02T00:00:00Z\n"),
            "ledger.csv:3: a second updated-at row (the first is on line 2)");
  EXPECT_EQ(error("\"a:b:c,daily,2026-05-01,1,\n"), "ledger.csv:2: a quoted field is not closed");
}

}  // namespace
}  // namespace odometer
