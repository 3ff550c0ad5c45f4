// counters.json and ledger.csv (src/report/counters_json.hpp,
// ledger_csv.hpp): exact bytes for small ledgers, escaping and quoting.

#include <gtest/gtest.h>

#include <string>

#include "report/counters_json.hpp"
#include "report/ledger_csv.hpp"

namespace odometer {
namespace {

Day day(std::string_view text) {
  return Day::parse(text).value();
}

Timestamp at(std::string_view text) {
  return Timestamp::parse(text).value();
}

TEST(CountersJson, NoCounters) {
  EXPECT_EQ(counters_json({}, at("2026-05-02T12:00:00Z")),
            "{\n  \"updated_at\": \"2026-05-02T12:00:00Z\",\n  \"counters\": {}\n}\n");
}

TEST(CountersJson, EscapesNamesAndLabels) {
  const std::vector<CounterValue> values{
      {"a", "say \"hi\"\\\n\t", 18446744073709551615ULL, day("2026-05-01")},
      {"b", "b\xC3\xA9", 0, std::nullopt},
  };
  EXPECT_EQ(counters_json(values, at("2026-05-02T12:00:00Z")),
            "{\n"
            "  \"updated_at\": \"2026-05-02T12:00:00Z\",\n"
            "  \"counters\": {\n"
            "    \"a\": {\n"
            "      \"label\": \"say \\\"hi\\\"\\\\\\u000a\\u0009\",\n"
            "      \"value\": 18446744073709551615,\n"
            "      \"last_day\": \"2026-05-01\"\n"
            "    },\n"
            "    \"b\": {\n"
            "      \"label\": \"b\xC3\xA9\",\n"
            "      \"value\": 0,\n"
            "      \"last_day\": null\n"
            "    }\n"
            "  }\n"
            "}\n");
}

TEST(LedgerCsv, EmptyLedgerIsTheHeader) {
  EXPECT_EQ(ledger_csv(Ledger()), "key,kind,day,value\n");
}

TEST(LedgerCsv, EveryKindAndFloorsInDayOrder) {
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
  observe("github:clones:o/r", Kind::daily, "2026-04-28", 100);
  observe("github:clone-uniques:o/r", Kind::daily, "2026-04-30", 40, false,
          Additivity::non_additive);
  observe("crates:downloads:c", Kind::cumulative, "2026-04-26", 49);
  observe("github:stars:o/r", Kind::gauge, "2026-05-02", 3);
  observe("manual:notes:a,\"b\"", Kind::gauge, "2026-05-02", 1);
  EXPECT_EQ(ledger_csv(ledger),
            "key,kind,day,value\n"
            "crates:downloads:c,cumulative,2026-04-26,49\n"
            "github:clone-uniques:o/r,daily-non-additive,2026-04-30,40\n"
            "github:clones:o/r,daily,2026-04-28,100\n"
            "github:clones:o/r,daily,2026-04-29,7\n"
            "github:clones:o/r,daily-floor,2026-04-29,6495\n"
            "github:clones:o/r,daily,2026-04-30,612\n"
            "github:stars:o/r,gauge,2026-05-02,3\n"
            "\"manual:notes:a,\"\"b\"\"\",gauge,2026-05-02,1\n");
}

TEST(LedgerCsv, BidiOverridesInKeysAreNeutralised) {
  Ledger ledger;
  Observation observation{SeriesKey::parse("github:referrer:o/r/evil\xE2\x80\xAEgnp.exe").value(),
                          Kind::gauge, day("2026-05-02"), 3};
  observation.at = at("2026-05-02T10:00:00Z");
  ASSERT_TRUE(ledger.observe(observation).ok());
  EXPECT_EQ(ledger_csv(ledger),
            "key,kind,day,value\n"
            "github:referrer:o/r/evil\xEF\xBF\xBDgnp.exe,gauge,2026-05-02,3\n");
}

}  // namespace
}  // namespace odometer
