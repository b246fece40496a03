#include "store/database.h"

#include <filesystem>
#include <mutex>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include "store/sql_error.h"
#include "store/statement_cache.h"

namespace rapport::store {
namespace {

// Prepares one SQLite connection. WAL lets readers run beside the writer;
// foreign keys are off by default in SQLite and must be set per connection.
void configure_sqlite(soci::session& sql) {
  sql << "PRAGMA journal_mode=WAL";
  sql << "PRAGMA foreign_keys=ON";
  sql << "PRAGMA synchronous=NORMAL";
  sql << "PRAGMA busy_timeout=10000";
}

// SQLite counts the memory it allocates under one process-wide mutex unless
// told not to: with several request threads preparing statements, that
// mutex was where they waited. Must run before the first connection.
void configure_sqlite_library() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite_api::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

// Returns the leased session to the pool whatever happens.
class Lease {
 public:
  explicit Lease(soci::connection_pool& pool) : pool_(pool), pos_(pool.lease()) {}
  ~Lease() { pool_.give_back(pos_); }
  soci::session& session() { return pool_.at(pos_); }
  std::size_t position() const { return pos_; }

 private:
  soci::connection_pool& pool_;
  std::size_t pos_;
};

// The read transaction this thread's snapshot() holds open, if any.
struct SharedRead {
  const Database* db = nullptr;
  Tx* tx = nullptr;
};
thread_local SharedRead shared_read;

}  // namespace

Result<DatabaseUrl> parse_database_url(std::string_view url) {
  DatabaseUrl out;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path = path.substr(2);
    if (path.empty()) return Error::invalid("db.url_invalid", "db", {{"url", std::string(url)}});
    out.dialect = Dialect::sqlite;
    out.path = path;
    out.connect = "db=" + path + " timeout=10 shared_cache=false";
    out.display = "sqlite:" + path;
    return out;
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    // SOCI hands libpq keyword=value text, so the URI is taken apart here:
    // postgresql://user[:password]@host[:port]/dbname
    out.dialect = Dialect::postgresql;
    std::string rest(url.substr(url.find("//") + 2));
    std::string user, password, host = "127.0.0.1", port = "5432", dbname;
    if (auto q = rest.find('?'); q != std::string::npos) rest.resize(q);
    auto slash = rest.find('/');
    if (slash == std::string::npos || slash + 1 >= rest.size())
      return Error::invalid("db.url_invalid", "db", {{"url", std::string(url)}});
    dbname = rest.substr(slash + 1);
    std::string authority = rest.substr(0, slash);
    if (auto at = authority.rfind('@'); at != std::string::npos) {
      std::string credentials = authority.substr(0, at);
      authority = authority.substr(at + 1);
      auto colon = credentials.find(':');
      user = credentials.substr(0, colon);
      if (colon != std::string::npos) password = credentials.substr(colon + 1);
    }
    if (auto colon = authority.rfind(':'); colon != std::string::npos && authority.back() != ']') {
      port = authority.substr(colon + 1);
      authority.resize(colon);
    }
    if (!authority.empty()) host = authority;
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    auto quote = [](const std::string& v) {
      std::string q = "'";
      for (char c : v) {
        if (c == '\\' || c == '\'') q += '\\';
        q += c;
      }
      return q + "'";
    };
    out.connect = "host=" + quote(host) + " port=" + quote(port) + " dbname=" + quote(dbname);
    if (!user.empty()) out.connect += " user=" + quote(user);
    if (!password.empty()) out.connect += " password=" + quote(password);
    out.display = "postgresql://" +
                  (user.empty() ? "" : user + (password.empty() ? "" : ":***") + "@") + host + ":" +
                  port + "/" + dbname;
    return out;
  }
  return Error::invalid("db.url_invalid", "db", {{"url", std::string(url)}});
}

