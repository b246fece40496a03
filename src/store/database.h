// store/database.h: the connection to SQLite or PostgreSQL, a pool of SOCI
// sessions, and transactions.
//
// Every use of the database goes through read() or write(): the function
// receives a Tx (one pooled session inside a transaction) and returns a
// Result. The transaction commits when the function returns a value and
// rolls back when it returns an Error or throws; SOCI exceptions become
// Errors here (duplicate key → conflict, lost link or busy → unavailable).
//
//   auto user = db.read([&](Tx& tx) { return users.find(tx, id); });
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/result.h"

namespace soci {
class session;
class connection_pool;
}  // namespace soci

namespace rapport::store {

enum class Dialect { sqlite, postgresql };

class StatementCache;
class CachedStatement;

struct DatabaseUrl {
  Dialect dialect = Dialect::sqlite;
  std::string connect;  // SOCI connection string
  std::string path;     // SQLite file path (empty for PostgreSQL)
  std::string display;  // safe to print (no password)
};

// "sqlite:PATH" or "postgresql://user[:password]@host[:port]/dbname".
// Errors: invalid_input ("db.url_invalid").
Result<DatabaseUrl> parse_database_url(std::string_view url);

// One transaction on one pooled session.
class Tx {
 public:
  Tx(soci::session& sql, Dialect dialect, StatementCache* cache = nullptr)
      : sql_(sql), dialect_(dialect), cache_(cache) {}
  soci::session& sql() { return sql_; }
  Dialect dialect() const { return dialect_; }
  // `sql` prepared once on this connection and kept (store/statement_cache.h):
  // for the statements run on every request, whose text does not change.
  CachedStatement cached(std::string sql);
  StatementCache* statements() { return cache_; }

 private:
  soci::session& sql_;
  Dialect dialect_;
  StatementCache* cache_;
};

class Database {
 public:
  // Opens `pool_size` connections. SQLite: WAL, foreign keys on, a busy
  // timeout; the file's folder is created. Errors: invalid_input (bad URL),
  // unavailable ("db.unreachable": the server does not answer).
  static Result<std::unique_ptr<Database>> open(std::string_view url, std::size_t pool_size);
  ~Database();

  Dialect dialect() const { return url_.dialect; }
  const DatabaseUrl& url() const { return url_; }

  // Runs fn(Tx&) -> Result<T> in a write transaction (SQLite: BEGIN
  // IMMEDIATE, so writers queue instead of failing on upgrade).
  template <typename F>
  auto write(F&& fn) {
    return transact(true, std::forward<F>(fn));
  }
  // Runs fn(Tx&) -> Result<T> in a read transaction (a consistent snapshot).
  // Inside snapshot() on the same thread it joins that transaction instead.
  template <typename F>
  auto read(F&& fn) {
    return transact(false, std::forward<F>(fn));
  }
  // Runs fn() -> Result<T> with one read transaction open that every read()
  // this thread makes on this database meanwhile joins, instead of leasing
  // a connection and beginning a transaction of its own: a page assembled
  // from several modules' reads (the 360° view, the home page) sees one
  // snapshot and pays for one BEGIN and COMMIT. Writes inside keep their
  // own transaction (and cannot be seen by the joined reads: the snapshot
  // is older), so use it where a page only reads.
  template <typename F>
  auto snapshot(F&& fn) {
    using R = std::invoke_result_t<F&>;
    std::optional<R> out;
    Status status = run_shared([&]() -> Status {
      out.emplace(fn());
      if (!*out) return out->error();
      return Ok{};
    });
    if (!out) return R(status.error());
    return std::move(*out);
  }

  // The database answers a trivial query. Errors: unavailable.
  Status ping();

  // Drops every connection's prepared statements before its next use: after
  // a schema change (migrate calls it).
  void forget_statements() { statement_generation_.fetch_add(1); }

 private:
  Database(DatabaseUrl url, std::unique_ptr<soci::connection_pool> pool, std::size_t size);

  template <typename F>
  auto transact(bool write, F&& fn) {
    using R = std::invoke_result_t<F&, Tx&>;
    std::optional<R> out;
    Status status = run(write, [&](Tx& tx) -> Status {
      out.emplace(fn(tx));
      if (!*out) return out->error();
      return Ok{};
    });
    if (!status) return R(status.error());
    return std::move(*out);
  }

  Status run(bool write, const std::function<Status(Tx&)>& body);
  Status run_shared(const std::function<Status()>& body);

  DatabaseUrl url_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t pool_size_;
  // One per pooled connection, by pool position, and the generation each
  // was cleared at.
  std::vector<std::unique_ptr<StatementCache>> caches_;
  std::vector<std::uint64_t> cache_generations_;
  std::atomic<std::uint64_t> statement_generation_{0};
};

}  // namespace rapport::store
