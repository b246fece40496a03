// store/contactplan/contact_info_repository.h: a customer's contact info on a plan
// [OIS054] — at most one per plan and customer.
#pragma once

#include <vector>

#include "core/result.h"
#include "domain/contactplan/contact_plan.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// A contact info with the names a list shows beside it.
struct ContactInfoRow {
  domain::ContactInfo info;
  std::string customer_name;
  std::string customer_zone;  // the customer's own zone (info.time_zone overrides it)
  std::string plan_code;
  std::string plan_name_en;
  std::string plan_name_fr;
  std::string contact_name;  // empty without a contact person
};

class ContactInfoRepository {
 public:
  // Errors: conflict ("contact_info.already_on_plan", field "customer").
  static Result<Id<domain::ContactInfo>> insert(Tx& tx, const domain::ContactInfo& info,
                                                const Actor& actor, Instant now);
  static Result<Version> update(Tx& tx, const domain::ContactInfo& info, const Actor& actor,
                                Instant now);
  // Errors: not_found ("contact_info.not_found").
  static Status remove(Tx& tx, Id<domain::ContactInfo> id, const Actor& actor, Instant now);
  // Errors: not_found ("contact_info.not_found").
  static Result<ContactInfoRow> find(Tx& tx, Id<domain::ContactInfo> id);
  static std::optional<ContactInfoRow> find_for(Tx& tx, Id<domain::ContactPlan> plan,
                                                std::int64_t customer);
  // By sequence, then customer name.
  static std::vector<ContactInfoRow> of_plan(Tx& tx, Id<domain::ContactPlan> plan);
  static std::vector<ContactInfoRow> of_customer(Tx& tx, std::int64_t customer);
  // The contact infos of `plan` whose customer is in `customers` (all when
  // `customers` is empty), whose customer's category or class is in
  // `categories` (no filter when empty), with customer id > after_customer,
  // (and <= upto_customer unless 0), by customer id, at most `limit`: the
  // chunks a generation walks through.
  // (By customer: each chunk is read off the unique (plan, customer) index;
  // by contact info id, every chunk read and sorted all the plan's infos.)
  static std::vector<ContactInfoRow> chunk(Tx& tx, Id<domain::ContactPlan> plan,
                                           const std::vector<std::int64_t>& customers,
                                           const std::vector<std::string>& categories,
                                           std::int64_t after_customer, int limit,
                                           std::int64_t upto_customer = 0);
  // The customer id at every `every`-th place of chunk()'s order (every,
  // 2 × every, …): the bounds of a generation's partitions.
  static std::vector<std::int64_t> boundaries(Tx& tx, Id<domain::ContactPlan> plan,
                                              const std::vector<std::int64_t>& customers,
                                              const std::vector<std::string>& categories,
                                              std::int64_t every);
  // How many chunk() would return in all.
  static long long count(Tx& tx, Id<domain::ContactPlan> plan,
                         const std::vector<std::int64_t>& customers,
                         const std::vector<std::string>& categories);
};

}  // namespace rapport::store
