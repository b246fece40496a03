// The portal user's own account on a real database (SQLite and PostgreSQL),
// with mail through a real SMTP server on loopback (scripts/mail-sink):
// the password reset link (1 hour, once, replaced by a new request, 3
// requests an hour per address, the same answer for unknown addresses);
// details corrected through the CSR's use case, audited as the customer and
// logged as a web interaction; another customer's order or asset is as
// unknown as an id that does not exist.
#include <algorithm>

#include <gtest/gtest.h>

#include "app/portal/portal_details.h"
#include "app/portal/portal_password_reset.h"
#include "app/portal/portal_records.h"
#include "store/audit_repository.h"
#include "support/portal_fixture.h"

namespace rapport::app {
namespace {

using namespace domain;
using testing::token_after;

class PortalAccountTest : public testing::PortalFixture {
 protected:
  void SetUp() override {
    PortalFixture::SetUp();
    if (HasFatalFailure()) return;
    use_mail_sink();
  }

  // A customer with a contact of `email` (also the customer's, with a
  // mobile), invited, whose password is set: the portal user (signed-in
  // user as AuthDesk loads it).
  std::pair<Customer, User> portal_customer(const std::string& family, Language lang,
                                            const std::string& email) {
    auto [c, k] = customer_with_contact(family, lang, email, email);
    return {c, invited_user(c, k)};
  }

  // Asks for a reset of `email` and returns the newest mail's link token
  // (empty when no new mail arrived).
  std::string ask_reset(const std::string& email) {
    const std::size_t before = mail_count();
    EXPECT_TRUE(reset.request(email, "http://p.test"));
    auto got = mails(before + 1);
    if (got.size() <= before) return {};
    return token_after(std::string(got.back()["text"].as_string()), "/portal/password-reset/");
  }

  bool can_log_in(const std::string& login, const std::string& password) {
    return static_cast<bool>(auth.login({login, password, "192.0.2.7", "test"}));
  }

