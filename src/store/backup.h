// store/backup.h: an online copy of a SQLite database and its way back
// (SQLite's backup API), while servers keep reading and writing it.
//
// The copy is made in one read transaction: in WAL mode writers go on, and
// the copy holds exactly the transactions committed when it began — never
// half of one. It is written to "<target>.partial" and renamed when
// complete, so a stopped backup leaves no file that looks finished.
// PostgreSQL has its own tools (pg_dump, point-in-time recovery): these
// refuse it.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "store/database.h"

namespace rapport::store {

struct BackupReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
};

// Copies the database of `source` to the new file `target`. Errors:
// invalid_input ("backup.postgresql" for a PostgreSQL URL,
// "backup.target_exists" when `target` exists, on "file");
// unavailable ("backup.failed" with the SQLite message in "detail").
Result<BackupReport> backup_database(const DatabaseUrl& source, const std::string& target);

// Checks that `file` is a sound Rapport database (SQLite's quick check, a
// schema no newer than this binary's) and copies it over the database of
// `target`, whose servers should be stopped. Errors: invalid_input
// ("backup.postgresql", "backup.source_missing", "backup.not_a_database"
// on "file"); conflict ("db.schema_newer"); unavailable ("backup.failed").
Result<BackupReport> restore_database(const std::string& file, const DatabaseUrl& target);

}  // namespace rapport::store
