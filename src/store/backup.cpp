#include "store/backup.h"

#include <filesystem>
#include <memory>

#include <soci/sqlite3/soci-sqlite3.h>

#include "store/migrations.h"

namespace rapport::store {
namespace {

using sqlite_api::sqlite3;

struct CloseSqlite {
  void operator()(sqlite3* db) const { sqlite_api::sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, CloseSqlite>;

Error failed(const std::string& detail) {
  return {ErrorCode::unavailable, "backup.failed", {{"detail", detail}}, {}, detail};
}

Result<SqliteHandle> open_file(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite_api::sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle db(raw);
  if (rc != SQLITE_OK)
    return failed(path + ": " + (raw ? sqlite_api::sqlite3_errmsg(raw) : "cannot open"));
  // Writers of the running servers hold the lock for a moment only.
  sqlite_api::sqlite3_busy_timeout(raw, 10'000);
  return db;
}

// Copies every page of `from` into `to` in one step: one read transaction
// on `from`, so the copy is one consistent state.
Result<BackupReport> copy_pages(sqlite3* from, sqlite3* to) {
  auto* backup = sqlite_api::sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return failed(sqlite_api::sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  // Busy or locked: a writer's commit is under way; wait for it.
  for (int attempt = 0; attempt < 100; ++attempt) {
    rc = sqlite_api::sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite_api::sqlite3_sleep(100);
  }
  BackupReport report;
  report.pages = sqlite_api::sqlite3_backup_pagecount(backup);
  sqlite_api::sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return failed(sqlite_api::sqlite3_errstr(rc));
  int page_size = 0;
  sqlite_api::sqlite3_stmt* st = nullptr;
  if (sqlite_api::sqlite3_prepare_v2(to, "PRAGMA page_size", -1, &st, nullptr) == SQLITE_OK &&
      sqlite_api::sqlite3_step(st) == SQLITE_ROW)
    page_size = sqlite_api::sqlite3_column_int(st, 0);
  sqlite_api::sqlite3_finalize(st);
  report.bytes = report.pages * page_size;
  return report;
}

// SQLite's quick check of `db`: "ok", or its first complaint.
std::string quick_check(sqlite3* db) {
  sqlite_api::sqlite3_stmt* st = nullptr;
  std::string verdict = "not a database";
  if (sqlite_api::sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, nullptr) == SQLITE_OK &&
      sqlite_api::sqlite3_step(st) == SQLITE_ROW)
    verdict = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(st, 0));
  sqlite_api::sqlite3_finalize(st);
  return verdict;
}

}  // namespace

Result<BackupReport> backup_database(const DatabaseUrl& source, const std::string& target) {
  if (source.dialect != Dialect::sqlite) return Error::invalid("backup.postgresql", "file");
  std::error_code ec;
  if (std::filesystem::exists(target, ec))
    return Error::invalid("backup.target_exists", "file", {{"file", target}});
  const std::string partial = target + ".partial";
  std::filesystem::remove(partial, ec);
  auto from = open_file(source.path, SQLITE_OPEN_READONLY);
  if (!from) return from.error();
  Result<BackupReport> copied = failed(partial);
  {
    auto to = open_file(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!to) return to.error();
    copied = copy_pages(from->get(), to->get());
    if (copied && quick_check(to->get()) != "ok") copied = failed(partial + ": quick_check");
  }
  if (!copied) {
    std::filesystem::remove(partial, ec);
    return copied;
  }
  std::filesystem::rename(partial, target, ec);
  if (ec) return failed(target + ": " + ec.message());
  return copied;
}

Result<BackupReport> restore_database(const std::string& file, const DatabaseUrl& target) {
  if (target.dialect != Dialect::sqlite) return Error::invalid("backup.postgresql", "file");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error::invalid("backup.source_missing", "file", {{"file", file}});
  auto from = open_file(file, SQLITE_OPEN_READONLY);
  if (!from) return from.error();
  if (quick_check(from->get()) != "ok")
    return Error::invalid("backup.not_a_database", "file", {{"file", file}});
  {
    // A Rapport database, and not one from a newer Rapport.
    auto opened = Database::open("sqlite:" + file, 1);
    if (!opened) return Error::invalid("backup.not_a_database", "file", {{"file", file}});
    auto state = schema_state(**opened);
    if (!state || state->database == 0)
      return Error::invalid("backup.not_a_database", "file", {{"file", file}});
    if (state->database > state->binary)
      return Error::conflict("db.schema_newer", {{"database", std::to_string(state->database)},
                                                 {"binary", std::to_string(state->binary)}});
  }
  auto to = open_file(target.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!to) return to.error();
  return copy_pages(from->get(), to->get());
}

}  // namespace rapport::store
