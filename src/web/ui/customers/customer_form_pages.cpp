// Adding a customer (one form: person or company, account, premise,
// service point; possible duplicates shown before saving) and editing one.
#include <charconv>

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "domain/customers/phone.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

constexpr const char* kClasses[] = {"residential", "commercial", "industrial", "public"};
constexpr const char* kPointTypes[] = {"electric_meter", "gas_meter", "broadband_line"};

// What the form holds, as typed (so nothing is lost on an error).
struct FormValues {
  domain::Customer customer;
  std::string phone, phone2, email;
  domain::PostalAddress premise;
  bool premise_same = true;
  std::string service_point_type;
  std::string existing_premise;  // the number of the premise picked
};

FormValues read_form(const Request& req) {
  FormValues f;
  auto& c = f.customer;
  c.kind = domain::kind_from(req.form_value("kind")).value_or(domain::CustomerKind::person);
  c.family_name = req.form_value("family_name");
  c.given_name = req.form_value("given_name");
  c.company_name = req.form_value("company_name");
  c.language = parse_language(req.form_value("language")).value_or(Language::fr);
  c.customer_class = req.form_value("customer_class");
  c.category = req.form_value("category");
  c.tax_id = req.form_value("tax_id");
  c.address = {req.form_value("line1"), req.form_value("line2"),  req.form_value("postal_code"),
               req.form_value("city"),  req.form_value("region"), req.form_value("country")};
  c.version = form_int(req, "version", 0);
  f.phone = req.form_value("phone");
  f.phone2 = req.form_value("phone2");
  f.email = req.form_value("email");
  if (!f.email.empty()) c.emails.push_back(f.email);
  f.premise_same = req.form_value("premise_same") == "1";
  f.premise = {req.form_value("premise_line1"),
               req.form_value("premise_line2"),
               req.form_value("premise_postal_code"),
               req.form_value("premise_city"),
               "",
               req.form_value("premise_country")};
  f.service_point_type = req.form_value("service_point_type");
  f.existing_premise = req.form_value("existing_premise");
  return f;
}

// A new customer's form starts from what was searched, split by the same
// rule as Add order, with the installation's defaults (app's draft).
FormValues prefill(const Request& req, WebContext& ctx) {
  auto typed = domain::merge_search_fields(
      req.query_value("q"), {req.query_value("name"), req.query_value("phone"),
                             req.query_value("email"), req.query_value("postal_code")});
  app::NewCustomer draft = ctx.customers.draft(typed);
  FormValues f;
  f.customer = std::move(draft.customer);
  f.phone = typed.phone;
  f.email = typed.email;
  return f;
}

json::object field(const Request& req, const WebContext& ctx, const json::object& data,
                   const std::string& name, const std::string& value, bool required, int max,
                   const char* type = "text", const char* label_key = nullptr) {
  json::object f{
      {"name", name},
      {"label", ctx.catalog.text(req.language, label_key ? label_key : "customer.field." + name)},
      {"value", value},
      {"required", required},
      {"max", max},
      {"type", type}};
  if (auto it = data.find(name + "_error"); it != data.end()) f["error"] = it->value();
  return f;
}

