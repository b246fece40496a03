#include "app/marketing/service_order_prospect.h"

#include <algorithm>

#include "domain/customers/customer_rules.h"
#include "domain/text_length.h"

namespace rapport::app::orders {
namespace {

bool any_address(const domain::PostalAddress& a) {
  return !a.line1.empty() || !a.line2.empty() || !a.city.empty();
}

domain::PartyChoice initial(const domain::PartyUsage& usage, bool creation_allowed) {
  if (usage.usage == domain::Usage::not_allowed) return domain::PartyChoice::none;
  if (usage.may_create && creation_allowed) return domain::PartyChoice::create_new;
  return usage.usage == domain::Usage::required ? domain::PartyChoice::use_existing
                                                : domain::PartyChoice::none;
}

}  // namespace

FieldErrors validate_prospect(const domain::Prospect& p, const std::vector<std::string>& classes) {
  FieldErrors e;
  constexpr std::size_t kMaxName = 100;
  if (p.kind == domain::CustomerKind::person) {
    if (p.family_name.empty()) e.add(Error::invalid("field.required", "prospect.family_name"));
  } else if (p.company_name.empty()) {
    e.add(Error::invalid("field.required", "prospect.company_name"));
  }
  domain::check_line(e, p.family_name, kMaxName, "prospect.family_name");
  domain::check_line(e, p.given_name, kMaxName, "prospect.given_name");
  domain::check_line(e, p.company_name, kMaxName, "prospect.company_name");
  domain::check_line(e, p.identifier, 40, "prospect.identifier");
  if (!p.email.empty() && !domain::looks_like_email(p.email))
    e.add(Error::invalid("field.email_invalid", "prospect.email"));
  if (std::find(classes.begin(), classes.end(), p.customer_class) == classes.end())
    e.add(Error::invalid("customer.class_unknown", "prospect.customer_class"));
  if (any_address(p.address))
    for (auto& err : domain::validate_address(p.address, "prospect.").errors) e.add(std::move(err));
  return e;
}

domain::Customer customer_from(const domain::Prospect& p, domain::Customer c,
                               const std::string& fallback_zone) {
  c.kind = p.kind;
  c.family_name = p.family_name;
  c.given_name = p.given_name;
  c.company_name = p.company_name;
  c.language = p.language;
  c.customer_class = p.customer_class;
  c.tax_id = p.identifier;
  c.date_of_birth = p.date_of_birth;
  c.address = p.address;
  c.phones.clear();
  if (!p.phone_e164.empty()) c.phones.push_back({domain::PhoneType::mobile, p.phone_e164, true});
  c.emails.clear();
  if (!p.email.empty()) c.emails.push_back(p.email);
  if (c.time_zone.empty()) c.time_zone = domain::choose_time_zone(c, fallback_zone);
  return c;
}

domain::Prospect prospect_from(const domain::Customer& c) {
  domain::Prospect p;
  p.kind = c.kind;
  p.family_name = c.family_name;
  p.given_name = c.given_name;
  p.company_name = c.company_name;
  p.identifier = c.tax_id;
  p.date_of_birth = c.date_of_birth;
  p.language = c.language;
  p.customer_class = c.customer_class;
  p.address = c.address;
  for (const auto& phone : c.phones)
    if (phone.primary || p.phone_e164.empty()) p.phone_e164 = phone.e164;
  if (!c.emails.empty()) p.email = c.emails.front();  // the first is the primary one
  return p;
}

void default_parties(domain::ServiceOrder& o, const domain::Campaign& c,
                     bool territory_predefined) {
  o.person = domain::PartyChoice::create_new;
  o.account = initial(c.account, true);
  o.premise = initial(c.premise, !territory_predefined);
}

}  // namespace rapport::app::orders
