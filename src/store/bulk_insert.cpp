#include "store/bulk_insert.h"

#include <algorithm>
#include <stdexcept>

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/statement_cache.h"

namespace rapport::store {
namespace {

using sqlite_api::sqlite3;
using sqlite_api::sqlite3_destructor_type;  // for SQLITE_TRANSIENT
using sqlite_api::sqlite3_stmt;

std::string joined(const std::vector<std::string_view>& names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

// The native handles behind SOCI's sessions: the bulk paths need what SOCI
// does not offer (statement reuse without per-row conversions, COPY).
sqlite3* sqlite_handle(Tx& tx) {
  return static_cast<soci::sqlite3_session_backend*>(tx.sql().get_backend())->conn_;
}

PGconn* pg_handle(Tx& tx) {
  return static_cast<soci::postgresql_session_backend*>(tx.sql().get_backend())->conn_;
}

// COPY's text format: tab between columns, \N for NULL, and backslash,
// tab, newline and carriage return escaped.
void append_copy_text(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace

// Named (not in the anonymous namespace): BulkInsert::Impl, which has
// external linkage, holds them.
namespace bulk {
struct SqliteTable {
  sqlite3_stmt* statement = nullptr;
  std::size_t columns = 0;
};

struct PgTable {
  std::string copy_command;
  std::string data;
  std::size_t columns = 0;
};
}  // namespace bulk
using bulk::PgTable;
using bulk::SqliteTable;

struct BulkInsert::Impl {
  Tx& tx;
  std::vector<SqliteTable> sqlite;
  std::vector<PgTable> pg;
  bool finished = false;

  explicit Impl(Tx& t) : tx(t) {}
  ~Impl() {
    for (auto& t : sqlite) sqlite_api::sqlite3_finalize(t.statement);
  }

  [[noreturn]] void fail_sqlite(std::string_view what) {
    throw std::runtime_error(std::string(what) + ": " +
                             sqlite_api::sqlite3_errmsg(sqlite_handle(tx)));
  }

  void sqlite_row(SqliteTable& t, std::initializer_list<BulkValue> values) {
    int i = 1;
    for (const auto& v : values) {
      int rc = SQLITE_OK;
      if (const auto* n = std::get_if<long long>(&v)) {
        rc = sqlite_api::sqlite3_bind_int64(t.statement, i, *n);
      } else if (const auto* s = std::get_if<std::string_view>(&v)) {
        rc = sqlite_api::sqlite3_bind_text(t.statement, i, s->data(), static_cast<int>(s->size()),
                                           SQLITE_TRANSIENT);
      } else {
        rc = sqlite_api::sqlite3_bind_null(t.statement, i);
      }
      if (rc != SQLITE_OK) fail_sqlite("bulk insert: bind");
      ++i;
    }
    int rc = sqlite_api::sqlite3_step(t.statement);
    if (rc != SQLITE_DONE) {
      std::string message = sqlite_api::sqlite3_errmsg(sqlite_handle(tx));
      sqlite_api::sqlite3_reset(t.statement);
      throw std::runtime_error("bulk insert: " + message);
    }
    sqlite_api::sqlite3_reset(t.statement);
  }

  static void pg_row(PgTable& t, std::initializer_list<BulkValue> values) {
    bool first = true;
    for (const auto& v : values) {
      if (!first) t.data += '\t';
      first = false;
      if (const auto* n = std::get_if<long long>(&v)) {
        t.data += std::to_string(*n);
      } else if (const auto* s = std::get_if<std::string_view>(&v)) {
        append_copy_text(t.data, *s);
      } else {
        t.data += "\\N";
      }
    }
    t.data += '\n';
  }

  void pg_copy(PgTable& t) {
    PGconn* conn = pg_handle(tx);
    auto fail = [&](std::string_view what) {
      throw std::runtime_error(std::string(what) + ": " + PQerrorMessage(conn));
    };
    PGresult* started = PQexec(conn, t.copy_command.c_str());
    bool copying = PQresultStatus(started) == PGRES_COPY_IN;
    PQclear(started);
    if (!copying) fail(t.copy_command);
    constexpr std::size_t kChunk = 1 << 20;
    for (std::size_t at = 0; at < t.data.size(); at += kChunk) {
      int size = static_cast<int>(std::min(kChunk, t.data.size() - at));
      if (PQputCopyData(conn, t.data.data() + at, size) != 1) fail(t.copy_command);
    }
    if (PQputCopyEnd(conn, nullptr) != 1) fail(t.copy_command);
    std::string error;
    while (PGresult* result = PQgetResult(conn)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty())
        error = PQresultErrorMessage(result);
      PQclear(result);
    }
    if (!error.empty()) throw std::runtime_error(t.copy_command + ": " + error);
    t.data.clear();
  }
};

BulkInsert::BulkInsert(Tx& tx) : impl_(std::make_unique<Impl>(tx)) {}
BulkInsert::~BulkInsert() = default;

std::size_t BulkInsert::table(std::string_view table,
                              const std::vector<std::string_view>& columns) {
  std::string list = joined(columns);
  if (impl_->tx.dialect() == Dialect::sqlite) {
    std::string sql = "INSERT INTO " + std::string(table) + " (" + list + ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
    sql += ")";
    SqliteTable t;
    t.columns = columns.size();
    if (sqlite_api::sqlite3_prepare_v2(sqlite_handle(impl_->tx), sql.c_str(), -1, &t.statement,
                                       nullptr) != SQLITE_OK)
      impl_->fail_sqlite(sql);
    impl_->sqlite.push_back(t);
    return impl_->sqlite.size() - 1;
  }
  impl_->pg.push_back(
      {"COPY " + std::string(table) + " (" + list + ") FROM STDIN", {}, columns.size()});
  return impl_->pg.size() - 1;
}

void BulkInsert::row(std::size_t table, std::initializer_list<BulkValue> values) {
  if (impl_->tx.dialect() == Dialect::sqlite) {
    auto& t = impl_->sqlite.at(table);
    if (values.size() != t.columns) throw std::logic_error("bulk insert: wrong number of values");
    impl_->sqlite_row(t, values);
  } else {
    auto& t = impl_->pg.at(table);
    if (values.size() != t.columns) throw std::logic_error("bulk insert: wrong number of values");
    Impl::pg_row(t, values);
  }
}

void BulkInsert::finish() {
  if (impl_->finished) return;
  impl_->finished = true;
  for (auto& t : impl_->pg)
    if (!t.data.empty()) impl_->pg_copy(t);
}

long long first_free_id(Tx& tx, std::string_view table) {
  std::string name(table);
  long long highest = 0, issued = 0;
  // Cached: a fulfilment batch reserves asset ids for every order.
  tx.cached("SELECT COALESCE(MAX(id), 0) FROM " + name).run(soci::into(highest));
  if (tx.dialect() == Dialect::sqlite) {
    soci::indicator ind = soci::i_null;
    if (!tx.cached("SELECT seq FROM sqlite_sequence WHERE name = :t")
             .run(soci::use(name), soci::into(issued, ind)) ||
        ind != soci::i_ok)
      issued = 0;
  } else {
    // is_called is false only before the first nextval: last_value was not
    // handed out yet.
    std::string sequence;
    tx.sql() << "SELECT pg_get_serial_sequence(:t, 'id')", soci::use(name), soci::into(sequence);
    tx.sql() << "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " +
                    sequence,
        soci::into(issued);
  }
  return std::max(highest, issued) + 1;
}

void advance_id_sequence(Tx& tx, std::string_view table, long long last_id) {
  // No id given yet (e.g. a batch without service points on an empty
  // table): the sequence, which starts at 1, cannot be set to 0.
  if (tx.dialect() == Dialect::sqlite || last_id < 1) return;
  std::string name(table);
  long long set = 0;
  tx.sql() << "SELECT setval(pg_get_serial_sequence(:t, 'id'), :v)", soci::use(name),
      soci::use(last_id), soci::into(set);
}

std::vector<long long> reserve_ids(Tx& tx, std::string_view table, long long count) {
  std::vector<long long> ids;
  if (count <= 0) return ids;
  ids.reserve(static_cast<std::size_t>(count));
  if (tx.dialect() == Dialect::sqlite) {
    const long long first = first_free_id(tx, table);
    for (long long i = 0; i < count; ++i) ids.push_back(first + i);
    return ids;
  }
  std::string name(table);
  soci::rowset<long long> rs =
      (tx.sql().prepare << "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM "
                           "generate_series(1, :n)",
       soci::use(name), soci::use(count));
  for (long long id : rs) ids.push_back(id);
  return ids;
}

void lock_for_bulk_insert(Tx& tx, const std::vector<std::string_view>& tables) {
  if (tx.dialect() == Dialect::sqlite) return;
  // SHARE ROW EXCLUSIVE: blocks INSERT, UPDATE and DELETE elsewhere, and
  // another bulk load, but not readers.
  tx.sql() << "LOCK TABLE " + joined(tables) + " IN SHARE ROW EXCLUSIVE MODE";
}

void refresh_statistics(Tx& tx) {
  if (tx.dialect() == Dialect::postgresql) tx.sql() << "ANALYZE";
}

}  // namespace rapport::store
