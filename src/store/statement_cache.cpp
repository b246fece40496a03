#include "store/statement_cache.h"

#include <soci/sqlite3/soci-sqlite3.h>

namespace rapport::store {
namespace {

std::unique_ptr<soci::statement> prepare_statement(soci::session& sql, const std::string& text) {
  return std::make_unique<soci::statement>((sql.prepare << text));
}

// Unbinds the elements of the last use; on SQLite also ends the read the
// statement may still hold open and forgets the bound values (they pointed
// at the caller's variables).
void unbind(soci::statement& st, Dialect dialect) {
  st.bind_clean_up();
  if (dialect != Dialect::sqlite) return;
  auto* backend = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  if (backend == nullptr || backend->stmt_ == nullptr) return;
  sqlite_api::sqlite3_reset(backend->stmt_);
  sqlite_api::sqlite3_clear_bindings(backend->stmt_);
}

}  // namespace

StatementCache::StatementCache(soci::session& sql, Dialect dialect, std::size_t capacity)
    : sql_(sql), dialect_(dialect), capacity_(capacity == 0 ? 1 : capacity) {}

StatementCache::~StatementCache() { clear(); }

soci::statement* StatementCache::acquire(const std::string& sql) {
  if (auto found = index_.find(sql); found != index_.end()) {
    auto it = found->second;
    if (it->in_use) return nullptr;
    entries_.splice(entries_.begin(), entries_, it);
    it->in_use = true;
    return it->statement.get();
  }
  make_room();
  auto statement = prepare_statement(sql_, sql);
  ++prepared_;
  entries_.push_front(Entry{sql, std::move(statement), true});
  index_.emplace(entries_.front().sql, entries_.begin());
  return entries_.front().statement.get();
}

void StatementCache::release(const std::string& sql) {
  if (auto found = index_.find(sql); found != index_.end()) found->second->in_use = false;
}

void StatementCache::make_room() {
  // The least recently used statements not in use go first; the PostgreSQL
  // backend deallocates in the destructor and ignores a failure there.
  auto it = entries_.end();
  while (entries_.size() >= capacity_ && it != entries_.begin()) {
    --it;
    if (it->in_use) continue;
    index_.erase(it->sql);
    it = entries_.erase(it);
  }
}

void StatementCache::drop(const std::string& sql) {
  auto found = index_.find(sql);
  if (found == index_.end()) return;
  auto it = found->second;
  index_.erase(found);
  entries_.erase(it);
}

void StatementCache::clear() {
  index_.clear();
  entries_.clear();
}

CachedStatement::CachedStatement(StatementCache* cache, soci::session& sql, Dialect dialect,
                                 std::string text)
    : cache_(cache), dialect_(dialect), text_(std::move(text)) {
  if (cache_ != nullptr) statement_ = cache_->acquire(text_);
  if (statement_ == nullptr) {
    cache_ = nullptr;
    own_ = prepare_statement(sql, text_);
    statement_ = own_.get();
  }
}

CachedStatement::~CachedStatement() {
  if (cache_ == nullptr) return;  // own_ finalizes its statement
  try {
    unbind(*statement_, dialect_);
    cache_->release(text_);
  } catch (...) {
    cache_->drop(text_);
  }
}

}  // namespace rapport::store
