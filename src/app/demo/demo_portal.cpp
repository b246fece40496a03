#include "app/demo/demo_portal.h"

#include <soci/soci.h>

#include "app/access.h"
#include "app/crypto.h"
#include "app/sales/sales_order_desk.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/portal/portal_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {

const std::vector<DemoLogin>& demo_portal_logins() {
  static const std::vector<DemoLogin> logins{{"customer", "customer", "en"},
                                             {"cliente", "customer", "fr"}};
  return logins;
}

namespace {

constexpr const char* kPortalEmails[] = {"customer@portal.demo.example",
                                         "cliente@portal.demo.example"};

// The first active customer speaking `lang` with a quote, billed in euros
// (the demo lists' currency), without a portal user — with an asset and a
// sales order when `with_order`; 0 when none.
std::int64_t demo_portal_customer(store::Tx& tx, const std::string& lang, bool with_order) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT MIN(c.id) FROM customers c WHERE c.status = 'active' AND c.language = :l "
              "AND EXISTS (SELECT 1 FROM quotes q WHERE q.customer_id = c.id) "
              "AND (:o = 0 OR (EXISTS (SELECT 1 FROM assets a WHERE a.customer_id = c.id) "
              "AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.customer_id = c.id))) "
              "AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = c.id AND "
              "a.currency <> 'EUR') "
              "AND NOT EXISTS (SELECT 1 FROM portal_users p WHERE p.customer_id = c.id)",
      soci::use(lang), soci::use(with_order ? 1 : 0), soci::into(id, ind);
  return ind == soci::i_ok ? id : 0;
}

Result<domain::User> demo_user(store::Database& db, const char* login) {
  return db.read([&](store::Tx& tx) -> Result<domain::User> {
    auto u = store::UserRepository::find_by_login(tx, login);
    if (!u) return Error::not_found();
    return u->user;
  });
}

// A customer of `lang` for the portal demo: one with an asset, an order
// and a quote; else one with a quote, given an order the demo CSR takes
// and fulfilment completes (its asset). 0: none (or the login exists).
Result<std::int64_t> demo_portal_pick(store::Database& db, const Clock& clock,
                                      const std::string& login, const std::string& lang,
                                      DemoPortalReport& report) {
  auto picked = db.read([&](store::Tx& tx) -> Result<std::pair<std::int64_t, bool>> {
    if (store::UserRepository::find_by_login(tx, login))
      return std::make_pair(std::int64_t{0}, true);
    if (auto id = demo_portal_customer(tx, lang, true)) return std::make_pair(id, true);
    return std::make_pair(demo_portal_customer(tx, lang, false), false);
  });
  if (!picked) return picked.error();
  if (picked->first == 0 || picked->second) return picked->first;
  auto csr = demo_user(db, "csr");
  auto fulfilment = demo_user(db, "fulfilment");
  if (!csr || !fulfilment) return std::int64_t{0};
  SalesOrderDesk orders(db, clock);
  SalesOrderHeader h;
  h.customer = picked->first;
  auto o = orders.create(*csr, h);
  if (o) o = orders.add_line(*csr, o->id, o->version, {std::nullopt, "WIFI-REPEATER", 1000, 0});
  if (o) o = orders.submit(*csr, o->id, o->version);
  if (o && !o->lines.empty())
    o = orders.complete_line(*fulfilment, o->id, std::nullopt, o->lines.front().id);
  if (!o) return std::int64_t{0};  // no demo portal user rather than no demo
  ++report.orders_created;
  ++report.assets_created;
  return picked->first;
}

}  // namespace

Result<DemoPortalReport> add_demo_portal_users(store::Database& db, const Clock& clock) {
  auto hash = hash_password(kDemoPassword);
  if (!hash) return hash.error();
  const store::Actor who = system_actor("rapport");
  DemoPortalReport report;
  for (std::size_t i = 0; i < demo_portal_logins().size(); ++i) {
    const auto& login = demo_portal_logins()[i];
    auto customer_id = demo_portal_pick(db, clock, login.login, login.language, report);
    if (!customer_id) return customer_id.error();
    if (*customer_id == 0) continue;
    const Instant now = clock.now();
    auto added = db.write([&](store::Tx& tx) -> Result<bool> {
      if (store::UserRepository::find_by_login(tx, login.login)) return false;
      auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{*customer_id});
      if (!customer) return customer.error();
      // A person is their own contact; a company's portal user is a person there.
      domain::Contact contact;
      contact.customer = customer->id;
      contact.given_name =
          customer->kind == domain::CustomerKind::person ? customer->given_name : "Robin";
      contact.family_name =
          customer->kind == domain::CustomerKind::person ? customer->family_name : "Taylor";
      contact.email = kPortalEmails[i];
      contact.id = store::ContactRepository::insert(tx, contact, who, now);
      domain::User user;
      user.login = login.login;
      user.display_name = contact.given_name.empty()
                              ? contact.family_name
                              : contact.given_name + " " + contact.family_name;
      user.roles = {domain::Role::customer};
      user.language = customer->language;
      user.time_zone = customer->time_zone.empty() ? "Europe/Paris" : customer->time_zone;
      auto id = store::UserRepository::insert(tx, user, *hash, who, now);
      if (!id) return id.error();
      store::PortalRepository::insert(tx, *id, *customer_id, contact.id.value, now);
      return true;
    });
    if (!added) return added.error();
    if (*added) ++report.users_created;
  }
  return report;
}

}  // namespace rapport::app
