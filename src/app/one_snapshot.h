// app/one_snapshot.h: a page made of several modules' reads, read in one
// transaction.
//
// The 360° view asks the customer desk, the contact planner, the service
// order desk and the quote desk for their panels; each call reads in a
// transaction of its own. Inside in_one_snapshot() those reads join one read
// transaction instead (store::Database::snapshot): every panel sees the same
// moment, and the page pays for one BEGIN and COMMIT and one pooled
// connection, not ten. Only for work that reads: a write inside keeps its
// own transaction, which the joined reads do not see.
#pragma once

#include <functional>

#include "core/result.h"

namespace rapport::store {
class Database;
}

namespace rapport::app {

// Runs `build`; its error, or the transaction's, is returned.
Status in_one_snapshot(store::Database& db, const std::function<Status()>& build);

}  // namespace rapport::app