Response render_form(const Request& req, const WebContext& ctx, int status, const FormValues& f,
                     bool is_new, json::object data) {
  const auto& c = f.customer;
  auto settings = ctx.settings.current();
  const bool territory = settings && settings->territory_predefined;
  json::array classes, point_types;
  for (const char* code : kClasses)
    classes.push_back({{"code", code},
                       {"label", code_label(req, ctx, "customer_class", code)},
                       {"selected", c.customer_class == code}});
  for (const char* code : kPointTypes)
    point_types.push_back({{"code", code},
                           {"label", code_label(req, ctx, "service_point_type", code)},
                           {"selected", f.service_point_type == code}});
  data["is_new"] = is_new;
  data["id"] = c.id.value;
  data["version"] = c.version;
  data["action"] = is_new ? std::string("/customers") : "/customers/" + std::to_string(c.id.value);
  data["heading"] = is_new ? ctx.catalog.text(req.language, "customer.add") : c.display_name();
  data["is_company"] = c.kind == domain::CustomerKind::company;
  data["lang_fr"] = c.language == Language::fr;
  data["classes"] = std::move(classes);
  data["point_types"] = std::move(point_types);
  data["territory_predefined"] = territory;
  data["premise_same"] = f.premise_same;
  data["name_fields"] =
      json::array{field(req, ctx, data, "given_name", c.given_name, false, 100),
                  field(req, ctx, data, "family_name", c.family_name, false, 100),
                  field(req, ctx, data, "company_name", c.company_name, false, 100)};
  data["other_fields"] = json::array{field(req, ctx, data, "category", c.category, false, 40),
                                     field(req, ctx, data, "tax_id", c.tax_id, false, 40)};
  data["contact_fields"] =
      json::array{field(req, ctx, data, "phone", f.phone, false, 40, "tel"),
                  field(req, ctx, data, "phone2", f.phone2, false, 40, "tel"),
                  field(req, ctx, data, "email", f.email, false, 200, "email")};
  data["address_fields"] =
      json::array{field(req, ctx, data, "line1", c.address.line1, true, 200),
                  field(req, ctx, data, "line2", c.address.line2, false, 200),
                  field(req, ctx, data, "postal_code", c.address.postal_code, true, 20),
                  field(req, ctx, data, "city", c.address.city, true, 100),
                  field(req, ctx, data, "region", c.address.region, false, 100),
                  field(req, ctx, data, "country", c.address.country, true, 2)};
  data["premise_fields"] =
      json::array{field(req, ctx, data, "premise_line1", f.premise.line1, false, 200, "text",
                        "customer.field.line1"),
                  field(req, ctx, data, "premise_postal_code", f.premise.postal_code, false, 20,
                        "text", "customer.field.postal_code"),
                  field(req, ctx, data, "premise_city", f.premise.city, false, 100, "text",
                        "customer.field.city"),
                  field(req, ctx, data, "premise_country", f.premise.country, false, 2, "text",
                        "customer.field.country")};
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "customer_form", data, title));
}

Response new_customer(Request& req, WebContext& ctx) {
  // The form is offered only to those the desk lets save it.
  if (auto ok = app::require(*req.user, app::Capability::edit_customers); !ok)
    return error_page(req, ctx, ok.error());
  return render_form(req, ctx, 200, prefill(req, ctx), true, {});
}

Response create_customer(Request& req, WebContext& ctx) {
  FormValues f = read_form(req);
  app::NewCustomer n;
  n.customer = f.customer;
  n.language = parse_language(req.form_value("language"));  // none: the installation's
  n.typed_phones = {{domain::PhoneType::mobile, f.phone}, {domain::PhoneType::home, f.phone2}};
  n.premise_at_customer_address = f.premise_same;
  n.premise_address = f.premise;
  n.service_point_type = f.service_point_type;
  n.existing_premise_number = f.existing_premise;
  n.save_despite_duplicates = req.form_value("save_anyway") == "1";
  FieldErrors errors;
  auto outcome = ctx.customers.add(*req.user, n, &errors);
  if (outcome && outcome->created)
    return redirect(
        req, "/customers/" + std::to_string(outcome->created->customer.id.value) + "?saved=1");
  json::object data;
  if (!outcome) {
    if (outcome.error().code == ErrorCode::forbidden) return error_page(req, ctx, outcome.error());
    if (errors.empty()) errors.add(outcome.error());
    add_form_errors(data, req, ctx.catalog, errors);
    return render_form(req, ctx, http_status(outcome.error().code), f, true, data);
  }
  json::array duplicates;
  for (const auto& d : outcome->duplicates) duplicates.push_back(duplicate_row(req, ctx, d));
  data["has_duplicates"] = true;
  data["duplicates"] = std::move(duplicates);
  return render_form(req, ctx, 200, f, true, data);
}

