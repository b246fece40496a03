// The portal user's own account on a real database (SQLite and PostgreSQL),
// with mail through a real SMTP server on loopback (scripts/mail-sink):
// the password reset link (1 hour, once, replaced by a new request, 3
// requests an hour per address, the same answer for unknown addresses);
// details corrected through the CSR's use case, audited as the customer and
// logged as a web interaction; another customer's order or asset is as
// unknown as an id that does not exist.
#include <algorithm>

#include <gtest/gtest.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/portal/portal_desk.h"
#include "app/portal/portal_details.h"
#include "app/portal/portal_password_reset.h"
#include "app/portal/portal_records.h"
#include "app/sales/sales_order_desk.h"
#include "app/settings/settings_desk.h"
#include "app/users/auth_desk.h"
#include "delivery/mail_sink_process.h"
#include "store/audit_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using delivery::testing::MailSinkProcess;
using rapport::testing::ymd;

// The token after `mark` in a mail's text ("/portal/invitation/…").
std::string account_token_in(const std::string& text, const std::string& mark) {
  auto at = text.find(mark);
  if (at == std::string::npos) return {};
  at += mark.size();
  return text.substr(at, text.find_first_of("\r\n ", at) - at);
}

class PortalAccountTest : public ::testing::Test {
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

  // The mails the sink holds, oldest first.
  std::vector<boost::json::object> mails(std::size_t at_least) {
    auto got = sink.messages(at_least);
    std::sort(got.begin(), got.end(), [](const auto& x, const auto& y) {
      return x.at("dir").as_string() < y.at("dir").as_string();
    });
    return got;
  }

  // A customer with a contact of `email`, invited, whose password is set:
  // the portal user (signed-in user as AuthDesk loads it).
  std::pair<Customer, User> portal_customer(const std::string& family, Language lang,
                                            const std::string& email) {
    NewCustomer n;
    n.customer.family_name = family;
    n.customer.given_name = "Jeanne";
    n.language = lang;
    n.customer.address = {"3 allée des Châtaigniers", "", "38000", "Grenoble", "", "FR"};
    n.customer.emails = {email};
    n.typed_phones = {{PhoneType::mobile, "06 12 34 56 78"}};
    n.save_despite_duplicates = true;
    auto added = customers.add(csr, n);
    EXPECT_TRUE(added && added->created);
    if (!added || !added->created) return {};
    Contact c;
    c.customer = added->created->customer.id;
    c.given_name = "Hélène";
    c.family_name = family;
    c.email = email;
    auto contact = customers.add_contact(csr, c, "");
    EXPECT_TRUE(contact);
    const std::size_t before = sink.messages(0).size();
    auto invited = invitations.invite(csr, c.customer.value, contact->id.value, "http://p.test");
    EXPECT_TRUE(invited) << (invited ? "" : invited.error().key);
    auto got = mails(before + 1);
    const std::string token =
        account_token_in(std::string(got.back()["text"].as_string()), "/portal/invitation/");
    auto user = invitations.accept(token, "first-password");
    EXPECT_TRUE(user) << (user ? "" : user.error().key);
    auto session = auth.login({user->login, "first-password", "192.0.2.7", "test"});
    EXPECT_TRUE(session);
    return {added->created->customer, session ? session->user : User{}};
  }

  // Asks for a reset of `email` and returns the newest mail's link token
  // (empty when no new mail arrived).
  std::string ask_reset(const std::string& email) {
    const std::size_t before = sink.messages(0).size();
    EXPECT_TRUE(reset.request(email, "http://p.test"));
    auto got = mails(before + 1);
    if (got.size() <= before) return {};
    return account_token_in(std::string(got.back()["text"].as_string()), "/portal/password-reset/");
  }

