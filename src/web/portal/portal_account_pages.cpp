// The customer portal's "own things": the orders and assets of the portal
// user's customer, the messages addressed to them and "My details". Every
// read and write is one app/portal call scoped by the signed-in customer
// user; another customer's id answers 404 like an unknown one.
#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_desk.h"
#include "app/portal/portal_details.h"
#include "app/portal/portal_records.h"
#include "core/enum_codes.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "web/api/paging.h"
#include "web/portal/portal_pages.h"
#include "web/portal/portal_reset_pages.h"
#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/form_view.h"
#include "web/ui/sales/sales_order_page.h"
#include "web/ui/sales/sales_view_data.h"
#include "web/web_app.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;

std::string portal_text(const Request& req, const WebContext& ctx, const std::string& key) {
  return ctx.catalog.text(req.language, key);
}

// The portal's error page: the same status and text for an unknown id and
// another customer's.
Response portal_refusal(const Request& req, const WebContext& ctx, const Error& e) {
  const int status = http_status(e.code);
  const std::string key = status == 404   ? "error.not_found"
                          : status == 403 ? "error.forbidden"
                                          : e.key;
  json::object data{{"message", portal_text(req, ctx, key)}};
  return portal_page(req, ctx, status, "portal/refused", data, portal_text(req, ctx, key));
}

Response show_orders(Request& req, WebContext& ctx) {
  auto home = app::PortalDesk(ctx.db, ctx.clock, ctx.catalog).home(*req.user);
  if (!home) return portal_refusal(req, ctx, home.error());
  json::array orders;
  for (const auto& o : home->orders) orders.push_back(ui::sales_order_row(req, ctx, o));
  json::object data{{"nav", "orders"}, {"has_orders", !orders.empty()}};
  data["orders"] = std::move(orders);
  return portal_page(req, ctx, 200, "portal/orders", data, portal_text(req, ctx, "portal.orders"));
}

Response show_order(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("order"));
  if (!id) return portal_refusal(req, ctx, Error::not_found());
  auto v = app::PortalRecords(ctx.db, ctx.clock).order(*req.user, Id<domain::SalesOrder>{*id});
  if (!v) return portal_refusal(req, ctx, v.error());
  const auto& o = v->order;
  json::array lines = ui::sales_line_rows(req, ctx, *v, false, false);
  // Links stay in the portal: an asset a line made is the customer's own.
  for (auto& line : lines) {
    auto& l = line.as_object();
    if (auto href = l.if_contains("asset_href")) *href = "/portal" + std::string(href->as_string());
    if (auto href = l.if_contains("target_href"))
      *href = "/portal" + std::string(href->as_string());
  }
  json::object data{
      {"nav", "orders"},
      {"number", o.number},
      {"has_lines", !lines.empty()},
      {"lines", std::move(lines)},
      {"created_at", i18n::format_date_time(req.language, o.created_at, ui::user_zone(req))},
      {"requested_delivery", o.requested_delivery ? i18n::format_civil_date_with_weekday(
                                                        req.language, *o.requested_delivery)
                                                  : std::string()},
      {"ship_to", ui::one_line(o.ship_to)}};
  ui::add_sales_order_status(data, req, ctx, o.status);
  ui::add_sales_totals(data, req, *v);
  return portal_page(req, ctx, 200, "portal/order", data, o.number);
}

Response show_assets(Request& req, WebContext& ctx) {
  auto rows = app::PortalRecords(ctx.db, ctx.clock).assets(*req.user);
  if (!rows) return portal_refusal(req, ctx, rows.error());
  json::array assets;
  for (const auto& row : *rows) assets.push_back(ui::asset_row(req, ctx, row));
  json::object data{{"nav", "assets"}, {"has_assets", !assets.empty()}};
  data["assets"] = std::move(assets);
  return portal_page(req, ctx, 200, "portal/assets", data, portal_text(req, ctx, "portal.assets"));
}

