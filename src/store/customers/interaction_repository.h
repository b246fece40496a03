// store/customers/interaction_repository.h: the history of contacts with a customer.
#pragma once

#include <optional>
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
  // What was addressed to the customer or done by them on the web
  // (channels e-mail, fax, letter, web), newest first, after the row
  // (before_at, before_id) when given; at most `limit`.
  static std::vector<domain::Interaction> addressed_to(Tx& tx, Id<domain::Customer> customer,
                                                       std::optional<Instant> before_at,
                                                       std::int64_t before_id, int limit);
};

}  // namespace rapport::store
