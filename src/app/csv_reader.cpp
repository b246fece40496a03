#include "app/csv_reader.h"

namespace rapport::app {

int CsvReader::get() {
  int c = in_.rdbuf()->sbumpc();
  if (c == std::char_traits<char>::eof()) return c;
  ++bytes_;
  if (c == '\n') ++next_line_;
  return c;
}

int CsvReader::peek() { return in_.rdbuf()->sgetc(); }

Error CsvReader::error_at(const char* key, std::size_t line) const {
  return Error::invalid(key, {},
                        {{"line", std::to_string(line)}, {"max", std::to_string(kMaxCsvField)}});
}

Result<bool> CsvReader::next(std::vector<std::string>& fields) {
  constexpr int eof = std::char_traits<char>::eof();
  if (!started_) {
    started_ = true;
    // Spreadsheets save "CSV UTF-8" with a byte-order mark.
    static constexpr unsigned char kBom[] = {0xEF, 0xBB, 0xBF};
    std::size_t matched = 0;  // a partial mark is dropped: the header then names an unknown column
    while (matched < 3 && peek() == kBom[matched]) {
      in_.rdbuf()->sbumpc();
      ++bytes_;
      ++matched;
    }
  }
  fields.clear();
  if (peek() == eof) return false;
  record_line_ = next_line_;
  std::string field;
  for (;;) {
    int c = get();
    if (c == '"' && field.empty()) {
      const std::size_t opened = next_line_;
      for (;;) {
        c = get();
        if (c == eof) return error_at("import.quote_unclosed", opened);
        if (c == '"') {
          if (peek() != '"') break;
          get();
        }
        if (field.size() >= kMaxCsvField) return error_at("import.field_too_long", record_line_);
        field += static_cast<char>(c);
      }
      c = get();
      if (c == '\r' && peek() == '\n') c = get();
      if (c != ',' && c != '\n' && c != eof) return error_at("import.quote_stray", next_line_);
    } else if (c == '"') {
      return error_at("import.quote_stray", next_line_);
    } else if (c == '\r' && peek() == '\n') {
      c = get();
    } else if (c != ',' && c != '\n' && c != eof) {
      if (field.size() >= kMaxCsvField) return error_at("import.field_too_long", record_line_);
      field += static_cast<char>(c);
      continue;
    }
    fields.push_back(std::move(field));
    field.clear();
    if (c == '\n' || c == eof) return true;
  }
}

}  // namespace rapport::app
