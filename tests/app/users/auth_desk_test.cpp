#include "app/users/auth_desk.h"

#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/users/token_desk.h"
#include "app/users/user_desk.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

class AuthDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(init_crypto());
    ASSERT_TRUE(t.ok());
    domain::User u;
    u.login = "sam";
    u.display_name = "Sam Carter";
    u.roles = {domain::Role::csr};
    u.time_zone = "America/Toronto";
    ASSERT_TRUE(UserDesk(t.db(), clock).create_as_system(u, "right password"));
  }
  LoginRequest attempt(const std::string& password, const std::string& address = "10.0.0.1") {
    return {"sam", password, address, "test"};
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  AuthDesk auth{t.db(), clock};
};

TEST_F(AuthDeskTest, OpensASessionForTheRightPassword) {
  auto session = auth.login(attempt("right password"));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->user.login, "sam");
  auto resumed = auth.resume(session->token);
  ASSERT_TRUE(resumed);
  EXPECT_EQ(resumed->user.display_name, "Sam Carter");
  EXPECT_EQ(resumed->csrf_token, session->csrf_token);
}

TEST_F(AuthDeskTest, GivesTheSameAnswerForAWrongPasswordAndAnUnknownLogin) {
  auto wrong = auth.login(attempt("wrong"));
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().key, "login.failed");
  auto unknown = auth.login({"nobody", "whatever", "10.0.0.1", "test"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().key, "login.failed");
}

TEST_F(AuthDeskTest, LocksALoginAfterFiveFailuresUntilTheWindowPasses) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(auth.login(attempt("wrong")).error().key, "login.failed");
  auto locked = auth.login(attempt("right password"));
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().code, ErrorCode::too_many);
  EXPECT_EQ(locked.error().args[0].second, "15");
  clock.advance(std::chrono::minutes(16));
  EXPECT_TRUE(auth.login(attempt("right password")));
}

TEST_F(AuthDeskTest, LimitsFailuresPerAddressAcrossLogins) {
  for (int i = 0; i < 20; ++i)
    auth.login({"user" + std::to_string(i), "x", "192.0.2.7", "test"}).error();
  auto refused = auth.login(attempt("right password", "192.0.2.7"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::too_many);
  EXPECT_TRUE(auth.login(attempt("right password", "192.0.2.8")));
}

TEST_F(AuthDeskTest, EndsASessionAfterAnHourIdle) {
  auto session = auth.login(attempt("right password"));
  ASSERT_TRUE(session);
  clock.advance(std::chrono::minutes(59));
  EXPECT_TRUE(auth.resume(session->token));  // activity restarts the idle timer
  clock.advance(std::chrono::minutes(59));
  EXPECT_TRUE(auth.resume(session->token));
  clock.advance(std::chrono::minutes(61));
  auto expired = auth.resume(session->token);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().key, "session.expired");
}

TEST_F(AuthDeskTest, LogOutEndsTheSession) {
  auto session = auth.login(attempt("right password"));
  ASSERT_TRUE(auth.logout(session->token));
  EXPECT_FALSE(auth.resume(session->token));
}

TEST_F(AuthDeskTest, AcceptsApiTokensUntilRevoked) {
  TokenDesk tokens(t.db(), clock);
  auto created = tokens.create("sam", "crm sync");
  ASSERT_TRUE(created);
  EXPECT_TRUE(created->token.starts_with("rpt_"));
  auto user = auth.authenticate_token(created->token);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->login, "sam");
  EXPECT_FALSE(auth.authenticate_token(created->token + "x"));
  ASSERT_TRUE(tokens.revoke(created->row.prefix));
  auto revoked = auth.authenticate_token(created->token);
  ASSERT_FALSE(revoked);
  EXPECT_EQ(revoked.error().key, "token.invalid");
  EXPECT_EQ(tokens.revoke(created->row.prefix).error().key, "token.not_found");
}

// Issue 13, finding 5: a password change or reset ends the user's other
// sessions (they live in the database, so on every server); one's own
// change keeps the session it was made from.
TEST_F(AuthDeskTest, APasswordChangeEndsTheOtherSessionsAndAResetEndsAll) {
  UserDesk users(t.db(), clock);
  domain::User sam = users.list_as_system(0, 10)->users.front();
  auto here = auth.login(attempt("right password"));
  auto there = auth.login(attempt("right password", "10.0.0.2"));
  ASSERT_TRUE(here && there);
  ASSERT_TRUE(users.change_own_password(sam, "right password", "second password", here->token));
  EXPECT_TRUE(auth.resume(here->token)) << "the session that changed it stays";
  EXPECT_FALSE(auth.resume(there->token));

  domain::User ada = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  auto admins = auth.login({"ada", "password1", "10.0.0.3", "test"});
  ASSERT_TRUE(admins) << admins.error().key;
  auto again = auth.login({"sam", "second password", "10.0.0.2", "test"});
  ASSERT_TRUE(again);
  ASSERT_TRUE(users.set_password(ada, sam.id, "third password", admins->token));
  EXPECT_FALSE(auth.resume(here->token)) << "a reset ends every session of the user";
  EXPECT_FALSE(auth.resume(again->token));
  EXPECT_TRUE(auth.resume(admins->token)) << "the admin's own session stays";

  auto last = auth.login({"sam", "third password", "10.0.0.2", "test"});
  ASSERT_TRUE(last);
  ASSERT_TRUE(users.set_password_as_system("sam", "fourth password"));
  EXPECT_FALSE(auth.resume(last->token)) << "the command line ends them too";
}

TEST_F(AuthDeskTest, RefusesInactiveUsers) {
  UserDesk users(t.db(), clock);
  auto page = users.list_as_system(0, 10);
  domain::User sam = page->users.front();
  auto session = auth.login(attempt("right password"));
  ASSERT_TRUE(session);
  sam.active = false;
  domain::User admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  ASSERT_TRUE(users.update(admin, sam));
  EXPECT_FALSE(auth.resume(session->token));
  EXPECT_EQ(auth.login(attempt("right password")).error().key, "login.failed");
}

}  // namespace
}  // namespace rapport::app
