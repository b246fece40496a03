// One read transaction for a page made of several modules' reads
// (store::Database::snapshot, app::in_one_snapshot): the reads inside see
// one moment, on SQLite and PostgreSQL, and a read outside sees the rest.
#include <string>

#include <gtest/gtest.h>

#include "app/one_snapshot.h"
#include "store/database.h"
#include "support/test_database.h"

namespace rapport::store {
namespace {

class SnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    auto made = t.db().write([](Tx& tx) -> Status {
      tx.sql() << "CREATE TABLE snapshot_probe (id INTEGER PRIMARY KEY, name VARCHAR(40))";
      tx.sql() << "INSERT INTO snapshot_probe (id, name) VALUES (1, 'first')";
      return Ok{};
    });
    ASSERT_TRUE(made);
  }

  // A module's read: a transaction of its own, unless a snapshot is open.
  long long rows() {
    auto n = t.db().read([](Tx& tx) -> Result<long long> {
      long long count = 0;
      tx.sql() << "SELECT COUNT(*) FROM snapshot_probe", soci::into(count);
      return count;
    });
    EXPECT_TRUE(n) << (n ? "" : n.error().detail);
    return n ? *n : -1;
  }

  Status add(int id) {
    return t.db().write([&](Tx& tx) -> Status {
      tx.sql() << "INSERT INTO snapshot_probe (id, name) VALUES (:i, 'later')", soci::use(id);
      return Ok{};
    });
  }

  testing::TestDatabase t{testing::TestDatabase::Start::empty};
};

TEST_F(SnapshotTest, ReadsInsideOneSnapshotSeeOneMomentAndReadsAfterSeeTheRest) {
  long long first = -1, second = -1;
  auto read = app::in_one_snapshot(t.db(), [&]() -> Status {
    first = rows();
    // Another user's write, committed between two panels' reads.
    if (auto added = add(2); !added) return added;
    second = rows();
    return Ok{};
  });
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(first, 1);
  EXPECT_EQ(second, 1) << "the second panel saw a later moment than the first";
  EXPECT_EQ(rows(), 2) << "a read after the snapshot sees the write";
}

TEST_F(SnapshotTest, WithoutASnapshotEachReadSeesTheLatestCommit) {
  EXPECT_EQ(rows(), 1);
  ASSERT_TRUE(add(2));
  EXPECT_EQ(rows(), 2);
}

TEST_F(SnapshotTest, AnErrorInsideIsReturnedAndTheNextReadsWork) {
  auto read = app::in_one_snapshot(t.db(), [&]() -> Status {
    EXPECT_EQ(rows(), 1);
    return Error::not_found("customer.not_found");
  });
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().key, "customer.not_found");
  EXPECT_EQ(rows(), 1);
  // A failing statement inside a joined read fails that read and the page.
  auto failing = app::in_one_snapshot(t.db(), [&]() -> Status {
    auto bad = t.db().read([](Tx& tx) -> Status {
      tx.sql() << "SELECT no_such_column FROM snapshot_probe";
      return Ok{};
    });
    EXPECT_FALSE(bad);
    return bad;
  });
  EXPECT_FALSE(failing);
  EXPECT_EQ(rows(), 1) << "the pool's connection is usable after the failed snapshot";
}

TEST_F(SnapshotTest, ASnapshotInsideASnapshotJoinsIt) {
  // The moment is that of the snapshot's first read (SQLite's deferred
  // BEGIN, PostgreSQL's REPEATABLE READ).
  auto read = app::in_one_snapshot(t.db(), [&]() -> Status {
    EXPECT_EQ(rows(), 1);
    EXPECT_TRUE(add(2));
    return app::in_one_snapshot(t.db(), [&]() -> Status {
      EXPECT_EQ(rows(), 1);
      return Ok{};
    });
  });
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(rows(), 2);
}

}  // namespace
}  // namespace rapport::store
