// store/migrations.h: brings a database's schema up to this binary's.
//
// Migrations are numbered (0001_…sql), applied in order, each in its own
// transaction, and recorded in schema_migrations, so `rapport migrate` is
// idempotent. A database whose schema is newer than the binary is refused.
#pragma once

#include "core/result.h"
#include "store/database.h"

namespace rapport::store {

struct SchemaState {
  int database = 0;  // highest migration applied to the database
  int binary = 0;    // highest migration this binary carries
};

// Reads the schema version of the database. Errors: unavailable.
Result<SchemaState> schema_state(Database& db);

// Applies every missing migration; returns how many were applied.
// Errors: conflict ("db.schema_newer") when the database is ahead of the
// binary; unavailable; internal (a migration failed, rolled back).
Result<int> migrate(Database& db);

// Succeeds when the schema is exactly the binary's. Errors: conflict
// ("db.schema_newer" or "db.schema_older").
Status check_schema_current(Database& db);

}  // namespace rapport::store
