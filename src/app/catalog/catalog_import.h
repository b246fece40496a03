// app/catalog/catalog_import.h: products, and optionally their prices in
// one price list, from a CSV file, for the manager's page (Manage ▸
// Catalog ▸ Import) — the catalog as the customer import makes customers.
//
// Columns (header row required, any order, names case-insensitive; README,
// "Catalog import"):
//   required: code
//   optional: name_en, name_fr, description_en, description_fr, type
//             (goods | service), unit (unit, month, year, kwh, hour, day,
//             metre), trackable (yes/no, true/false, 1/0, oui/non),
//             orderable_from, orderable_to (YYYY-MM-DD), vat_rate (a
//             percentage: 20, 5.5), features ("Power=9 kVA; Phase=single"),
//             price (the unit price in the list's currency: 12.50 or 12,50),
//             tiers ("10=11.00; 100=9.50": from 10 units on 11.00 each…)
// A row whose code is a product already stored updates it; an empty cell,
// or a column the file leaves out, keeps what is stored (a new product gets
// the product form's defaults). A price or tiers cell needs the price list
// chosen for the import. Every row is checked as the product form and the
// price form are (validate_product, validate_price): the same rules, the
// same messages, each naming its column.
//
// Two passes, as the other imports: the whole file is read and every row
// validated first; a file with a bad row imports nothing. Then the rows are
// written in chunks, one write transaction each; a row's product and its
// price are written together. A cancel or a failure after a chunk was
// committed keeps the chunks committed (`stopped` says why).
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <vector>

#include "app/import_file.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/catalog/price_list.h"
#include "domain/users/user.h"
#include "store/database.h"

namespace rapport::app {

// Limits: a catalog, not a customer base — 100,000 rows and 16 MiB.
constexpr std::size_t kMaxCatalogImportRows = 100'000;
constexpr std::uint64_t kMaxCatalogImportBytes = std::uint64_t{16} << 20;

// Where a job's import resumes when another server took it over (issue 17):
// every row of the file up to `line` was written by the chunks its earlier
// run committed, with these counts.
struct CatalogImportResume {
  std::size_t line = 0;  // the last line of the last committed chunk; 0: from the start
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t priced = 0;
};

struct CatalogImportOptions {
  std::optional<Id<domain::PriceList>> price_list;  // where the price column goes
  std::size_t max_rows = kMaxCatalogImportRows;     // never above the constant
  std::size_t chunk_rows = 500;                     // rows per write transaction
  std::size_t progress_every = 1'000;               // rows between progress calls in pass 1
  // The whole file is validated again (a row's checks need the others');
  // rows up to resume.line are not written again, and the report starts
  // from its counts.
  CatalogImportResume resume;
  // Inside each chunk's write transaction, after its rows: where a run
  // taken over would resume. A job moves its cursor here; an Error rolls
  // the chunk back and stops the import (as a failed chunk does).
  std::function<Status(store::Tx&, const CatalogImportResume&)> on_chunk;
};

struct CatalogImportProgress {
  std::size_t rows = 0;  // data rows read so far
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t invalid = 0;
  std::uint64_t bytes_read = 0;
  bool writing = false;      // false: pass 1 (validation); true: pass 2
  std::size_t to_write = 0;  // pass 2: the rows to write
};
// Returning false stops the import: in pass 1 nothing is imported
// ("import.cancelled"); in pass 2 the chunks committed stay.
using CatalogImportProgressFn = std::function<bool(const CatalogImportProgress&)>;

struct CatalogImportReport {
  std::size_t rows = 0;     // data rows read (blank lines aside)
  std::size_t created = 0;  // products created
  std::size_t updated = 0;  // products already stored, updated
  std::size_t priced = 0;   // prices set in the list
  std::size_t invalid = 0;  // bad rows
  bool committed = false;   // false: a bad row, nothing imported
  std::optional<Error> stopped;
  std::vector<ImportProblem> problems;  // bad cells, the first kMaxReportedProblems
  std::size_t problems_total = 0;
};

class CatalogImportDesk {
 public:
  CatalogImportDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Managers and admins. Row problems are in the report; the errors concern
  // the file as a whole (nothing imported): forbidden; not_found
  // ("price_list.not_found"); invalid_input ("import.header_missing",
  // "import.column_missing" / "_unknown" / "_repeated", the CSV reader's,
  // "import.too_many_rows", "import.file_too_large", "import.cancelled").
  Result<CatalogImportReport> import_catalog(const domain::User& actor, std::istream& in,
                                             const CatalogImportOptions& options,
                                             const CatalogImportProgressFn& progress = {});

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
