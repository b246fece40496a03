// A CSV file through the importers' reader (app/csv_reader.h) and the
// reading every import shares (app/import_file.h).
#include <algorithm>
#include <array>
#include <sstream>
#include <string>
#include <vector>

#include "app/csv_reader.h"
#include "app/import_file.h"
#include "fuzz_check.h"

using namespace rapport;
using namespace rapport::app;

namespace {

using Records = std::vector<std::vector<std::string>>;

// Every record of the text, or the reader's error.
Result<Records> read_all(const std::string& text) {
  std::istringstream in(text);
  CsvReader csv(in);
  Records out;
  std::vector<std::string> fields;
  std::size_t last_line = 0;
  for (;;) {
    auto more = csv.next(fields);
    FUZZ_CHECK(csv.bytes_read() <= text.size());
    if (!more) {
      FUZZ_CHECK(more.error().key.starts_with("import."));
      return more.error();
    }
    if (!*more) return out;
    FUZZ_CHECK(!fields.empty());
    FUZZ_CHECK(csv.line() > last_line);
    last_line = csv.line();
    for (const auto& f : fields) FUZZ_CHECK(f.size() <= kMaxCsvField);
    out.push_back(fields);
  }
}

// The records written back as a spreadsheet would, every field quoted.
std::string write(const Records& records) {
  std::string out;
  for (const auto& r : records) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (i) out += ',';
      out += '"';
      for (char c : r[i]) out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

// The customer import's columns (app/customers/customer_import_row.cpp),
// only the first required, so that most headers lead to the rows.
constexpr std::array<ImportColumnSpec, 12> kColumns{{{"kind", true},
                                                     {"family_name", false},
                                                     {"given_name", false},
                                                     {"company_name", false},
                                                     {"phone", false},
                                                     {"email", false},
                                                     {"line1", false},
                                                     {"postal_code", false},
                                                     {"city", false},
                                                     {"country", false},
                                                     {"account_currency", false},
                                                     {"service_point_type", false}}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(fuzz::as_text(data, size));

  // What was read is what a writer of the same records wrote.
  if (auto records = read_all(text)) {
    auto again = read_all(write(*records));
    FUZZ_CHECK(again && *again == *records);
  }

  std::istringstream in(text);
  ImportFileLimits limits{.max_rows = 50, .max_bytes = 4096, .progress_every = 7};
  ImportFileCounts counts;
  std::vector<std::optional<std::size_t>> columns;
  std::size_t rows = 0, progress_calls = 0, last_line = 1;
  auto status = read_import_file(
      in, limits, counts,
      [&](const std::vector<std::string>& names) -> Status {
        FUZZ_CHECK(!is_blank(names));
        auto found = read_import_columns(names, kColumns);
        if (!found) {
          FUZZ_CHECK(!found.error().field.empty() || found.error().key == "import.column_unknown");
          return found.error();
        }
        columns = *found;
        FUZZ_CHECK(columns.size() == kColumns.size() && columns[0]);
        return Ok{};
      },
      [&](std::size_t line, const std::vector<std::string>& fields) {
        FUZZ_CHECK(line > last_line);
        last_line = line;
        FUZZ_CHECK(!is_blank(fields));
        ++rows;
        for (const auto& cell : fields) {
          std::string trimmed = trim_cell(cell);
          FUZZ_CHECK(trimmed.size() <= cell.size());
          FUZZ_CHECK(trimmed.empty() || (trimmed.front() != ' ' && trimmed.back() != ' '));
          if (auto bad = cell_text_error(trimmed, "name"))
            FUZZ_CHECK(bad->field == "name" && (bad->key == "import.encoding_invalid" ||
                                                bad->key == "text.control_character"));
        }
      },
      [&] {
        ++progress_calls;
        return true;
      });
  // The row over the limit is counted, not handed over.
  FUZZ_CHECK(rows == std::min(counts.rows, limits.max_rows) && counts.rows <= limits.max_rows + 1);
  FUZZ_CHECK(counts.bytes_read <= text.size());
  // Every progress_every rows, and once after the last unless it fell on one.
  if (status)
    FUZZ_CHECK(progress_calls == (rows + limits.progress_every - 1) / limits.progress_every);
  return 0;
}
