// The reservation of an Idempotency-Key under its primary key (issue 13,
// finding 4), on SQLite and PostgreSQL.
#include "store/idempotency_repository.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::store {
namespace {

TEST(IdempotencyRepository, ReservesAKeyOnceAndKeepsTheAnswerOnTheSameRow) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  testing::FixedClock clock{testing::test_epoch()};
  const auto uid = testing::add_user(t.db(), clock, "rita", domain::Role::csr).id.value;
  const Instant now = clock.now();
  auto step = [&](auto fn) {
    auto r = t.db().write([&](Tx& tx) -> Result<bool> { return fn(tx); });
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    return r && *r;
  };
  EXPECT_TRUE(step([&](Tx& tx) { return IdempotencyRepository::reserve(tx, uid, "k", "h", now); }));
  EXPECT_FALSE(step([&](Tx& tx) { return IdempotencyRepository::reserve(tx, uid, "k", "h", now); }))
      << "the second insert does nothing (and does not fail the transaction)";
  auto row = t.db().read([&](Tx& tx) {
    return Result<std::optional<IdempotencyRow>>(IdempotencyRepository::find(tx, uid, "k"));
  });
  ASSERT_TRUE(row && *row);
  EXPECT_TRUE((*row)->in_progress);
  EXPECT_EQ((*row)->created_at, now);

  // Taken over only when older than the cutoff.
  EXPECT_FALSE(
      step([&](Tx& tx) { return IdempotencyRepository::take_over(tx, uid, "k", "h", now, now); }));
  EXPECT_TRUE(step([&](Tx& tx) {
    return IdempotencyRepository::take_over(tx, uid, "k", "h", now + std::chrono::minutes(5),
                                            now + std::chrono::minutes(1));
  }));

  EXPECT_TRUE(step([&](Tx& tx) {
    IdempotencyRepository::complete(tx, uid, "k", {"h", 201, "application/json", "{}", "/a/1"});
    IdempotencyRepository::release(tx, uid, "k");  // a kept answer is not released
    return true;
  }));
  row = t.db().read([&](Tx& tx) {
    return Result<std::optional<IdempotencyRow>>(IdempotencyRepository::find(tx, uid, "k"));
  });
  ASSERT_TRUE(row && *row);
  EXPECT_FALSE((*row)->in_progress);
  EXPECT_EQ((*row)->response.status, 201);
  EXPECT_EQ((*row)->response.location, "/a/1");

  EXPECT_TRUE(
      step([&](Tx& tx) { return IdempotencyRepository::reserve(tx, uid, "k2", "h", now); }));
  EXPECT_TRUE(step([&](Tx& tx) {
    IdempotencyRepository::release(tx, uid, "k2");
    return IdempotencyRepository::reserve(tx, uid, "k2", "h", now);
  })) << "a released key is free again";
}

}  // namespace
}  // namespace rapport::store
