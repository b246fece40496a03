#include "store/sql_error.h"

#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace rapport::store {

Error sql_error(const std::exception& e, Dialect dialect) {
  std::string what = e.what();
  if (dialect == Dialect::postgresql) {
    if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
      std::string state = pg->sqlstate();
      if (state == "23505") return Error{ErrorCode::conflict, "record.duplicate", {}, {}, what};
      if (state.starts_with("23"))
        return Error{ErrorCode::invalid_input, "record.constraint", {}, {}, what};
      if (state == "40001" || state == "40P01" || state.starts_with("08") ||
          state.starts_with("57"))
        return Error::unavailable(what);
    }
    if (what.find("no connection") != std::string::npos ||
        what.find("server closed") != std::string::npos)
      return Error::unavailable(what);
    return Error::internal(what);
  }
  if (what.find("UNIQUE constraint failed") != std::string::npos)
    return Error{ErrorCode::conflict, "record.duplicate", {}, {}, what};
  if (what.find("constraint failed") != std::string::npos)
    return Error{ErrorCode::invalid_input, "record.constraint", {}, {}, what};
  if (what.find("database is locked") != std::string::npos ||
      what.find("busy") != std::string::npos)
    return Error::unavailable(what);
  return Error::internal(what);
}

}  // namespace rapport::store
