// store/contactplan/non_activity_repository.h: a customer's non-activity periods
// [OIS051], which every plan respects.
#pragma once

#include <map>
#include <vector>

#include "core/result.h"
#include "domain/contactplan/contact_plan.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class NonActivityRepository {
 public:
  static Id<domain::NonActivityPeriod> insert(Tx& tx, const domain::NonActivityPeriod& p,
                                              const Actor& actor, Instant now);
  // Errors: not_found ("non_activity.not_found").
  static Status remove(Tx& tx, std::int64_t customer, Id<domain::NonActivityPeriod> id,
                       const Actor& actor, Instant now);
  // By first date.
  static std::vector<domain::NonActivityPeriod> of_customer(Tx& tx, std::int64_t customer);
  // The periods of these customers that end on or after `from` and start
  // on or before `to`, by customer.
  static std::map<std::int64_t, std::vector<domain::NonActivityPeriod>> of_customers(
      Tx& tx, const std::vector<std::int64_t>& customers, CivilDate from, CivilDate to);
};

}  // namespace rapport::store
