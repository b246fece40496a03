#include <sstream>

#include <gtest/gtest.h>

#include "app/csv_reader.h"

namespace rapport::app {
namespace {

using Records = std::vector<std::vector<std::string>>;

// Every record of `text` with the line it starts on; fails the test on error.
Records read_all(const std::string& text, std::vector<std::size_t>* lines = nullptr) {
  std::istringstream in(text);
  CsvReader csv(in);
  Records out;
  std::vector<std::string> fields;
  for (;;) {
    auto more = csv.next(fields);
    EXPECT_TRUE(more) << (more ? "" : more.error().key);
    if (!more || !*more) break;
    out.push_back(fields);
    if (lines) lines->push_back(csv.line());
  }
  return out;
}

// The error reading `text` gives.
Error error_of(const std::string& text) {
  std::istringstream in(text);
  CsvReader csv(in);
  std::vector<std::string> fields;
  for (;;) {
    auto more = csv.next(fields);
    if (!more) return more.error();
    if (!*more) break;
  }
  ADD_FAILURE() << "no error reading " << text;
  return {};
}

std::string line_of(const Error& e) {
  for (const auto& [name, value] : e.args)
    if (name == "line") return value;
  return "";
}

TEST(CsvReader, SplitsRecordsAndFields) {
  EXPECT_EQ(read_all("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReader, ReadsALastRecordWithoutLineBreak) {
  EXPECT_EQ(read_all("a,b\n1,2"), (Records{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, KeepsEmptyFields) { EXPECT_EQ(read_all(",a,,\n"), (Records{{"", "a", "", ""}})); }

TEST(CsvReader, AcceptsCrLfLineBreaks) {
  EXPECT_EQ(read_all("a,b\r\n1,2\r\n"), (Records{{"a", "b"}, {"1", "2"}}));
}

TEST(CsvReader, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  auto records = read_all("name,address\n\"Dupré, Hélène\",\"12 \"\"bis\"\" rue\nBâtiment B\"\n");
  EXPECT_EQ(records,
            (Records{{"name", "address"}, {"Dupré, Hélène", "12 \"bis\" rue\nBâtiment B"}}));
}

TEST(CsvReader, ReadsAnEmptyQuotedField) { EXPECT_EQ(read_all("\"\",x\n"), (Records{{"", "x"}})); }

TEST(CsvReader, CountsLinesAcrossQuotedLineBreaks) {
  std::vector<std::size_t> lines;
  read_all("h\n\"one\ntwo\nthree\"\nnext\n\nlast\n", &lines);
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 5, 6, 7}));
}

TEST(CsvReader, SkipsAUtf8ByteOrderMark) {
  EXPECT_EQ(read_all("\xEF\xBB\xBFkind,city\nperson,Paris\n"),
            (Records{{"kind", "city"}, {"person", "Paris"}}));
}

TEST(CsvReader, ReadsNothingFromAnEmptyInput) {
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\xEF\xBB\xBF").empty());
}

TEST(CsvReader, RefusesAnUnclosedQuoteNamingTheLineItOpensOn) {
  auto e = error_of("a,b\n1,2\n3,\"four\n5,6\n");
  EXPECT_EQ(e.key, "import.quote_unclosed");
  EXPECT_EQ(e.code, ErrorCode::invalid_input);
  EXPECT_EQ(line_of(e), "3");
}

TEST(CsvReader, RefusesTextAfterAClosingQuote) {
  auto e = error_of("a,b\n\"x\"y,2\n");
  EXPECT_EQ(e.key, "import.quote_stray");
  EXPECT_EQ(line_of(e), "2");
}

TEST(CsvReader, RefusesAQuoteInsideAnUnquotedField) {
  auto e = error_of("a,b\n1,2\nab\"c,2\n");
  EXPECT_EQ(e.key, "import.quote_stray");
  EXPECT_EQ(line_of(e), "3");
}

TEST(CsvReader, RefusesAnOverLongField) {
  auto e = error_of("a\n" + std::string(kMaxCsvField + 1, 'x') + "\n");
  EXPECT_EQ(e.key, "import.field_too_long");
  EXPECT_EQ(line_of(e), "2");
  EXPECT_EQ(read_all(std::string(kMaxCsvField, 'x')).at(0).at(0).size(), kMaxCsvField);
}

TEST(CsvReader, CountsTheBytesItRead) {
  std::istringstream in("ab,c\nd\n");
  CsvReader csv(in);
  std::vector<std::string> fields;
  ASSERT_TRUE(csv.next(fields).value());
  EXPECT_EQ(csv.bytes_read(), 5u);
}

}  // namespace
}  // namespace rapport::app