  bool can_log_in(const std::string& login, const std::string& password) {
    return static_cast<bool>(auth.login({login, password, "192.0.2.7", "test"}));
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
  PortalDesk invitations{t.db(), clock, i18n_catalog};
  PortalPasswordReset reset{t.db(), clock, i18n_catalog};
  PortalRecords records{t.db(), clock};
  PortalDetailsDesk details{t.db(), clock, i18n_catalog};
};

TEST_F(PortalAccountTest, AResetLinkInTheUsersLanguageSetsThePasswordOnceWithinAnHour) {
  auto [c, user] = portal_customer("Côté", Language::fr, "helene.cote@example.fr");
  const std::size_t before = sink.messages(0).size();
  // Typed with spaces and capitals, as people do.
  ASSERT_TRUE(reset.request("  Helene.Cote@Example.fr ", "http://p.test"));
  auto got = mails(before + 1);
  ASSERT_EQ(got.size(), before + 1);
  auto& m = got.back();
  EXPECT_EQ(m["to"].as_string(), "helene.cote@example.fr");
  EXPECT_EQ(m["subject"].as_string(), "Votre nouveau mot de passe de l’espace client Télécom Éole");
  const std::string text(m["text"].as_string());
  EXPECT_NE(text.find("Bonjour Hélène Côté,"), std::string::npos) << text;
  const std::string token = account_token_in(text, "/portal/password-reset/");
  ASSERT_GE(token.size(), 32u);

  auto who = reset.user_of(token);
  ASSERT_TRUE(who) << who.error().key;
  EXPECT_EQ(who->id, user.id);
  auto weak = reset.reset(token, "court");
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().key, "user.password_short");
  ASSERT_TRUE(reset.reset(token, "nouveau-secret-1"));
  EXPECT_TRUE(can_log_in(user.login, "nouveau-secret-1"));
  EXPECT_FALSE(can_log_in(user.login, "first-password"));
  // Once only.
  auto again = reset.reset(token, "nouveau-secret-2");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "portal.reset_invalid");
  EXPECT_FALSE(can_log_in(user.login, "nouveau-secret-2"));

  // An hour later the link has expired and sets nothing.
  const std::string late = ask_reset("helene.cote@example.fr");
  ASSERT_FALSE(late.empty());
  clock.advance(kPasswordResetValidity + std::chrono::seconds(1));
  auto expired = reset.reset(late, "trop-tard-123");
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().key, "portal.reset_expired");
  EXPECT_EQ(reset.user_of(late).error().key, "portal.reset_expired");
  EXPECT_TRUE(can_log_in(user.login, "nouveau-secret-1"));
}

TEST_F(PortalAccountTest, ANewRequestReplacesTheLinkAndAnAddressAsksThreeTimesAnHour) {
  auto [c, user] = portal_customer("Morel", Language::en, "luc.morel@example.com");
  const std::string first = ask_reset("luc.morel@example.com");
  const std::string second = ask_reset("luc.morel@example.com");
  ASSERT_FALSE(first.empty());
  ASSERT_FALSE(second.empty());
  ASSERT_NE(first, second);
  EXPECT_EQ(reset.reset(first, "replaced-pass-1").error().key, "portal.reset_invalid");
  EXPECT_FALSE(can_log_in(user.login, "replaced-pass-1"));

  // The third request of the hour is mailed, the fourth is not — the same
  // answer all the same.
  ASSERT_FALSE(ask_reset("luc.morel@example.com").empty());
  const std::size_t before = sink.messages(0).size();
  EXPECT_TRUE(reset.request("luc.morel@example.com", "http://p.test"));
  EXPECT_EQ(sink.messages(0).size(), before);
  // An address nobody has gets the same answer and no mail.
  EXPECT_TRUE(reset.request("nobody@example.com", "http://p.test"));
  EXPECT_EQ(sink.messages(0).size(), before);
  EXPECT_EQ(reset.request("not an address", "http://p.test").error().key, "field.email_invalid");
  // An hour later the address may ask again.
  clock.advance(std::chrono::hours(1) + std::chrono::seconds(1));
  const std::string later = ask_reset("luc.morel@example.com");
  ASSERT_FALSE(later.empty());
  ASSERT_TRUE(reset.reset(later, "later-password-1"));
  EXPECT_TRUE(can_log_in(user.login, "later-password-1"));
}

