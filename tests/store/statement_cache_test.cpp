// Statements prepared once per connection (issue 17, section 4): reused
// with other parameters, after a failure and a rollback, bounded, one
// cache per connection — on SQLite and PostgreSQL.
#include "store/statement_cache.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "support/test_database.h"

namespace rapport::store {
namespace {

const std::string kInsert = "INSERT INTO cache_probe (id, name) VALUES (:i, :n)";
const std::string kSelectOne = "SELECT name FROM cache_probe WHERE id = :i";
const std::string kSelectAfter = "SELECT id, name FROM cache_probe WHERE id > :a ORDER BY id";

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    auto made = t.db().write([](Tx& tx) -> Status {
      tx.sql() << "CREATE TABLE cache_probe (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL "
                  "UNIQUE)";
      return Ok{};
    });
    ASSERT_TRUE(made);
  }

  static void add(Tx& tx, int id, const std::string& name) {
    tx.cached(kInsert).run(soci::use(id), soci::use(name));
  }
  static Status insert(Tx& tx, int id, const std::string& name) {
    add(tx, id, name);
    return Ok{};
  }

  std::optional<std::string> name_of(int id) {
    auto r = t.db().read([&](Tx& tx) -> Result<std::optional<std::string>> {
      std::string name;
      auto st = tx.cached(kSelectOne);
      if (!st.run(soci::use(id), soci::into(name))) return std::optional<std::string>();
      return std::optional<std::string>(name);
    });
    EXPECT_TRUE(r) << (r ? "" : r.error().detail);
    return r ? *r : std::nullopt;
  }

  testing::TestDatabase t{testing::TestDatabase::Start::empty};
};

long long as_id(const soci::row& row) {
  return row.get_properties(0).get_data_type() == soci::dt_long_long ? row.get<long long>(0)
                                                                     : row.get<int>(0);
}

std::vector<std::string> read_after(Tx& tx, int after) {
  std::vector<std::string> out;
  soci::row row;
  auto st = tx.cached(kSelectAfter);
  for (bool more = st.run(soci::use(after), soci::into(row)); more; more = st.next())
    out.push_back(std::to_string(as_id(row)) + ":" + row.get<std::string>(1));
  return out;
}

TEST_F(StatementCacheTest, AStatementReusedWithOtherParametersGivesTheRightRows) {
  std::size_t prepared_before = 0, prepared_after = 0;
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    prepared_before = tx.statements()->prepared();
    for (int i = 1; i <= 5; ++i) add(tx, i, "n" + std::to_string(i));
    return Ok{};
  }));
  EXPECT_EQ(name_of(2), "n2");
  EXPECT_EQ(name_of(5), "n5");
  EXPECT_EQ(name_of(9), std::nullopt);
  auto rows = t.db().read([&](Tx& tx) -> Result<std::vector<std::vector<std::string>>> {
    std::vector<std::vector<std::string>> out{read_after(tx, 3), read_after(tx, 0),
                                              read_after(tx, 5)};
    prepared_after = tx.statements()->prepared();
    return out;
  });
  ASSERT_TRUE(rows) << rows.error().detail;
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"4:n4", "5:n5"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"1:n1", "2:n2", "3:n3", "4:n4", "5:n5"}));
  EXPECT_TRUE((*rows)[2].empty());
  // The test database has several connections: at most one preparation of
  // each text per connection, not one per call.
  EXPECT_LE(prepared_after - prepared_before, 3u * 4u);
}

TEST_F(StatementCacheTest, EachTextIsPreparedOnceOnAConnection) {
  auto counts = t.db().write([&](Tx& tx) -> Result<std::pair<std::size_t, std::size_t>> {
    const std::size_t before = tx.statements()->prepared();
    for (int i = 1; i <= 20; ++i) add(tx, i, "n" + std::to_string(i));
    for (int i = 0; i < 20; ++i) read_after(tx, i);
    return std::pair{before, tx.statements()->prepared()};
  });
  ASSERT_TRUE(counts);
  EXPECT_EQ(counts->second - counts->first, 2u);
}

