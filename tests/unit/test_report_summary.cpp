// The summary line (src/report/summary.hpp): placeholders, braces, number
// formatting at the edges, and the problems a format can have.

#include "report/summary.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace odometer {
namespace {

std::vector<CounterValue> values(Count installs, Count clones) {
  return {CounterValue{"installs", "package installs", installs, std::nullopt},
          CounterValue{"clones", "repo clones", clones, std::nullopt}};
}

TEST(FormatSummary, TheDefaultLine) {
  EXPECT_EQ(format_summary(k_default_summary_format, values(8116, 37701)),
            "8,116+ package installs \xC2\xB7 37,701 repo clones");
}

TEST(FormatSummary, NumbersAtTheEdges) {
  const auto line = [](Count value) { return format_summary("{installs}", values(value, 0)); };
  EXPECT_EQ(line(0), "0");
  EXPECT_EQ(line(999), "999");
  EXPECT_EQ(line(1000), "1,000");
  EXPECT_EQ(line(8116), "8,116");
  EXPECT_EQ(line(std::numeric_limits<Count>::max()), "18,446,744,073,709,551,615");
}

TEST(FormatSummary, ASaturatedCounterShowsTheLargestCount) {
  // 20 packages x 1,000 days at the 10^15 limit: more than 2^64, so the sum saturates.
  Ledger ledger;
  for (int package = 0; package < 20; ++package) {
    const auto key = SeriesKey::parse("npm:downloads:p" + std::to_string(package)).value();
    for (int n = 0; n < 1000; ++n) {
      Observation observation{key, Kind::daily, Day::parse("2020-01-01").value() + n,
                              static_cast<std::int64_t>(k_max_count)};
      ASSERT_TRUE(ledger.observe(observation).ok());
    }
  }
  EXPECT_EQ(format_summary(k_default_summary_format, evaluate_all(ledger, default_counters())),
            "18,446,744,073,709,551,615+ package installs \xC2\xB7 0 repo clones");
}

TEST(FormatSummary, BracesAndRepeats) {
  EXPECT_EQ(format_summary("{{{clones}}} {clones}", values(1, 2345)), "{2,345} 2,345");
  EXPECT_EQ(format_summary("no placeholders", values(1, 2)), "no placeholders");
  EXPECT_EQ(format_summary("", values(1, 2)), "");
}

TEST(SummaryFormatProblems, AGoodFormatHasNone) {
  EXPECT_TRUE(summary_format_problems(k_default_summary_format, default_counters()).empty());
  EXPECT_TRUE(summary_format_problems("{{literal}}", {}).empty());
}

TEST(SummaryFormatProblems, EachProblemIsNamed) {
  const auto problems = summary_format_problems("{clone} {} {zzzzzzzz} }", default_counters());
  ASSERT_EQ(problems.size(), 4U);
  EXPECT_EQ(problems[0], "unknown counter {clone}; did you mean {clones}?");
  EXPECT_EQ(problems[1], "an empty placeholder {} (write {COUNTER})");
  EXPECT_EQ(problems[2], "unknown counter {zzzzzzzz} (counters: installs, clones)");
  EXPECT_EQ(problems[3], "a lone '}' at character 23 (write '}}' for a brace)");
}

TEST(SummaryFormatProblems, Unclosed) {
  const auto problems = summary_format_problems("x {installs", default_counters());
  ASSERT_EQ(problems.size(), 1U);
  EXPECT_EQ(problems[0], "an unclosed '{' at character 3");
}

}  // namespace
}  // namespace odometer
