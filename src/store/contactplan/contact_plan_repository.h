// store/contactplan/contact_plan_repository.h: contact plans [OIS052] and their
// exceptions [OIS053].
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/contactplan/contact_plan.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

class ContactPlanRepository {
 public:
  // Errors: conflict ("contact_plan.code_taken", field "code").
  static Result<Id<domain::ContactPlan>> insert(Tx& tx, const domain::ContactPlan& plan,
                                                const Actor& actor, Instant now);
  // Optimistic: refused as stale unless plan.version is the stored one.
  static Result<Version> update(Tx& tx, const domain::ContactPlan& plan, const Actor& actor,
                                Instant now);
  // Errors: not_found ("contact_plan.not_found").
  static Result<domain::ContactPlan> find(Tx& tx, Id<domain::ContactPlan> id);
  static std::optional<domain::ContactPlan> find_by_code(Tx& tx, const std::string& code);
  // By code; only active ones when `active_only`.
  static std::vector<domain::ContactPlan> list(Tx& tx, bool active_only);
  static std::vector<domain::ContactPlan> with_ids(Tx& tx, const std::vector<std::int64_t>& ids);

  static Id<domain::PlanException> add_exception(Tx& tx, const domain::PlanException& e,
                                                 const Actor& actor, Instant now);
  // Errors: not_found ("contact_plan.exception_not_found").
  static Status remove_exception(Tx& tx, Id<domain::ContactPlan> plan, Id<domain::PlanException> id,
                                 const Actor& actor, Instant now);
  // By first date.
  static std::vector<domain::PlanException> exceptions(Tx& tx, Id<domain::ContactPlan> plan);
};

}  // namespace rapport::store
