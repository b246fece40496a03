// store/customers/account_repository.h: accounts, the persons on them, and their
// service agreements.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "domain/customers/customer.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class AccountRepository {
 public:
  // Inserts the account and its persons; gives it its number (A1000001…),
  // which is returned in the stored account. Re-indexes the customer.
  static domain::Account insert(Tx& tx, domain::Account account, const Actor& actor, Instant now);
  // The accounts that bill `customer` or name it as a person, oldest first.
  static std::vector<domain::Account> of_customer(Tx& tx, Id<domain::Customer> customer);
  // The same for several customers at once (a page of search results), in
  // their order: three statements whatever their number.
  static std::vector<std::vector<domain::Account>> of_customers(
      Tx& tx, const std::vector<std::int64_t>& customers);
  // Errors: invalid_input ("agreement.type_unknown" when the type does not
  // exist or is deactivated).
  static Result<Id<domain::ServiceAgreement>> insert_agreement(Tx& tx, domain::ServiceAgreement sa,
                                                               const Actor& actor, Instant now);
  static std::vector<domain::ServiceAgreement> agreements_of(
      Tx& tx, const std::vector<domain::Account>& accounts);
  // True when the customer has accounts with agreements, so it may not be deleted.
  static bool has_agreements(Tx& tx, Id<domain::Customer> customer);
};

}  // namespace rapport::store