TEST_F(StatementCacheTest, AStatementThatFailedIsReusedInTheNextTransaction) {
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 1, "taken"); }));
  // A duplicate name fails the statement (and, on PostgreSQL, the
  // transaction, which is rolled back).
  auto failed = t.db().write([&](Tx& tx) { return insert(tx, 2, "taken"); });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().code, ErrorCode::conflict);
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 2, "free"); }));
  EXPECT_EQ(name_of(2), "free");
  EXPECT_EQ(name_of(1), "taken");
}

TEST_F(StatementCacheTest, AStatementOfARolledBackTransactionIsReused) {
  auto rolled_back = t.db().write([&](Tx& tx) -> Status {
    add(tx, 1, "gone");
    if (read_after(tx, 0).size() != 1) return Error::internal("the insert is not seen");
    return Error::conflict("test.rollback");
  });
  ASSERT_FALSE(rolled_back);
  EXPECT_EQ(rolled_back.error().key, "test.rollback");
  EXPECT_EQ(name_of(1), std::nullopt);
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 1, "kept"); }));
  EXPECT_EQ(name_of(1), "kept");
  auto rows =
      t.db().read([&](Tx& tx) { return Result<std::vector<std::string>>(read_after(tx, 0)); });
  ASSERT_TRUE(rows);
  EXPECT_EQ(*rows, std::vector<std::string>{"1:kept"});
}

TEST_F(StatementCacheTest, TheLeastRecentlyUsedStatementIsDroppedAtTheBound) {
  auto r = t.db().read([&](Tx& tx) -> Status {
    StatementCache small(tx.sql(), tx.dialect(), 3);
    auto one = [&](int n) {
      int out = 0;
      CachedStatement st(&small, tx.sql(), tx.dialect(), "SELECT " + std::to_string(n));
      st.run(soci::into(out));
      return out;
    };
    EXPECT_EQ(one(1), 1);
    EXPECT_EQ(one(2), 2);
    EXPECT_EQ(one(3), 3);
    EXPECT_EQ(one(1), 1);  // 1 is now the most recently used
    EXPECT_EQ(small.prepared(), 3u);
    EXPECT_EQ(one(4), 4);  // drops 2, the least recently used
    EXPECT_EQ(small.size(), 3u);
    EXPECT_FALSE(small.holds("SELECT 2"));
    EXPECT_TRUE(small.holds("SELECT 1"));
    EXPECT_TRUE(small.holds("SELECT 3"));
    EXPECT_EQ(one(2), 2);  // prepared again, dropping 3
    EXPECT_EQ(small.prepared(), 5u);
    EXPECT_FALSE(small.holds("SELECT 3"));
    EXPECT_EQ(small.size(), 3u);
    return Ok{};
  });
  ASSERT_TRUE(r) << r.error().detail;

  // The connection's own cache holds at most its capacity.
  auto size = t.db().read([&](Tx& tx) -> Result<std::size_t> {
    for (std::size_t n = 0; n < StatementCache::kDefaultCapacity + 10; ++n) {
      int out = 0;
      tx.cached("SELECT " + std::to_string(n)).run(soci::into(out));
      if (out != static_cast<int>(n)) return Error::internal("wrong answer");
    }
    return tx.statements()->size();
  });
  ASSERT_TRUE(size) << size.error().detail;
  EXPECT_EQ(*size, StatementCache::kDefaultCapacity);
}

TEST_F(StatementCacheTest, AStatementInUseIsNotReboundByANestedUse) {
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    for (int i = 1; i <= 3; ++i) add(tx, i, "n" + std::to_string(i));
    return Ok{};
  }));
  auto r = t.db().read([&](Tx& tx) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    soci::row row;
    auto st = tx.cached(kSelectAfter);
    for (bool more = st.run(soci::use(0), soci::into(row)); more; more = st.next()) {
      // The same text inside the loop gets a statement of its own.
      out.push_back(std::to_string(read_after(tx, static_cast<int>(as_id(row))).size()));
    }
    return out;
  });
  ASSERT_TRUE(r) << r.error().detail;
  EXPECT_EQ(*r, (std::vector<std::string>{"2", "1", "0"}));
}

