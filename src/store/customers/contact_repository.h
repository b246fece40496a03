// store/customers/contact_repository.h: the persons at a company customer.
#pragma once

#include <vector>

#include "core/result.h"
#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class ContactRepository {
 public:
  static Id<domain::Contact> insert(Tx& tx, const domain::Contact& c, const Actor& actor,
                                    Instant now);
  static std::vector<domain::Contact> of_customer(Tx& tx, Id<domain::Customer> customer);
  // The contact `id` of `customer`. Errors: not_found ("contact.not_found",
  // also for another customer's contact).
  static Result<domain::Contact> find(Tx& tx, Id<domain::Customer> customer,
                                      Id<domain::Contact> id);
  // Writes the names, role, phone and e-mail of `c` if it is still at
  // `c.version`, audited field by field. Errors: conflict ("record.stale").
  static Result<Version> update(Tx& tx, const domain::Contact& c, const Actor& actor, Instant now);
};

}  // namespace rapport::store
