// store/bulk_insert.h: rows appended to several tables in bulk, inside one
// transaction — the store's fast path for loading many records (demo data,
// benchmarks). SQLite: one prepared statement per table, bound and stepped
// for each row. PostgreSQL: rows are buffered as COPY text and each table is
// sent with one COPY when finish() is called, parents first.
//
//   BulkInsert bulk(tx);
//   auto people = bulk.table("people", {"id", "name"});
//   bulk.row(people, {42LL, std::string_view("Zoé")});
//   bulk.finish();
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/database.h"

namespace rapport::store {

// A column value: NULL, an integer or text (copied before row() returns).
using BulkValue = std::variant<std::monostate, long long, std::string_view>;

class BulkInsert {
 public:
  // Requires: `tx` is a write transaction that outlives this object.
  explicit BulkInsert(Tx& tx);
  ~BulkInsert();
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  // Declares a table and the columns its rows give, in order; returns the
  // handle row() takes. Declare parents before children: PostgreSQL
  // receives the tables in this order. `table` and `columns` are constants
  // of the caller, never user input.
  std::size_t table(std::string_view table, const std::vector<std::string_view>& columns);
  // Appends a row. Requires: one value per declared column. Throws the
  // database's error (SQLite: at once; PostgreSQL: from finish()).
  void row(std::size_t table, std::initializer_list<BulkValue> values);
  // Writes what is buffered. Requires: called once, before the transaction
  // ends; no row() after it. Throws the database's error.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The first id free in `table` (an {{pk}} "id" column): above both the
// highest id stored and the highest its sequence ever handed out, so that
// ids are not reused. Requires: no other writer on `table` until the
// transaction ends (SQLite's write transaction, or lock_for_bulk_insert).
long long first_free_id(Tx& tx, std::string_view table);
// After rows were given ids explicitly up to `last_id`: moves the table's
// sequence past them, so that later ordinary inserts do not collide.
// (SQLite's AUTOINCREMENT follows explicit ids by itself.) Nothing when
// last_id < 1 (no id was given).
void advance_id_sequence(Tx& tx, std::string_view table, long long last_id);
// `count` new ids of `table` (an {{pk}} "id" column) for rows inserted
// with their ids given, safe beside other writers: PostgreSQL takes them
// from the table's sequence; SQLite from first_free_id (its write
// transaction excludes other writers; AUTOINCREMENT follows explicit ids).
std::vector<long long> reserve_ids(Tx& tx, std::string_view table, long long count);
// PostgreSQL: locks `tables` against other writers (readers go on) until
// the transaction ends. SQLite: nothing (a write transaction already
// excludes other writers).
void lock_for_bulk_insert(Tx& tx, const std::vector<std::string_view>& tables);
// After a bulk load: PostgreSQL's planner statistics are gathered again
// (ANALYZE). Until autovacuum gets to it, the planner guesses from the
// tables as they were: at a million freshly loaded customers it read every
// account to find a page's twenty (290 ms instead of 0.4 ms). SQLite:
// nothing — its plans are chosen without statistics, as they were tuned.
void refresh_statistics(Tx& tx);

}  // namespace rapport::store
