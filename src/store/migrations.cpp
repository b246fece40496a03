#include "store/migrations.h"

#include <cstdlib>
#include <string>

#include <soci/soci.h>
#include <spdlog/spdlog.h>

#include "core/time.h"
#include "store/dialect.h"
#include "store/migration_source.h"

namespace rapport::store {
namespace {

int number_of(std::string_view name) { return std::atoi(std::string(name.substr(0, 4)).c_str()); }

int binary_version() {
  int v = 0;
  for (const auto& m : embedded_migrations()) v = std::max(v, number_of(m.name));
  return v;
}

// Also takes the migration lock on PostgreSQL (until the transaction ends):
// two servers creating the table at once would collide in the catalog, and
// two migrating at once take turns.
void ensure_table(Tx& tx) {
  if (tx.dialect() == Dialect::postgresql) tx.sql() << "SELECT pg_advisory_xact_lock(7243001)";
  tx.sql() << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
              "name TEXT NOT NULL, applied_at TEXT NOT NULL)";
}

int database_version(Tx& tx) {
  soci::indicator ind = soci::i_null;
  int v = 0;
  tx.sql() << "SELECT MAX(version) FROM schema_migrations", soci::into(v, ind);
  return ind == soci::i_ok ? v : 0;
}

Error newer_error(int db, int bin) {
  return Error::conflict("db.schema_newer",
                         {{"database", std::to_string(db)}, {"binary", std::to_string(bin)}});
}

}  // namespace

Result<SchemaState> schema_state(Database& db) {
  return db.write([](Tx& tx) -> Result<SchemaState> {
    ensure_table(tx);
    return SchemaState{database_version(tx), binary_version()};
  });
}

Result<int> migrate(Database& db) {
  int applied = 0;
  for (const auto& m : embedded_migrations()) {
    const int number = number_of(m.name);
    auto step = db.write([&](Tx& tx) -> Result<bool> {
      ensure_table(tx);  // two servers migrating one PostgreSQL at once take turns here
      int current = database_version(tx);
      if (current > binary_version()) return newer_error(current, binary_version());
      int already = 0;
      tx.sql() << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(number),
          soci::into(already);
      if (already > 0) return false;
      for (const auto& stmt : split_statements(render_for_dialect(m.sql, tx.dialect())))
        tx.sql() << stmt;
      std::string name(m.name);
      std::string now = format_instant(SystemClock{}.now());
      tx.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :a)",
          soci::use(number), soci::use(name), soci::use(now);
      return true;
    });
    if (!step) {
      if (step.error().code == ErrorCode::internal) {
        Error e = step.error();
        e.key = "db.migration_failed";
        e.args = {{"name", std::string(m.name)}};
        return e;
      }
      return step.error();
    }
    if (*step) {
      spdlog::info("applied migration {}", m.name);
      db.forget_statements();
      ++applied;
    }
  }
  return applied;
}

Status check_schema_current(Database& db) {
  auto state = schema_state(db);
  if (!state) return state.error();
  if (state->database > state->binary) return newer_error(state->database, state->binary);
  if (state->database < state->binary)
    return Error::conflict("db.schema_older", {{"database", std::to_string(state->database)},
                                               {"binary", std::to_string(state->binary)}});
  return Ok{};
}

}  // namespace rapport::store
