// /api/v1/webhooks and /api/v1/webhook-deliveries: admins register the
// endpoints that receive events and follow (and retry) their deliveries.
#include <charconv>
#include <limits>

#include <boost/json.hpp>

#include "core/enum_codes.h"
#include "web/api/events/webhook_json.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

std::optional<std::int64_t> webhook_path_id(const Request& req) {
  const auto& text = req.param("id");
  long long id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size() || id < 1) return std::nullopt;
  return id;
}

// The members given over `input` (absent ones keep its values).
void read_endpoint_input(const boost::json::object& body, app::EndpointInput& input,
                         FieldErrors& errors) {
  if (auto v = get_string(body, "url", errors)) input.url = *v;
  if (auto v = get_string(body, "description", errors)) input.description = *v;
  if (auto v = get_strings(body, "events", errors)) input.events = *v;
  if (auto v = get_bool(body, "active", errors)) input.active = *v;
}

Response list_webhooks(Request& req, WebContext& ctx) {
  auto all = ctx.webhooks.list(*req.user);
  if (!all) return problem(req, ctx.catalog, all.error());
  boost::json::array items;
  for (const auto& s : *all) items.push_back(webhook_summary_to_json(s));
  return json_ok(200, boost::json::object{{"items", std::move(items)}});
}

Response create_webhook(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::EndpointInput input;
  read_endpoint_input(*body, input, errors);
  if (auto v = get_string(*body, "secret", errors)) input.secret = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto created = ctx.webhooks.create(*req.user, input, &errors);
  if (!created) return problem(req, ctx.catalog, created.error(), &errors);
  // The secret is answered here once; nothing reads it back.
  Response res = json_ok(201, boost::json::object{{"endpoint", webhook_endpoint_to_json(*created)},
                                                  {"secret", created->secret}});
  res.set_header("Location", "/api/v1/webhooks/" + std::to_string(created->id.value));
  return res;
}

Response get_webhook(Request& req, WebContext& ctx) {
  auto id = webhook_path_id(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("webhook.not_found"));
  auto found = ctx.webhooks.get(*req.user, Id<domain::WebhookEndpoint>{*id});
  if (!found) return problem(req, ctx.catalog, found.error());
  return json_ok(200, webhook_endpoint_to_json(*found));
}

Response update_webhook(Request& req, WebContext& ctx) {
  auto id = webhook_path_id(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("webhook.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  const Id<domain::WebhookEndpoint> endpoint{*id};
  auto current = ctx.webhooks.get(*req.user, endpoint);
  if (!current) return problem(req, ctx.catalog, current.error());
  FieldErrors errors;
  auto version = get_version(*body, errors);
  app::EndpointInput input{current->url, current->description, {}, {}, current->active};
  for (auto t : current->events) input.events.emplace_back(domain::event_name(t));
  read_endpoint_input(*body, input, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto saved = ctx.webhooks.update(*req.user, endpoint, *version, input, &errors);
  if (!saved) return problem(req, ctx.catalog, saved.error(), &errors);
  return json_ok(200, webhook_endpoint_to_json(*saved));
}

Response list_deliveries(Request& req, WebContext& ctx) {
  store::DeliveryFilter filter;
  FieldErrors errors;
  if (const auto& s = req.query_value("status"); !s.empty()) {
    filter.status = enum_from_code<domain::DeliveryStatus>(s);
    if (!filter.status) errors.add(Error::invalid("webhook.status_unknown", "status"));
  }
  if (const auto& e = req.query_value("endpoint_id"); !e.empty()) {
    auto id = key_number(e, 1, std::numeric_limits<std::int64_t>::max());
    if (!id) errors.add(Error::invalid("webhook.endpoint_id_invalid", "endpoint_id"));
    filter.endpoint = id;
  }
  auto keys = cursor_keys(req, 1);
  if (!keys) return problem(req, ctx.catalog, keys.error());
  if (!keys->empty()) {
    auto before = key_number(keys->front(), 1, std::numeric_limits<std::int64_t>::max());
    if (!before) return problem(req, ctx.catalog, Error::invalid("page.cursor_invalid", "cursor"));
    filter.before = *before;
  }
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  filter.limit = *limit + 1;
  auto rows = ctx.webhooks.deliveries(*req.user, filter);
  if (!rows) return problem(req, ctx.catalog, rows.error());
  boost::json::object body;
  boost::json::array items;
  const bool more = static_cast<int>(rows->size()) > *limit;
  if (more) rows->pop_back();
  for (const auto& d : *rows) items.push_back(webhook_delivery_to_json(d));
  body["items"] = std::move(items);
  body["next_cursor"] = more ? boost::json::value(encode_cursor({std::to_string(rows->back().id)}))
                             : boost::json::value(nullptr);
  return json_ok(200, body);
}

Response retry_delivery(Request& req, WebContext& ctx) {
  auto id = webhook_path_id(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("webhook.delivery_not_found"));
  auto done = ctx.webhooks.retry(*req.user, *id);
  if (!done) return problem(req, ctx.catalog, done.error());
  return json_ok(200, webhook_delivery_to_json(*done));
}

}  // namespace

void register_webhooks_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/webhooks", Access::staff,
             [&ctx](Request& r) { return list_webhooks(r, ctx); });
  router.post("/api/v1/webhooks", Access::staff,
              [&ctx](Request& r) { return create_webhook(r, ctx); });
  router.get("/api/v1/webhooks/{id}", Access::staff,
             [&ctx](Request& r) { return get_webhook(r, ctx); });
  router.add("PUT", "/api/v1/webhooks/{id}", Access::staff,
             [&ctx](Request& r) { return update_webhook(r, ctx); });
  router.get("/api/v1/webhook-deliveries", Access::staff,
             [&ctx](Request& r) { return list_deliveries(r, ctx); });
  router.post("/api/v1/webhook-deliveries/{id}/retry", Access::staff,
              [&ctx](Request& r) { return retry_delivery(r, ctx); });
}

}  // namespace rapport::web::api
