// app/demo/demo_supervision.h: today's demo day as the supervisor's view
// shows it (issue 18) — whatever the weekday, today's lists have entries
// done, open, overdue, a personal call-back released to the team, and two
// CSRs with calls at different times.
#pragma once

#include "app/demo/demo_customers.h"
#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

// Adds today's entries to the demo plans and works some of them, once a
// day (nothing when Camille already called today); the customers who take
// calls at any hour are left to Next call. Returns the entries worked.
Result<int> add_demo_supervision_day(store::Database& db, const Clock& clock,
                                     const DemoStaff& staff);

}  // namespace rapport::app
