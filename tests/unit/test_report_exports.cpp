// counters.json (src/report/counters_json.hpp): exact bytes for small
// ledgers, escaping. ledger.csv has its own test_report_ledger_csv.cpp.

#include <gtest/gtest.h>

#include <string>

#include "report/counters_json.hpp"

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

}  // namespace
}  // namespace odometer
