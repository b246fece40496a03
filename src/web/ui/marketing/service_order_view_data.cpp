#include "web/ui/marketing/service_order_view_data.h"

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "i18n/format.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/form_view.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

void append(std::string& to, std::string_view word, const char* sep = " ") {
  if (!to.empty()) to += sep;
  to += word;
}

std::optional<std::int64_t> id_value(const std::string& text, const char* field,
                                     FieldErrors& errors) {
  if (text.empty()) return std::nullopt;
  if (auto v = positive_int(text)) return *v;
  errors.add(Error::invalid("order.id_invalid", field));
  return std::nullopt;
}

}  // namespace

std::string add_order_href(const domain::SearchPrefill& p) {
  std::string q;
  auto add = [&q](const char* name, const std::string& value) {
    if (!value.empty()) append(q, std::string(name) + "=" + url_encode(value), "&");
  };
  add("name", p.name);
  add("phone", p.phone);
  add("email", p.email);
  add("postal_code", p.postal_code);
  return q.empty() ? "/service-orders/new" : "/service-orders/new?" + q;
}

void add_order_status(json::object& o, const Request& req, const WebContext& ctx,
                      domain::OrderStatus s) {
  const char* cls = "badge badge-info";
  switch (s) {
    case domain::OrderStatus::pending:
      cls = "badge badge-info";
      break;
    case domain::OrderStatus::held:
      cls = "badge badge-warn";
      break;
    case domain::OrderStatus::canceled:
      cls = "badge badge-off";
      break;
    case domain::OrderStatus::complete:
      cls = "badge badge-ok";
      break;
  }
  o["status_code"] = std::string(domain::to_code(s));
  o["status_label"] =
      ctx.catalog.text(req.language, "order.status." + std::string(domain::to_code(s)));
  o["status_class"] = cls;
}

json::object order_row(const Request& req, const WebContext& ctx, const store::ServiceOrderRow& r) {
  const auto& o = r.order;
  const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
  json::object row{
      {"id", o.id.value},
      {"number", o.number},
      {"href", "/service-orders/" + std::to_string(o.id.value)},
      {"prospect", r.prospect_name},
      {"campaign", r.campaign_code},
      {"package", r.package_code},
      {"created", i18n::format_date_time(req.language, o.created_at, zone)},
      {"remind_on", o.remind_on ? i18n::format_civil_date(req.language, *o.remind_on) : ""},
      {"hold_reason", o.hold_reason.empty()
                          ? std::string()
                          : code_label(req, ctx, "order.hold_reason", o.hold_reason)}};
  if (o.customer) row["customer_id"] = *o.customer;
  add_order_status(row, req, ctx, o.status);
  return row;
}

void add_customer_orders(json::object& data, const Request& req, const WebContext& ctx,
                         std::int64_t customer) {
  store::ServiceOrderFilter filter;
  filter.customer = customer;
  filter.limit = 20;
  json::array rows;
  if (req.user)
    if (auto found = ctx.orders.list(*req.user, filter))
      for (const auto& r : *found) rows.push_back(order_row(req, ctx, r));
  data["has_service_orders"] = !rows.empty();
  data["service_orders"] = std::move(rows);
}

void add_orders_to_follow_up(json::object& data, const Request& req, const WebContext& ctx) {
  const auto& u = *req.user;
  if (!app::allowed(u, app::Capability::take_orders)) return;
  json::array rows;
  if (auto due = ctx.orders.to_do(u))
    for (const auto& r : *due) rows.push_back(order_row(req, ctx, r));
  data["shows_to_do"] = true;
  data["has_to_do"] = !rows.empty();
  data["to_do"] = std::move(rows);
}

OrderForm read_order_form(const Request& req, const domain::ServiceOrder& base,
                          const std::vector<domain::Question>& questions, FieldErrors& errors) {
  OrderForm f;
  f.order = base;
  auto& o = f.order;
  o.version = form_int(req, "version", 0);
  auto& p = o.prospect;
  auto v = [&req](std::string_view name) -> const std::string& { return req.form_value(name); };
  p.kind = domain::kind_from(v("prospect.kind")).value_or(p.kind);
  p.family_name = v("prospect.family_name");
  p.given_name = v("prospect.given_name");
  p.company_name = v("prospect.company_name");
  f.typed_phone = v("prospect.phone");
  p.email = v("prospect.email");
  p.identifier = v("prospect.identifier");
  f.typed_date_of_birth = v("prospect.date_of_birth");
  p.date_of_birth.reset();
  if (!f.typed_date_of_birth.empty()) {
    if (auto d = parse_date(f.typed_date_of_birth))
      p.date_of_birth = *d;
    else
      errors.add(Error::invalid("field.date_invalid", "prospect.date_of_birth"));
  }
  if (auto l = parse_language(v("prospect.language"))) p.language = *l;
  if (!v("prospect.customer_class").empty()) p.customer_class = v("prospect.customer_class");
  p.address = {v("prospect.address.line1"),       v("prospect.address.line2"),
               v("prospect.address.postal_code"), v("prospect.address.city"),
               v("prospect.address.region"),      v("prospect.address.country")};
  // The person is fixed once it exists (created on the first save).
  if (!o.customer || !o.id.value) {
    o.person = domain::party_choice_from(v("person")).value_or(o.person);
    if (o.person == domain::PartyChoice::use_existing)
      o.customer = id_value(v("customer"), "customer", errors);
    else
      o.customer.reset();
  }
  if (!v("account").empty())
    o.account = domain::party_choice_from(v("account")).value_or(o.account);
  // An existing account or premise is named by its number, never its id.
  o.existing_account.reset();
  if (o.account == domain::PartyChoice::use_existing) f.account_number = v("existing_account");
  if (!v("premise").empty())
    o.premise = domain::party_choice_from(v("premise")).value_or(o.premise);
  o.existing_premise.reset();
  if (o.premise == domain::PartyChoice::use_existing) f.premise_number = v("existing_premise");
  o.premise_address = {v("premise_address.line1"),       v("premise_address.line2"),
                       v("premise_address.postal_code"), v("premise_address.city"),
                       v("premise_address.region"),      v("premise_address.country")};
  if (!v("premise_type").empty()) o.premise_type = v("premise_type");
  for (const auto& q : questions) f.answers[q.code] = v("answer." + q.code);
  f.form_token = v("form_token");
  return f;
}

}  // namespace rapport::web::ui
