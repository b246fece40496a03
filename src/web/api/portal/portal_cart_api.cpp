// /api/v1/portal/catalog, /cart, /quotes, /orders/{order}/submission: the
// customer's catalog, cart and quotes for a portal user's token — the same
// app calls as the portal's pages (app::PortalCartDesk, app::QuoteDesk,
// app::SalesOrderDesk), scoped to the token's customer; another customer's
// quote or order answers 404 like an unknown id.
#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_cart.h"
#include "app/quotes/quote_desk.h"
#include "app/sales/sales_order_desk.h"
#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/portal/portal_quantity_json.h"
#include "web/api/quotes/quote_api_json.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the unity build compiles the API files together.
namespace portal_cart_routes {

namespace json = boost::json;
using app::PortalCartDesk;

Response catalog(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto c = desk.catalog(*req.user, req.query_value("q"));
  if (!c) return problem(req, ctx.catalog, c.error());
  json::array items;
  for (const auto& item : c->items) {
    const auto& p = item.product;
    json::array features;
    for (const auto& f : p.features) features.push_back({{"name", f.name}, {"value", f.value}});
    items.push_back({{"product_id", p.id.value},
                     {"code", p.code},
                     {"name", domain::product_name(p, req.language)},
                     {"unit", p.unit},
                     {"unit_price", item.price.unit_price},
                     {"features", std::move(features)}});
  }
  return json_ok(200, json::object{{"price_list_code", c->price_list.code},
                                   {"currency", c->price_list.currency},
                                   {"items", std::move(items)}});
}

// {"cart": the cart as a quote, or null}.
Response cart_answer(Request& req, WebContext& ctx, PortalCartDesk& desk, int status = 200) {
  auto cart = desk.cart(*req.user);
  if (!cart) return problem(req, ctx.catalog, cart.error());
  return json_ok(status, json::object{{"cart", *cart ? json::value(quote_view_to_json(**cart))
                                                     : json::value(nullptr)}});
}

Response get_cart(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  return cart_answer(req, ctx, desk);
}

Response cart_changed(Request& req, WebContext& ctx, PortalCartDesk& desk,
                      const Result<domain::Quote>& r, const FieldErrors& errors, int status) {
  if (!r) return problem(req, ctx.catalog, r.error(), &errors);
  return cart_answer(req, ctx, desk, status);
}

// {product_id, quantity}: 201 with the cart.
Response add_line(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto product = get_id(*body, "product_id", errors);
  if (!product && errors.empty()) errors.add(Error::invalid("field.required", "product_id"));
  auto quantity = portal_quantity_of(*body, "quantity", app::EmptyQuantity::required, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto added = desk.add(*req.user, Id<domain::Product>{*product}, *quantity, &errors);
  return cart_changed(req, ctx, desk, added, errors, 201);
}

// {quantity}: the cart.
Response change_line(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("quote.line_not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto quantity = portal_quantity_of(*body, "quantity", app::EmptyQuantity::required, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return cart_changed(req, ctx, desk, desk.change(*req.user, *line, *quantity, &errors), errors,
                      200);
}

Response remove_line(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto line = id_param<domain::QuoteLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("quote.line_not_found"));
  return cart_changed(req, ctx, desk, desk.remove(*req.user, *line), {}, 200);
}

Response quote_answer(Request& req, WebContext& ctx, PortalCartDesk& desk, Id<domain::Quote> id,
                      int status = 200) {
  auto v = desk.quote(*req.user, id);
  if (!v) return problem(req, ctx.catalog, v.error());
  Response res = json_ok(status, quote_view_to_json(*v));
  if (status == 201)
    res.set_header("Location", "/api/v1/portal/quotes/" + std::to_string(id.value));
  return res;
}

// 201 with the quote; 422 with every problem Verify finds.
Response save_cart(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  FieldErrors problems;
  auto saved = desk.save(*req.user, &problems);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &problems);
  return quote_answer(req, ctx, desk, saved->id, 201);
}

Response list_quotes(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto quotes = desk.quotes(*req.user);
  if (!quotes) return problem(req, ctx.catalog, quotes.error());
  json::array items;
  for (const auto& s : *quotes) items.push_back(quote_summary_to_json(s));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response get_quote(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  return quote_answer(req, ctx, desk, *id);
}

Response quote_pdf(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto file = desk.quote_pdf(*req.user, *id);
  if (!file) return problem(req, ctx.catalog, file.error());
  Response r = text_response(200, std::move(file->pdf), "application/pdf");
  r.set_header("Content-Disposition", "attachment; filename=\"" + file->file_name + "\"");
  return r;
}

// The quote id and the body with its version; nullopt after `refusal`.
std::optional<std::pair<Id<domain::Quote>, json::object>> quote_body(Request& req, WebContext& ctx,
                                                                     Response& refusal,
                                                                     Version& version) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) {
    refusal = problem(req, ctx.catalog, Error::not_found("quote.not_found"));
    return std::nullopt;
  }
  auto body = parse_object(req);
  if (!body) {
    refusal = problem(req, ctx.catalog, body.error());
    return std::nullopt;
  }
  FieldErrors errors;
  version = get_version(*body, errors).value_or(0);
  if (!errors.empty()) {
    refusal = input_problem(req, ctx.catalog, errors);
    return std::nullopt;
  }
  return std::make_pair(*id, std::move(*body));
}

