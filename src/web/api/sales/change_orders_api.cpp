// /api/v1/customers/{id}/change-orders and /api/v1/assets/{id}: change
// orders on a customer's assets (quotes-orders-assets.md, "Change orders").
// The client sends the changes it wants — modify (quantity, features),
// disconnect, suspend, resume an asset, or add a product — and gets the
// pending sales order whose lines carry the actions Rapport computed; an
// asset reads with the history of the orders that made and changed it.
// /api/v1/customers/{id}/change-quotes takes the same changes and makes a
// draft change quote, sent, accepted and converted as any quote.
#include <boost/json.hpp>

#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/quotes/quote_api_json.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the sanitizer's unity build compiles this file with
// the other API files.
namespace change_routes {

namespace json = boost::json;

// {change, asset_id, product_id | product_code, quantity, features} at
// "changes.N".
domain::RequestedChange requested_change_of(const json::object& c, FieldErrors& errors,
                                            const std::string& at) {
  domain::RequestedChange r;
  if (auto v = get_code<domain::AssetChange>(c, "change", errors, at))
    r.change = *v;
  else if (!get_member(c, "change"))
    errors.add(Error::invalid("field.required", at + ".change"));
  if (auto v = get_id(c, "asset_id", errors, at)) r.asset = *v;
  if (auto v = get_id(c, "product_id", errors, at)) r.product = Id<domain::Product>{*v};
  r.product_code = get_string(c, "product_code", errors, at).value_or("");
  r.quantity = get_quantity(c, "quantity", errors, at);
  if (const auto* a = get_array(c, "features", errors, at))
    r.features = features_of(*a, errors, at + ".features");
  return r;
}

// {changes: [...], requested_delivery, notes} as typed; faults in `errors`.
app::ChangeOrderRequest change_request_of(const json::object& body, std::int64_t customer,
                                          FieldErrors& errors) {
  app::ChangeOrderRequest request;
  request.customer = customer;
  if (const auto* changes = get_array(body, "changes", errors)) {
    for (std::size_t i = 0; i < changes->size(); ++i) {
      const std::string at = "changes." + std::to_string(i);
      if (!(*changes)[i].is_object()) {
        errors.add(Error::invalid("json.type_object", at, {{"field", at}}));
        continue;
      }
      request.changes.push_back(requested_change_of((*changes)[i].as_object(), errors, at));
    }
  } else if (errors.empty()) {
    errors.add(Error::invalid("field.required", "changes"));
  }
  if (auto v = get_date(body, "requested_delivery", errors)) request.requested_delivery = *v;
  request.notes = get_string(body, "notes", errors).value_or("");
  return request;
}

Response create_change_order(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.param("id"));
  if (!customer) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto request = change_request_of(*body, *customer, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto order = ctx.changes.create(*req.user, request, &errors);
  if (!order) return problem(req, ctx.catalog, order.error(), &errors);
  // The answer is the order as GET /api/v1/sales-orders/{id} shows it.
  auto view = ctx.sales.view(*req.user, order->id);
  Response res = json_ok(201, view ? sales_order_view_to_json(*view) : sales_order_to_json(*order));
  res.set_header("Location", "/api/v1/sales-orders/" + std::to_string(order->id.value));
  return res;
}

// The same request made a draft change quote; the answer is the quote as
// GET /api/v1/quotes/{id} shows it.
Response create_change_quote(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.param("id"));
  if (!customer) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto request = change_request_of(*body, *customer, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto quote = ctx.changes.create_quote(*req.user, request, &errors);
  if (!quote) return problem(req, ctx.catalog, quote.error(), &errors);
  auto view = app::QuoteDesk(ctx.db, ctx.clock).view(*req.user, quote->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  Response res = json_ok(201, quote_view_to_json(*view));
  res.set_header("Location", "/api/v1/quotes/" + std::to_string(quote->id.value));
  return res;
}

Response get_asset(Request& req, WebContext& ctx) {
  auto id = id_param<domain::Asset>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("asset.not_found"));
  auto view = ctx.changes.asset(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, asset_view_to_json(*view));
}

}  // namespace change_routes

void register_change_orders_api(Router& router, WebContext& ctx) {
  router.post("/api/v1/customers/{id}/change-orders", Access::staff,
              [&ctx](Request& r) { return change_routes::create_change_order(r, ctx); });
  router.post("/api/v1/customers/{id}/change-quotes", Access::staff,
              [&ctx](Request& r) { return change_routes::create_change_quote(r, ctx); });
  router.get("/api/v1/assets/{id}", Access::staff,
             [&ctx](Request& r) { return change_routes::get_asset(r, ctx); });
}

}  // namespace rapport::web::api
