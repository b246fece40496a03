#include "app/demo/demo_portal.h"

#include <soci/soci.h>

#include "app/access.h"
#include "app/crypto.h"
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

struct DemoPortalPerson {
  const char* login;
  const char* given_name;
  const char* family_name;
  const char* email;
};

constexpr DemoPortalPerson kPortalPeople[] = {
    {"customer", "Robin", "Taylor", "customer@portal.demo.example"},
    {"cliente", "Chloé", "Marchand", "cliente@portal.demo.example"},
};

// The first active customer speaking `lang` with an asset, a sales order and
// a quote, and no portal user yet; 0 when there is none.
std::int64_t demo_portal_customer(store::Tx& tx, const std::string& lang) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT MIN(c.id) FROM customers c WHERE c.status = 'active' AND c.language = :l "
              "AND EXISTS (SELECT 1 FROM assets a WHERE a.customer_id = c.id) "
              "AND EXISTS (SELECT 1 FROM sales_orders o WHERE o.customer_id = c.id) "
              "AND EXISTS (SELECT 1 FROM quotes q WHERE q.customer_id = c.id) "
              "AND NOT EXISTS (SELECT 1 FROM portal_users p WHERE p.customer_id = c.id)",
      soci::use(lang), soci::into(id, ind);
  return ind == soci::i_ok ? id : 0;
}

}  // namespace

Result<int> add_demo_portal_users(store::Database& db, const Clock& clock) {
  auto hash = hash_password(kDemoPassword);
  if (!hash) return hash.error();
  const Instant now = clock.now();
  const store::Actor who = system_actor("rapport");
  int made = 0;
  for (const auto& login : demo_portal_logins()) {
    const DemoPortalPerson* person = nullptr;
    for (const auto& p : kPortalPeople)
      if (login.login == p.login) person = &p;
    auto added = db.write([&](store::Tx& tx) -> Result<bool> {
      if (store::UserRepository::find_by_login(tx, login.login)) return false;
      const std::int64_t customer_id = demo_portal_customer(tx, login.language);
      if (customer_id == 0) return false;
      auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{customer_id});
      if (!customer) return customer.error();
      domain::Contact contact;
      contact.customer = customer->id;
      contact.given_name = person->given_name;
      contact.family_name = person->family_name;
      contact.email = person->email;
      contact.id = store::ContactRepository::insert(tx, contact, who, now);
      domain::User user;
      user.login = login.login;
      user.display_name = std::string(person->given_name) + " " + person->family_name;
      user.roles = {domain::Role::customer};
      user.language = customer->language;
      user.time_zone = customer->time_zone.empty() ? "Europe/Paris" : customer->time_zone;
      auto id = store::UserRepository::insert(tx, user, *hash, who, now);
      if (!id) return id.error();
      store::PortalRepository::insert(tx, *id, customer_id, contact.id.value, now);
      return true;
    });
    if (!added) return added.error();
    if (*added) ++made;
  }
  return made;
}

}  // namespace rapport::app
