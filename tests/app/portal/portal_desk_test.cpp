// Portal users on a real database (SQLite and PostgreSQL) with the
// invitation mailed to a real SMTP server on loopback (scripts/mail-sink):
// invite → link → password set → log-in; an expired, used or replaced link
// refused with nothing changed; a customer's portal never shows another
// customer's assets, quotes or orders.
#include "app/portal/portal_desk.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/sales/sales_order_desk.h"
#include "app/settings/settings_desk.h"
#include "app/users/auth_desk.h"
#include "delivery/mail_sink_process.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using delivery::testing::MailSinkProcess;
using rapport::testing::ymd;

// The token of the link "<base>/portal/invitation/<token>" in a mail's text.
std::string token_in(const std::string& text) {
  const std::string mark = "/portal/invitation/";
  auto at = text.find(mark);
  if (at == std::string::npos) return {};
  at += mark.size();
  return text.substr(at, text.find_first_of("\r\n ", at) - at);
}

class PortalDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    ASSERT_TRUE(sink.started());
    auto s = settings.get(admin);
    ASSERT_TRUE(s);
    s->company_name = "Télécom Éole";
    s->smtp_host = "127.0.0.1";
    s->smtp_port = sink.port();
    s->smtp_sender = "portail@eole.example";
    ASSERT_TRUE(settings.update(admin, *s));
  }

  // A customer with one contact who has `email`.
  std::pair<Customer, Contact> customer_with_contact(std::string family, Language lang,
                                                     std::string email) {
    NewCustomer n;
    n.customer.family_name = family;
    n.customer.given_name = "Jeanne";
    n.language = lang;
    n.customer.address = {"3 allée des Châtaigniers", "", "38000", "Grenoble", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = customers.add(csr, n);
    EXPECT_TRUE(added && added->created);
    if (!added || !added->created) return {};
    Contact c;
    c.customer = added->created->customer.id;
    c.given_name = "Hélène";
    c.family_name = family;
    c.email = std::move(email);
    auto contact = customers.add_contact(csr, c, "");
    EXPECT_TRUE(contact) << (contact ? "" : contact.error().key);
    return {added->created->customer, contact ? *contact : Contact{}};
  }

  // Invites the contact and returns the token of the mailed link.
  std::string invite(const Customer& c, const Contact& k, std::size_t mails_before = 0) {
    auto invited = desk.invite(csr, c.id.value, k.id.value, "http://portal.test");
    EXPECT_TRUE(invited) << (invited ? "" : invited.error().key);
    auto got = sink.messages(mails_before + 1);
    EXPECT_EQ(got.size(), mails_before + 1);
    if (got.size() != mails_before + 1) return {};
    // The newest mail to this contact (the sink's folders sort by arrival).
    std::sort(got.begin(), got.end(), [](const auto& x, const auto& y) {
      return x.at("dir").as_string() < y.at("dir").as_string();
    });
    std::string token;
    for (auto& m : got)
      if (m["to"].as_string() == k.email) token = token_in(std::string(m["text"].as_string()));
    return token;
  }

  Result<SessionStart> login(const std::string& user, const std::string& password) {
    return auth.login({user, password, "192.0.2.7", "test"});
  }

  MailSinkProcess sink;
  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  i18n::Catalog i18n_catalog{testing::test_locale_dir()};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User admin = testing::add_user(t.db(), clock, "ada", Role::admin, "Ada");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  CustomerDesk customers{t.db(), clock};
  SettingsDesk settings{t.db(), clock};
  AuthDesk auth{t.db(), clock};
  PortalDesk desk{t.db(), clock, i18n_catalog};
};

TEST_F(PortalDeskTest, AnInvitedContactSetsAPasswordLogsInAndSeesTheirCustomer) {
  auto [c, k] = customer_with_contact("Côté", Language::fr, "helene.cote@example.fr");
  auto invited = desk.invite(csr, c.id.value, k.id.value, "http://portal.test");
  ASSERT_TRUE(invited) << invited.error().key;
  EXPECT_EQ(invited->user.login, "helene.cote.example.fr");
  EXPECT_EQ(invited->expires_at, clock.now() + kInvitationValidity);
  auto got = sink.messages(1);
  ASSERT_EQ(got.size(), 1u);
  auto& m = got[0];
  EXPECT_EQ(m["to"].as_string(), "helene.cote@example.fr");
  EXPECT_EQ(m["subject"].as_string(), "Votre espace client Télécom Éole");
  const std::string text(m["text"].as_string());
  EXPECT_NE(text.find("Bonjour Hélène Côté,"), std::string::npos) << text;
  EXPECT_NE(text.find("http://portal.test/portal/invitation/"), std::string::npos) << text;
  EXPECT_NE(text.find("Votre identifiant\u00a0: helene.cote.example.fr"), std::string::npos)
      << text;
  const std::string token = token_in(text);
  ASSERT_GE(token.size(), 32u);
  // Before accepting, no password opens the account.
  EXPECT_FALSE(login("helene.cote.example.fr", "!"));

  auto view = desk.invitation(token);
  ASSERT_TRUE(view) << view.error().key;
  EXPECT_EQ(view->customer_name, c.display_name());
  EXPECT_EQ(view->user.language, Language::fr);
  EXPECT_TRUE(view->user.has_role(Role::customer));
  EXPECT_FALSE(view->user.is_staff());

  // The staff password policy: too short is refused, nothing changes.
  auto short_one = desk.accept(token, "court");
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().key, "user.password_short");
  ASSERT_TRUE(desk.invitation(token));

  auto accepted = desk.accept(token, "châtaigne-2026");
  ASSERT_TRUE(accepted) << accepted.error().key;
  auto session = login("helene.cote.example.fr", "châtaigne-2026");
  ASSERT_TRUE(session) << session.error().key;
  EXPECT_FALSE(app::allowed(session->user, Capability::use_desk));
  EXPECT_FALSE(app::allowed(session->user, Capability::read_customers));
  auto home = desk.home(session->user);
  ASSERT_TRUE(home) << home.error().key;
  EXPECT_EQ(home->customer.id, c.id);
  // Staff have no portal home.
  EXPECT_EQ(desk.home(csr).error().code, ErrorCode::forbidden);
}

