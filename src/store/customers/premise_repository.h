// store/customers/premise_repository.h: premises (places of service) and their
// service points.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

struct PremiseWithPoints {
  domain::Premise premise;
  std::vector<domain::ServicePoint> points;
};

class PremiseRepository {
 public:
  static Id<domain::Premise> insert(Tx& tx, const domain::Premise& p, const Actor& actor,
                                    Instant now);
  static Id<domain::ServicePoint> insert_point(Tx& tx, const domain::ServicePoint& sp,
                                               const Actor& actor, Instant now);
  // Records that `customer` is served at `premise`.
  static void link(Tx& tx, Id<domain::Customer> customer, Id<domain::Premise> premise);
  // Errors: not_found ("premise.not_found").
  static Result<PremiseWithPoints> find(Tx& tx, Id<domain::Premise> id);
  // The premise of business number `number` ("P1000012"). Errors: not_found
  // ("premise.not_found").
  static Result<PremiseWithPoints> find_by_number(Tx& tx, const std::string& number);
  static std::vector<PremiseWithPoints> of_customer(Tx& tx, Id<domain::Customer> customer);
  // Existing premises where every word begins a word of the address or is
  // part of the postal code and, when given, at that postal code: how a CSR
  // picks a premise in a predefined territory.
  static std::vector<PremiseWithPoints> search(Tx& tx, const std::vector<std::string>& words,
                                               const std::string& postal_key, int limit);
};

}  // namespace rapport::store
