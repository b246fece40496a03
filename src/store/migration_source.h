// store/migration_source.h: the SQL migrations embedded in the binary.
#pragma once

#include <string_view>
#include <vector>

namespace rapport::store {

struct MigrationSource {
  std::string_view name;  // "0001_foundation.sql": the number orders them
  std::string_view sql;   // portable SQL with dialect placeholders (dialect.h)
};

// Every migration in src/store/migrations, sorted by name (generated).
const std::vector<MigrationSource>& embedded_migrations();

}  // namespace rapport::store
