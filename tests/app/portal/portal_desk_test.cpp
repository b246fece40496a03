// Portal users on a real database (SQLite and PostgreSQL) with the
// invitation mailed to a real SMTP server on loopback (scripts/mail-sink):
// invite → link → password set → log-in; an expired, used or replaced link
// refused with nothing changed; a customer's portal never shows another
// customer's assets, quotes or orders.
#include "app/portal/portal_desk.h"

#include <gtest/gtest.h>

#include "support/portal_fixture.h"

namespace rapport::app {
namespace {

using namespace domain;

class PortalDeskTest : public testing::PortalFixture {
 protected:
  void SetUp() override {
    PortalFixture::SetUp();
    if (HasFatalFailure()) return;
    use_mail_sink();
  }

  Result<SessionStart> login(const std::string& user, const std::string& password) {
    return auth.login({user, password, "192.0.2.7", "test"});
  }

  PortalDesk& desk = invitations;
};

TEST_F(PortalDeskTest, AnInvitedContactSetsAPasswordLogsInAndSeesTheirCustomer) {
  auto [c, k] = customer_with_contact("Côté", Language::fr, "helene.cote@example.fr");
  auto invited = desk.invite(csr, c.id.value, k.id.value, "http://portal.test");
  ASSERT_TRUE(invited) << invited.error().key;
  EXPECT_EQ(invited->user.login, "helene.cote.example.fr");
  EXPECT_EQ(invited->expires_at, clock.now() + kInvitationValidity);
  auto got = sink->messages(1);
  ASSERT_EQ(got.size(), 1u);
  auto& m = got[0];
  EXPECT_EQ(m["to"].as_string(), "helene.cote@example.fr");
  EXPECT_EQ(m["subject"].as_string(), "Votre espace client Télécom Éole");
  const std::string text(m["text"].as_string());
  EXPECT_NE(text.find("Bonjour Hélène Côté,"), std::string::npos) << text;
  EXPECT_NE(text.find("http://portal.test/portal/invitation/"), std::string::npos) << text;
  EXPECT_NE(text.find("Votre identifiant\u00a0: helene.cote.example.fr"), std::string::npos)
      << text;
  const std::string token = testing::token_after(text, "/portal/invitation/");
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
  const std::string second = invite(c, k);
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
  const std::string third = invite(c, k);
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
  EXPECT_EQ(mail_count(), 0u);
}

TEST_F(PortalDeskTest, AnotherCustomersAssetsQuotesAndOrdersAreNeverShown) {
  priced_product(default_price_list("STD", "Standard"), "FIBRE-1G", "Fibre 1 Gb/s", 3'990);

  auto [a, ka] = customer_with_contact("Arnaud", Language::en, "a@example.com");
  auto [b, kb] = customer_with_contact("Bernard", Language::en, "b@example.com");
  // Customer B has a fulfilled order (an asset); A has none.
  ASSERT_GT(fulfilled_order(b, "FIBRE-1G").id.value, 0);

  const std::string ta = invite(a, ka), tb = invite(b, kb);
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
