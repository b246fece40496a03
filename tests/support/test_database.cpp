#include "support/test_database.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <sys/file.h>
#include <unistd.h>

#include "store/migration_source.h"
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

// Names the schema the embedded migrations build (FNV-1a of their names and
// text), so that a template made before a migration changed is not reused.
std::string schema_fingerprint() {
  std::uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](std::string_view text) {
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
  };
  for (const auto& m : store::embedded_migrations()) {
    mix(m.name);
    mix(m.sql);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

// Migrates a new database at `url`; an empty string when it worked.
std::string migrate_new(const std::string& url) {
  auto opened = store::Database::open(url, 1);
  if (!opened) return "cannot open " + url + ": " + opened.error().detail;
  auto migrated = store::migrate(**opened);
  if (!migrated) return "migration failed: " + migrated.error().key + " " + migrated.error().detail;
  return "";
}

// Migrating costs a test 0.3 s on SQLite and 1 s on PostgreSQL; copying a
// database migrated once per run costs a few milliseconds. The template is
// made under a lock (ctest runs tests in parallel processes) and appears
// under its final name only when complete.
std::string sqlite_template() {
  auto dir = std::filesystem::temp_directory_path();
  auto path = dir / ("rapport_test_template_" + schema_fingerprint() + ".db");
  int lock = ::open((path.string() + ".lock").c_str(), O_CREAT | O_RDWR, 0600);
  if (lock < 0) return "";
  ::flock(lock, LOCK_EX);
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    auto building = dir / ("rapport_test_template_" + random_suffix() + ".db");
    if (migrate_new("sqlite:" + building.string()).empty()) {
      // Closed cleanly, the database has no -wal file left: one file is all.
      std::filesystem::rename(building, path, ec);
    }
    std::filesystem::remove(building, ec);
  }
  ::flock(lock, LOCK_UN);
  ::close(lock);
  return std::filesystem::exists(path, ec) ? path.string() : "";
}

std::string postgresql_template(soci::session& admin, const std::string& admin_url) {
  const std::string name = "rapport_test_template_" + schema_fingerprint();
  admin << "SELECT pg_advisory_lock(7243002)";
  int found = 0;
  admin << "SELECT COUNT(*) FROM pg_database WHERE datname = :n", soci::use(name),
      soci::into(found);
  if (found == 0) {
    const std::string building = "rapport_test_building_" + random_suffix();
    admin << "CREATE DATABASE " + building;
    auto error = migrate_new(admin_url.substr(0, admin_url.rfind('/') + 1) + building);
    if (error.empty()) {
      admin << "ALTER DATABASE " + building + " RENAME TO " + name;
      found = 1;
    } else {
      admin << "DROP DATABASE IF EXISTS " + building + " WITH (FORCE)";
    }
  }
  admin << "SELECT pg_advisory_unlock(7243002)";
  return found ? name : "";
}

}  // namespace

std::string test_locale_dir() { return RAPPORT_LOCALE_DIR; }
std::string source_dir() { return RAPPORT_SOURCE_DIR; }

std::string TestDatabase::kind() const {
  return env("RAPPORT_TEST_DB") == "postgresql" ? "postgresql" : "sqlite";
}

TestDatabase::TestDatabase(Start start) {
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
      auto from = start == Start::migrated ? postgresql_template(s, admin_url_) : "";
      s << "CREATE DATABASE " + name_ + (from.empty() ? "" : " TEMPLATE " + from);
      migrated_ = !from.empty();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "cannot create test database: " << e.what();
      return;
    }
    url_ = admin_url_.substr(0, admin_url_.rfind('/') + 1) + name_;
  } else {
    dir_ = (std::filesystem::temp_directory_path() / name_).string();
    std::filesystem::create_directories(dir_);
    url_ = "sqlite:" + dir_ + "/test.db";
    auto from = start == Start::migrated ? sqlite_template() : "";
    std::error_code ec;
    migrated_ = !from.empty() && std::filesystem::copy_file(from, dir_ + "/test.db", ec);
  }
  auto opened = store::Database::open(url_, 4);
  if (!opened) {
    ADD_FAILURE() << "cannot open " << url_ << ": " << opened.error().detail;
    return;
  }
  db_ = std::move(*opened);
  if (migrated_ || start == Start::empty) return;
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

long long TestDatabase::count(const std::string& table) {
  return db()
      .read([&](store::Tx& tx) -> Result<long long> {
        long long n = 0;
        tx.sql() << ("SELECT COUNT(*) FROM " + table), soci::into(n);
        return n;
      })
      .value();
}

}  // namespace rapport::testing
