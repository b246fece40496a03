// app/customers/customer_import.h: customers, their accounts, premises and phones
// from a CSV file (customer_import_row.h lists the columns), for
// `rapport import customers` and the manager's pages.
//
// An import runs in two passes, so that a large file does not hold the
// database's write lock (SQLite has one for the whole file) while other
// users save:
//  1. The whole file is read and every row validated, in a read
//     transaction; the valid rows are kept in memory (about 0.7 KB each: BENCHMARKS.md).
//     Every bad row is reported with its line, column and reason. A row
//     whose phone or e-mail belongs to a customer already stored, or to an
//     earlier row of the file, is skipped and reported: an import never
//     makes the duplicates the add-customer form warns about. Same name at
//     the same postal code is not skipped (two persons may share both);
//     the CSR sees them as possible duplicates later.
//  2. Unless the file has a bad row and skip_bad_rows is off — then
//     nothing at all is written — the valid rows are inserted with the
//     bulk loader in chunks of ImportOptions::chunk_rows, one write
//     transaction each; between two chunks other users write. Each chunk
//     checks again, inside its transaction, that its rows' phones and
//     e-mails are still free: a row whose phone or e-mail another user
//     stored since pass 1 is skipped and reported like the others.
// A cancel (the progress function returning false) during pass 1, or a
// failure of the first chunk, imports nothing and returns the error. A
// cancel or a failure after a chunk was committed keeps the chunks already
// committed: the report then has `stopped` set ("import.cancelled" or the
// database's error), and `imported` counts the customers committed; the
// rest of the file is not imported. The job's result and the command line
// say so ("import.cancelled_partial", "import.failed_partial").
//
//   CustomerImportDesk desk(db, clock);
//   std::ifstream file(path, std::ios::binary);
//   ImportOptions options;
//   options.skip_bad_rows = true;
//   auto report = desk.import_customers(manager, file, options);
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "app/import_file.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

// Limits, so that one file cannot hold the database for hours: at most a
// million data rows and 1 GiB.
constexpr std::size_t kMaxImportRows = 1'000'000;
constexpr std::uint64_t kMaxImportBytes = std::uint64_t{1} << 30;

// Where a job's import resumes when another server took it over (issue 17):
// every row of the file up to `line` was dealt with by the chunks its
// earlier run committed, with these counts.
struct ImportResume {
  std::size_t line = 0;  // the last line of the last committed chunk; 0: from the start
  std::size_t invalid = 0;
  std::size_t skipped = 0;
  std::size_t imported = 0;
};

struct ImportOptions {
  // Rows per write transaction in pass 2 (see BENCHMARKS.md, "Customer
  // import"); 0 means the default.
  static constexpr std::size_t kDefaultChunkRows = 1'000;
  // Both passes in one write transaction, which holds the write lock for
  // the whole import: the old behaviour, kept for the benchmark's baseline.
  static constexpr std::size_t kOneTransaction = static_cast<std::size_t>(-1);

  bool skip_bad_rows = false;
  std::size_t progress_every = 10'000;    // rows between two progress calls in pass 1
  std::size_t max_rows = kMaxImportRows;  // lower for a smaller limit; never above kMaxImportRows
  std::size_t chunk_rows = kDefaultChunkRows;
  // Rows up to resume.line are not read again (neither validated nor
  // inserted); the report starts from its counts.
  ImportResume resume;
  // Inside each chunk's write transaction, after its inserts: where a run
  // taken over would resume. A job moves its cursor here; an Error rolls
  // the chunk back and stops the import (as a failed chunk does).
  std::function<Status(store::Tx&, const ImportResume&)> on_chunk;
};

struct ImportProgress {
  std::size_t rows = 0;  // data rows read so far
  std::size_t imported = 0;
  std::size_t invalid = 0;
  std::size_t skipped = 0;
  std::uint64_t bytes_read = 0;
  bool inserting = false;     // false: pass 1 (validation); true: pass 2
  std::size_t to_insert = 0;  // pass 2: the rows kept by pass 1
};
// Called in pass 1 every options.progress_every rows and after the last row
// (once when the count is a multiple), then after every chunk committed.
// Returning false stops the import: in pass 1 it imports nothing
// ("import.cancelled"); in pass 2 the chunks committed stay (see above).
using ImportProgressFn = std::function<bool(const ImportProgress&)>;

struct ImportReport {
  std::size_t rows = 0;      // data rows read (blank lines aside)
  std::size_t imported = 0;  // customers created; 0 when not committed
  std::size_t invalid = 0;   // bad rows
  std::size_t skipped = 0;   // rows whose phone or e-mail already exists; 0 when not committed
  bool committed = false;    // false: a bad row (without skip_bad_rows), nothing imported
  // Pass 2 stopped after a chunk was committed: "import.cancelled" or the
  // database's error. `imported` and `skipped` count what was committed.
  std::optional<Error> stopped;
  std::vector<ImportProblem> problems;  // bad rows' cells, the first kMaxReportedProblems
  std::size_t problems_total = 0;       // every bad cell, listed or not
  std::vector<ImportProblem>
      skips;  // skipped rows, the first kMaxReportedProblems (when committed)
};

class CustomerImportDesk {
 public:
  CustomerImportDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Imports the file for a manager or an administrator. Row problems are in
  // the report; the errors concern the file as a whole, and nothing is
  // imported then. Errors: forbidden; invalid_input ("import.header_missing",
  // "import.column_missing" / "_unknown" / "_repeated" naming the column,
  // "import.quote_unclosed" / "import.quote_stray" / "import.field_too_long"
  // naming the line, "import.too_many_rows", "import.file_too_large",
  // "import.cancelled"); unavailable. Once a chunk is committed, a cancel
  // or an error is in the report (`stopped`) instead.
  Result<ImportReport> import_customers(const domain::User& actor, std::istream& in,
                                        const ImportOptions& options,
                                        const ImportProgressFn& progress = {});
  // The same for the command line, audited as "import".
  Result<ImportReport> import_customers_as_system(std::istream& in, const ImportOptions& options,
                                                  const ImportProgressFn& progress = {});

 private:
  Result<ImportReport> run(const store::Actor& actor, std::istream& in,
                           const ImportOptions& options, const ImportProgressFn& progress);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
