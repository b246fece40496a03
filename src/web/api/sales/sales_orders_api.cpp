// /api/v1/sales-orders, /api/v1/fulfilment/lines and /batches, a customer's assets:
// the sales order of quotes-orders-assets.md. A CSR (or a client system)
// creates an order, adds lines priced from the customer's list, submits it;
// the fulfilment role (or an external fulfilment system) completes or fails
// each open line. Changes name the version read; a stale one is refused
// with 409. Amounts are minor units of the order's currency.
#include <limits>

#include <boost/json.hpp>

#include "app/sales/fulfilment_batch.h"
#include "web/api/catalog/catalog_api_json.h"
#include "web/api/contactplan/contact_plan_json.h"
#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the sanitizer's unity build compiles this file with
// the other API files, whose handlers have the same names.
namespace sales_routes {

namespace json = boost::json;
using domain::SalesOrder;
using domain::SalesOrderLine;

Response order_answer(Request& req, WebContext& ctx, const Result<SalesOrder>& r,
                      const FieldErrors& errors, int status = 200) {
  if (!r) return problem(req, ctx.catalog, r.error(), &errors);
  // The answer is the order as GET shows it (with its customer's name).
  auto view = ctx.sales.view(*req.user, r->id);
  Response res = json_ok(status, view ? sales_order_view_to_json(*view) : sales_order_to_json(*r));
  if (status == 201)
    res.set_header("Location", "/api/v1/sales-orders/" + std::to_string(r->id.value));
  return res;
}

Result<int> offset_of(const Request& req) {
  auto keys = cursor_keys(req, 1);
  if (!keys) return keys.error();
  if (keys->empty()) return 0;
  auto offset = key_number(keys->front(), 1, std::numeric_limits<int>::max());
  if (!offset) return Error::invalid("page.cursor_invalid", "cursor");
  return static_cast<int>(*offset);
}

// ?customer=, ?status=, ?requested_delivery=; newest first.
Response list_orders(Request& req, WebContext& ctx) {
  store::SalesOrderFilter f;
  auto customer = query_id(req, "customer");
  if (!customer) return problem(req, ctx.catalog, customer.error());
  f.customer = *customer;
  auto status = query_code<domain::SalesOrderStatus>(req, "status");
  if (!status) return problem(req, ctx.catalog, status.error());
  f.status = *status;
  auto delivery = query_date(req, "requested_delivery");
  if (!delivery) return problem(req, ctx.catalog, delivery.error());
  f.requested_delivery = *delivery;
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto offset = offset_of(req);
  if (!offset) return problem(req, ctx.catalog, offset.error());
  f.offset = *offset;
  f.limit = *limit + 1;
  auto orders = ctx.sales.list(*req.user, f);
  if (!orders) return problem(req, ctx.catalog, orders.error());
  const bool more = static_cast<int>(orders->size()) > *limit;
  if (more) orders->resize(*limit);
  json::array items;
  for (const auto& o : *orders) items.push_back(sales_order_to_json(o));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      more ? json::value(encode_cursor({std::to_string(f.offset + *limit)})) : json::value(nullptr);
  return json_ok(200, body);
}

Response create_order(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::SalesOrderHeader h;
  apply_header(*body, h, errors);
  if (h.customer == 0 && errors.empty())
    errors.add(Error::invalid("field.required", "customer_id"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.sales.create(*req.user, h, &errors), errors, 201);
}

Response get_order(Request& req, WebContext& ctx) {
  auto id = id_param<SalesOrder>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("sales_order.not_found"));
  auto view = ctx.sales.view(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, sales_order_view_to_json(*view));
}

// The order id, the body and its version; nullopt after setting `refusal`.
struct Action {
  Id<SalesOrder> id;
  json::object body;
  Version version = 0;
};

std::optional<Action> action_of(Request& req, WebContext& ctx, Response& refusal,
                                bool version_required = true) {
  auto id = id_param<SalesOrder>(req);
  if (!id) {
    refusal = problem(req, ctx.catalog, Error::not_found("sales_order.not_found"));
    return std::nullopt;
  }
  auto body = parse_object(req);
  if (!body) {
    refusal = problem(req, ctx.catalog, body.error());
    return std::nullopt;
  }
  FieldErrors errors;
  Version version = 0;
  if (version_required || get_member(*body, "version"))
    version = get_version(*body, errors).value_or(0);
  if (!errors.empty()) {
    refusal = input_problem(req, ctx.catalog, errors);
    return std::nullopt;
  }
  return Action{*id, std::move(*body), version};
}

Response update_order(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto view = ctx.sales.view(*req.user, a->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  auto h = app::header_of(view->order);
  FieldErrors errors;
  apply_header(a->body, h, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.sales.update_header(*req.user, a->id, a->version, h, &errors),
                      errors);
}

Response add_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  app::LineInput line;
  if (auto p = get_id(a->body, "product_id", errors)) line.product = Id<domain::Product>{*p};
  line.product_code = get_string(a->body, "product_code", errors).value_or("");
  if (!line.product && line.product_code.empty() && errors.empty())
    errors.add(Error::invalid("field.required", "product_id"));
  auto quantity = get_quantity(a->body, "quantity", errors);
  if (!quantity && errors.empty()) errors.add(Error::invalid("field.required", "quantity"));
  line.quantity = quantity.value_or(0);
  line.discount = get_integer(a->body, "discount", errors).value_or(0);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.sales.add_line(*req.user, a->id, a->version, line, &errors),
                      errors, 201);
}

