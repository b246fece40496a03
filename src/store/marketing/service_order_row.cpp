#include "store/marketing/service_order_row.h"

#include "domain/customers/customer.h"
#include "store/marketing/marketing_json.h"
#include "store/row_values.h"

namespace soci {
namespace {

using namespace rapport::store;

boost::json::value order_document(const values& v, const std::string& column) {
  return stored_document(text_of(v, column), column);
}

rapport::domain::PartyChoice choice_of(const values& v, const std::string& column) {
  return rapport::domain::party_choice_from(text_of(v, column))
      .value_or(rapport::domain::PartyChoice::none);
}

// service_orders.prospect_name: the name lists show and sort by.
std::string prospect_name(const rapport::domain::Prospect& p) {
  rapport::domain::Customer c;
  c.kind = p.kind;
  c.family_name = p.family_name;
  c.given_name = p.given_name;
  c.company_name = p.company_name;
  return c.display_name();
}

}  // namespace

using rapport::domain::ServiceOrder;

void type_conversion<ServiceOrder>::from_base(const values& v, indicator, ServiceOrder& o) {
  namespace domain = rapport::domain;
  o.id = rapport::Id<ServiceOrder>{int64_of(v, "id")};
  o.number = text_of(v, "number");
  o.status = domain::order_status_from(text_of(v, "status")).value_or(domain::OrderStatus::pending);
  o.campaign = rapport::Id<domain::Campaign>{int64_of(v, "campaign_id")};
  o.package.reset();
  if (auto p = optional_int64_of(v, "package_id")) o.package = rapport::Id<domain::Package>{*p};
  o.prospect =
      checked_document(prospect_from_json(order_document(v, "prospect_json")), "prospect_json");
  o.person = choice_of(v, "person_choice");
  o.customer = optional_int64_of(v, "customer_id");
  o.account = choice_of(v, "account_choice");
  o.existing_account = optional_int64_of(v, "account_id");
  o.premise = choice_of(v, "premise_choice");
  o.existing_premise = optional_int64_of(v, "premise_id");
  o.premise_address = checked_document(address_from_json(order_document(v, "premise_address_json")),
                                       "premise_address_json");
  o.premise_type = text_of(v, "premise_type");
  o.answers =
      checked_document(answers_from_json(order_document(v, "answers_json"), {}), "answers_json");
  o.set_aside = checked_document(answers_from_json(order_document(v, "set_aside_json"), {}),
                                 "set_aside_json");
  o.hold_reason = text_of(v, "hold_reason");
  o.remind_on.reset();
  if (auto d = optional_text_of(v, "remind_on")) o.remind_on = rapport::parse_date(*d);
  o.cancel_reason = text_of(v, "cancel_reason");
  o.created = created_from_json(order_document(v, "created_json"));
  o.assigned_user = optional_int64_of(v, "assigned_user");
  o.created_at = rapport::parse_instant(text_of(v, "created_at")).value_or(rapport::Instant{});
  o.completed_at.reset();
  if (auto at = optional_text_of(v, "completed_at")) o.completed_at = rapport::parse_instant(*at);
  o.version = int64_of(v, "version");
}

void type_conversion<ServiceOrder>::to_base(const ServiceOrder& o, values& v, indicator& ind) {
  namespace domain = rapport::domain;
  v.set("id", static_cast<long long>(o.id.value));
  v.set("status", std::string(domain::to_code(o.status)));
  v.set("campaign_id", static_cast<long long>(o.campaign.value));
  set_optional_int64(v, "package_id",
                     o.package ? std::optional<long long>(o.package->value) : std::nullopt);
  v.set("prospect_name", prospect_name(o.prospect));
  v.set("prospect_json", to_text(to_json(o.prospect)));
  v.set("person_choice", std::string(domain::to_code(o.person)));
  set_optional_int64(v, "customer_id", o.customer);
  v.set("account_choice", std::string(domain::to_code(o.account)));
  set_optional_int64(v, "account_id", o.existing_account);
  v.set("premise_choice", std::string(domain::to_code(o.premise)));
  set_optional_int64(v, "premise_id", o.existing_premise);
  v.set("premise_address_json", to_text(to_json(o.premise_address)));
  v.set("premise_type", o.premise_type);
  v.set("answers_json", to_text(to_json(o.answers)));
  v.set("set_aside_json", to_text(to_json(o.set_aside)));
  v.set("hold_reason", o.hold_reason);
  set_optional_text(v, "remind_on",
                    o.remind_on ? std::optional(rapport::format_date(*o.remind_on)) : std::nullopt);
  v.set("cancel_reason", o.cancel_reason);
  v.set("created_json", to_text(to_json(o.created)));
  set_optional_int64(v, "assigned_user", o.assigned_user);
  set_optional_text(
      v, "completed_at",
      o.completed_at ? std::optional(rapport::format_instant(*o.completed_at)) : std::nullopt);
  v.set("version", static_cast<long long>(o.version));
  ind = i_ok;
}

void type_conversion<ServiceOrderRow>::from_base(const values& v, indicator ind,
                                                 ServiceOrderRow& row) {
  type_conversion<ServiceOrder>::from_base(v, ind, row.order);
  row.campaign_code = text_of(v, "campaign_code");
  row.package_code = text_of(v, "package_code");
  row.prospect_name = text_of(v, "prospect_name");
}

}  // namespace soci
