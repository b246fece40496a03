// The codes of domain/'s enums are stored in the database, sent in the API
// and named in catalog keys: they must not change when an enum is edited.
#include <gtest/gtest.h>

#include "domain/contactplan/contact_plan.h"
#include "domain/customers/codes.h"
#include "domain/jobs/job.h"
#include "domain/marketing/service_order.h"
#include "domain/users/user.h"

namespace rapport::domain {
namespace {

template <class E>
void round_trips(std::initializer_list<std::pair<E, std::string_view>> expected) {
  for (const auto& [value, code] : expected) {
    EXPECT_EQ(to_code(value), code);
    EXPECT_EQ(enum_from_code<E>(code), value) << code;
  }
}

TEST(StoredCodes, AreTheOnesTheDatabaseAndTheApiKnow) {
  round_trips<PhoneType>({{PhoneType::mobile, "mobile"}, {PhoneType::fax, "fax"}});
  round_trips<AccountRelationship>(
      {{AccountRelationship::financially_responsible, "financially_responsible"}});
  round_trips<ServiceAgreementStatus>({{ServiceAgreementStatus::pending_start, "pending_start"}});
  round_trips<Comparison>({{Comparison::between, "between"}, {Comparison::ge, "ge"}});
  round_trips<CriterionEffect>({{CriterionEffect::check_next, "check_next"}});
  round_trips<Eligibility>({{Eligibility::insufficient_data, "insufficient_data"}});
  round_trips<StartOption>({{StartOption::first_of_next_month, "first_of_next_month"}});
  round_trips<ValueType>({{ValueType::yes_no, "yes_no"}});
  round_trips<OrderStatus>({{OrderStatus::canceled, "canceled"}});
  round_trips<PartyChoice>({{PartyChoice::use_existing, "use_existing"}});
  round_trips<JobStatus>({{JobStatus::cancelled, "cancelled"}});
  round_trips<PlanPurpose>({{PlanPurpose::other_contact, "other_contact"}});
  round_trips<ExceptionKind>({{ExceptionKind::no_contact, "no_contact"}});
  EXPECT_EQ(to_string(Role::fulfilment), "fulfilment");
  EXPECT_EQ(parse_role("customer"), Role::customer);
  EXPECT_EQ(parse_role("root"), std::nullopt);
  EXPECT_EQ(parse_phone_type("pager"), PhoneType::mobile) << "the documented fallback";
}

}  // namespace
}  // namespace rapport::domain