TEST_F(PortalAccountTest, TheCustomerCorrectsTheirDetailsAuditedAsThemselves) {
  auto [c, user] = portal_customer("Roux", Language::fr, "anne.roux@example.fr");
  auto mine = details.details(user);
  ASSERT_TRUE(mine) << mine.error().key;
  EXPECT_EQ(mine->customer.id, c.id);
  EXPECT_EQ(mine->contact.email, "anne.roux@example.fr");

  DetailsCorrection fix;
  fix.version = mine->customer.version;
  fix.phone = "07 98 76 54 32";
  fix.email = "anne.roux@nouveau.example";
  fix.address = {"8 rue Lafayette", "Bâtiment B", "69003", "Lyon", "", "FR"};
  // A mistake is refused beside its field, nothing saved.
  DetailsCorrection bad = fix;
  bad.email = "pas une adresse";
  bad.address.city = "";
  FieldErrors errors;
  auto refused = details.correct(user, bad, &errors);
  ASSERT_FALSE(refused);
  ASSERT_EQ(refused.error().code, ErrorCode::invalid_input);
  std::vector<std::string> fields;
  for (const auto& e : errors.errors) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "email"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "city"), fields.end());

  auto saved = details.correct(user, fix, &errors);
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(saved->customer.emails.front(), "anne.roux@nouveau.example");
  EXPECT_EQ(saved->customer.phones.front().e164, "+33798765432");
  EXPECT_EQ(saved->customer.address.city, "Lyon");
  EXPECT_EQ(saved->customer.family_name, "Roux") << "what the customer may not change is kept";
  // The CSR sees it on the 360° view: changed by the customer, on the web.
  auto view = customers.view(csr, c.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->customer.address.city, "Lyon");
  auto web =
      std::find_if(view->interactions.begin(), view->interactions.end(),
                   [](const Interaction& i) { return i.channel == InteractionChannel::web; });
  ASSERT_NE(web, view->interactions.end());
  EXPECT_EQ(web->summary, "Coordonnées corrigées par le client sur l’espace client.");
  EXPECT_EQ(web->user_name, user.display_name);
  auto history = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "customer", c.id.value);
  });
  ASSERT_TRUE(history);
  auto city = std::find_if(history->begin(), history->end(), [](const store::AuditRow& r) {
    return r.new_value && r.new_value->find("Lyon") != std::string::npos;
  });
  ASSERT_NE(city, history->end());
  EXPECT_EQ(city->user_name, user.display_name);

  // Read at the old version: refused as stale.
  auto stale = details.correct(user, fix, &errors);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  // The customer's CustomerDesk::update on another customer: not found.
  auto [other, other_user] = portal_customer("Blanc", Language::en, "anne.blanc@example.com");
  Customer theirs = other;
  theirs.address.city = "Paris";
  EXPECT_EQ(customers.update(user, theirs, {}).error().code, ErrorCode::not_found);
  // Staff have no portal details.
  EXPECT_EQ(details.details(csr).error().code, ErrorCode::forbidden);
}

