#include "store/customers/customer_search.h"

#include <algorithm>
#include <deque>

#include <soci/soci.h>

#include "store/statement_cache.h"

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

// A word search that matches more customers than this is not ranked: it
// lists them in the order they were added. Ranking reads every match
// (SQLite: its document size for bm25, some 7 µs each; PostgreSQL: its text
// for ts_rank), and among thousands that all hold the words the rank says
// little: the CSR narrows the search instead. "thomas tho" finds 19,000 of
// a million demo customers: ranked, 30 ms on SQLite; listed, under 1 ms.
constexpr int kMaxRanked = 1000;
// PostgreSQL, unranked word searches: the rows a page may reach by reading
// customers in id order (see search_customers).
constexpr int kMaxScannedRows = 100;

// The full-text query of the words, each a prefix, all required. On
// PostgreSQL a tsquery literal (the words are lower-case letters and digits,
// search_text.h): a short alphabetic word is the exact lexeme '^word' that
// migration 0030 stores for the first one to three letters of every word,
// a longer one a prefix ('martin':*).
std::string match_expression(const std::vector<std::string>& words, bool sqlite) {
  std::string expr;
  for (const auto& w : words) {
    if (!expr.empty()) expr += sqlite ? " AND " : " & ";
    if (sqlite) {
      expr += "\"" + w + "\"*";
      continue;
    }
    const bool alphabetic =
        std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    expr += w.size() <= 3 && alphabetic ? "'^" + w + "'" : "'" + w + "':*";
  }
  return expr;
}

// The customers' stored search vector matches the query (PostgreSQL).
const std::string kPgMatch = "c.search_vector @@ CAST(";

// True when the words alone match more than kMaxRanked customers; reads
// only kMaxRanked + 1 entries of the index, in id order.
bool too_many_to_rank(Tx& tx, const std::string& expr) {
  long long id = 0;
  static const std::string skip = " LIMIT 1 OFFSET " + std::to_string(kMaxRanked);
  static const std::string sqlite =
      "SELECT rowid FROM customer_search WHERE customer_search MATCH :q ORDER BY rowid" + skip;
  static const std::string postgresql =
      "SELECT c.id FROM customers c WHERE " + kPgMatch + ":q AS tsquery)" + skip;
  // PostgreSQL's generic plan of a kept full-text statement guesses the
  // words' selectivity (a word search was 1.7 times slower kept): prepared
  // for the values there.
  if (tx.dialect() == Dialect::sqlite)
    return tx.cached(sqlite).run(soci::use(expr), soci::into(id));
  return CachedStatement(nullptr, tx.sql(), tx.dialect(), postgresql)
      .run(soci::use(expr), soci::into(id));
}

}  // namespace

SearchPage search_customers(Tx& tx, const domain::SearchQuery& q, int limit, int offset) {
  SearchPage page;
  if (q.empty()) return page;
  QueryBuilder b;
  const bool sqlite = tx.dialect() == Dialect::sqlite;
  std::string select = "SELECT c.id", from = "customers c", where = "1 = 1";
  std::string order = "c.display_name, c.id";
  std::string matched = "name";
  if (!q.words.empty()) {
    const std::string expr = match_expression(q.words, sqlite);
    const bool ranked = !too_many_to_rank(tx, expr);
    const bool words_only =
        !q.postal_key && q.phones.empty() && !q.email && !q.account_number && !q.customer_id;
    if (sqlite && words_only) {
      // The index alone answers: no customer row is read before the page is
      // chosen (joining first would read one per match).
      select = "SELECT s.rowid";
      from = "customer_search s";
      where += " AND customer_search MATCH " + b.bind(expr);
      order = ranked ? "s.rank, s.rowid" : "s.rowid ASC";
    } else if (sqlite) {
      from = "customer_search s JOIN customers c ON c.id = s.rowid";
      where += " AND customer_search MATCH " + b.bind(expr);
      order = ranked ? "s.rank, c.id" : "s.rowid ASC";
    } else {
      if (!ranked && words_only && offset + limit <= kMaxScannedRows) {
        // More than kMaxRanked match: the first pages by id are found by
        // reading customers in id order and testing each (about rows × N ÷
        // matches, a few ms). The test is written so that the planner
        // cannot use the index: with it, it guesses the words independent
        // ("thomas tho": 388 estimated, 19,030 found) and reads and sorts
        // every match (165 ms at a million customers). Deeper pages go
        // through the index: the scan would grow with the offset.
        where += " AND CASE WHEN " + kPgMatch + b.bind(expr) + " AS tsquery) THEN 1 ELSE 0 END = 1";
      } else {
        where += " AND " + kPgMatch + b.bind(expr) + " AS tsquery)";
      }
      order = ranked ? "ts_rank(c.search_vector, CAST(" + b.bind(expr) + " AS tsquery)) DESC, c.id"
                     : "c.id ASC";
    }
  }
  if (q.postal_key) {
    // customers_postal_name lists a postal code's customers in name order.
    where += " AND c.postal_key = " + b.bind(*q.postal_key);
    matched = "postal_code";
  }
  // The subqueries are joined with UNION, not OR: an OR of two IN (…) makes
  // PostgreSQL scan every customer.
  if (!q.phones.empty()) {
    std::string list, list2;
    for (const auto& p : q.phones) {
      list += (list.empty() ? "" : ", ") + b.bind(p);
      list2 += (list2.empty() ? "" : ", ") + b.bind(p);
    }
    where += " AND c.id IN (SELECT customer_id FROM customer_phones WHERE e164 IN (" + list +
             ") UNION SELECT customer_id FROM contacts WHERE phone_e164 IN (" + list2 + "))";
    matched = "phone";
  }
  if (q.email) {
    std::string e = b.bind(*q.email);
    where += " AND c.id IN (SELECT customer_id FROM customer_emails WHERE address_key = " + e + ")";
    matched = "email";
  }
  if (q.account_number) {
    std::string a = b.bind(*q.account_number), a2 = b.bind(*q.account_number);
    where += " AND c.id IN (SELECT customer_id FROM accounts WHERE number = " + a +
             " UNION SELECT ap.customer_id FROM account_persons ap JOIN accounts a ON a.id = "
             "ap.account_id WHERE a.number = " +
             a2 + ")";
    matched = "account";
  }
  const long long customer_id = q.customer_id.value_or(0);
  if (q.customer_id) {
    where += " AND c.id = :customer_id";
    matched = "id";
  }
  // One row more than asked tells whether there is a next page. The values
  // are bound: the text depends only on the kind of search, and is kept
  // prepared.
  const int fetch = limit + 1;
  b.sql = select + " FROM " + from + " WHERE " + where + " ORDER BY " + order +
          " LIMIT :page_limit OFFSET :page_offset";
  long long id = 0;
  // Kept prepared, but on PostgreSQL not with words (see too_many_to_rank).
  auto st = sqlite || q.words.empty() ? tx.cached(b.sql)
                                      : CachedStatement(nullptr, tx.sql(), tx.dialect(), b.sql);
  for (std::size_t i = 0; i < b.values().size(); ++i)
    st.bind(soci::use(b.values()[i], b.names()[i]));
  if (q.customer_id) st.bind(soci::use(customer_id, "customer_id"));
  for (bool more =
           st.run(soci::use(fetch, "page_limit"), soci::use(offset, "page_offset"), soci::into(id));
       more; more = st.next())
    page.hits.push_back({id, matched});
  if (static_cast<int>(page.hits.size()) > limit) {
    page.hits.pop_back();
    page.more = true;
  }
  return page;
}

}  // namespace rapport::store
