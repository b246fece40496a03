// store/customers/customer_search.h: Control Central's search. SQLite answers from
// an FTS5 index (prefix queries), PostgreSQL from a GIN index of its text
// search ('simple' configuration, prefix queries); both index the same
// normalized text (domain/customers/search_text.h), so both find the same
// customers. Exact keys (phone, e-mail, account number, id, postal code)
// use plain indexes.
#pragma once

#include <string>
#include <vector>

#include "domain/customers/search_query.h"
#include "store/database.h"

namespace rapport::store {

struct SearchHit {
  std::int64_t customer_id = 0;
  std::string matched;  // phone, email, account, id, postal_code, name
};

// The customers matching every criterion of `q`, best first, skipping
// `offset`, at most `limit`; `more` tells whether another page exists.
// Best first: by relevance when the words match at most 1,000 customers,
// else in the order the customers were added (ranking thousands of equal
// matches would cost more than it tells); by name without words.
struct SearchPage {
  std::vector<SearchHit> hits;
  bool more = false;
};
SearchPage search_customers(Tx& tx, const domain::SearchQuery& q, int limit, int offset);

}  // namespace rapport::store