TEST_F(PortalAccountTest, AnotherCustomersOrderAndAssetAreAsUnknownAsMissingOnes) {
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

  auto [a, ua] = portal_customer("Arnaud", Language::en, "a@example.com");
  auto [b, ub] = portal_customer("Bernard", Language::en, "b@example.com");
  SalesOrderHeader h;
  h.customer = b.id.value;
  auto o = orders.create(csr, h);
  ASSERT_TRUE(o);
  o = orders.add_line(csr, o->id, o->version, {std::nullopt, "FIBRE-1G", 1000, 0});
  o = orders.submit(csr, o->id, o->version);
  ASSERT_TRUE(o) << o.error().key;
  ASSERT_TRUE(orders.complete_line(fulfiller, o->id, std::nullopt, o->lines[0].id));

  // B sees the order with its line and totals, and the asset it made.
  auto mine = records.order(ub, o->id);
  ASSERT_TRUE(mine) << mine.error().key;
  EXPECT_EQ(mine->order.lines.size(), 1u);
  EXPECT_EQ(mine->totals.net, 3'990);
  auto assets = records.assets(ub);
  ASSERT_TRUE(assets);
  ASSERT_EQ(assets->size(), 1u);
  const auto asset_id = assets->front().asset.id;
  auto asset = records.asset(ub, asset_id);
  ASSERT_TRUE(asset) << asset.error().key;
  EXPECT_EQ(asset->origin_order, o->id.value);
  EXPECT_EQ(asset->origin_order_number, o->number);
  EXPECT_EQ(asset->row.product_code, "FIBRE-1G");

  // A gets exactly what an unknown id gets.
  auto theirs = records.order(ua, o->id);
  auto missing = records.order(ua, Id<SalesOrder>{o->id.value + 1000});
  ASSERT_FALSE(theirs);
  ASSERT_FALSE(missing);
  EXPECT_EQ(theirs.error().code, ErrorCode::not_found);
  EXPECT_EQ(theirs.error().key, missing.error().key);
  auto their_asset = records.asset(ua, asset_id);
  auto no_asset = records.asset(ua, Id<Asset>{asset_id.value + 1000});
  ASSERT_FALSE(their_asset);
  ASSERT_FALSE(no_asset);
  EXPECT_EQ(their_asset.error().code, ErrorCode::not_found);
  EXPECT_EQ(their_asset.error().key, no_asset.error().key);
  EXPECT_TRUE(records.assets(ua)->empty());
  EXPECT_EQ(orders.assets(ua, b.id.value).error().code, ErrorCode::not_found);
  // Staff use the desk, not the portal.
  EXPECT_EQ(records.order(csr, o->id).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(orders.view(csr, o->id));
}

TEST_F(PortalAccountTest, MessagesAreTheCustomersLettersMailsAndWebNewestFirstByPages) {
  auto [c, user] = portal_customer("Petit", Language::en, "paul.petit@example.com");
  auto [other, other_user] = portal_customer("Grand", Language::en, "gg@example.com");
  // Five letters and e-mails, a call (not shown) and the other's letter.
  for (int i = 0; i < 5; ++i) {
    Interaction letter;
    letter.customer = c.id;
    letter.channel = i % 2 ? InteractionChannel::email : InteractionChannel::letter;
    letter.direction = InteractionDirection::outbound;
    letter.summary = "Message " + std::to_string(i);
    ASSERT_TRUE(customers.record_interaction(csr, letter));
    clock.advance(std::chrono::minutes(1));
  }
  Interaction call;
  call.customer = c.id;
  call.channel = InteractionChannel::call;
  call.summary = "Internal call note";
  ASSERT_TRUE(customers.record_interaction(csr, call));
  // Staff do not log web interactions by hand: those are the customer's.
  Interaction forged = call;
  forged.channel = InteractionChannel::web;
  EXPECT_EQ(customers.record_interaction(csr, forged).error().key, "interaction.channel_web");
  Interaction theirs;
  theirs.customer = other.id;
  theirs.channel = InteractionChannel::letter;
  theirs.summary = "Their letter";
  ASSERT_TRUE(customers.record_interaction(csr, theirs));

  auto first = records.messages(user, std::nullopt, 3);
  ASSERT_TRUE(first) << first.error().key;
  ASSERT_EQ(first->messages.size(), 3u);
  EXPECT_EQ(first->messages[0].summary, "Message 4");
  EXPECT_EQ(first->messages[2].summary, "Message 2");
  ASSERT_TRUE(first->next);
  auto second = records.messages(user, first->next, 3);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->messages.size(), 2u);
  EXPECT_EQ(second->messages[1].summary, "Message 0");
  EXPECT_FALSE(second->next);
  EXPECT_EQ(records.messages(user, std::nullopt, 0).error().key, "page.limit_invalid");
  EXPECT_EQ(records.messages(csr, std::nullopt).error().code, ErrorCode::forbidden);
}

}  // namespace
}  // namespace rapport::app
