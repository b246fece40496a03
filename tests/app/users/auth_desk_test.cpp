#include "app/users/auth_desk.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <sodium.h>

#include "app/crypto.h"
#include "app/users/token_desk.h"
#include "app/users/user_desk.h"
#include "store/users/user_repository.h"
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

// A password hashed by an earlier version (libsodium's interactive limits,
// 64 MiB) still logs in, and is then stored hashed with today's limits; a
// wrong password changes nothing.
TEST_F(AuthDeskTest, HashesAgainAPasswordHashedWithEarlierLimitsAtItsNextLogIn) {
  char old[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(old, "right password", 14, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE),
            0);
  const std::string before = old;
  ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
    tx.sql() << "UPDATE users SET password_hash = :h WHERE login = 'sam'", soci::use(before);
    return Ok{};
  }));
  auto stored = [&] {
    return t.db()
        .read([&](store::Tx& tx) -> Result<std::string> {
          return store::UserRepository::find_by_login(tx, "sam")->password_hash;
        })
        .value();
  };
  EXPECT_FALSE(auth.login(attempt("wrong password")));
  EXPECT_EQ(stored(), before);
  ASSERT_TRUE(auth.login(attempt("right password")));
  const std::string after = stored();
  EXPECT_NE(after, before);
  EXPECT_FALSE(needs_rehash(after));
  EXPECT_TRUE(after.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << after;
  EXPECT_TRUE(auth.login(attempt("right password")));
  EXPECT_EQ(stored(), after) << "hashed again once, not at every log-in";
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

// Issue 13, finding 12: the limit was checked before the hash ran and the
// failure recorded after, so concurrent guesses slipped past it. Each
// attempt is now counted (one UPSERT) before the hash: of 20 concurrent
// wrong guesses from one address, exactly 5 are checked.
TEST_F(AuthDeskTest, ConcurrentWrongGuessesAreCountedExactly) {
  std::atomic<int> failed{0}, throttled{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 20; ++i)
    threads.emplace_back([&, i] {
      auto r = auth.login(attempt("wrong " + std::to_string(i), "198.51.100.20"));
      if (!r && r.error().key == "login.failed")
        ++failed;
      else if (!r && r.error().code == ErrorCode::too_many)
        ++throttled;
      else
        ++other;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 5);
  EXPECT_EQ(throttled.load(), 15);
  EXPECT_EQ(other.load(), 0);
  auto locked = auth.login(attempt("right password", "198.51.100.20"));
  ASSERT_FALSE(locked);
  EXPECT_EQ(locked.error().key, "login.locked");
}

// Anyone could lock any account with 5 bad tries: the limit is now per
// (login, address), so the user logs in from their own address while a
// stranger hammers the login from theirs.
TEST_F(AuthDeskTest, AStrangerElsewhereCannotLockTheUserOut) {
  for (int i = 0; i < 30; ++i) (void)auth.login(attempt("guess", "203.0.113.66"));
  auto attacker = auth.login(attempt("right password", "203.0.113.66"));
  ASSERT_FALSE(attacker);
  EXPECT_EQ(attacker.error().code, ErrorCode::too_many);
  EXPECT_TRUE(auth.login(attempt("right password", "10.0.0.1"))) << "the user's own address";
  // The user's success forgives their own address only.
  EXPECT_FALSE(auth.login(attempt("right password", "203.0.113.66")));
}

// From many addresses a login's attempts are spaced out (1 s, 2 s, 4 s…
// up to a minute apart): a backoff that slows guessing, not a lock.
TEST_F(AuthDeskTest, ManyAddressesSlowALoginDownInsteadOfLockingIt) {
  for (int i = 1; i <= 10; ++i)
    EXPECT_EQ(auth.login(attempt("guess", "198.51.100." + std::to_string(i))).error().key,
              "login.failed");
  auto slowed = auth.login(attempt("guess", "198.51.100.11"));
  ASSERT_FALSE(slowed);
  EXPECT_EQ(slowed.error().code, ErrorCode::too_many);
  EXPECT_EQ(slowed.error().key, "login.slow_down");
  EXPECT_EQ(slowed.error().args.at(0).second, "1");
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(auth.login(attempt("guess", "198.51.100.11")).error().key, "login.failed");
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(auth.login(attempt("right password")).error().key, "login.slow_down")
      << "2 s after the 11th failure";
  clock.advance(std::chrono::seconds(1));
  EXPECT_TRUE(auth.login(attempt("right password"))) << "the user gets in once the gap has passed";
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
