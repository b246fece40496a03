// app/contactplan/contact_info_import.h: customers' contact info on plans
// [OIS054] from a CSV file, for `rapport import contact-info` and the
// manager's page — plan memberships in bulk, as the customer import makes
// customers (customer_import.h).
//
// Columns (header row required, any order, names case-insensitive):
//   required: customer (the customer number, as on the customer's page,
//             "#" optional), plan (the plan's code), phone (empty: the
//             customer's main number), earliest, latest (HH:MM, the
//             customer's local time; empty: 09:00 and 17:00), sequence
//             (order in the day's list, 0–9999; empty: 0)
//   optional: method (phone | email | visit; empty: phone), time_zone
//             (IANA zone overriding the customer's; empty: the customer's),
//             note
// A customer already on the plan has its contact info updated (never a
// second membership); an optional column the file leaves out keeps what
// is stored. The rows are checked as the contact info form is
// (ContactPlanner::connect): the same rules, the same messages.
//
// Two passes, as the customer import: the whole file is read and every row
// validated first (every bad cell reported with its line and column); a
// file with a bad row imports nothing. Then the rows are written in chunks
// of ContactInfoImportOptions::chunk_rows, one write transaction each, each
// row created or updated as it then stands. A cancel or a failure after a
// chunk was committed keeps the chunks committed (`stopped` says why).
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <vector>

#include "app/import_file.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::app {

// Limits: a plan's memberships, not a customer base — at most 100,000 data
// rows and 16 MiB.
constexpr std::size_t kMaxContactInfoImportRows = 100'000;
constexpr std::uint64_t kMaxContactInfoImportBytes = std::uint64_t{16} << 20;

// Where a job's import resumes when another server took it over (issue 17):
// every row of the file up to `line` was written by the chunks its earlier
// run committed, with these counts.
struct ContactInfoImportResume {
  std::size_t line = 0;  // the last line of the last committed chunk; 0: from the start
  std::size_t created = 0;
  std::size_t updated = 0;
};

struct ContactInfoImportOptions {
  std::size_t max_rows = kMaxContactInfoImportRows;  // never above the constant
  std::size_t chunk_rows = 500;                      // rows per write transaction
  std::size_t progress_every = 1'000;                // rows between progress calls in pass 1
  // The whole file is validated again (a row's checks need the others');
  // rows up to resume.line are not written again, and the report starts
  // from its counts.
  ContactInfoImportResume resume;
  // Inside each chunk's write transaction, after its rows: where a run
  // taken over would resume. A job moves its cursor here; an Error rolls
  // the chunk back and stops the import (as a failed chunk does).
  std::function<Status(store::Tx&, const ContactInfoImportResume&)> on_chunk;
};

struct ContactInfoImportProgress {
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
using ContactInfoImportProgressFn = std::function<bool(const ContactInfoImportProgress&)>;

struct ContactInfoImportReport {
  std::size_t rows = 0;                 // data rows read (blank lines aside)
  std::size_t created = 0;              // customers put on a plan
  std::size_t updated = 0;              // customers already on the plan, their contact info updated
  std::size_t invalid = 0;              // bad rows
  bool committed = false;               // false: a bad row, nothing imported
  std::optional<Error> stopped;         // pass 2 stopped after a chunk (see above)
  std::vector<ImportProblem> problems;  // bad cells, the first kMaxReportedProblems
  std::size_t problems_total = 0;
};

class ContactInfoImportDesk {
 public:
  ContactInfoImportDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // For the users who manage plans. Row problems are in the report; the
  // errors concern the file as a whole (nothing imported): forbidden;
  // invalid_input ("import.header_missing", "import.column_missing" /
  // "_unknown" / "_repeated", the CSV reader's, "import.too_many_rows",
  // "import.file_too_large", "import.cancelled"); unavailable.
  Result<ContactInfoImportReport> import_contact_infos(
      const domain::User& actor, std::istream& in, const ContactInfoImportOptions& options,
      const ContactInfoImportProgressFn& progress = {});
  // The same for the command line, audited as "import".
  Result<ContactInfoImportReport> import_contact_infos_as_system(
      std::istream& in, const ContactInfoImportOptions& options,
      const ContactInfoImportProgressFn& progress = {});

 private:
  Result<ContactInfoImportReport> run(const store::Actor& actor, std::istream& in,
                                      const ContactInfoImportOptions& options,
                                      const ContactInfoImportProgressFn& progress);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
