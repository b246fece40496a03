// app/demo/demo_campaigns.h: the marketing part of the demo data, in English and
// French — both approaches of seed 000 for the installation's default
// campaign (DUMMY without packages, the installation default; GENERIC with
// a package per customer class) and three real campaigns whose questions
// and criteria make every branch of the eligibility tree appear:
// GREEN-2026 (residential green energy), SMB-2026 (small business) and
// WINTER-SENIOR (seniors' winter saver, age ≥ 65); plus a few service
// orders in every status for the conversion report and the to-do list.
#pragma once

#include "app/demo/demo_customers.h"
#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

struct DemoCampaignsReport {
  int campaigns_created = 0;  // 0 when they were there already
  int orders_created = 0;
};

// Adds the demo campaigns once (a second run adds nothing).
Result<DemoCampaignsReport> add_demo_campaigns(store::Database& db, const Clock& clock,
                                               const DemoStaff& staff);

}  // namespace rapport::app
