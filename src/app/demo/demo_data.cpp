#include "app/demo/demo_data.h"

#include "app/demo/demo_advisor.h"
#include "app/demo/demo_campaigns.h"
#include "app/demo/demo_contact_plans.h"
#include "app/demo/demo_mail.h"
#include "app/demo/demo_portal.h"
#include "app/demo/demo_quotes.h"
#include "app/demo/demo_sales.h"
#include "app/demo/demo_sendings.h"
#include "app/demo/demo_supervision.h"
#include "app/users/user_desk.h"
#include "store/users/user_repository.h"

namespace rapport::app {

const std::vector<DemoLogin>& demo_logins() {
  static const std::vector<DemoLogin> logins{
      {"csr", "csr", "en"},     {"manager", "manager", "en"}, {"fulfilment", "fulfilment", "en"},
      {"admin", "admin", "en"}, {"conseiller", "csr", "fr"},
  };
  return logins;
}

namespace {

struct DemoPerson {
  const char* login;
  const char* display_name;
  const char* time_zone;
};

constexpr DemoPerson kPeople[] = {
    {"csr", "Sam Carter", "America/Toronto"},
    {"manager", "Morgan Blake", "America/Toronto"},
    {"fulfilment", "Frankie Dubois", "Europe/Paris"},
    {"admin", "Alex Admin", "Europe/Paris"},
    {"conseiller", "Camille Lefèvre", "Europe/Paris"},
};

// The demo CSRs, who logged the demo customers' calls and notes.
Result<DemoStaff> demo_staff(store::Database& db) {
  return db.read([](store::Tx& tx) -> Result<DemoStaff> {
    DemoStaff staff;
    if (auto u = store::UserRepository::find_by_login(tx, "csr")) {
      staff.english = u->user.id;
      staff.english_name = u->user.display_name;
    }
    if (auto u = store::UserRepository::find_by_login(tx, "conseiller")) {
      staff.french = u->user.id;
      staff.french_name = u->user.display_name;
    }
    return staff;
  });
}

}  // namespace

Result<DemoReport> load_demo_data(store::Database& db, const Clock& clock,
                                  const DemoOptions& options) {
  // Checked before anything is written, though add_demo_customers checks too.
  if (options.customers < 0 || options.customers > kMaxDemoCustomers)
    return Error::invalid("demo.customers_invalid", "customers",
                          {{"max", std::to_string(kMaxDemoCustomers)}});
  if (options.products < 0 || options.products > kMaxDemoProducts)
    return Error::invalid("demo.products_invalid", "products",
                          {{"max", std::to_string(kMaxDemoProducts)}});
  DemoReport report;
  UserDesk users(db, clock);
  for (const auto& login : demo_logins()) {
    auto exists = db.read([&](store::Tx& tx) -> Result<bool> {
      return store::UserRepository::find_by_login(tx, login.login).has_value();
    });
    if (!exists) return exists.error();
    if (*exists) continue;
    domain::User u;
    u.login = login.login;
    for (const auto& p : kPeople)
      if (login.login == p.login) {
        u.display_name = p.display_name;
        u.time_zone = p.time_zone;
      }
    u.roles = domain::parse_roles(login.roles).value();
    u.language = parse_language(login.language).value_or(Language::en);
    // The demo password is short on purpose: it is printed by `make run`.
    auto created = users.create_as_system(u, kDemoPassword, /*check_password_policy=*/false);
    if (!created) return created.error();
    ++report.users_created;
  }
  auto staff = demo_staff(db);
  if (!staff) return staff.error();
  auto customers = add_demo_customers(
      db, clock, {options.customers, options.seed, options.batch_size, options.progress}, *staff);
  if (!customers) return customers.error();
  report.customers_created = *customers;
  auto plans = add_demo_contact_plans(db, clock, *staff);
  if (!plans) return plans.error();
  report.contact_plans_created = plans->plans_created;
  report.plan_entries_created = plans->entries_created;
  if (options.campaigns) {
    auto campaigns = add_demo_campaigns(db, clock, *staff);
    if (!campaigns) return campaigns.error();
    report.campaigns_created = campaigns->campaigns_created;
    report.service_orders_created = campaigns->orders_created;
  }
  if (options.sales || options.products > 0) {
    auto sales = add_demo_sales(db, clock, options.products);
    if (!sales) return sales.error();
    report.products_created =
        sales->products_created + static_cast<int>(sales->generated_products_created);
    report.sales_orders_created = sales->orders_created;
    report.assets_created = sales->assets_created;
    auto quotes = add_demo_quotes(db, clock);
    if (!quotes) return quotes.error();
    report.quotes_created = *quotes;
    if (auto advisor = add_demo_advisor(db, clock); !advisor) return advisor.error();
    auto portal = add_demo_portal_users(db, clock);
    if (!portal) return portal.error();
    report.portal_users_created = portal->users_created;
    report.sales_orders_created += portal->orders_created;
    report.assets_created += portal->assets_created;
    if (*quotes > 0 && options.catalog)
      if (auto letters = add_demo_sendings(db, clock, *options.catalog); !letters)
        return letters.error();
  }
  if (auto past = add_demo_supervision_history(db, clock, *staff); !past) return past.error();
  if (auto day = add_demo_supervision_day(db, clock, *staff); !day) return day.error();
  if (auto mail = point_demo_mail_at_sink(db, clock); !mail) return mail.error();
  report.already_loaded = report.users_created == 0 && report.customers_created == 0 &&
                          report.contact_plans_created == 0 && report.campaigns_created == 0 &&
                          report.products_created == 0 && report.quotes_created == 0 &&
                          report.portal_users_created == 0;
  return report;
}

}  // namespace rapport::app
