// store/statement_cache.h: statements prepared once per connection.
//
// SOCI prepares a statement anew on every call (SQLite: sqlite3_prepare_v2;
// PostgreSQL: a PREPARE and a DEALLOCATE round trip for each rowset). Each
// pooled connection keeps its own cache, keyed by SQL text and bounded (the
// least recently used statement is finalized or deallocated). A connection
// serves one thread at a time, so there is no lock. Use it through
// Tx::cached, on statements whose text does not change between calls:
//
//   auto st = tx.cached("SELECT name FROM users WHERE id = :i");
//   if (!st.run(soci::use(id), soci::into(name))) return std::nullopt;
//
// Many rows: `for (bool more = st.run(soci::use(a), soci::into(row)); more;
// more = st.next())`. When the CachedStatement goes, its elements are
// unbound and SQLite's cursor is reset (no read left open between
// transactions); a failed statement stays prepared and reusable.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <soci/soci.h>

#include "store/database.h"

namespace rapport::store {

class StatementCache {
 public:
  static constexpr std::size_t kDefaultCapacity = 128;

  StatementCache(soci::session& sql, Dialect dialect, std::size_t capacity = kDefaultCapacity);
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // The statement for `sql`, prepared now if it is not kept; null when it
  // is kept but in use further up the stack (the caller prepares its own).
  soci::statement* acquire(const std::string& sql);
  void release(const std::string& sql);
  // Finalizes (deallocates) the statement of `sql`, or all of them.
  void drop(const std::string& sql);
  void clear();

  soci::session& session() { return sql_; }
  Dialect dialect() const { return dialect_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t capacity() const { return capacity_; }
  bool holds(const std::string& sql) const { return index_.contains(sql); }
  // Statements prepared by this cache since it was made.
  std::size_t prepared() const { return prepared_; }

 private:
  struct Entry {
    std::string sql;
    std::unique_ptr<soci::statement> statement;
    bool in_use = false;
  };
  void make_room();

  soci::session& sql_;
  Dialect dialect_;
  std::size_t capacity_;
  std::size_t prepared_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

// One use of a cached statement: bind, run, read; unbound when it goes.
class CachedStatement {
 public:
  CachedStatement(StatementCache* cache, soci::session& sql, Dialect dialect, std::string text);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  // Binds one element ahead of run(), for statements whose elements vary in
  // number with the text (a filter's optional conditions).
  template <typename Element>
  CachedStatement& bind(const Element& element) {
    statement_->exchange(element);
    return *this;
  }
  // Binds the use and into elements and executes; true when a row was read
  // into the into elements.
  template <typename... Elements>
  bool run(const Elements&... elements) {
    (statement_->exchange(elements), ...);
    statement_->define_and_bind();
    return statement_->execute(true);
  }
  // Reads the next row into the same elements; false at the end.
  bool next() { return statement_->fetch(); }
  long long affected_rows() { return statement_->get_affected_rows(); }

 private:
  StatementCache* cache_;  // null when the statement is this use's own
  Dialect dialect_;
  std::string text_;
  soci::statement* statement_ = nullptr;
  std::unique_ptr<soci::statement> own_;
};

}  // namespace rapport::store
