#include "app/import_file.h"

#include <algorithm>
#include <cctype>

#include "app/csv_reader.h"
#include "core/text.h"

namespace rapport::app {

void keep_problem(std::vector<ImportProblem>& list, std::size_t line, std::string column,
                  Error reason) {
  if (list.size() < kMaxReportedProblems)
    list.push_back({line, std::move(column), std::move(reason)});
}

void keep_row_problems(std::vector<ImportProblem>& list, std::size_t& total, std::size_t line,
                       FieldErrors errors) {
  total += errors.errors.size();
  for (auto& e : errors.errors) {
    std::string column = e.field;
    keep_problem(list, line, std::move(column), std::move(e));
  }
}

Result<std::vector<std::optional<std::size_t>>> read_import_columns(
    const std::vector<std::string>& names, std::span<const ImportColumnSpec> known) {
  std::vector<std::optional<std::size_t>> index(known.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name = trim_cell(names[i]);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = std::find_if(known.begin(), known.end(),
                           [&](const ImportColumnSpec& k) { return k.name == name; });
    if (it == known.end()) return Error::invalid("import.column_unknown", name, {{"column", name}});
    auto& slot = index[static_cast<std::size_t>(it - known.begin())];
    if (slot) return Error::invalid("import.column_repeated", name, {{"column", name}});
    slot = i;
  }
  for (std::size_t c = 0; c < known.size(); ++c)
    if (!index[c] && known[c].required) {
      std::string name(known[c].name);
      return Error::invalid("import.column_missing", name, {{"column", name}});
    }
  return index;
}

Status read_import_file(
    std::istream& in, const ImportFileLimits& limits, ImportFileCounts& counts,
    const std::function<Status(const std::vector<std::string>&)>& header,
    const std::function<void(std::size_t line, const std::vector<std::string>&)>& row,
    const std::function<bool()>& progress) {
  CsvReader csv(in);
  std::vector<std::string> fields;
  auto more = csv.next(fields);
  if (!more) return more.error();
  if (!*more || is_blank(fields)) return Error::invalid("import.header_missing");
  if (auto ok = header(fields); !ok) return ok;
  const std::size_t every = std::max<std::size_t>(limits.progress_every, 1);
  for (;;) {
    more = csv.next(fields);
    if (!more) return more.error();
    if (!*more) break;
    counts.bytes_read = csv.bytes_read();
    if (counts.bytes_read > limits.max_bytes)
      return Error::invalid("import.file_too_large", {},
                            {{"max", std::to_string(limits.max_bytes >> 20)}});
    if (is_blank(fields)) continue;
    if (++counts.rows > limits.max_rows)
      return Error::invalid(
          "import.too_many_rows", {},
          {{"max", std::to_string(limits.max_rows)}, {"line", std::to_string(csv.line())}});
    row(csv.line(), fields);
    if (counts.rows % every == 0 && !progress()) return Error::invalid("import.cancelled");
  }
  counts.bytes_read = csv.bytes_read();
  if (counts.rows % every != 0 && !progress()) return Error::invalid("import.cancelled");
  return Ok{};
}

std::string trim_cell(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return std::string(s);
}

std::optional<Error> cell_text_error(std::string_view s, const std::string& column) {
  auto bad = text_error(s, column);
  if (bad && bad->key == "text.invalid_utf8")
    return Error::invalid("import.encoding_invalid", column);
  return bad;
}

bool is_blank(const std::vector<std::string>& fields) {
  return std::all_of(fields.begin(), fields.end(),
                     [](const std::string& f) { return trim_cell(f).empty(); });
}

}  // namespace rapport::app