// SQLite: every statement of the connection is the cache's, and none is left
// holding a read (a cursor stopped after the first of three rows).
// PostgreSQL: the server holds one prepared statement per cached text, the
// dropped ones deallocated.
TEST_F(StatementCacheTest, AConnectionHoldsOnlyTheStatementsItKeepsAndNoOpenRead) {
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    for (int i = 1; i <= 3; ++i) add(tx, i, "n" + std::to_string(i));
    return Ok{};
  }));
  auto counts = t.db().read([&](Tx& tx) -> Result<std::vector<long long>> {
    soci::row row;
    {
      auto st = tx.cached(kSelectAfter);
      if (!st.run(soci::use(0), soci::into(row))) return Error::internal("no row");
    }
    {
      StatementCache small(tx.sql(), tx.dialect(), 2);
      for (int n = 0; n < 5; ++n) {
        int out = 0;
        CachedStatement(&small, tx.sql(), tx.dialect(), "SELECT " + std::to_string(n))
            .run(soci::into(out));
      }
    }
    long long held = 0, busy = 0;
    if (tx.dialect() == Dialect::sqlite) {
      auto* backend = static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend());
      for (auto* s = sqlite_api::sqlite3_next_stmt(backend->conn_, nullptr); s != nullptr;
           s = sqlite_api::sqlite3_next_stmt(backend->conn_, s)) {
        ++held;
        busy += sqlite_api::sqlite3_stmt_busy(s) ? 1 : 0;
      }
    } else {
      tx.sql() << "SELECT COUNT(*) FROM pg_prepared_statements", soci::into(held);
    }
    return std::vector<long long>{held, busy, static_cast<long long>(tx.statements()->size())};
  });
  ASSERT_TRUE(counts) << counts.error().detail;
  EXPECT_EQ((*counts)[0], (*counts)[2]) << "statements held by the connection";
  EXPECT_EQ((*counts)[1], 0) << "statements left in the middle of a read";
}

TEST_F(StatementCacheTest, TwoThreadsEachOnTheirOwnConnection) {
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    for (int i = 1; i <= 50; ++i) add(tx, i, "n" + std::to_string(i));
    return Ok{};
  }));
  std::atomic<int> wrong{0};
  auto work = [&](int offset) {
    for (int round = 0; round < 200; ++round) {
      const int id = 1 + (round * 7 + offset) % 50;
      auto r = t.db().read([&](Tx& tx) -> Result<std::pair<std::string, std::size_t>> {
        std::string name;
        tx.cached(kSelectOne).run(soci::use(id), soci::into(name));
        return std::pair{name, read_after(tx, id).size()};
      });
      if (!r || r->first != "n" + std::to_string(id) || r->second != std::size_t(50 - id)) ++wrong;
    }
  };
  std::thread a(work, 0), b(work, 13);
  a.join();
  b.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(StatementCacheTest, ForgettingStatementsEmptiesEveryCacheBeforeItsNextUse) {
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 1, "a"); }));
  t.db().forget_statements();
  auto size = t.db().read([&](Tx& tx) -> Result<std::size_t> { return tx.statements()->size(); });
  ASSERT_TRUE(size);
  EXPECT_EQ(*size, 0u);
  EXPECT_EQ(name_of(1), "a");
}

TEST_F(StatementCacheTest, APostgreSQLConnectionLostBetweenTransactionsIsMadeAgain) {
  if (t.kind() != "postgresql") return;  // a SQLite file has no connection to lose
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 1, "a"); }));
  EXPECT_EQ(name_of(1), "a");
  // Another client ends every connection of the pool (a PostgreSQL restart,
  // a proxy's idle timeout): the next transactions connect again.
  auto other = Database::open(t.url(), 1);
  ASSERT_TRUE(other);
  ASSERT_TRUE((*other)->write([](Tx& tx) -> Status {
    tx.sql() << "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
                "current_database() AND pid <> pg_backend_pid()";
    return Ok{};
  }));
  for (int i = 0; i < 8; ++i) EXPECT_EQ(name_of(1), "a") << "read " << i << " after the loss";
  EXPECT_TRUE(t.db().write([&](Tx& tx) { return insert(tx, 2, "b"); }));
  EXPECT_EQ(name_of(2), "b");
}

}  // namespace
}  // namespace rapport::store