  PortalPasswordReset reset{t.db(), clock, i18n_catalog};
  PortalRecords records{t.db(), clock};
  PortalDetailsDesk details{t.db(), clock, i18n_catalog};
};

TEST_F(PortalAccountTest, AResetLinkInTheUsersLanguageSetsThePasswordOnceWithinAnHour) {
  auto [c, user] = portal_customer("Côté", Language::fr, "helene.cote@example.fr");
  const std::size_t before = mail_count();
  // Typed with spaces and capitals, as people do.
  ASSERT_TRUE(reset.request("  Helene.Cote@Example.fr ", "http://p.test"));
  auto got = mails(before + 1);
  ASSERT_EQ(got.size(), before + 1);
  auto& m = got.back();
  EXPECT_EQ(m["to"].as_string(), "helene.cote@example.fr");
  EXPECT_EQ(m["subject"].as_string(), "Votre nouveau mot de passe de l’espace client Télécom Éole");
  const std::string text(m["text"].as_string());
  EXPECT_NE(text.find("Bonjour Hélène Côté,"), std::string::npos) << text;
  const std::string token = token_after(text, "/portal/password-reset/");
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
  const std::size_t before = mail_count();
  EXPECT_TRUE(reset.request("luc.morel@example.com", "http://p.test"));
  EXPECT_EQ(mail_count(), before);
  // An address nobody has gets the same answer and no mail.
  EXPECT_TRUE(reset.request("nobody@example.com", "http://p.test"));
  EXPECT_EQ(mail_count(), before);
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

TEST_F(PortalAccountTest, TheInvitedContactCorrectsTheirOwnNameThroughTheCsrsUseCase) {
  auto [c, user] = portal_customer("Roux", Language::fr, "anne.roux@example.fr");
  auto mine = details.details(user);
  ASSERT_TRUE(mine);
  ContactCorrection fix;
  fix.version = mine->contact.version;
  fix.given_name = "Anne-Hélène";
  fix.family_name = "Roux-Martin";
  fix.phone = "07 98 76 54 32";
  fix.email = "anne.roux@example.fr";
  // A mistake is refused on its field, nothing saved.
  ContactCorrection bad = fix;
  bad.family_name = "";
  auto refused = details.correct_contact(user, bad);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "contact_family_name");
  bad = fix;
  bad.phone = "12";
  EXPECT_EQ(details.correct_contact(user, bad).error().field, "contact_phone");
  EXPECT_EQ(details.details(user)->contact.family_name, "Roux");

  auto saved = details.correct_contact(user, fix);
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(saved->family_name, "Roux-Martin");
  EXPECT_EQ(saved->phone_e164, "+33798765432");
  EXPECT_EQ(saved->version, fix.version + 1);
  // Audited with the customer user, and on the 360° view as a web step.
  auto history = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "contact", mine->contact.id.value);
  });
  ASSERT_TRUE(history);
  auto renamed = std::find_if(history->begin(), history->end(),
                              [](const store::AuditRow& r) { return r.field == "family_name"; });
  ASSERT_NE(renamed, history->end());
  EXPECT_EQ(renamed->user_name, user.display_name);
  EXPECT_EQ(renamed->old_value.value_or(""), "Roux");
  auto view = customers.view(csr, c.id);
  ASSERT_TRUE(view);
  auto web = std::find_if(view->interactions.begin(), view->interactions.end(),
                          [](const Interaction& i) { return i.outcome == "contact_corrected"; });
  ASSERT_NE(web, view->interactions.end());
  EXPECT_EQ(web->channel, InteractionChannel::web);
  EXPECT_EQ(web->summary, "Anne-Hélène Roux-Martin");
  // Read at the old version: stale.
  EXPECT_EQ(details.correct_contact(user, fix).error().code, ErrorCode::conflict);

  // The same use case on the staff face; a CSR's correction is no web step.
  Contact by_csr = *saved;
  by_csr.role = "Gérante";
  auto corrected = customers.update_contact(csr, by_csr, "");
  ASSERT_TRUE(corrected) << corrected.error().key;
  EXPECT_EQ(corrected->phone_e164, "");
  EXPECT_EQ(corrected->role, "Gérante");
  // A portal user corrects no other contact: another customer's, or another
  // of their own customer's, is not found.
  auto [other, other_user] = portal_customer("Blanc", Language::en, "anne.blanc@example.com");
  auto theirs = details.details(other_user)->contact;
  EXPECT_EQ(customers.update_contact(user, theirs, "").error().code, ErrorCode::not_found);
  Contact colleague;
  colleague.customer = c.id;
  colleague.family_name = "Collègue";
  auto added = customers.add_contact(csr, colleague, "");
  ASSERT_TRUE(added);
  EXPECT_EQ(customers.update_contact(user, *added, "").error().code, ErrorCode::not_found);
  // Fulfilment may not correct contacts.
  EXPECT_EQ(customers.update_contact(fulfiller, *corrected, "").error().code, ErrorCode::forbidden);
}

TEST_F(PortalAccountTest, AnotherCustomersOrderAndAssetAreAsUnknownAsMissingOnes) {
  priced_product(default_price_list("STD", "Standard"), "FIBRE-1G", "Fibre 1 Gb/s", 3'990);

  auto [a, ua] = portal_customer("Arnaud", Language::en, "a@example.com");
  auto [b, ub] = portal_customer("Bernard", Language::en, "b@example.com");
  const SalesOrder o = fulfilled_order(b, "FIBRE-1G");
  ASSERT_GT(o.id.value, 0);

  // B sees the order with its line and totals, and the asset it made.
  auto mine = records.order(ub, o.id);
  ASSERT_TRUE(mine) << mine.error().key;
  EXPECT_EQ(mine->order.lines.size(), 1u);
  EXPECT_EQ(mine->totals.net, 3'990);
  auto assets = records.assets(ub);
  ASSERT_TRUE(assets);
  ASSERT_EQ(assets->size(), 1u);
  const auto asset_id = assets->front().asset.id;
  auto asset = records.asset(ub, asset_id);
  ASSERT_TRUE(asset) << asset.error().key;
  EXPECT_EQ(asset->origin_order, o.id.value);
  EXPECT_EQ(asset->origin_order_number, o.number);
  EXPECT_EQ(asset->row.product_code, "FIBRE-1G");

  // A gets exactly what an unknown id gets.
  auto theirs = records.order(ua, o.id);
  auto missing = records.order(ua, Id<SalesOrder>{o.id.value + 1000});
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
  EXPECT_EQ(records.order(csr, o.id).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(orders.view(csr, o.id));
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
