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

// The `days` days before today (Sundays left out) as the period report
// shows them: entries on the demo plans called once to three times by the
// two CSRs, every one ending final (90, 92 or 93) so no past entry is left
// open in anybody's list; once (nothing when Camille called before today).
// Returns the calls made.
Result<int> add_demo_supervision_history(store::Database& db, const Clock& clock,
                                         const DemoStaff& staff, int days = 20);

}  // namespace rapport::app
