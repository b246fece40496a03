// app/customers/customer_import.h: customers, their accounts, premises and phones
// from a CSV file (customer_import_row.h lists the columns), for
// `rapport import customers` and the manager's pages.
//
// The file is read once. Every row is validated; by default a file with a
// bad row imports nothing (the rows are inserted in one transaction, which
// is rolled back), and every bad row is reported with its line, column and
// reason. With skip_bad_rows the good rows are imported and the bad ones
// reported. A row whose phone or e-mail belongs to a customer already
// stored (or to an earlier row of the file) is skipped and reported: an
// import never makes the duplicates the add-customer form warns about.
// Same name at the same postal code is not skipped (two persons may share
// both); the CSR sees them as possible duplicates later.
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
#include <string>
#include <vector>

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
// Problems kept in a report (all are counted).
constexpr std::size_t kMaxReportedProblems = 1'000;

struct ImportOptions {
  bool skip_bad_rows = false;
  std::size_t progress_every = 10'000;    // rows between two progress calls
  std::size_t max_rows = kMaxImportRows;  // lower for a smaller limit; never above kMaxImportRows
};

// A bad or skipped row: the line it starts on, the column at fault (empty
// for the row as a whole) and why, as a catalog key translated at the edge.
struct ImportProblem {
  std::size_t line = 0;
  std::string column;
  Error reason;
};

struct ImportProgress {
  std::size_t rows = 0;  // data rows read so far
  std::size_t imported = 0;
  std::size_t invalid = 0;
  std::size_t skipped = 0;
  std::uint64_t bytes_read = 0;
};
// Called every options.progress_every rows and after the last row (once
// when the count is a multiple); returning false
// stops the import, which then imports nothing ("import.cancelled").
using ImportProgressFn = std::function<bool(const ImportProgress&)>;

struct ImportReport {
  std::size_t rows = 0;      // data rows read (blank lines aside)
  std::size_t imported = 0;  // customers created; 0 when not committed
  std::size_t invalid = 0;   // bad rows
  std::size_t skipped = 0;   // rows whose phone or e-mail already exists; 0 when not committed
  bool committed = false;    // false: a bad row (without skip_bad_rows), nothing imported
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
  // "import.cancelled"); unavailable.
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
