// app/demo/demo_portal.h: the demo's customer portal log-ins — one English-
// and one French-speaking customer that have assets, an order and a quote
// in the demo, each with a contact invited to the portal (password
// kDemoPassword), so `make run` can print them next to the staff's.
#pragma once

#include <vector>

#include "app/demo/demo_data.h"
#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

// "customer" (English) and "cliente" (French).
const std::vector<DemoLogin>& demo_portal_logins();

struct DemoPortalReport {
  int users_created = 0;
  int orders_created = 0;  // for a customer who had a quote but no order
  int assets_created = 0;
};

// Adds the portal users that are missing, for customers of their language
// with an asset, a sales order and a quote (or a quote only: the demo CSR
// then takes an order of one product that fulfilment completes); none when
// no such customer exists.
Result<DemoPortalReport> add_demo_portal_users(store::Database& db, const Clock& clock);

}  // namespace rapport::app
