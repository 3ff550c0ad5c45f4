// The RFC 4180 reader every CSV import uses (src/util/csv.hpp): quoted
// fields, doubled quotes, line breaks inside quotes, CRLF or LF, a byte order
// mark, line numbers in records and errors; counts in fields; and the field
// writer read back by the reader for any text.

#include "util/csv.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace odometer {
namespace {

using Fields = std::vector<std::string>;

std::vector<CsvRecord> read_ok(std::string_view text) {
  auto records = read_csv(text, "t.csv");
  EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
  return records.ok() ? *records : std::vector<CsvRecord>{};
}

std::string read_error(std::string_view text) {
  auto records = read_csv(text, "t.csv");
  EXPECT_FALSE(records.ok()) << text;
  return records.ok() ? "" : records.error().message;
}

TEST(Csv, PlainFieldsAndLineNumbers) {
  const auto records = read_ok("a,b,c\n1,,3\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
  EXPECT_EQ(records[0].line, 1U);
  EXPECT_EQ(records[1].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ(records[1].line, 2U);
}

TEST(Csv, TheLastRecordNeedsNoLineBreak) {
  const auto records = read_ok("a,b\n1,2");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(read_ok("a,")[0].fields, (Fields{"a", ""}));
}

TEST(Csv, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const auto records = read_ok("k,v\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",x\nnext,1\n");
  ASSERT_EQ(records.size(), 4U);
  EXPECT_EQ(records[1].fields, (Fields{"a,b", "say \"hi\""}));
  EXPECT_EQ(records[2].fields, (Fields{"two\nlines", "x"}));
  EXPECT_EQ(records[2].line, 3U);
  EXPECT_EQ(records[3].line, 5U);  // the line break inside quotes is a line
  EXPECT_EQ(read_ok("\"\"\n")[0].fields, (Fields{""}));
}

TEST(Csv, CrlfLfMixedAndAByteOrderMark) {
  const auto records = read_ok("\xEF\xBB\xBFh1,h2\r\n1,2\n3,\"4\"\r\n");
  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0].fields, (Fields{"h1", "h2"}));  // no BOM in the first field
  EXPECT_EQ(records[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(records[2].fields, (Fields{"3", "4"}));
  EXPECT_EQ(records[2].line, 3U);
  // A CRLF inside quotes is kept as written.
  EXPECT_EQ(read_ok("\"a\r\nb\"\r\n")[0].fields, (Fields{"a\r\nb"}));
}

TEST(Csv, EmptyLinesAreNoRecords) {
  const auto records = read_ok("a\n\n\r\nb\n\n");
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[1].fields, (Fields{"b"}));
  EXPECT_EQ(records[1].line, 4U);
  EXPECT_TRUE(read_ok("").empty());
  EXPECT_TRUE(read_ok("\xEF\xBB\xBF").empty());
}

TEST(Csv, SpacesArePartOfFields) {
  EXPECT_EQ(read_ok(" a , b \n")[0].fields, (Fields{" a ", " b "}));
}

TEST(Csv, ErrorsNameTheSourceAndLine) {
  EXPECT_EQ(read_error("a,b\n1,x\"y\n"),
            "t.csv:2: a quote inside a field that does not start with one (quote the whole field "
            "and double the quote)");
  EXPECT_EQ(read_error("a\n\"1\"x,2\n"), "t.csv:2: text after the closing quote of a field");
  EXPECT_EQ(read_error("a\nb\n\"open,\nstill\n"), "t.csv:3: a quoted field is not closed");
  EXPECT_EQ(read_error("a\rb\n"), "t.csv:1: a carriage return not followed by a line feed");
  EXPECT_EQ(read_error("a\n\"x\"\rb"), "t.csv:2: a carriage return not followed by a line feed");
  auto error = read_csv("\"", "t.csv");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.error().code, ErrorCode::invalid);
}

TEST(CsvCount, WholeNumbersOnly) {
  EXPECT_EQ(parse_count_field("0").value(), 0U);
  EXPECT_EQ(parse_count_field("612").value(), 612U);
  EXPECT_EQ(parse_count_field("007").value(), 7U);
  EXPECT_EQ(parse_count_field("12.0").value(), 12U);  // pandas' float column
  EXPECT_EQ(parse_count_field("12.000").value(), 12U);
  EXPECT_EQ(parse_count_field("1000000000000000").value(), k_max_count);
  const auto message = [](std::string_view text) {
    auto value = parse_count_field(text);
    EXPECT_FALSE(value.ok()) << text;
    return value.ok() ? std::string() : value.error().message;
  };
  EXPECT_EQ(message("-5"), "\"-5\" is negative: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("-5.0"), "\"-5.0\" is negative: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("1.5"),
            "\"1.5\" is not a whole number: counts are whole numbers from 0 to "
            "10^15");
  EXPECT_EQ(message(""), "\"\" is not a count: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("1e3"), "\"1e3\" is not a count: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message(" 5"), "\" 5\" is not a count: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("+5"), "\"+5\" is not a count: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("5."),
            "\"5.\" is not a whole number: counts are whole numbers from 0 to "
            "10^15");
  EXPECT_EQ(message(".0"),
            "\".0\" is not a whole number: counts are whole numbers from 0 to "
            "10^15");
  EXPECT_EQ(message("1000000000000001"),
            "\"1000000000000001\" is above the limit: counts are whole numbers from 0 to 10^15");
  EXPECT_EQ(message("99999999999999999999999"),
            "\"99999999999999999999999\" is above the limit: counts are whole numbers from 0 to "
            "10^15");
}

TEST(CsvField, QuotedOnlyWhenNeeded) {
  std::string out;
  append_csv_field(out, "plain:a/b@c");
  EXPECT_EQ(out, "plain:a/b@c");
  out.clear();
  append_csv_field(out, "a,\"b\"");
  EXPECT_EQ(out, "\"a,\"\"b\"\"\"");
}

// Any fields written with append_csv_field and any line ends read back as
// the same fields.
TEST(CsvField, WrittenFieldsReadBackForAnyText) {
  std::mt19937_64 rng(20260504);
  const std::string alphabet = std::string("ab,\"\r\n \xC3\xA9", 9);
  for (int round = 0; round < 2000; ++round) {
    std::vector<Fields> rows(1 + rng() % 4);
    const std::size_t width = 1 + rng() % 4;
    std::string text = rng() % 2 == 0 ? "\xEF\xBB\xBF" : "";
    for (auto& row : rows) {
      for (std::size_t i = 0; i < width; ++i) {
        std::string field;
        for (std::size_t n = rng() % 5; n > 0; --n) {
          field.push_back(alphabet[rng() % alphabet.size()]);
        }
        row.push_back(field);
        if (i > 0) {
          text += ",";
        }
        append_csv_field(text, field);
      }
      text += rng() % 2 == 0 ? "\n" : "\r\n";
    }
    // A record of one empty field is an empty line, which is no record.
    if (width == 1) {
      std::erase_if(rows, [](const Fields& row) { return row[0].empty(); });
    }
    auto records = read_csv(text, "r.csv");
    ASSERT_TRUE(records.ok()) << records.error().message;
    ASSERT_EQ(records->size(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      EXPECT_EQ((*records)[i].fields, rows[i]);
    }
  }
}

}  // namespace
}  // namespace odometer
