// store/quotes/quote_repository.h: quotes with their lines and revisions,
// the order a quote was converted to, and their audit trail.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/quotes/quote.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class QuoteRepository {
 public:
  // Inserts the quote and its lines (numbered 1, 2, …). A quote without a
  // number gets "Q-" + its 6-digit id (a first revision); a revision keeps
  // its number. The returned quote has its ids, number and version 1.
  static domain::Quote insert(Tx& tx, domain::Quote q, const Actor& actor, Instant now);
  // Saves the header and the lines at q.version (stale_record_error when
  // moved on): lines without an id are inserted, lines no longer in `q`
  // deleted, the others updated when changed; `before` is the quote as
  // read in this transaction. Returns the new version.
  static Result<Version> save(Tx& tx, domain::Quote& q, const domain::Quote& before,
                              const Actor& actor, Instant now);
  // Errors: not_found ("quote.not_found").
  static Result<domain::Quote> find(Tx& tx, Id<domain::Quote> id);
  // The customer's quotes, every revision, newest first, with their lines.
  static std::vector<domain::Quote> of_customer(Tx& tx, std::int64_t customer, int limit = 200,
                                                int offset = 0);
  // The customer's open cart (domain::is_cart), if any: at most one.
  static std::optional<domain::Quote> cart_of(Tx& tx, std::int64_t customer);
  // Every revision of the quote `number`, newest first.
  static std::vector<domain::Quote> revisions(Tx& tx, const std::string& number);
  // Names the quote on the order made from it (sales_orders.quote_id).
  static void link_order(Tx& tx, Id<domain::Quote> quote, std::int64_t order);
  // The quote an order was converted from, if any.
  static std::optional<std::int64_t> quote_of_order(Tx& tx, std::int64_t order);
};

}  // namespace rapport::store
