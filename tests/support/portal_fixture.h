// tests/support/portal_fixture.h: what the portal's C++ tests share (tests/
// app/portal/*): a real database with staff users, the installation's SMTP
// settings pointed at a real SMTP server on loopback (scripts/mail-sink,
// started by use_mail_sink()), customers with a contact, the invitation
// mailed and its link's token, portal users (invited, or bound directly),
// and a catalog with a default price list.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/portal/portal_desk.h"
#include "app/sales/sales_order_desk.h"
#include "app/settings/settings_desk.h"
#include "app/users/auth_desk.h"
#include "delivery/mail_sink_process.h"
#include "store/portal/portal_repository.h"
#include "store/users/user_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::testing {

// The token after `mark` in a mail's text ("/portal/invitation/…").
inline std::string token_after(const std::string& text, const std::string& mark) {
  auto at = text.find(mark);
  if (at == std::string::npos) return {};
  at += mark.size();
  return text.substr(at, text.find_first_of("\r\n ", at) - at);
}

class PortalFixture : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  // Starts the SMTP sink and points the installation's settings at it.
  void use_mail_sink() {
    sink = std::make_unique<delivery::testing::MailSinkProcess>();
    ASSERT_TRUE(sink->started());
    auto s = settings.get(admin);
    ASSERT_TRUE(s);
    s->company_name = "Télécom Éole";
    s->smtp_host = "127.0.0.1";
    s->smtp_port = sink->port();
    s->smtp_sender = "portail@eole.example";
    ASSERT_TRUE(settings.update(admin, *s));
  }

  // The mails the sink holds (at least `at_least`, waited for), oldest first.
  std::vector<boost::json::object> mails(std::size_t at_least) {
    auto got = sink->messages(at_least);
    std::sort(got.begin(), got.end(), [](const auto& x, const auto& y) {
      return x.at("dir").as_string() < y.at("dir").as_string();
    });
    return got;
  }
  std::size_t mail_count() { return sink->messages(0).size(); }

  // A customer (a person, `family`, Grenoble) with one contact Hélène
  // `family` of `email`; `customer_email` also on the customer when given.
  std::pair<domain::Customer, domain::Contact> customer_with_contact(
      const std::string& family, Language lang, const std::string& email,
      const std::string& customer_email = {}) {
    app::NewCustomer n;
    n.customer.family_name = family;
    n.customer.given_name = "Jeanne";
    n.language = lang;
    n.customer.address = {"3 allée des Châtaigniers", "", "38000", "Grenoble", "", "FR"};
    if (!customer_email.empty()) {
      n.customer.emails = {customer_email};
      n.typed_phones = {{domain::PhoneType::mobile, "06 12 34 56 78"}};
    }
    n.save_despite_duplicates = true;
    auto added = customers.add(csr, n);
    EXPECT_TRUE(added && added->created);
    if (!added || !added->created) return {};
    domain::Contact c;
    c.customer = added->created->customer.id;
    c.given_name = "Hélène";
    c.family_name = family;
    c.email = email;
    auto contact = customers.add_contact(csr, c, "");
    EXPECT_TRUE(contact) << (contact ? "" : contact.error().key);
    return {added->created->customer, contact ? *contact : domain::Contact{}};
  }

  // Invites the contact (use_mail_sink() first) and returns the token of the
  // link in the newest mail to the contact ("" when none came).
  std::string invite(const domain::Customer& c, const domain::Contact& k) {
    const std::size_t before = mail_count();
    auto invited = invitations.invite(csr, c.id.value, k.id.value, "http://portal.test");
    EXPECT_TRUE(invited) << (invited ? "" : invited.error().key);
    auto got = mails(before + 1);
    EXPECT_EQ(got.size(), before + 1);
    std::string token;
    for (auto& m : got)
      if (m["to"].as_string() == k.email)
        token = token_after(std::string(m["text"].as_string()), "/portal/invitation/");
    return token;
  }

  // The contact invited, its password set from the mailed link and signed
  // in: the portal user as AuthDesk loads it.
  domain::User invited_user(const domain::Customer& c, const domain::Contact& k,
                            const std::string& password = "first-password") {
    auto user = invitations.accept(invite(c, k), password);
    EXPECT_TRUE(user) << (user ? "" : user.error().key);
    if (!user) return {};
    auto session = auth.login({user->login, password, "192.0.2.7", "test"});
    EXPECT_TRUE(session);
    return session ? session->user : domain::User{};
  }

  // A portal user `login` bound to the customer and contact, as an accepted
  // invitation leaves it (portal_desk_test covers the invitation itself).
  domain::User bound_user(const std::string& login, std::int64_t customer, const domain::Contact& k,
                          const std::string& name) {
    domain::User u = add_user(t.db(), clock, login, domain::Role::customer, name);
    domain::User loaded;
    EXPECT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
      store::PortalRepository::insert(tx, u.id, customer, k.id.value, clock.now());
      loaded = *store::UserRepository::find(tx, u.id);
      return Ok{};
    }));
    EXPECT_TRUE(app::is_portal_user(loaded));
    return loaded;
  }

  // The default price list `code`, valid from 2026-01-01.
  Id<domain::PriceList> default_price_list(const std::string& code, const std::string& name) {
    domain::PriceList list;
    list.code = code;
    list.name_en = name;
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().key);
    return stored ? stored->id : Id<domain::PriceList>{};
  }

  // A product orderable from 2026-01-01 (to `orderable_to`) at `price`
  // cents in `list`, with one feature (Speed: 1 Gb/s).
  Id<domain::Product> priced_product(Id<domain::PriceList> list, const std::string& code,
                                     const std::string& name, std::int64_t price,
                                     bool trackable = true,
                                     std::optional<CivilDate> orderable_to = std::nullopt,
                                     const std::string& name_fr = {}) {
    domain::Product p;
    p.code = code;
    p.name_en = name;
    p.name_fr = name_fr;
    p.trackable = trackable;
    p.orderable_from = ymd(2026, 1, 1);
    p.orderable_to = orderable_to;
    p.features = {{"Speed", "1 Gb/s"}};
    auto made = catalog.create_product(manager, p);
    EXPECT_TRUE(made) << (made ? "" : made.error().key);
    if (!made) return {};
    EXPECT_TRUE(catalog.set_price(manager, list, {made->id, price, {}}));
    return made->id;
  }

  // An order of `customer` for one unit of `product_code` (a priced,
  // trackable product), submitted by the CSR and its line completed by
  // fulfilment: a fulfilled order and the asset it made. The order as
  // submitted (its id, number and line); an empty one when a step failed.
  domain::SalesOrder fulfilled_order(const domain::Customer& customer,
                                     const std::string& product_code) {
    app::SalesOrderHeader h;
    h.customer = customer.id.value;
    auto o = orders.create(csr, h);
    if (o) o = orders.add_line(csr, o->id, o->version, {std::nullopt, product_code, 1000, 0});
    if (o) o = orders.submit(csr, o->id, o->version);
    EXPECT_TRUE(o) << (o ? "" : o.error().key);
    if (!o || o->lines.empty()) return {};
    auto done = orders.complete_line(fulfiller, o->id, std::nullopt, o->lines[0].id);
    EXPECT_TRUE(done) << (done ? "" : done.error().key);
    return done ? *o : domain::SalesOrder{};
  }

  std::unique_ptr<delivery::testing::MailSinkProcess> sink;
  TestDatabase t;
  FixedClock clock{test_epoch()};  // 2026-03-10
  i18n::Catalog i18n_catalog{test_locale_dir()};
  domain::User csr = add_user(t.db(), clock, "cora", domain::Role::csr, "Cora");
  domain::User admin = add_user(t.db(), clock, "ada", domain::Role::admin, "Ada");
  domain::User manager = add_user(t.db(), clock, "mona", domain::Role::manager, "Mona");
  domain::User fulfiller = add_user(t.db(), clock, "fred", domain::Role::fulfilment, "Fred");
  app::CustomerDesk customers{t.db(), clock};
  app::SettingsDesk settings{t.db(), clock};
  app::CatalogDesk catalog{t.db(), clock};
  app::SalesOrderDesk orders{t.db(), clock};
  app::AuthDesk auth{t.db(), clock};
  app::PortalDesk invitations{t.db(), clock, i18n_catalog};
};

}  // namespace rapport::testing
