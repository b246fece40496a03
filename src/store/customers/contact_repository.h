// store/customers/contact_repository.h: the persons at a company customer.
#pragma once

#include <vector>

#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class ContactRepository {
 public:
  static Id<domain::Contact> insert(Tx& tx, const domain::Contact& c, const Actor& actor,
                                    Instant now);
  static std::vector<domain::Contact> of_customer(Tx& tx, Id<domain::Customer> customer);
};

}  // namespace rapport::store
