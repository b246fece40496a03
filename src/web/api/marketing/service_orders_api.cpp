// /api/v1/service-orders: the service order of seed 000
// (campaigns-and-orders.md) — opened for a caller who is not a customer
// yet, answered, checked for eligibility, switched to an alternate
// campaign, given a package, held, released, canceled or completed (which
// creates the customer's account, premise, service points and agreements).
// Every change names the version read; a stale one is refused with 409.
#include <limits>

#include <boost/json.hpp>

#include "domain/marketing/service_order.h"
#include "web/api/contactplan/planning_io.h"
#include "web/api/customers/customer_json.h"
#include "web/api/json_io.h"
#include "web/api/marketing/marketing_api_json.h"
#include "web/api/paging.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;
using domain::ServiceOrder;

Response order_problem(Request& req, WebContext& ctx, const Error& e,
                       const FieldErrors* errors = nullptr) {
  if (!errors || errors->empty() || e.code != ErrorCode::invalid_input)
    return problem(req, ctx.catalog, order_api_field(e));
  FieldErrors all;
  for (const auto& x : errors->errors) all.add(order_api_field(x));
  return problem(req, ctx.catalog, order_api_field(e), &all);
}

Result<app::OrderListScope> scope_of(const Request& req) {
  auto due = query_bool(req, "due");
  if (!due) return due.error();
  auto mine = query_bool(req, "mine");
  if (!mine) return mine.error();
  return app::OrderListScope{due->value_or(false), mine->value_or(false)};
}

Result<store::ServiceOrderFilter> filter_of(const Request& req) {
  store::ServiceOrderFilter f;
  auto status = query_code<domain::OrderStatus>(req, "status");
  if (!status) return status.error();
  f.status = *status;
  auto campaign = query_id(req, "campaign");
  if (!campaign) return campaign.error();
  f.campaign = *campaign;
  auto customer = query_id(req, "customer");
  if (!customer) return customer.error();
  f.customer = *customer;
  auto limit = page_limit(req);
  if (!limit) return limit.error();
  f.limit = *limit;
  // Newest first, or by remind date for held orders: the cursor holds how
  // many rows came before the next page.
  auto keys = cursor_keys(req, 1);
  if (!keys) return keys.error();
  if (!keys->empty()) {
    auto offset = key_number(keys->front(), 1, std::numeric_limits<int>::max());
    if (!offset) return Error::invalid("page.cursor_invalid", "cursor");
    f.offset = static_cast<int>(*offset);
  }
  return f;
}

// A saved order as GET shows it (with its campaign, questions and events),
// so a client reads the same record from either answer.
json::object saved_order_json(Request& req, WebContext& ctx, const ServiceOrder& saved) {
  auto view = ctx.orders.view(*req.user, saved.id);
  return view ? order_view_to_json(*view, labels_of(req, ctx)) : order_to_json(saved);
}

Response list_orders(Request& req, WebContext& ctx) {
  auto filter = filter_of(req);
  if (!filter) return problem(req, ctx.catalog, filter.error());
  const int limit = filter->limit;
  // One more tells whether a next page exists (a full page of the largest
  // size is taken to have one).
  const bool peek = limit < app::kMaxPageSize;
  if (peek) filter->limit = limit + 1;
  auto scope = scope_of(req);
  if (!scope) return problem(req, ctx.catalog, scope.error());
  auto rows = ctx.orders.list(*req.user, *filter, *scope);
  if (!rows) return problem(req, ctx.catalog, rows.error());
  const bool more =
      static_cast<int>(rows->size()) > limit || (!peek && static_cast<int>(rows->size()) == limit);
  if (static_cast<int>(rows->size()) > limit) rows->resize(limit);
  json::array items;
  for (const auto& r : *rows) items.push_back(order_row_to_json(r));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] = more ? json::value(encode_cursor({std::to_string(filter->offset + limit)}))
                             : json::value(nullptr);
  return json_ok(200, body);
}

Response create_order(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::OrderPrefill prefill;
  prefill.campaign = get_id(*body, "campaign_id", errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto draft = ctx.orders.start(*req.user, prefill);
  if (!draft) return order_problem(req, ctx, draft.error());
  if (!prefill.campaign && (draft->no_default_campaign || !draft->order.campaign.valid()))
    return problem(req, ctx.catalog, Error::invalid("order.campaign_required", "campaign_id"));
  app::OrderInput in;
  in.order = std::move(draft->order);
  in.typed_phone = in.order.prospect.phone_e164;
  apply_order(*body, in, errors);
  in.despite_duplicates = get_bool(*body, "proceed", errors).value_or(false);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  std::vector<app::DuplicateCandidate> duplicates;
  auto saved = ctx.orders.save(*req.user, std::move(in), &errors, &duplicates);
  // As Add customer answers: the candidates, and `proceed` to create anyway.
  if (!saved && !duplicates.empty())
    return duplicates_problem(req, ctx.catalog, saved.error(), duplicates);
  if (!saved) return order_problem(req, ctx, saved.error(), &errors);
  Response res = json_ok(201, saved_order_json(req, ctx, *saved));
  res.set_header("Location", "/api/v1/service-orders/" + std::to_string(saved->id.value));
  return res;
}

Response get_order(Request& req, WebContext& ctx) {
  auto id = id_param<ServiceOrder>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("service_order.not_found"));
  auto view = ctx.orders.view(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, order_view_to_json(*view, labels_of(req, ctx)));
}

