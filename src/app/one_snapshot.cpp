#include "app/one_snapshot.h"

#include "store/database.h"

namespace rapport::app {

Status in_one_snapshot(store::Database& db, const std::function<Status()>& build) {
  return db.snapshot([&]() -> Status { return build(); });
}

}  // namespace rapport::app