Response show_asset(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("asset"));
  if (!id) return portal_refusal(req, ctx, Error::not_found("asset.not_found"));
  auto a = app::PortalRecords(ctx.db, ctx.clock).asset(*req.user, Id<domain::Asset>{*id});
  if (!a) return portal_refusal(req, ctx, a.error());
  json::object data = ui::asset_row(req, ctx, a->row);
  json::array features;
  for (const auto& f : a->row.asset.features)
    features.push_back({{"name", f.name}, {"value", f.value}});
  data["nav"] = "assets";
  data["has_features"] = !features.empty();
  data["features"] = std::move(features);
  if (a->origin_order) {
    data["origin_order_id"] = *a->origin_order;
    data["origin_order"] = a->origin_order_number;
  }
  return portal_page(req, ctx, 200, "portal/asset", data, a->row.asset.number);
}

Response show_messages(Request& req, WebContext& ctx) {
  // A link that is not a cursor of this list (edited, cut, from an older
  // release) shows the newest messages, and says so.
  auto cursor = api::time_id_cursor(req);
  std::optional<app::MessageCursor> after;
  if (cursor && *cursor) after = app::MessageCursor{(*cursor)->at, (*cursor)->id};
  auto page = app::PortalRecords(ctx.db, ctx.clock).messages(*req.user, after);
  if (!page) return portal_refusal(req, ctx, page.error());
  json::array messages;
  for (const auto& m : page->messages)
    messages.push_back(
        {{"at", i18n::format_date_time(req.language, m.at, ui::user_zone(req))},
         {"channel", ui::code_label(req, ctx, "interaction.channel", enum_code(m.channel))},
         {"channel_code", enum_code(m.channel)},
         {"summary", m.summary}});
  json::object data{{"nav", "messages"}, {"has_messages", !messages.empty()}};
  data["messages"] = std::move(messages);
  if (page->next)
    data["next_href"] =
        "/portal/messages?cursor=" + api::encode_time_id_cursor({page->next->at, page->next->id});
  if (after) data["first_href"] = "/portal/messages";
  if (!cursor) data["stale_link"] = true;
  return portal_page(req, ctx, 200, "portal/messages", data,
                     portal_text(req, ctx, "portal.nav.messages"));
}

// The form's values: as typed when it came back, else as stored.
Response details_form(Request& req, WebContext& ctx, int status, const app::PortalDetails& d,
                      const app::DetailsCorrection* typed, json::object data,
                      const app::ContactCorrection* typed_contact = nullptr) {
  const auto& c = d.customer;
  app::ContactCorrection person;
  if (typed_contact) {
    person = *typed_contact;
  } else {
    person.version = d.contact.version;
    person.given_name = d.contact.given_name;
    person.family_name = d.contact.family_name;
    person.phone = d.contact.phone_e164.empty()
                       ? std::string()
                       : domain::format_phone_international(d.contact.phone_e164);
    person.email = d.contact.email;
  }
  data["contact_version"] = person.version;
  data["contact_given_name"] = person.given_name;
  data["contact_family_name"] = person.family_name;
  data["contact_phone"] = person.phone;
  data["contact_email"] = person.email;
  app::DetailsCorrection shown;
  if (typed) {
    shown = *typed;
  } else {
    shown.version = c.version;
    shown.phone = c.phones.empty() ? std::string()
                                   : domain::format_phone_international(c.phones.front().e164);
    shown.email = c.emails.empty() ? std::string() : c.emails.front();
    shown.address = c.address;
  }
  data["nav"] = "details";
  data["customer"] = c.display_name();
  data["contact"] = d.contact.given_name.empty()
                        ? d.contact.family_name
                        : d.contact.given_name + " " + d.contact.family_name;
  data["version"] = shown.version;
  data["phone"] = shown.phone;
  data["email"] = shown.email;
  data["line1"] = shown.address.line1;
  data["line2"] = shown.address.line2;
  data["postal_code"] = shown.address.postal_code;
  data["city"] = shown.address.city;
  data["region"] = shown.address.region;
  data["country"] = shown.address.country;
  return portal_page(req, ctx, status, "portal/details", data,
                     portal_text(req, ctx, "portal.nav.details"));
}

