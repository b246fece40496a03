// tests/support/test_database.h: a fresh, migrated database for one test —
// a SQLite file in a temporary folder, or a new database on the PostgreSQL
// server of RAPPORT_TEST_PG_URL — chosen by RAPPORT_TEST_DB (sqlite or
// postgresql). Dropped when the object goes. Each is a copy of a template
// migrated once per schema (a file, or a PostgreSQL template database).
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace rapport::testing {

class TestDatabase {
 public:
  enum class Start { migrated, empty };
  // Creates the database, migrated unless `empty`; fails the test
  // (ADD_FAILURE) and leaves db() null when that is impossible.
  explicit TestDatabase(Start start = Start::migrated);
  ~TestDatabase();

  store::Database& db() { return *db_; }
  bool ok() const { return db_ != nullptr; }
  const std::string& url() const { return url_; }
  std::string kind() const;
  // The rows of `table` (a constant of the test).
  long long count(const std::string& table);

 private:
  std::string url_;
  std::string admin_url_;
  std::string name_;
  std::string dir_;
  bool migrated_ = false;  // copied from a migrated template
  std::unique_ptr<store::Database> db_;
};

// The folder of the compiled catalogs of the build.
std::string test_locale_dir();
std::string source_dir();

}  // namespace rapport::testing
