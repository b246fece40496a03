// app/demo/demo_contact_plans.h: the contact-planning part of the demo data — a
// Tuesday/Thursday order-intake plan and a monthly market-research plan with
// their customers, exceptions (a public holiday, a moved day), non-activity
// periods and a generated week.
#pragma once

#include "app/demo/demo_customers.h"
#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

struct DemoPlansReport {
  int plans_created = 0;  // 0 when the plans were there already
  long long entries_created = 0;
};

// Adds the demo plans once (a second run adds nothing). Requires demo
// customers; with fewer than 12 it adds nothing.
Result<DemoPlansReport> add_demo_contact_plans(store::Database& db, const Clock& clock,
                                               const DemoStaff& staff);

}  // namespace rapport::app
