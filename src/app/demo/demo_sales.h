// app/demo/demo_sales.h: the sales part of the demo data (issue 14, item 7):
// the demo catalog (demo_sales_catalogue.h) with a standard and a business
// price list (the business one with volume tiers, given to a few
// customers); sales orders in every status, taken and fulfilled through
// the same app calls a CSR and a fulfilment user make, so completed lines
// of trackable products left assets on the demo customers; and orders
// taken from calls of the demo order-intake plan (ContactOrderDesk), so
// some active entries show OK. `rapport demo --products N` adds N
// generated products, priced in the standard list, for benchmarks.
#pragma once

#include "core/result.h"
#include "core/time.h"
#include "store/database.h"

namespace rapport::app {

constexpr long long kMaxDemoProducts = 100'000;

struct DemoSalesReport {
  int products_created = 0;  // the demo catalog's
  long long generated_products_created = 0;
  int price_lists_created = 0;
  int orders_created = 0;          // sales orders, those from contact-plan calls included
  int contact_orders_created = 0;  // taken from calls of the order-intake plan
  int assets_created = 0;
};

// Adds what is missing: the catalog, price lists and orders once (a second
// run adds none), then generated products up to `generated_products`.
// Requires: the demo users, customers and contact plans. Errors:
// invalid_input ("demo.products_invalid"), those of the desks.
Result<DemoSalesReport> add_demo_sales(store::Database& db, const Clock& clock,
                                       long long generated_products);

}  // namespace rapport::app
