#include "support/test_database.h"

#include <cstdlib>
#include <filesystem>
#include <random>

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include "store/migrations.h"

namespace rapport::testing {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

std::string random_suffix() {
  std::random_device rd;
  std::string s;
  for (int i = 0; i < 12; ++i) s += static_cast<char>('a' + rd() % 26);
  return s;
}

}  // namespace

std::string test_locale_dir() { return RAPPORT_LOCALE_DIR; }
std::string source_dir() { return RAPPORT_SOURCE_DIR; }

std::string TestDatabase::kind() const {
  return env("RAPPORT_TEST_DB") == "postgresql" ? "postgresql" : "sqlite";
}

TestDatabase::TestDatabase() {
  name_ = "rapport_test_" + random_suffix();
  if (kind() == "postgresql") {
    admin_url_ = env("RAPPORT_TEST_PG_URL");
    if (admin_url_.empty()) {
      ADD_FAILURE()
          << "RAPPORT_TEST_DB=postgresql needs RAPPORT_TEST_PG_URL (scripts/test sets it)";
      return;
    }
    auto admin = store::parse_database_url(admin_url_);
    if (!admin) {
      ADD_FAILURE() << "bad RAPPORT_TEST_PG_URL " << admin_url_;
      return;
    }
    try {
      soci::session s(soci::postgresql, admin->connect);
      s << "CREATE DATABASE " + name_;
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot create test database: " << e.what();
      return;
    }
    url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
  } else {
    dir_ = (std::filesystem::temp_directory_path() / name_).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/test.db";
  }
  auto opened = store::Database::open(url_, 4);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << url_ << ": " << opened.error().detail;
    return;
  }
  db_ = std::move(*opened);
  auto migrated = store::migrate(*db_);
  if (!migrated) {
    ADD_FAILURE() << "migration failed: " << migrated.error().key << " " << migrated.error().detail;
    db_.reset();
  }
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  if (!admin_url_.empty() && !url_.empty()) {
    try {
      auto admin = store::parse_database_url(admin_url_);
      soci::session s(soci::postgresql, admin->connect);
      s << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
    } catch (const std::exception&) {
      // The server is thrown away at the end of the run anyway.
    }
  }
}

}  // namespace rapport::testing
