// app/import_file.h: what every CSV import shares (customer_import.h,
// contact_info_import.h): the header and the data rows read within the
// import's limits, a cell's text, and the problems a report lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/result.h"

namespace rapport::app {

// Problems kept in a report (all are counted).
constexpr std::size_t kMaxReportedProblems = 1'000;

// A bad or skipped row: the line it starts on, the column at fault (empty
// for the row as a whole) and why, as a catalog key translated at the edge.
struct ImportProblem {
  std::size_t line = 0;
  std::string column;
  Error reason;
};

// Appends the problem unless `list` holds kMaxReportedProblems already.
void keep_problem(std::vector<ImportProblem>& list, std::size_t line, std::string column,
                  Error reason);
// Every error of a bad row, named by its column (the error's field), into
// `list` (the first kMaxReportedProblems) and `total` (all of them).
void keep_row_problems(std::vector<ImportProblem>& list, std::size_t& total, std::size_t line,
                       FieldErrors errors);

// A column an import knows: its header name (lower case) and whether the
// header must name it.
struct ImportColumnSpec {
  std::string_view name;
  bool required = false;
};

// Where each of `known` is in the file's records (same order); nullopt when
// absent. Names are matched trimmed and case-insensitively. Errors:
// invalid_input with the column in the field and args ("column"):
// "import.column_missing", "import.column_unknown", "import.column_repeated".
Result<std::vector<std::optional<std::size_t>>> read_import_columns(
    const std::vector<std::string>& names, std::span<const ImportColumnSpec> known);

struct ImportFileLimits {
  std::size_t max_rows = 0;
  std::uint64_t max_bytes = 0;
  std::size_t progress_every = 10'000;  // rows between two progress calls
};

// How far read_import_file got: data rows (blank lines aside) and bytes.
struct ImportFileCounts {
  std::size_t rows = 0;
  std::uint64_t bytes_read = 0;
};

// Reads a CSV file: `header` gets the first record (an error from it stops
// the reading), `row` every non-blank record after it with the line it
// starts on; `progress` is called every limits.progress_every rows and
// after the last row (once when the count is a multiple), and stops the
// reading by returning false. `counts` follows the reading. Errors:
// the CsvReader's, invalid_input "import.header_missing",
// "import.file_too_large" (args "max", in MB), "import.too_many_rows"
// (args "max", "line"), "import.cancelled".
Status read_import_file(
    std::istream& in, const ImportFileLimits& limits, ImportFileCounts& counts,
    const std::function<Status(const std::vector<std::string>&)>& header,
    const std::function<void(std::size_t line, const std::vector<std::string>&)>& row,
    const std::function<bool()>& progress);

// The cell's text without the blanks around it.
std::string trim_cell(std::string_view s);
// A cell's text as Rapport keeps text (core/text.h), the error naming the
// column otherwise: "import.encoding_invalid" when it is not UTF-8 (a file
// saved in Latin-1 would import mangled names), "text.control_character"
// for a NUL or another control character (a line break in a quoted cell is
// allowed here; a one-line field refuses it in its own rules).
std::optional<Error> cell_text_error(std::string_view s, const std::string& column);
// True when the record holds nothing but empty cells (a blank line).
bool is_blank(const std::vector<std::string>& fields);

}  // namespace rapport::app
