#include "web/api/customers/customer_json.h"

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "domain/customers/phone.h"
#include "web/api/json_io.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web {
namespace {

namespace json = boost::json;

std::string code_text(std::string_view c) { return std::string(c); }

}  // namespace

json::object address_to_json(const domain::PostalAddress& a) {
  return {{"line1", a.line1}, {"line2", a.line2},   {"postal_code", a.postal_code},
          {"city", a.city},   {"region", a.region}, {"country", a.country}};
}

domain::PostalAddress address_from(const boost::json::object& o, const char* name,
                                   FieldErrors& errors, std::string_view at) {
  using api::get_object, api::get_string, api::member_path;
  domain::PostalAddress a;
  const auto* ao = get_object(o, name, errors, at);
  if (!ao) return a;
  const std::string path = member_path(at, name);
  a.line1 = get_string(*ao, "line1", errors, path).value_or("");
  a.line2 = get_string(*ao, "line2", errors, path).value_or("");
  a.postal_code = get_string(*ao, "postal_code", errors, path).value_or("");
  a.city = get_string(*ao, "city", errors, path).value_or("");
  a.region = get_string(*ao, "region", errors, path).value_or("");
  a.country = get_string(*ao, "country", errors, path).value_or("");
  return a;
}

Response duplicates_problem(const Request& req, const i18n::Catalog& catalog, const Error& e,
                            const std::vector<app::DuplicateCandidate>& duplicates) {
  Response res = problem(req, catalog, e);
  auto body = json::parse(res.body).as_object();
  json::array candidates;
  for (const auto& d : duplicates) {
    json::array reasons;
    for (const auto& r : d.reasons) reasons.push_back(json::string(r));
    candidates.push_back(
        {{"customer", customer_to_json(d.customer)}, {"reasons", std::move(reasons)}});
  }
  body["candidates"] = std::move(candidates);
  res.body = json::serialize(body);
  return res;
}

json::object customer_to_json(const domain::Customer& c) {
  json::array phones, emails;
  for (const auto& p : c.phones)
    phones.push_back({{"type", code_text(domain::to_code(p.type))},
                      {"number", p.e164},
                      {"national", domain::format_phone_national(p.e164)},
                      {"primary", p.primary}});
  for (const auto& e : c.emails) emails.push_back(json::string(e));
  json::object o{{"id", c.id.value},
                 {"kind", code_text(domain::to_code(c.kind))},
                 {"display_name", c.display_name()},
                 {"family_name", c.family_name},
                 {"given_name", c.given_name},
                 {"company_name", c.company_name},
                 {"language", std::string(code(c.language))},
                 {"customer_class", c.customer_class},
                 {"category", c.category},
                 {"tax_id", c.tax_id},
                 {"time_zone", c.time_zone},
                 {"status", code_text(domain::to_code(c.status))},
                 {"address", address_to_json(c.address)},
                 {"phones", std::move(phones)},
                 {"emails", std::move(emails)},
                 {"version", c.version}};
  o["date_of_birth"] =
      c.date_of_birth ? json::value(format_date(*c.date_of_birth)) : json::value(nullptr);
  return o;
}

json::object account_to_json(const domain::Account& a) {
  json::array persons;
  for (const auto& p : a.persons)
    persons.push_back({{"customer_id", p.customer.value},
                       {"relationship", code_text(domain::to_code(p.relationship))}});
  return {{"id", a.id.value},
          {"number", a.number},
          {"customer_id", a.customer.value},
          {"customer_class", a.customer_class},
          {"currency", a.currency},
          {"status", a.status == domain::AccountStatus::inactive ? "inactive" : "active"},
          {"start_date", format_date(a.start_date)},
          {"persons", std::move(persons)},
          {"version", a.version}};
}

json::object premise_to_json(const store::PremiseWithPoints& p) {
  json::array points;
  for (const auto& sp : p.points)
    points.push_back({{"id", sp.id.value},
                      {"number", sp.number},
                      {"type", sp.type},
                      {"installation_status", sp.installation_status}});
  return {{"id", p.premise.id.value},
          {"number", p.premise.number},
          {"address", address_to_json(p.premise.address)},
          {"premise_type", p.premise.premise_type},
          {"time_zone", p.premise.time_zone},
          {"service_points", std::move(points)}};
}

json::object agreement_to_json(const domain::ServiceAgreement& sa) {
  json::object o{{"id", sa.id.value},
                 {"number", sa.number},
                 {"account_id", sa.account.value},
                 {"type", sa.type},
                 {"division", sa.division},
                 {"start_date", format_date(sa.start_date)},
                 {"status", code_text(domain::to_code(sa.status))}};
  o["service_point_id"] =
      sa.service_point ? json::value(sa.service_point->value) : json::value(nullptr);
  return o;
}

json::object interaction_to_json(const domain::Interaction& i) {
  return {
      {"id", i.id.value},
      {"at", format_instant(i.at)},
      {"user_name", i.user_name},
      {"channel", code_text(domain::to_code(i.channel))},
      {"direction", code_text(domain::to_code(i.direction))},
      {"summary", i.summary},
      {"outcome", i.outcome},
      // What the interaction belongs to: an order's steps share
      // ("service_order", its id), as the 360° view's history groups them.
      {"related_type", i.related_type.empty() ? json::value(nullptr) : json::value(i.related_type)},
      {"related_id", i.related_id > 0 ? json::value(i.related_id) : json::value(nullptr)}};
}

json::object contact_to_json(const domain::Contact& c) {
  return {{"id", c.id.value}, {"family_name", c.family_name}, {"given_name", c.given_name},
          {"role", c.role},   {"phone", c.phone_e164},        {"email", c.email}};
}

json::object versioned_contact_to_json(const domain::Contact& c) {
  json::object o = contact_to_json(c);
  o["version"] = c.version;
  return o;
}

Error contact_body_field(Error e) {
  if (e.field.starts_with("contact_")) e.field = e.field.substr(8);
  return e;
}

json::object view_to_json(const app::CustomerView& v) {
  json::array contacts;
  for (const auto& c : v.contacts) contacts.push_back(contact_to_json(c));
  json::array accounts, premises, agreements, interactions;
  for (const auto& a : v.accounts) accounts.push_back(account_to_json(a));
  for (const auto& p : v.premises) premises.push_back(premise_to_json(p));
  for (const auto& sa : v.agreements) agreements.push_back(agreement_to_json(sa));
  for (const auto& i : v.interactions) interactions.push_back(interaction_to_json(i));
  json::array sales_orders, assets;
  for (const auto& o : v.sales_orders) sales_orders.push_back(api::sales_order_to_json(o));
  for (const auto& a : v.assets) assets.push_back(api::asset_to_json(a));
  return {{"customer", customer_to_json(v.customer)},
          {"sales_orders", std::move(sales_orders)},
          {"assets", std::move(assets)},
          {"contacts", std::move(contacts)},
          {"accounts", std::move(accounts)},
          {"premises", std::move(premises)},
          {"service_agreements", std::move(agreements)},
          {"interactions", std::move(interactions)}};
}

}  // namespace rapport::web
