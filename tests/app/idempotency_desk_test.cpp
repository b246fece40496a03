// Idempotency-Key reservations (issue 13, finding 4): 8 concurrent POSTs
// with one key created 2–6 service orders, because the key was looked up,
// the handler run, and the answer stored after. The key is now reserved in
// the database first: of concurrent duplicates exactly one runs.
#include "app/idempotency_desk.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

using namespace std::chrono_literals;

class IdempotencyDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    user = testing::add_user(t.db(), clock, "ida", domain::Role::csr);
  }
  store::StoredResponse answer(const std::string& hash, const std::string& location) {
    return {hash, 201, "application/json", R"({"id":7})", location};
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  IdempotencyDesk desk{t.db(), clock};
  domain::User user;
};

TEST_F(IdempotencyDeskTest, OfEightConcurrentClaimsOfOneKeyExactlyOneRuns) {
  std::atomic<int> run{0}, in_progress{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      auto claimed = desk.claim(user, "order-42", "hash-a");
      if (claimed && !*claimed)
        ++run;
      else if (!claimed && claimed.error().key == "idempotency.in_progress")
        ++in_progress;
      else
        ++other;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(run.load(), 1);
  EXPECT_EQ(in_progress.load(), 7);
  EXPECT_EQ(other.load(), 0);

  ASSERT_TRUE(desk.complete(user, "order-42", answer("hash-a", "/api/v1/service-orders/7")));
  auto replay = desk.claim(user, "order-42", "hash-a");
  ASSERT_TRUE(replay);
  ASSERT_TRUE(*replay) << "the kept answer, not a second run";
  EXPECT_EQ((*replay)->status, 201);
  EXPECT_EQ((*replay)->location, "/api/v1/service-orders/7");
  EXPECT_EQ((*replay)->body, R"({"id":7})");

  auto reused = desk.claim(user, "order-42", "hash-b");
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.error().code, ErrorCode::conflict);
  EXPECT_EQ(reused.error().key, "idempotency.key_reused");
  // Keys are per user.
  auto other_user = testing::add_user(t.db(), clock, "olga", domain::Role::csr);
  auto theirs = desk.claim(other_user, "order-42", "hash-b");
  ASSERT_TRUE(theirs);
  EXPECT_FALSE(*theirs);
}

TEST_F(IdempotencyDeskTest, AFailedRequestGivesItsKeyBackAndADeadOneExpires) {
  ASSERT_TRUE(desk.claim(user, "k1", "h"));
  auto busy = desk.claim(user, "k1", "h");
  ASSERT_FALSE(busy);
  EXPECT_EQ(busy.error().key, "idempotency.in_progress");
  EXPECT_EQ(busy.error().code, ErrorCode::conflict);
  ASSERT_TRUE(desk.release(user, "k1"));  // the handler failed (5xx or threw)
  auto retry = desk.claim(user, "k1", "h");
  ASSERT_TRUE(retry);
  EXPECT_FALSE(*retry) << "the retry runs";

  // A reservation whose server died: in progress until it expires.
  clock.advance(kIdempotencyReservationTimeout - 1s);
  EXPECT_FALSE(desk.claim(user, "k1", "h"));
  clock.advance(2s);
  auto taken = desk.claim(user, "k1", "h");
  ASSERT_TRUE(taken) << taken.error().key;
  EXPECT_FALSE(*taken) << "taken over: the retry runs";
  EXPECT_FALSE(desk.claim(user, "k1", "h")) << "and holds it in turn";

  // Releasing a kept answer changes nothing: it is replayed.
  ASSERT_TRUE(desk.complete(user, "k1", answer("h", "/x/1")));
  ASSERT_TRUE(desk.release(user, "k1"));
  auto kept = desk.claim(user, "k1", "h");
  ASSERT_TRUE(kept && *kept);
  EXPECT_EQ((*kept)->location, "/x/1");

  auto bad = desk.claim(user, std::string(256, 'k'), "h");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "idempotency.key_invalid");
}

TEST_F(IdempotencyDeskTest, KeysAreKept24Hours) {
  ASSERT_TRUE(desk.claim(user, "old", "h"));
  ASSERT_TRUE(desk.complete(user, "old", answer("h", "/x/2")));
  clock.advance(std::chrono::hours(25));
  ASSERT_TRUE(desk.purge_expired());
  auto fresh = desk.claim(user, "old", "h");
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(*fresh) << "a key purged after 24 h runs again";
}

}  // namespace
}  // namespace rapport::app
