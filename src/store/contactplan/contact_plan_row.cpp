#include "store/contactplan/contact_plan_row.h"

#include "store/row_values.h"

namespace soci {
namespace {

using rapport::domain::RecalculationRule;
using namespace rapport::store;

std::optional<RecalculationRule> rule_of(const values& v, const std::string& name) {
  auto delay = optional_int64_of(v, name + "_delay"), max = optional_int64_of(v, name + "_max");
  if (!delay || !max) return std::nullopt;
  return RecalculationRule{static_cast<int>(*delay), static_cast<int>(*max)};
}

void set_rule(values& v, const std::string& name, const std::optional<RecalculationRule>& rule) {
  indicator ind = rule ? i_ok : i_null;
  v.set(name + "_delay", rule ? rule->delay_minutes : 0, ind);
  v.set(name + "_max", rule ? rule->max_attempts : 0, ind);
}

void set_date(values& v, const std::string& name, const std::optional<rapport::CivilDate>& d) {
  set_optional_text(v, name, d ? std::optional(rapport::format_date(*d)) : std::nullopt);
}

}  // namespace

using rapport::domain::ContactPlan;

void type_conversion<ContactPlan>::from_base(const values& v, indicator, ContactPlan& p) {
  namespace domain = rapport::domain;
  p.id = rapport::Id<ContactPlan>{int64_of(v, "id")};
  p.code = text_of(v, "code");
  p.name_en = text_of(v, "name_en");
  p.name_fr = text_of(v, "name_fr");
  p.purpose =
      domain::plan_purpose_from(text_of(v, "purpose")).value_or(domain::PlanPurpose::other_contact);
  p.weekdays = domain::Weekdays(static_cast<std::uint8_t>(int_of(v, "weekdays")));
  p.every_weeks = int_of(v, "every_weeks");
  p.frequency_start.reset();
  if (auto s = optional_text_of(v, "frequency_start")) p.frequency_start = rapport::parse_date(*s);
  p.valid_from = rapport::parse_date(text_of(v, "valid_from")).value_or(rapport::CivilDate{});
  p.valid_to.reset();
  if (auto s = optional_text_of(v, "valid_to")) p.valid_to = rapport::parse_date(*s);
  p.departure = text_of(v, "departure");
  p.lead_days = int_of(v, "lead_days");
  p.responsible_user = optional_int64_of(v, "responsible_user");
  p.default_status = domain::contact_status_from(int_of(v, "default_status"))
                         .value_or(domain::ContactStatus::completed);
  p.active = int_of(v, "active") != 0;
  p.unavailable = rule_of(v, "unavailable");
  p.busy = rule_of(v, "busy");
  p.call_back = rule_of(v, "call_back");
  p.version = int64_of(v, "version");
}

void type_conversion<ContactPlan>::to_base(const ContactPlan& p, values& v, indicator& ind) {
  namespace domain = rapport::domain;
  v.set("id", static_cast<long long>(p.id.value));
  v.set("code", p.code);
  v.set("name_en", p.name_en);
  v.set("name_fr", p.name_fr);
  v.set("purpose", std::string(domain::to_code(p.purpose)));
  v.set("weekdays", static_cast<int>(p.weekdays.mask()));
  v.set("every_weeks", p.every_weeks);
  set_date(v, "frequency_start", p.frequency_start);
  v.set("valid_from", rapport::format_date(p.valid_from));
  set_date(v, "valid_to", p.valid_to);
  v.set("departure", p.departure);
  v.set("lead_days", p.lead_days);
  set_optional_int64(v, "responsible_user", p.responsible_user);
  v.set("default_status", domain::to_number(p.default_status));
  v.set("active", p.active ? 1 : 0);
  set_rule(v, "unavailable", p.unavailable);
  set_rule(v, "busy", p.busy);
  set_rule(v, "call_back", p.call_back);
  v.set("version", static_cast<long long>(p.version));
  ind = i_ok;
}

}  // namespace soci