Response update_order(Request& req, WebContext& ctx) {
  auto id = id_param<ServiceOrder>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("service_order.not_found"));
  auto view = ctx.orders.view(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::OrderInput in;
  in.order = std::move(view->order);
  in.typed_phone = in.order.prospect.phone_e164;
  apply_order(*body, in, errors);
  if (auto v = get_version(*body, errors)) in.order.version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.orders.save(*req.user, std::move(in), &errors);
  if (!saved) return order_problem(req, ctx, saved.error(), &errors);
  return json_ok(200, saved_order_json(req, ctx, *saved));
}

// The body of an action: its members and the required version.
struct Action {
  Id<ServiceOrder> id;
  json::object body;
  Version version = 0;
};

// Reads the order id, the body and its version; nullopt after answering
// `refusal`.
std::optional<Action> action_of(Request& req, WebContext& ctx, Response& refusal) {
  auto id = id_param<ServiceOrder>(req);
  if (!id) {
    refusal = problem(req, ctx.catalog, Error::not_found("service_order.not_found"));
    return std::nullopt;
  }
  auto body = parse_object(req);
  if (!body) {
    refusal = problem(req, ctx.catalog, body.error());
    return std::nullopt;
  }
  FieldErrors errors;
  auto version = get_version(*body, errors);
  if (!errors.empty()) {
    refusal = input_problem(req, ctx.catalog, errors);
    return std::nullopt;
  }
  return Action{*id, std::move(*body), *version};
}

Response order_answer(Request& req, WebContext& ctx, const Result<ServiceOrder>& r) {
  if (!r) return order_problem(req, ctx, r.error());
  return json_ok(200, order_to_json(*r));
}

Response set_answer(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  const std::string& code = req.param("code");
  const std::string field = "answers." + code;
  auto it = a->body.find("value");
  if (it == a->body.end())
    return problem(req, ctx.catalog, Error::invalid("field.required", "value"));
  FieldErrors errors;
  auto typed = typed_answer(it->value(), field, errors);
  if (!typed) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.orders.answer(*req.user, a->id, a->version, code, *typed));
}

Response eligibility(Request& req, WebContext& ctx) {
  auto id = id_param<ServiceOrder>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("service_order.not_found"));
  auto tree = ctx.orders.eligibility(*req.user, *id);
  if (!tree) return problem(req, ctx.catalog, tree.error());
  return json_ok(200, eligibility_to_json(*tree, *id, labels_of(req, ctx)));
}

Response choose_package(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto package = get_id(a->body, "package_id", errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  std::optional<Id<domain::Package>> chosen;
  if (package) chosen = Id<domain::Package>{*package};
  return order_answer(req, ctx, ctx.orders.choose_package(*req.user, a->id, a->version, chosen));
}

// The switch answers the order with "kept" (the codes of the answers the
// new campaign also asks) beside "set_aside".
Response switch_campaign(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto campaign = get_id(a->body, "campaign_id", errors);
  if (errors.empty() && !campaign) errors.add(Error::invalid("field.required", "campaign_id"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto switched =
      ctx.orders.switch_campaign(*req.user, a->id, a->version, Id<domain::Campaign>{*campaign});
  if (!switched) return order_problem(req, ctx, switched.error());
  json::object body = order_to_json(*switched);
  json::array kept;
  for (const auto& answer : switched->answers) kept.emplace_back(answer.question);
  body["kept"] = std::move(kept);
  return json_ok(200, body);
}

Response hold(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto reason = get_string(a->body, "reason", errors).value_or("");
  auto remind_on = get_date(a->body, "remind_on", errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.orders.hold(*req.user, a->id, a->version, reason, remind_on));
}

Response release(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  return order_answer(req, ctx, ctx.orders.release(*req.user, a->id, a->version));
}

Response cancel(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  FieldErrors errors;
  auto reason = get_string(a->body, "reason", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  return order_answer(req, ctx, ctx.orders.cancel(*req.user, a->id, a->version, reason));
}

Response complete(Request& req, WebContext& ctx) {
  Response refusal;
  auto a = action_of(req, ctx, refusal);
  if (!a) return refusal;
  auto done = ctx.orders.complete(*req.user, a->id, a->version);
  if (!done) return order_problem(req, ctx, done.error());
  return json_ok(200, order_to_json(done->order));
}

}  // namespace

void register_service_orders_api(Router& router, WebContext& ctx) {
  const std::string order = "/api/v1/service-orders/{id}";
  router.get("/api/v1/service-orders", Access::staff,
             [&ctx](Request& r) { return list_orders(r, ctx); });
  router.post("/api/v1/service-orders", Access::staff,
              [&ctx](Request& r) { return create_order(r, ctx); });
  router.get(order, Access::staff, [&ctx](Request& r) { return get_order(r, ctx); });
  router.add("PUT", order, Access::staff, [&ctx](Request& r) { return update_order(r, ctx); });
  router.add("PUT", order + "/answers/{code}", Access::staff,
             [&ctx](Request& r) { return set_answer(r, ctx); });
  router.get(order + "/eligibility", Access::staff,
             [&ctx](Request& r) { return eligibility(r, ctx); });
  router.post(order + "/package", Access::staff,
              [&ctx](Request& r) { return choose_package(r, ctx); });
  router.post(order + "/campaign", Access::staff,
              [&ctx](Request& r) { return switch_campaign(r, ctx); });
  router.post(order + "/hold", Access::staff, [&ctx](Request& r) { return hold(r, ctx); });
  router.post(order + "/release", Access::staff, [&ctx](Request& r) { return release(r, ctx); });
  router.post(order + "/cancel", Access::staff, [&ctx](Request& r) { return cancel(r, ctx); });
  router.post(order + "/complete", Access::staff, [&ctx](Request& r) { return complete(r, ctx); });
}

}  // namespace rapport::web::api
