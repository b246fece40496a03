// The online backup of a SQLite database (store/backup.h): made while a
// writer commits, the copy opens, passes SQLite's check and holds whole
// transactions only — every one committed before the backup began, and
// none by half. Restoring it brings deleted rows back.
#include "store/backup.h"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "store/migrations.h"
#include "support/test_database.h"

namespace rapport::store {
namespace {

constexpr int kRowsPerCommit = 10;

struct Probe {
  long long rows = 0;
  long long highest = 0;
};

Probe probe(Database& db) {
  Probe p;
  auto ok = db.read([&](Tx& tx) -> Status {
    tx.sql() << "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM backup_probe", soci::into(p.rows),
        soci::into(p.highest);
    return Ok{};
  });
  EXPECT_TRUE(ok);
  return p;
}

// Commits kRowsPerCommit rows at a time until told to stop.
class Writer {
 public:
  explicit Writer(Database& db)
      : thread_([this, &db] {
          while (!stop_) {
            auto ok = db.write([&](Tx& tx) -> Status {
              for (int i = 0; i < kRowsPerCommit; ++i)
                tx.sql() << "INSERT INTO backup_probe (payload) VALUES ('" << std::string(200, 'x')
                         << "')";
              return Ok{};
            });
            if (ok) ++commits_;
          }
        }) {}
  ~Writer() { stop(); }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  long long commits() const { return commits_; }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<long long> commits_{0};
  std::thread thread_;
};

class Backup : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    dir = std::filesystem::temp_directory_path() /
          ("rapport-backup-" + std::to_string(::getpid()) + "-" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    url = parse_database_url(t.url()).value();
    if (url.dialect != Dialect::sqlite) return;
    ASSERT_TRUE(t.db().write([](Tx& tx) -> Status {
      tx.sql() << "CREATE TABLE backup_probe (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)";
      return Ok{};
    }));
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  testing::TestDatabase t;
  std::filesystem::path dir;
  DatabaseUrl url;
};

TEST_F(Backup, ACopyMadeDuringWritesHoldsWholeTransactionsOnly) {
  if (url.dialect != Dialect::sqlite) {
    auto refused = backup_database(url, (dir / "copy.db").string());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().key, "backup.postgresql") << "PostgreSQL is backed up with pg_dump";
    return;
  }
  Writer writer(t.db());
  while (writer.commits() < 50) std::this_thread::yield();
  const Probe before = probe(t.db());
  const std::string file = (dir / "copy.db").string();
  auto done = backup_database(url, file);
  const long long commits_during = writer.commits();
  writer.stop();
  ASSERT_TRUE(done) << done.error().key << " " << done.error().detail;
  EXPECT_GT(done->pages, 0);
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));

  auto copy = Database::open("sqlite:" + file, 1);
  ASSERT_TRUE(copy);
  auto state = schema_state(**copy);
  ASSERT_TRUE(state);
  EXPECT_EQ(state->database, state->binary) << "the copy is a Rapport database at this schema";
  const Probe copied = probe(**copy);
  EXPECT_GE(copied.rows, before.rows) << "every transaction committed before the backup";
  EXPECT_EQ(copied.rows % kRowsPerCommit, 0) << "no transaction by half";
  EXPECT_EQ(copied.rows, copied.highest) << "no hole";
  EXPECT_LE(copied.rows, commits_during * kRowsPerCommit);
  EXPECT_GT(probe(t.db()).rows, 0);
}

TEST_F(Backup, RefusesToOverwriteAFileAndRestoresDeletedRows) {
  if (url.dialect != Dialect::sqlite) {
    auto refused = restore_database((dir / "copy.db").string(), url);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().key, "backup.postgresql");
    return;
  }
  ASSERT_TRUE(t.db().write([](Tx& tx) -> Status {
    tx.sql() << "INSERT INTO backup_probe (payload) VALUES ('kept')";
    return Ok{};
  }));
  const std::string file = (dir / "copy.db").string();
  ASSERT_TRUE(backup_database(url, file));
  auto again = backup_database(url, file);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "backup.target_exists");

  ASSERT_TRUE(t.db().write([](Tx& tx) -> Status {
    tx.sql() << "DELETE FROM backup_probe";
    return Ok{};
  }));
  EXPECT_EQ(probe(t.db()).rows, 0);
  auto restored = restore_database(file, url);
  ASSERT_TRUE(restored) << restored.error().key << " " << restored.error().detail;
  EXPECT_EQ(probe(t.db()).rows, 1) << "the running server's connections read the restored rows";

  // Not a database, or no file at all: refused, the database untouched.
  const std::string junk = (dir / "junk.db").string();
  std::ofstream(junk) << "not a database at all, but long enough to look like one........";
  auto bad = restore_database(junk, url);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "backup.not_a_database");
  auto missing = restore_database((dir / "none.db").string(), url);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().key, "backup.source_missing");
  EXPECT_EQ(probe(t.db()).rows, 1);
}

}  // namespace
}  // namespace rapport::store