TEST_F(PortalDeskTest, ALinkWorksOnceWithinItsValidityAndAnewInvitationReplacesIt) {
  auto [c, k] = customer_with_contact("Morel", Language::en, "luc.morel@example.com");
  const std::string first = invite(c, k);
  ASSERT_FALSE(first.empty());
  // Invited again: the first link stops working, the second works, once.
  const std::string second = invite(c, k, 1);
  ASSERT_FALSE(second.empty());
  ASSERT_NE(first, second);
  auto replaced = desk.accept(first, "first-password");
  ASSERT_FALSE(replaced);
  EXPECT_EQ(replaced.error().key, "portal.invitation_invalid");
  EXPECT_FALSE(login("luc.morel.example.com", "first-password"));
  ASSERT_TRUE(desk.accept(second, "second-password"));
  auto reused = desk.accept(second, "third-password");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().key, "portal.invitation_invalid");
  EXPECT_EQ(desk.invitation(second).error().key, "portal.invitation_invalid");
  EXPECT_FALSE(login("luc.morel.example.com", "third-password"));
  EXPECT_TRUE(login("luc.morel.example.com", "second-password"));
  EXPECT_EQ(desk.accept("no-such-token", "whatever-pass").error().code, ErrorCode::not_found);

  // A link older than 72 hours is refused and sets nothing.
  const std::string third = invite(c, k, 2);
  clock.advance(kInvitationValidity + std::chrono::seconds(1));
  auto expired = desk.accept(third, "late-password");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().key, "portal.invitation_expired");
  EXPECT_EQ(desk.invitation(third).error().key, "portal.invitation_expired");
  EXPECT_FALSE(login("luc.morel.example.com", "late-password"));
  EXPECT_TRUE(login("luc.morel.example.com", "second-password"));
}

TEST_F(PortalDeskTest, OnlyStaffWhoEditCustomersInviteAndOnlyContactsWithAnEmail) {
  auto [c, k] = customer_with_contact("Roux", Language::en, "");
  auto no_email = desk.invite(csr, c.id.value, k.id.value, "http://portal.test");
  ASSERT_FALSE(no_email);
  EXPECT_EQ(no_email.error().key, "portal.contact_no_email");
  auto [other, k2] = customer_with_contact("Blanc", Language::en, "anne.blanc@example.com");
  // The contact of another customer: not found.
  EXPECT_EQ(desk.invite(csr, c.id.value, k2.id.value, "http://x").error().code,
            ErrorCode::not_found);
  EXPECT_EQ(desk.invite(fulfiller, other.id.value, k2.id.value, "http://x").error().code,
            ErrorCode::forbidden);
  EXPECT_TRUE(sink.messages(0).empty());
}

TEST_F(PortalDeskTest, AnotherCustomersAssetsQuotesAndOrdersAreNeverShown) {
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  CatalogDesk catalog{t.db(), clock};
  SalesOrderDesk orders{t.db(), clock};
  PriceList list;
  list.code = "STD";
  list.name_en = "Standard";
  list.currency = "EUR";
  list.valid_from = ymd(2026, 1, 1);
  list.is_default = true;
  auto stored = catalog.create_price_list(manager, list);
  ASSERT_TRUE(stored);
  Product p;
  p.code = "FIBRE-1G";
  p.name_en = "Fibre 1 Gb/s";
  p.trackable = true;
  p.orderable_from = ymd(2026, 1, 1);
  auto made = catalog.create_product(manager, p);
  ASSERT_TRUE(made);
  ASSERT_TRUE(catalog.set_price(manager, stored->id, {made->id, 3'990, {}}));

  auto [a, ka] = customer_with_contact("Arnaud", Language::en, "a@example.com");
  auto [b, kb] = customer_with_contact("Bernard", Language::en, "b@example.com");
  // Customer B has a fulfilled order (an asset) and an open one; A has none.
  SalesOrderHeader h;
  h.customer = b.id.value;
  auto o = orders.create(csr, h);
  ASSERT_TRUE(o);
  o = orders.add_line(csr, o->id, o->version, {std::nullopt, "FIBRE-1G", 1000, 0});
  o = orders.submit(csr, o->id, o->version);
  ASSERT_TRUE(o) << o.error().key;
  ASSERT_TRUE(orders.complete_line(fulfiller, o->id, std::nullopt, o->lines[0].id));

  const std::string ta = invite(a, ka), tb = invite(b, kb, 1);
  auto ua = desk.accept(ta, "password-a1"), ub = desk.accept(tb, "password-b1");
  ASSERT_TRUE(ua && ub);
  auto home_b = desk.home(*ub);
  ASSERT_TRUE(home_b);
  EXPECT_EQ(home_b->customer.id, b.id);
  ASSERT_EQ(home_b->assets.size(), 1u);
  EXPECT_EQ(home_b->assets[0].asset.customer, b.id.value);
  ASSERT_EQ(home_b->orders.size(), 1u);
  auto home_a = desk.home(*ua);
  ASSERT_TRUE(home_a);
  EXPECT_EQ(home_a->customer.id, a.id);
  EXPECT_TRUE(home_a->assets.empty());
  EXPECT_TRUE(home_a->orders.empty());
  EXPECT_TRUE(home_a->quotes.empty());
}

}  // namespace
}  // namespace rapport::app
