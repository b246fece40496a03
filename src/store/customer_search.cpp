#include "store/customer_search.h"

#include <deque>

#include <soci/soci.h>

namespace rapport::store {
namespace {

// Builds the query text and keeps the values it binds alive and in order.
class QueryBuilder {
 public:
  std::string sql;
  // Each call makes a new named placeholder: a value used twice is bound twice.
  std::string bind(std::string value) {
    values_.push_back(std::move(value));
    names_.push_back("v" + std::to_string(values_.size()));
    return ":" + names_.back();
  }
  const std::deque<std::string>& values() const { return values_; }
  const std::deque<std::string>& names() const { return names_; }

 private:
  std::deque<std::string> values_;  // deque: binding keeps addresses stable
  std::deque<std::string> names_;
};

}  // namespace

SearchPage search_customers(Tx& tx, const domain::SearchQuery& q, int limit, int offset) {
  SearchPage page;
  if (q.empty()) return page;
  QueryBuilder b;
  const bool sqlite = tx.dialect() == Dialect::sqlite;
  std::string from = "customers c", order = "c.display_name, c.id", where = "1 = 1";
  std::string matched = "name";
  if (!q.words.empty()) {
    std::string expr;
    for (const auto& w : q.words) {
      if (!expr.empty()) expr += sqlite ? " AND " : " & ";
      expr += sqlite ? "\"" + w + "\"*" : w + ":*";
    }
    if (sqlite) {
      from = "customer_search s JOIN customers c ON c.id = s.rowid";
      where += " AND customer_search MATCH " + b.bind(expr);
      order = "s.rank, c.id";
    } else {
      std::string p = b.bind(expr);
      where += " AND to_tsvector('simple', c.search_text) @@ to_tsquery('simple', " + p + ")";
      order = "ts_rank(to_tsvector('simple', c.search_text), to_tsquery('simple', " + b.bind(expr) +
              ")) DESC, c.id";
    }
  }
  if (q.postal_key) {
    where += " AND c.postal_key = " + b.bind(*q.postal_key);
    matched = "postal_code";
  }
  if (!q.phones.empty()) {
    std::string list, list2;
    for (const auto& p : q.phones) {
      list += (list.empty() ? "" : ", ") + b.bind(p);
      list2 += (list2.empty() ? "" : ", ") + b.bind(p);
    }
    where += " AND (c.id IN (SELECT customer_id FROM customer_phones WHERE e164 IN (" + list +
             ")) OR c.id IN (SELECT customer_id FROM contacts WHERE phone_e164 IN (" + list2 + ")))";
    matched = "phone";
  }
  if (q.email) {
    std::string e = b.bind(*q.email);
    where += " AND c.id IN (SELECT customer_id FROM customer_emails WHERE address_key = " + e + ")";
    matched = "email";
  }
  if (q.account_number) {
    std::string a = b.bind(*q.account_number), a2 = b.bind(*q.account_number);
    where += " AND (c.id IN (SELECT customer_id FROM accounts WHERE number = " + a +
             ") OR c.id IN (SELECT ap.customer_id FROM account_persons ap JOIN accounts a ON a.id = "
             "ap.account_id WHERE a.number = " + a2 + "))";
    matched = "account";
  }
  if (q.customer_id) {
    where += " AND c.id = " + std::to_string(*q.customer_id);
    matched = "id";
  }
  // One row more than asked tells whether there is a next page.
  b.sql = "SELECT c.id FROM " + from + " WHERE " + where + " ORDER BY " + order + " LIMIT " +
          std::to_string(limit + 1) + " OFFSET " + std::to_string(offset);
  long long id = 0;
  soci::statement st(tx.sql());
  st.exchange(soci::into(id));
  for (std::size_t i = 0; i < b.values().size(); ++i)
    st.exchange(soci::use(b.values()[i], b.names()[i]));
  st.alloc();
  st.prepare(b.sql);
  st.define_and_bind();
  if (st.execute(true)) {
    do {
      page.hits.push_back({id, matched});
    } while (st.fetch());
  }
  if (static_cast<int>(page.hits.size()) > limit) {
    page.hits.pop_back();
    page.more = true;
  }
  return page;
}

}  // namespace rapport::store