Response edit_customer(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  if (auto ok = app::require(*req.user, app::Capability::edit_customers); !ok)
    return error_page(req, ctx, ok.error());
  auto view = ctx.customers.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  FormValues f;
  f.customer = view->customer;
  if (!f.customer.phones.empty())
    f.phone = domain::format_phone_national(f.customer.phones[0].e164);
  if (f.customer.phones.size() > 1)
    f.phone2 = domain::format_phone_national(f.customer.phones[1].e164);
  if (!f.customer.emails.empty()) f.email = f.customer.emails[0];
  json::object data{{"customer_bar", customer_bar(req, ctx, view->customer)}};
  return render_form(req, ctx, 200, f, false, data);
}

Response update_customer(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  auto current = ctx.customers.view(*req.user, *id);
  if (!current) return error_page(req, ctx, current.error());
  FormValues f = read_form(req);
  f.customer.id = *id;
  f.customer.time_zone = current->customer.time_zone;
  f.customer.status = current->customer.status;
  // Keep the e-mails beyond the first one the form shows.
  for (std::size_t i = 1; i < current->customer.emails.size(); ++i)
    f.customer.emails.push_back(current->customer.emails[i]);
  FieldErrors errors;
  auto saved = ctx.customers.update(
      *req.user, f.customer,
      {{domain::PhoneType::mobile, f.phone}, {domain::PhoneType::home, f.phone2}}, &errors);
  if (saved) return redirect(req, "/customers/" + std::to_string(id->value) + "?saved=1");
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  json::object data{{"customer_bar", customer_bar(req, ctx, current->customer)}};
  add_form_errors(data, req, ctx.catalog, errors);
  return render_form(req, ctx, http_status(saved.error().code), f, false, data);
}

Response set_customer_status(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Customer>(req);
  if (!id) return error_page(req, ctx, 404);
  const std::string& reason = req.form_value("reason");
  auto saved = ctx.customers.set_active(*req.user, *id, form_int(req, "version", 0),
                                        req.form_value("active") == "1", reason);
  if (!saved && saved.error().code == ErrorCode::invalid_input) {
    // The 360° view again, the reason's error beside it and what was typed kept.
    auto page = customer_page(req, ctx, *id);
    if (!page) return error_page(req, ctx, page.error());
    add_form_error(page->data, req, ctx.catalog, saved.error());
    page->data["reason"] = reason;
    return html_response(422, ctx.views.page(req, "customer", page->data, page->title));
  }
  if (!saved) return error_page(req, ctx, saved.error());
  return redirect(req, "/customers/" + std::to_string(id->value) + "?saved=1");
}

// Existing premises by address, for a predefined territory (htmx fragment).
Response premise_choices(Request& req, WebContext& ctx) {
  auto found = ctx.customers.find_premises(*req.user, req.query_value("premise_search"),
                                           req.query_value("postal_code"));
  if (!found)
    return html_response(http_status(found.error().code),
                         "<p class=\"field-error\">" +
                             html_escape(localized_message(req, ctx.catalog, found.error())) +
                             "</p>");
  json::array options;
  for (const auto& p : *found) options.push_back(premise_option(req, ctx, p, false));
  json::object data{{"premise_options", std::move(options)}};
  if (found->empty())
    return html_response(
        200, "<p class=\"muted\">" +
                 html_escape(ctx.catalog.text(req.language, "premise.none_found")) + "</p>");
  return html_response(200, ctx.views.render("partials/premise_choices", data, req.language));
}

}  // namespace

void register_customer_form_pages(Router& router, WebContext& ctx) {
  router.get("/customers/new", Access::staff, [&ctx](Request& r) { return new_customer(r, ctx); });
  router.post("/customers", Access::staff, [&ctx](Request& r) { return create_customer(r, ctx); });
  router.get("/customers/{id}/edit", Access::staff,
             [&ctx](Request& r) { return edit_customer(r, ctx); });
  router.post("/customers/{id}", Access::staff,
              [&ctx](Request& r) { return update_customer(r, ctx); });
  router.post("/customers/{id}/status", Access::staff,
              [&ctx](Request& r) { return set_customer_status(r, ctx); });
  router.get("/premises/search", Access::staff,
             [&ctx](Request& r) { return premise_choices(r, ctx); });
}

}  // namespace rapport::web::ui
