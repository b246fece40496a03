#include "store/migrations.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/migration_source.h"
#include "support/test_database.h"

namespace rapport::store {
namespace {

TEST(Migrations, BringTheSchemaToTheBinarysVersionOnce) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto state = schema_state(t.db());
  ASSERT_TRUE(state);
  EXPECT_EQ(state->database, state->binary);
  EXPECT_GE(state->binary, 1);
  auto again = migrate(t.db());
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  EXPECT_TRUE(check_schema_current(t.db()));
}

// Test databases are copies of a template; this one starts empty.
TEST(Migrations, ApplyEveryMigrationToANewDatabase) {
  testing::TestDatabase t(testing::TestDatabase::Start::empty);
  ASSERT_TRUE(t.ok());
  auto applied = migrate(t.db());
  ASSERT_TRUE(applied) << applied.error().detail;
  EXPECT_EQ(*applied, static_cast<int>(embedded_migrations().size()));
  EXPECT_TRUE(check_schema_current(t.db()));
}

TEST(Migrations, RefuseADatabaseNewerThanTheBinary) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto bumped = t.db().write([](Tx& tx) -> Status {
    tx.sql() << "INSERT INTO schema_migrations (version, name, applied_at) VALUES "
                "(9999, '9999_future.sql', '2030-01-01T00:00:00Z')";
    return Ok{};
  });
  ASSERT_TRUE(bumped);
  auto refused = migrate(t.db());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "db.schema_newer");
  auto check = check_schema_current(t.db());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().key, "db.schema_newer");
}

TEST(Migrations, ReportAnOlderSchema) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto removed = t.db().write([](Tx& tx) -> Status {
    tx.sql() << "DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM "
                "schema_migrations)";
    return Ok{};
  });
  ASSERT_TRUE(removed);
  auto check = check_schema_current(t.db());
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().key, "db.schema_older");
}

TEST(Migrations, AreNumberedWithoutGaps) {
  int expected = 1;
  for (const auto& m : embedded_migrations()) {
    EXPECT_EQ(std::stoi(std::string(m.name.substr(0, 4))), expected) << m.name;
    ++expected;
  }
}

TEST(Database, RollsBackEverythingWhenTheWorkFails) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto failed = t.db().write([](Tx& tx) -> Status {
    tx.sql() << "UPDATE installation_settings SET company_name = 'Half done' WHERE id = 1";
    return Error::invalid("test.stop");
  });
  EXPECT_FALSE(failed);
  auto name = t.db().read([](Tx& tx) -> Result<std::string> {
    std::string n;
    tx.sql() << "SELECT company_name FROM installation_settings WHERE id = 1", soci::into(n);
    return n;
  });
  EXPECT_EQ(*name, "Rapport");
}

TEST(Database, TurnsDuplicateKeysIntoConflicts) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto dup = t.db().write([](Tx& tx) -> Status {
    tx.sql() << "INSERT INTO installation_settings SELECT * FROM installation_settings";
    return Ok{};
  });
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, ErrorCode::conflict);
}

}  // namespace
}  // namespace rapport::store