Response change_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto line = id_param<SalesOrderLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("sales_order.line_not_found"));
  auto view = ctx.sales.view(*req.user, a->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  const SalesOrderLine* current = nullptr;
  for (const auto& l : view->order.lines)
    if (l.id == *line) current = &l;
  if (!current) return problem(req, ctx.catalog, Error::not_found("sales_order.line_not_found"));
  FieldErrors errors;
  auto quantity = get_quantity(a->body, "quantity", errors).value_or(current->quantity);
  auto discount = get_integer(a->body, "discount", errors).value_or(current->discount);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(
      req, ctx,
      ctx.sales.change_line(*req.user, a->id, a->version, *line, quantity, discount, &errors),
      errors);
}

Response remove_line(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto line = id_param<SalesOrderLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("sales_order.line_not_found"));
  return order_answer(req, ctx, ctx.sales.remove_line(*req.user, a->id, a->version, *line), {});
}

Response submit(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  return order_answer(req, ctx, ctx.sales.submit(*req.user, a->id, a->version, &errors), errors);
}

Response cancel(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  return order_answer(req, ctx, ctx.sales.cancel(*req.user, a->id, a->version), {});
}

// Fulfilment: `version` is optional (an external system completes lines
// as it goes); given, a stale one is refused.
Response fulfil(Request& req, WebContext& ctx, bool complete) {
  Response refusal;
  auto a = action_of(req, ctx, refusal, false);
  if (!a) return refusal;
  auto line = id_param<SalesOrderLine>(req, "line");
  if (!line) return problem(req, ctx.catalog, Error::not_found("sales_order.line_not_found"));
  std::optional<Version> version;
  if (a->version > 0) version = a->version;
  if (complete)
    return order_answer(req, ctx, ctx.sales.complete_line(*req.user, a->id, version, *line), {});
  FieldErrors errors;
  auto reason = get_string(a->body, "reason", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.sales.fail_line(*req.user, a->id, version, *line, reason), {});
}

Response queue(Request& req, WebContext& ctx) {
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto offset = offset_of(req);
  if (!offset) return problem(req, ctx.catalog, offset.error());
  auto lines = ctx.sales.fulfilment_queue(*req.user, *limit + 1, *offset);
  if (!lines) return problem(req, ctx.catalog, lines.error());
  const bool more = static_cast<int>(lines->size()) > *limit;
  if (more) lines->resize(*limit);
  json::array items;
  for (const auto& q : *lines) items.push_back(queue_line_to_json(q));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] =
      more ? json::value(encode_cursor({std::to_string(*offset + *limit)})) : json::value(nullptr);
  return json_ok(200, body);
}

