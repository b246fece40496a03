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

// Adds the portal users that are missing, for customers of their language
// with an asset, a sales order and a quote; none when no such customer
// exists. Returns how many were made.
Result<int> add_demo_portal_users(store::Database& db, const Clock& clock);

}  // namespace rapport::app