Result<std::unique_ptr<Database>> Database::open(std::string_view text, std::size_t pool_size) {
  auto url = parse_database_url(text);
  if (!url) return url.error();
  if (url->dialect == Dialect::sqlite) {
    configure_sqlite_library();
    auto parent = std::filesystem::path(url->path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  auto pool = std::make_unique<soci::connection_pool>(pool_size);
  try {
    for (std::size_t i = 0; i < pool_size; ++i) {
      soci::session& s = pool->at(i);
      if (url->dialect == Dialect::sqlite) {
        s.open(soci::sqlite3, url->connect);
        configure_sqlite(s);
      } else {
        s.open(soci::postgresql, url->connect);
        s << "SET client_min_messages TO WARNING";
      }
    }
  } catch (const std::exception& e) {
    Error err{ErrorCode::unavailable, "db.unreachable", {{"url", url->display}}, "db", e.what()};
    return err;
  }
  return std::unique_ptr<Database>(new Database(std::move(*url), std::move(pool), pool_size));
}

Database::Database(DatabaseUrl url, std::unique_ptr<soci::connection_pool> pool, std::size_t size)
    : url_(std::move(url)), pool_(std::move(pool)), pool_size_(size) {
  for (std::size_t i = 0; i < size; ++i)
    caches_.push_back(std::make_unique<StatementCache>(pool_->at(i), url_.dialect));
  cache_generations_.assign(size, 0);
}

// The caches finalize their statements before the pool closes the sessions.
Database::~Database() { caches_.clear(); }

CachedStatement Tx::cached(std::string sql) {
  return CachedStatement(cache_, sql_, dialect_, std::move(sql));
}

Status Database::run(bool write, const std::function<Status(Tx&)>& body) {
  if (!write && shared_read.db == this && shared_read.tx) {
    // Joins the snapshot: no lease, no BEGIN. A failed read fails only
    // itself here; on PostgreSQL its error also ends the snapshot's
    // transaction, which the snapshot's own result then reports.
    try {
      return body(*shared_read.tx);
    } catch (const std::exception& e) {
      return sql_error(e, url_.dialect);
    }
  }
  Lease lease(*pool_);
  soci::session& sql = lease.session();
  StatementCache& cache = *caches_[lease.position()];
  try {
    // Between transactions: statements of an older schema or of a lost
    // connection go (their DEALLOCATE may fail; the backend ignores that).
    const std::uint64_t generation = statement_generation_.load();
    if (cache_generations_[lease.position()] != generation) {
      cache.clear();
      cache_generations_[lease.position()] = generation;
    }
    const char* begin = url_.dialect == Dialect::sqlite ? (write ? "BEGIN IMMEDIATE" : "BEGIN")
                                                        : (write ? "BEGIN" : "BEGIN READ ONLY");
    try {
      sql << begin;
    } catch (const std::exception&) {
      // A lost PostgreSQL connection shows here, at its first use: connect
      // again once and begin. (Asking before every transaction would cost a
      // round trip each: SOCI's is_connected() sends a query.)
      if (url_.dialect != Dialect::postgresql || sql.is_connected()) throw;
      cache.clear();
      sql.reconnect();
      sql << begin;
    }
  } catch (const std::exception& e) {
    return Error::unavailable(e.what());
  }
  Tx tx(sql, url_.dialect, &cache);
  Status status = Ok{};
  try {
    status = body(tx);
  } catch (const std::exception& e) {
    status = sql_error(e, url_.dialect);
  }
  try {
    sql << (status ? "COMMIT" : "ROLLBACK");
  } catch (const std::exception& e) {
    if (status) status = sql_error(e, url_.dialect);
    try {
      sql << "ROLLBACK";
    } catch (const std::exception&) {
    }
  }
  if (!status && status.error().code == ErrorCode::internal)
    spdlog::error("database: {}", status.error().detail);
  return status;
}

Status Database::run_shared(const std::function<Status()>& body) {
  if (shared_read.db == this) return body();  // already inside one
  return run(false, [&](Tx& tx) -> Status {
    // PostgreSQL's default (READ COMMITTED) gives each statement its own
    // snapshot; the page's reads should all see one moment.
    if (url_.dialect == Dialect::postgresql)
      tx.sql() << "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ";
    shared_read = {this, &tx};
    struct Leave {
      ~Leave() { shared_read = {}; }
    } leave;
    return body();
  });
}

Status Database::ping() {
  return read([](Tx& tx) -> Status {
    int one = 0;
    tx.sql() << "SELECT 1", soci::into(one);
    if (one != 1) return Error::unavailable("SELECT 1 did not answer 1");
    return Ok{};
  });
}

}  // namespace rapport::store