Response assets(Request& req, WebContext& ctx) {
  auto customer = positive_int(req.param("id"));
  if (!customer) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto rows = ctx.sales.assets(*req.user, *customer);
  if (!rows) return problem(req, ctx.catalog, rows.error());
  json::array items;
  for (const auto& a : *rows) items.push_back(asset_to_json(a));
  return json_ok(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

// A fulfilment batch as a job: {"orders": [ids]} or {"whole_queue": true},
// "outcome" complete (default) or fail with a "reason".
Response start_batch(Request& req, WebContext& ctx) {
  // The role first: others learn nothing of the orders from a 422.
  if (auto ok = app::require(*req.user, app::Capability::fulfil_orders); !ok)
    return problem(req, ctx.catalog, ok.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::FulfilmentBatchRequest request;
  request.orders = get_ids(*body, "orders", errors).value_or(std::vector<std::int64_t>{});
  request.whole_queue = get_bool(*body, "whole_queue", errors).value_or(false);
  if (auto outcome = get_string(*body, "outcome", errors)) {
    if (*outcome == "fail")
      request.outcome = app::LineOutcome::fail;
    else if (*outcome != "complete")
      errors.add(json_unknown_code("outcome", "complete, fail"));
  }
  request.reason = get_string(*body, "reason", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto started = app::start_fulfilment_batch(ctx.jobs, ctx.db, *req.user, request);
  if (!started) return problem(req, ctx.catalog, started.error());
  auto job = ctx.jobs.get(*req.user, *started);
  if (!job) return problem(req, ctx.catalog, job.error());
  Response res = json_ok(202, job_to_json(*job, labels_of(req, ctx)));
  res.set_header("Location", "/api/v1/jobs/" + std::to_string(started->value));
  return res;
}

}  // namespace sales_routes

void register_sales_orders_api(Router& router, WebContext& ctx) {
  const std::string order = "/api/v1/sales-orders/{id}";
  const std::string line = order + "/lines/{line}";
  router.get("/api/v1/sales-orders", Access::staff,
             [&ctx](Request& r) { return sales_routes::list_orders(r, ctx); });
  router.post("/api/v1/sales-orders", Access::staff,
              [&ctx](Request& r) { return sales_routes::create_order(r, ctx); });
  router.get(order, Access::staff, [&ctx](Request& r) { return sales_routes::get_order(r, ctx); });
  router.add("PUT", order, Access::staff,
             [&ctx](Request& r) { return sales_routes::update_order(r, ctx); });
  router.post(order + "/lines", Access::staff,
              [&ctx](Request& r) { return sales_routes::add_line(r, ctx); });
  router.add("PATCH", line, Access::staff,
             [&ctx](Request& r) { return sales_routes::change_line(r, ctx); });
  router.post(line + "/remove", Access::staff,
              [&ctx](Request& r) { return sales_routes::remove_line(r, ctx); });
  router.post(order + "/submit", Access::staff,
              [&ctx](Request& r) { return sales_routes::submit(r, ctx); });
  router.post(order + "/cancel", Access::staff,
              [&ctx](Request& r) { return sales_routes::cancel(r, ctx); });
  router.post(line + "/complete", Access::staff,
              [&ctx](Request& r) { return sales_routes::fulfil(r, ctx, true); });
  router.post(line + "/fail", Access::staff,
              [&ctx](Request& r) { return sales_routes::fulfil(r, ctx, false); });
  router.get("/api/v1/fulfilment/lines", Access::staff,
             [&ctx](Request& r) { return sales_routes::queue(r, ctx); });
  router.post("/api/v1/fulfilment/batches", Access::staff,
              [&ctx](Request& r) { return sales_routes::start_batch(r, ctx); });
  router.get("/api/v1/customers/{id}/assets", Access::staff,
             [&ctx](Request& r) { return sales_routes::assets(r, ctx); });
}

}  // namespace rapport::web::api
