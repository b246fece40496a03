// app/csv_reader.h: records of a CSV file (RFC 4180), one at a time.
//
// Fields are separated by commas and records by CRLF or LF. A field in
// double quotes may hold commas, line breaks and doubled quotes (""). A
// UTF-8 byte-order mark at the start is skipped. Errors name the line where
// the record (or the open quote) started, as a spreadsheet shows it.
//
//   CsvReader csv(in);
//   std::vector<std::string> fields;
//   while (true) {
//     auto more = csv.next(fields);
//     if (!more) return more.error();
//     if (!*more) break;
//     use(csv.line(), fields);
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/result.h"

namespace rapport::app {

// Longest field accepted, in bytes: a cell is a name or an address, never
// a document.
constexpr std::size_t kMaxCsvField = 10'000;

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // Reads the next record into `fields` (replacing their content). Returns
  // false at the end of the input. Errors: invalid_input with the line in
  // args ("line"): "import.quote_unclosed" (the file ends inside quotes),
  // "import.quote_stray" (a quote inside an unquoted field, or text after
  // a closing quote), "import.field_too_long" (over kMaxCsvField bytes).
  Result<bool> next(std::vector<std::string>& fields);

  // The line on which the last record read starts (1 for the first).
  std::size_t line() const { return record_line_; }
  // Bytes consumed so far, for progress and size limits.
  std::uint64_t bytes_read() const { return bytes_; }

 private:
  int get();
  int peek();
  Error error_at(const char* key, std::size_t line) const;

  std::istream& in_;
  std::size_t next_line_ = 1;  // the line the next character is on
  std::size_t record_line_ = 0;
  std::uint64_t bytes_ = 0;
  bool started_ = false;
};

}  // namespace rapport::app
