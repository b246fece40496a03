// The portal's JSON API for the customer's own things — the same app/portal
// calls as the portal's pages, scoped by the customer user of the token or
// session: GET /api/v1/portal/orders/{order}, /portal/assets,
// /portal/assets/{asset}, /portal/messages, GET and PUT /portal/details.
#include <boost/json.hpp>

#include "app/portal/portal_details.h"
#include "app/portal/portal_records.h"
#include "web/api/customers/customer_json.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

Response portal_order(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("order"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("sales_order.not_found"));
  auto v = app::PortalRecords(ctx.db, ctx.clock).order(*req.user, Id<domain::SalesOrder>{*id});
  if (!v) return problem(req, ctx.catalog, v.error());
  return json_ok(200, sales_order_view_to_json(*v));
}

Response portal_assets(Request& req, WebContext& ctx) {
  auto rows = app::PortalRecords(ctx.db, ctx.clock).assets(*req.user);
  if (!rows) return problem(req, ctx.catalog, rows.error());
  json::array items;
  for (const auto& a : *rows) items.push_back(asset_to_json(a));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response portal_asset(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("asset"));
  if (!id) return problem(req, ctx.catalog, Error::not_found("asset.not_found"));
  auto a = app::PortalRecords(ctx.db, ctx.clock).asset(*req.user, Id<domain::Asset>{*id});
  if (!a) return problem(req, ctx.catalog, a.error());
  json::object body = asset_to_json(a->row);
  body["origin_order_id"] = a->origin_order ? json::value(*a->origin_order) : json::value(nullptr);
  body["origin_order_number"] = a->origin_order_number;
  return json_ok(200, body);
}

Response portal_messages(Request& req, WebContext& ctx) {
  auto limit = page_limit(req, app::kPortalMessagesPage);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto cursor = time_id_cursor(req);
  if (!cursor) return problem(req, ctx.catalog, cursor.error());
  std::optional<app::MessageCursor> after;
  if (*cursor) after = app::MessageCursor{(*cursor)->at, (*cursor)->id};
  auto page = app::PortalRecords(ctx.db, ctx.clock).messages(*req.user, after, *limit);
  if (!page) return problem(req, ctx.catalog, page.error());
  json::array items;
  for (const auto& m : page->messages) items.push_back(interaction_to_json(m));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] = page->next
                            ? json::value(encode_time_id_cursor({page->next->at, page->next->id}))
                            : json::value(nullptr);
  return json_ok(200, body);
}

bool is_address_field(std::string_view field) {
  return field == "line1" || field == "line2" || field == "postal_code" || field == "city" ||
         field == "region" || field == "country";
}

json::object details_to_json(const app::PortalDetails& d) {
  const auto& c = d.customer;
  return {{"customer_id", c.id.value},
          {"customer_name", c.display_name()},
          {"version", c.version},
          {"phone", c.phones.empty() ? std::string() : c.phones.front().e164},
          {"email", c.emails.empty() ? std::string() : c.emails.front()},
          {"address", address_to_json(c.address)},
          {"contact", contact_to_json(d.contact)}};
}

Response portal_details(Request& req, WebContext& ctx) {
  auto d = app::PortalDetailsDesk(ctx.db, ctx.clock, ctx.catalog).details(*req.user);
  if (!d) return problem(req, ctx.catalog, d.error());
  return json_ok(200, details_to_json(*d));
}

Response correct_portal_details(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::DetailsCorrection c;
  auto version = get_version(*body, errors);
  c.phone = get_string(*body, "phone", errors).value_or("");
  c.email = get_string(*body, "email", errors).value_or("");
  c.address = address_from(*body, "address", errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  c.version = *version;
  auto saved =
      app::PortalDetailsDesk(ctx.db, ctx.clock, ctx.catalog).correct(*req.user, c, &errors);
  if (!saved) {
    // The desk names the address's fields as the form does ("line1"); the
    // request nests them under "address".
    FieldErrors named;
    for (auto& e : errors.errors) {
      if (!is_address_field(e.field)) {
        named.add(std::move(e));
        continue;
      }
      FieldErrors one;
      one.add(std::move(e));
      add_nested(named, std::move(one), "address");
    }
    Error top = saved.error();
    if (is_address_field(top.field)) top.field = "address." + top.field;
    return problem(req, ctx.catalog, top, &named);
  }
  return json_ok(200, details_to_json(*saved));
}

Response portal_contact(Request& req, WebContext& ctx) {
  auto d = app::PortalDetailsDesk(ctx.db, ctx.clock, ctx.catalog).details(*req.user);
  if (!d) return problem(req, ctx.catalog, d.error());
  return json_ok(200, versioned_contact_to_json(d->contact));
}

Response correct_portal_contact(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::ContactCorrection c;
  auto version = get_version(*body, errors);
  c.given_name = get_string(*body, "given_name", errors).value_or("");
  c.family_name = get_string(*body, "family_name", errors).value_or("");
  c.phone = get_string(*body, "phone", errors).value_or("");
  c.email = get_string(*body, "email", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  c.version = *version;
  auto saved = app::PortalDetailsDesk(ctx.db, ctx.clock, ctx.catalog).correct_contact(*req.user, c);
  if (!saved) {
    if (saved.error().code != ErrorCode::invalid_input)
      return problem(req, ctx.catalog, saved.error());
    FieldErrors refused;
    refused.add(contact_body_field(saved.error()));
    return input_problem(req, ctx.catalog, refused);
  }
  return json_ok(200, versioned_contact_to_json(*saved));
}

}  // namespace

void register_portal_account_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/portal/orders/{order}", Access::customer,
             [&ctx](Request& r) { return portal_order(r, ctx); });
  router.get("/api/v1/portal/assets", Access::customer,
             [&ctx](Request& r) { return portal_assets(r, ctx); });
  router.get("/api/v1/portal/assets/{asset}", Access::customer,
             [&ctx](Request& r) { return portal_asset(r, ctx); });
  router.get("/api/v1/portal/messages", Access::customer,
             [&ctx](Request& r) { return portal_messages(r, ctx); });
  router.get("/api/v1/portal/details", Access::customer,
             [&ctx](Request& r) { return portal_details(r, ctx); });
  router.add("PUT", "/api/v1/portal/details", Access::customer,
             [&ctx](Request& r) { return correct_portal_details(r, ctx); });
  router.get("/api/v1/portal/details/contact", Access::customer,
             [&ctx](Request& r) { return portal_contact(r, ctx); });
  router.add("PUT", "/api/v1/portal/details/contact", Access::customer,
             [&ctx](Request& r) { return correct_portal_contact(r, ctx); });
}

}  // namespace rapport::web::api
