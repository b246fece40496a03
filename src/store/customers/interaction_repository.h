// store/customers/interaction_repository.h: the history of contacts with a customer.
#pragma once

#include <vector>

#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class InteractionRepository {
 public:
  static Id<domain::Interaction> insert(Tx& tx, const domain::Interaction& i, const Actor& actor);
  // Newest first, at most `limit`.
  static std::vector<domain::Interaction> of_customer(Tx& tx, Id<domain::Customer> customer,
                                                      int limit);
};

}  // namespace rapport::store
