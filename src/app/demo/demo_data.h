// app/demo/demo_data.h: the demonstration data `rapport demo` loads. Each module
// adds its part here, so one command fills a new database.
#pragma once

#include <string>
#include <vector>

#include "app/demo/demo_customers.h"
#include "core/result.h"
#include "core/time.h"
#include "i18n/catalog.h"
#include "store/database.h"

namespace rapport::app {

struct DemoLogin {
  std::string login;
  std::string roles;
  std::string language;
};

// The demo users: csr, manager, fulfilment, admin and the French-speaking
// conseiller, all with password "demo".
const std::vector<DemoLogin>& demo_logins();
constexpr const char* kDemoPassword = "demo";

struct DemoOptions {
  // How many customers the database should hold (demo_customers.h): 300
  // to try Rapport, up to a million for benchmarks.
  long long customers = 300;
  std::uint64_t seed = kDemoSeed;
  int batch_size = 50'000;  // customers per transaction
  DemoProgress progress;    // called after each transaction of customers
  // The demo campaigns and their service orders (demo_campaigns.h). Their
  // prospects become customers, so loads that must grow customer by
  // customer (benchmarks, tests of the generator) leave them out.
  bool campaigns = true;
  // The demo catalog, price lists, sales orders and assets (demo_sales.h).
  bool sales = true;
  // Generated products ("GEN-…") the catalog should hold besides the demo
  // ones, for benchmarks: up to kMaxDemoProducts.
  long long products = 0;
  // The catalog the demo letter (demo_sendings.h) is written with; none:
  // no demo sending.
  const i18n::Catalog* catalog = nullptr;
};

struct DemoReport {
  int users_created = 0;
  long long customers_created = 0;
  int contact_plans_created = 0;
  long long plan_entries_created = 0;
  int campaigns_created = 0;
  int service_orders_created = 0;
  int products_created = 0;  // the demo catalog's and the generated ones
  int sales_orders_created = 0;
  int assets_created = 0;
  int quotes_created = 0;        // demo_quotes.h, revisions included
  int portal_users_created = 0;  // demo_portal.h
  bool already_loaded = false;   // nothing was missing
};

// Loads what is missing of the demo data: the users, then customers up to
// options.customers (a second run adds nothing). Errors: invalid_input
// ("demo.customers_invalid"), conflict ("demo.customers_changed": customers
// were added meanwhile), unavailable, internal.
Result<DemoReport> load_demo_data(store::Database& db, const Clock& clock,
                                  const DemoOptions& options = {});

}  // namespace rapport::app
