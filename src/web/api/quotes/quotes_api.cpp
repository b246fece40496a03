// /api/v1/quotes: the quote of quotes-orders-assets.md. A CSR (or a client
// system) makes a quote for a customer, adds lines priced from the
// customer's list, verifies it, records it sent, accepts or rejects it,
// revises it, and converts it to a sales order repriced with today's
// catalog — refused with 409 and the change report until the report's
// fingerprint is acknowledged. Changes name the version read.
#include <limits>

#include <boost/json.hpp>

#include "app/quotes/quote_desk.h"
#include "web/api/catalog/catalog_api_json.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/query_params.h"
#include "web/api/quotes/quote_api_json.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the sanitizer's unity build compiles this file with
// the other API files, whose handlers have the same names.
namespace quote_routes {

namespace json = boost::json;
using domain::Quote;
using domain::QuoteLine;

app::QuoteDesk desk_of(WebContext& ctx) { return app::QuoteDesk(ctx.db, ctx.clock); }

Response quote_answer(Request& req, WebContext& ctx, const Result<Quote>& r,
                      const FieldErrors& errors, int status = 200) {
  if (!r) return problem(req, ctx.catalog, r.error(), &errors);
  // The answer is the quote as GET shows it.
  auto view = desk_of(ctx).view(*req.user, r->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  Response res = json_ok(status, quote_view_to_json(*view));
  if (status == 201) res.set_header("Location", "/api/v1/quotes/" + std::to_string(r->id.value));
  return res;
}

// ?customer= (required); newest first, every revision.
Response list_quotes(Request& req, WebContext& ctx) {
  auto customer = query_id(req, "customer");
  if (!customer) return problem(req, ctx.catalog, customer.error());
  if (!*customer)
    return input_problem(req, ctx.catalog, {{Error::invalid("field.required", "customer")}});
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto keys = cursor_keys(req, 1);
  if (!keys) return problem(req, ctx.catalog, keys.error());
  int offset = 0;
  if (!keys->empty()) {
    auto n = key_number(keys->front(), 0, std::numeric_limits<int>::max());
    if (!n) return problem(req, ctx.catalog, Error::invalid("page.cursor_invalid", "cursor"));
    offset = static_cast<int>(*n);
  }
  auto quotes = desk_of(ctx).of_customer(*req.user, **customer, *limit + 1, offset);
  if (!quotes) return problem(req, ctx.catalog, quotes.error());
  const bool more = static_cast<int>(quotes->size()) > *limit;
  if (more) quotes->resize(*limit);
  json::array items;
  for (const auto& s : *quotes) items.push_back(quote_summary_to_json(s));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      more ? json::value(encode_cursor({std::to_string(offset + *limit)})) : json::value(nullptr);
  return json_ok(200, body);
}

Response create_quote(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::QuoteHeader h;
  apply_quote_header(*body, h, errors);
  if (h.customer == 0 && errors.empty())
    errors.add(Error::invalid("field.required", "customer_id"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return quote_answer(req, ctx, desk_of(ctx).create(*req.user, h, &errors), errors, 201);
}

Response get_quote(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto view = desk_of(ctx).view(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, quote_view_to_json(*view));
}

// The quote id, the body and its version; nullopt after setting `refusal`.
struct QuoteAction {
  Id<Quote> id;
  json::object body;
  Version version = 0;
};

std::optional<QuoteAction> quote_action_of(Request& req, WebContext& ctx, Response& refusal) {
  auto id = id_param<Quote>(req);
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
  Version version = get_version(*body, errors).value_or(0);
  if (!errors.empty()) {
    refusal = input_problem(req, ctx.catalog, errors);
    return std::nullopt;
  }
  return QuoteAction{*id, std::move(*body), version};
}

Response update_quote(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto view = desk_of(ctx).view(*req.user, a->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  auto h = app::quote_header_of(view->quote);
  FieldErrors errors;
  apply_quote_header(a->body, h, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return quote_answer(req, ctx,
                      desk_of(ctx).update_header(*req.user, a->id, a->version, h, &errors), errors);
}

Response add_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  app::QuoteLineInput line;
  if (auto p = get_id(a->body, "product_id", errors)) line.product = Id<domain::Product>{*p};
  line.product_code = get_string(a->body, "product_code", errors).value_or("");
  if (!line.product && line.product_code.empty() && errors.empty())
    errors.add(Error::invalid("field.required", "product_id"));
  auto quantity = get_quantity(a->body, "quantity", errors);
  if (!quantity && errors.empty()) errors.add(Error::invalid("field.required", "quantity"));
  line.quantity = quantity.value_or(0);
  line.discount = get_integer(a->body, "discount", errors).value_or(0);
  if (auto action = get_code<domain::LineAction>(a->body, "action", errors)) line.action = *action;
  if (auto asset = get_id(a->body, "asset_id", errors)) line.asset = *asset;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return quote_answer(req, ctx, desk_of(ctx).add_line(*req.user, a->id, a->version, line, &errors),
                      errors, 201);
}

Response change_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto line = id_param<QuoteLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("quote.line_not_found"));
  auto view = desk_of(ctx).view(*req.user, a->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  const QuoteLine* current = nullptr;
  for (const auto& l : view->quote.lines)
    if (l.id == *line) current = &l;
  if (!current) return problem(req, ctx.catalog, Error::not_found("quote.line_not_found"));
  FieldErrors errors;
  auto quantity = get_quantity(a->body, "quantity", errors).value_or(current->quantity);
  auto discount = get_integer(a->body, "discount", errors).value_or(current->discount);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return quote_answer(
      req, ctx,
      desk_of(ctx).change_line(*req.user, a->id, a->version, *line, quantity, discount, &errors),
      errors);
}

Response remove_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto line = id_param<QuoteLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("quote.line_not_found"));
  return quote_answer(req, ctx, desk_of(ctx).remove_line(*req.user, a->id, a->version, *line), {});
}

// {ready, problems: [{field, code, detail}]}: every problem Verify finds.
Response verify(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto problems = desk_of(ctx).verify(*req.user, *id);
  if (!problems) return problem(req, ctx.catalog, problems.error());
  json::array items;
  for (const auto& e : problems->errors)
    items.push_back(
        {{"field", e.field}, {"code", e.key}, {"detail", localized_message(req, ctx.catalog, e)}});
  return json_ok(200, json::object{{"ready", problems->empty()}, {"problems", std::move(items)}});
}

Response revise(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  return quote_answer(req, ctx, desk_of(ctx).revise(*req.user, a->id, a->version), {}, 201);
}

Response decide(Request& req, WebContext& ctx, bool accepted) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto desk = desk_of(ctx);
  return quote_answer(req, ctx,
                      accepted ? desk.accept(*req.user, a->id, a->version)
                               : desk.reject(*req.user, a->id, a->version),
                      {});
}

// Records a sending made outside Rapport (or by its sending code):
// {version, channel: email | fax | letter | other}.
Response mark_sent(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto channel = get_code<domain::QuoteChannel>(a->body, "channel", errors);
  if (!channel && errors.empty()) errors.add(Error::invalid("field.required", "channel"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return quote_answer(req, ctx, desk_of(ctx).mark_sent(*req.user, a->id, a->version, *channel), {});
}

// What converting today would change.
Response conversion(Request& req, WebContext& ctx) {
  auto id = id_param<Quote>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("quote.not_found"));
  auto preview = desk_of(ctx).preview_conversion(*req.user, *id);
  if (!preview) return problem(req, ctx.catalog, preview.error());
  return json_ok(200, conversion_to_json(*preview));
}

// {version, acknowledged: fingerprint}: 201 with the sales order; 409 with
// the change report (fingerprint, changes) until acknowledged.
Response convert(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = quote_action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto acknowledged = get_string(a->body, "acknowledged", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  app::ConversionPreview report;
  auto order = desk_of(ctx).convert(*req.user, a->id, a->version, acknowledged, &report);
  if (!order) {
    Response res = problem(req, ctx.catalog, order.error());
    if (order.error().key != "quote.changes_to_acknowledge") return res;
    json::object body = json::parse(res.body).as_object();
    for (auto& [k, v] : conversion_to_json(report)) body[k] = v;
    return text_response(409, json::serialize(body), "application/problem+json");
  }
  auto view = ctx.sales.view(*req.user, order->id);
  Response res = json_ok(201, view ? sales_order_view_to_json(*view) : sales_order_to_json(*order));
  res.set_header("Location", "/api/v1/sales-orders/" + std::to_string(order->id.value));
  return res;
}

}  // namespace quote_routes

void register_quotes_api(Router& router, WebContext& ctx) {
  const std::string quote = "/api/v1/quotes/{id}";
  const std::string line = quote + "/lines/{line}";
  router.get("/api/v1/quotes", Access::staff,
             [&ctx](Request& r) { return quote_routes::list_quotes(r, ctx); });
  router.post("/api/v1/quotes", Access::staff,
              [&ctx](Request& r) { return quote_routes::create_quote(r, ctx); });
  router.get(quote, Access::staff, [&ctx](Request& r) { return quote_routes::get_quote(r, ctx); });
  router.add("PUT", quote, Access::staff,
             [&ctx](Request& r) { return quote_routes::update_quote(r, ctx); });
  router.post(quote + "/lines", Access::staff,
              [&ctx](Request& r) { return quote_routes::add_line(r, ctx); });
  router.add("PATCH", line, Access::staff,
             [&ctx](Request& r) { return quote_routes::change_line(r, ctx); });
  router.post(line + "/remove", Access::staff,
              [&ctx](Request& r) { return quote_routes::remove_line(r, ctx); });
  router.post(quote + "/verify", Access::staff,
              [&ctx](Request& r) { return quote_routes::verify(r, ctx); });
  router.post(quote + "/revise", Access::staff,
              [&ctx](Request& r) { return quote_routes::revise(r, ctx); });
  router.post(quote + "/accept", Access::staff,
              [&ctx](Request& r) { return quote_routes::decide(r, ctx, true); });
  router.post(quote + "/reject", Access::staff,
              [&ctx](Request& r) { return quote_routes::decide(r, ctx, false); });
  router.post(quote + "/mark-sent", Access::staff,
              [&ctx](Request& r) { return quote_routes::mark_sent(r, ctx); });
  router.get(quote + "/conversion", Access::staff,
             [&ctx](Request& r) { return quote_routes::conversion(r, ctx); });
  router.post(quote + "/convert", Access::staff,
              [&ctx](Request& r) { return quote_routes::convert(r, ctx); });
  register_sendings_api(router, ctx);
}

}  // namespace rapport::web::api