Response show_details(Request& req, WebContext& ctx) {
  auto d = app::PortalDetailsDesk(ctx.db, ctx.clock, ctx.catalog).details(*req.user);
  if (!d) return portal_refusal(req, ctx, d.error());
  json::object data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = portal_text(req, ctx, "portal.details_saved");
  else if (req.query_value("saved") == "contact")
    data["alert_success"] = portal_text(req, ctx, "portal.contact_saved");
  return details_form(req, ctx, 200, *d, nullptr, data);
}

Response save_details(Request& req, WebContext& ctx) {
  app::PortalDetailsDesk desk(ctx.db, ctx.clock, ctx.catalog);
  auto d = desk.details(*req.user);
  if (!d) return portal_refusal(req, ctx, d.error());
  app::DetailsCorrection c;
  c.version = positive_int(req.form_value("version")).value_or(0);
  c.phone = req.form_value("phone");
  c.email = req.form_value("email");
  c.address.line1 = req.form_value("line1");
  c.address.line2 = req.form_value("line2");
  c.address.postal_code = req.form_value("postal_code");
  c.address.city = req.form_value("city");
  c.address.region = req.form_value("region");
  c.address.country = req.form_value("country");
  FieldErrors errors;
  auto saved = desk.correct(*req.user, c, &errors);
  if (saved) return redirect(req, "/portal/details?saved=1");
  json::object data;
  if (errors.empty())
    ui::add_form_error(data, req, ctx.catalog, saved.error());
  else
    ui::add_form_errors(data, req, ctx.catalog, errors);
  return details_form(req, ctx, http_status(saved.error().code), *d, &c, data);
}

// "About you": the invited contact corrects their own name, phone and e-mail.
Response save_contact(Request& req, WebContext& ctx) {
  app::PortalDetailsDesk desk(ctx.db, ctx.clock, ctx.catalog);
  auto d = desk.details(*req.user);
  if (!d) return portal_refusal(req, ctx, d.error());
  app::ContactCorrection c;
  c.version = positive_int(req.form_value("contact_version")).value_or(0);
  c.given_name = req.form_value("contact_given_name");
  c.family_name = req.form_value("contact_family_name");
  c.phone = req.form_value("contact_phone");
  c.email = req.form_value("contact_email");
  auto saved = desk.correct_contact(*req.user, c);
  if (saved) return redirect(req, "/portal/details?saved=contact");
  json::object data;
  ui::add_form_error(data, req, ctx.catalog, saved.error());
  return details_form(req, ctx, http_status(saved.error().code), *d, nullptr, data, &c);
}

}  // namespace

void register_portal_account_pages(Router& router, WebContext& ctx) {
  router.get("/portal/orders", Access::customer,
             [&ctx](Request& r) { return show_orders(r, ctx); });
  router.get("/portal/orders/{order}", Access::customer,
             [&ctx](Request& r) { return show_order(r, ctx); });
  router.get("/portal/assets", Access::customer,
             [&ctx](Request& r) { return show_assets(r, ctx); });
  router.get("/portal/assets/{asset}", Access::customer,
             [&ctx](Request& r) { return show_asset(r, ctx); });
  router.get("/portal/messages", Access::customer,
             [&ctx](Request& r) { return show_messages(r, ctx); });
  router.get("/portal/details", Access::customer,
             [&ctx](Request& r) { return show_details(r, ctx); });
  router.post("/portal/details", Access::customer,
              [&ctx](Request& r) { return save_details(r, ctx); });
  router.post("/portal/details/contact", Access::customer,
              [&ctx](Request& r) { return save_contact(r, ctx); });
  register_portal_reset_pages(router, ctx);
}

}  // namespace rapport::web::portal