// {version, accepted_by}: the quote, accepted with the typed name, the
// time and the client address.
Response accept(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  Response refusal;
  Version version = 0;
  auto a = quote_body(req, ctx, refusal, version);
  if (!a) return refusal;
  FieldErrors errors;
  auto name = get_string(a->second, "accepted_by", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto accepted =
      desk.accept(*req.user, a->first, version, domain::QuoteAcceptance{name, req.client_address});
  if (!accepted) return problem(req, ctx.catalog, accepted.error());
  return quote_answer(req, ctx, desk, a->first);
}

Response conversion(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::Quote>(req, "quote");
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto preview = desk.preview_conversion(*req.user, *id);
  if (!preview) return problem(req, ctx.catalog, preview.error());
  return json_ok(200, conversion_to_json(*preview));
}

// {version, acknowledged}: 201 with the pending order; 409 with the change
// report until its fingerprint is acknowledged.
Response convert(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  Response refusal;
  Version version = 0;
  auto a = quote_body(req, ctx, refusal, version);
  if (!a) return refusal;
  FieldErrors errors;
  auto acknowledged = get_string(a->second, "acknowledged", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  app::ConversionPreview report;
  auto order = desk.convert(*req.user, a->first, version, acknowledged, &report);
  if (!order) {
    Response res = problem(req, ctx.catalog, order.error());
    if (order.error().key != "quote.changes_to_acknowledge") return res;
    json::object body = json::parse(res.body).as_object();
    for (auto& [k, v] : conversion_to_json(report)) body[k] = v;
    return text_response(409, json::serialize(body), "application/problem+json");
  }
  auto view = app::SalesOrderDesk(ctx.db, ctx.clock).view(*req.user, order->id);
  return json_ok(201, view ? sales_order_view_to_json(*view) : sales_order_to_json(*order));
}

// {version}: the order, submitted; 422 with every problem.
Response submit(Request& req, WebContext& ctx, PortalCartDesk& desk) {
  auto id = id_param<domain::SalesOrder>(req, "order");
  if (!id) return problem(req, ctx.catalog, Error::not_found("sales_order.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  const Version version = get_version(*body, errors).value_or(0);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  app::SalesOrderDesk orders(ctx.db, ctx.clock);
  auto submitted = desk.submit(*req.user, *id, version, &errors);
  if (!submitted) return problem(req, ctx.catalog, submitted.error(), &errors);
  auto view = orders.view(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, sales_order_view_to_json(*view));
}

}  // namespace portal_cart_routes

void register_portal_cart_api(Router& router, WebContext& ctx) {
  namespace r = portal_cart_routes;
  auto desk = std::make_shared<app::PortalCartDesk>(ctx.db, ctx.clock, ctx.catalog);
  auto bind = [&ctx, desk](Response (*handler)(Request&, WebContext&, app::PortalCartDesk&)) {
    return [&ctx, desk, handler](Request& r) { return handler(r, ctx, *desk); };
  };
  const std::string base = "/api/v1/portal";
  router.get(base + "/catalog", Access::customer, bind(r::catalog));
  router.get(base + "/cart", Access::customer, bind(r::get_cart));
  router.post(base + "/cart/lines", Access::customer, bind(r::add_line));
  router.add("PUT", base + "/cart/lines/{line}", Access::customer, bind(r::change_line));
  router.add("DELETE", base + "/cart/lines/{line}", Access::customer, bind(r::remove_line));
  router.post(base + "/cart/quote", Access::customer, bind(r::save_cart));
  router.get(base + "/quotes", Access::customer, bind(r::list_quotes));
  router.get(base + "/quotes/{quote}", Access::customer, bind(r::get_quote));
  router.get(base + "/quotes/{quote}/pdf", Access::customer, bind(r::quote_pdf));
  router.post(base + "/quotes/{quote}/acceptance", Access::customer, bind(r::accept));
  router.get(base + "/quotes/{quote}/conversion", Access::customer, bind(r::conversion));
  router.post(base + "/quotes/{quote}/conversion", Access::customer, bind(r::convert));
  router.post(base + "/orders/{order}/submission", Access::customer, bind(r::submit));
}

}  // namespace rapport::web::api
