// app/demo_data.h: the demonstration data `rapport demo` loads. Each module
// adds its part here, so one command fills a new database.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
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

struct DemoReport {
  int users_created = 0;
  bool already_loaded = false;
};

// Loads the demo data unless it is there already (then does nothing).
// Errors: unavailable, internal.
Result<DemoReport> load_demo_data(store::Database& db, const Clock& clock);

}  // namespace rapport::app
