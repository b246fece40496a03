// store/customers/customer_repository.h: customers with their phones and e-mails,
// and the search index kept beside them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class CustomerRepository {
 public:
  // Inserts the customer, its phones and e-mails, and indexes it.
  static Id<domain::Customer> insert(Tx& tx, const domain::Customer& c, const Actor& actor,
                                     Instant now);
  // Errors: not_found ("customer.not_found").
  static Result<domain::Customer> find(Tx& tx, Id<domain::Customer> id);
  // Several at once, in the order of `ids` (missing ids are skipped).
  static std::vector<domain::Customer> find_many(Tx& tx, const std::vector<std::int64_t>& ids);
  // Writes if the row is still at c.version; audits changed fields; keeps
  // phones, e-mails and the index in step. Errors: not_found, conflict.
  static Result<Version> update(Tx& tx, const domain::Customer& c, const Actor& actor, Instant now);
  // Customers sharing a phone, an e-mail or the postal code of `c` (the
  // candidates duplicate_reasons() then judges), at most `limit`.
  static std::vector<domain::Customer> duplicate_candidates(Tx& tx, const domain::Customer& c,
                                                            int limit = 50);
  // Re-indexes accounts' numbers after an account is added.
  static void reindex(Tx& tx, Id<domain::Customer> id);
  static long long count(Tx& tx);
};

}  // namespace rapport::store
