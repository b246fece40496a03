// The webhook pages (admins): the endpoints with the state of their
// deliveries, the deliveries and failures with "Retry now", and the form
// that registers an endpoint and shows its secret once.
#include <algorithm>

#include <boost/json.hpp>

#include "core/enum_codes.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

std::string webhook_when(const Request& req, Instant t) {
  return format_local(t, req.user->time_zone);
}

std::string webhook_status_label(const Request& req, const WebContext& ctx,
                                 domain::DeliveryStatus s) {
  return ctx.catalog.text(req.language, "webhook.status." + std::string(enum_code(s)));
}

boost::json::array webhook_delivery_rows(const Request& req, const WebContext& ctx,
                                         const std::vector<store::DeliveryRow>& rows) {
  boost::json::array out;
  for (const auto& d : rows) {
    const auto& s = d.state;
    boost::json::object row{
        {"id", d.id},
        {"event", d.event},
        {"event_type", std::string(domain::event_name(d.event_type))},
        {"record", d.record},
        {"endpoint", d.endpoint},
        {"endpoint_url", d.endpoint_url},
        {"status", webhook_status_label(req, ctx, s.status)},
        {"is_delivered", s.status == domain::DeliveryStatus::delivered},
        {"is_failed", s.status == domain::DeliveryStatus::failed},
        {"is_pending", s.status == domain::DeliveryStatus::pending},
        {"attempts", s.attempts},
        {"last_status", s.last_status ? std::to_string(*s.last_status) : std::string()},
        {"last_error", s.last_error},
        {"last_attempt", d.last_attempt_at ? webhook_when(req, *d.last_attempt_at) : ""}};
    if (s.status == domain::DeliveryStatus::pending)
      row["next_attempt"] = webhook_when(req, s.next_attempt_at);
    out.push_back(std::move(row));
  }
  return out;
}

// The deliveries (newest first) of one endpoint or all, filtered by the
// ?status= of the page; sets the filter's links and the rows.
Status add_webhook_deliveries(boost::json::object& data, const Request& req, WebContext& ctx,
                              std::optional<std::int64_t> endpoint, const std::string& base) {
  store::DeliveryFilter filter;
  filter.endpoint = endpoint;
  filter.limit = 100;
  const auto& wanted = req.query_value("status");
  filter.status = enum_from_code<domain::DeliveryStatus>(wanted);
  auto rows = ctx.webhooks.deliveries(*req.user, filter);
  if (!rows) return rows.error();
  boost::json::array filters;
  filters.push_back({{"href", base},
                     {"label", ctx.catalog.text(req.language, "webhook.status.all")},
                     {"current", !filter.status}});
  for (auto s : {domain::DeliveryStatus::pending, domain::DeliveryStatus::failed,
                 domain::DeliveryStatus::delivered})
    filters.push_back({{"href", base + "?status=" + std::string(enum_code(s))},
                       {"label", webhook_status_label(req, ctx, s)},
                       {"current", filter.status == s}});
  data["status_filters"] = std::move(filters);
  data["has_deliveries"] = !rows->empty();
  data["deliveries"] = webhook_delivery_rows(req, ctx, *rows);
  data["retry_next"] = req.target;
  return Ok{};
}

// The form's values: over `input`, the event checkboxes.
boost::json::object webhook_form_data(const Request& req, const WebContext& ctx,
                                      const app::EndpointInput& input,
                                      std::optional<domain::WebhookEndpoint> saved) {
  boost::json::array events;
  for (auto t : domain::all_event_types()) {
    std::string name(domain::event_name(t));
    const bool checked =
        std::find(input.events.begin(), input.events.end(), name) != input.events.end();
    events.push_back({{"value", name},
                      {"label", ctx.catalog.text(req.language, "webhook.event." + name)},
                      {"checked", checked}});
  }
  boost::json::object data{{"url", input.url},
                           {"description", input.description},
                           {"active", input.active},
                           {"event_options", std::move(events)},
                           {"is_new", !saved}};
  if (saved) {
    data["id"] = saved->id.value;
    data["version"] = saved->version;
    data["action"] = "/admin/webhooks/" + std::to_string(saved->id.value);
    data["heading"] = saved->url;
  } else {
    data["action"] = "/admin/webhooks";
    data["heading"] = ctx.catalog.text(req.language, "webhook.add");
  }
  return data;
}

app::EndpointInput webhook_input_of_form(const Request& req) {
  app::EndpointInput input;
  input.url = req.form_value("url");
  input.description = req.form_value("description");
  input.secret = req.form_value("secret");
  input.active = req.form_value("active") == "1";
  for (const auto& [k, v] : req.form())
    if (k == "events") input.events.push_back(v);
  return input;
}

app::EndpointInput webhook_input_of(const domain::WebhookEndpoint& e) {
  app::EndpointInput input{e.url, e.description, {}, {}, e.active};
  for (auto t : e.events) input.events.emplace_back(domain::event_name(t));
  return input;
}

Response render_webhook_form(Request& req, WebContext& ctx, int status, boost::json::object data,
                             std::optional<Id<domain::WebhookEndpoint>> id) {
  if (id) {
    if (auto ok = add_webhook_deliveries(data, req, ctx, id->value,
                                         "/admin/webhooks/" + std::to_string(id->value));
        !ok)
      return error_page(req, ctx, ok.error());
    if (auto history = ctx.webhooks.history(*req.user, *id))
      add_history(data, req, ctx.catalog, *history);
  }
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "webhook_form", data, title));
}

Response list_webhooks(Request& req, WebContext& ctx) {
  auto all = ctx.webhooks.list(*req.user);
  if (!all) return error_page(req, ctx, all.error());
  boost::json::array endpoints;
  for (const auto& s : *all) {
    boost::json::array events;
    for (auto t : s.endpoint.events) events.push_back(boost::json::string(domain::event_name(t)));
    endpoints.push_back(
        {{"id", s.endpoint.id.value},
         {"url", s.endpoint.url},
         {"description", s.endpoint.description},
         {"events", std::move(events)},
         {"active", s.endpoint.active},
         {"pending", s.pending},
         {"delivered", s.delivered},
         {"failed", s.failed},
         {"has_failed", s.failed > 0},
         {"last_delivered", s.last_delivered_at ? webhook_when(req, *s.last_delivered_at) : ""}});
  }
  boost::json::object data{{"has_endpoints", !endpoints.empty()},
                           {"endpoints", std::move(endpoints)}};
  if (auto ok = add_webhook_deliveries(data, req, ctx, std::nullopt, "/admin/webhooks"); !ok)
    return error_page(req, ctx, ok.error());
  if (req.query_value("retried") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "webhook.retried");
  return html_response(
      200, ctx.views.page(req, "webhooks", data, ctx.catalog.text(req.language, "webhook.title")));
}

Response new_webhook(Request& req, WebContext& ctx) {
  if (auto ok = ctx.webhooks.list(*req.user); !ok) return error_page(req, ctx, ok.error());
  app::EndpointInput blank;
  for (auto t : domain::all_event_types()) blank.events.emplace_back(domain::event_name(t));
  return render_webhook_form(req, ctx, 200, webhook_form_data(req, ctx, blank, std::nullopt),
                             std::nullopt);
}

Response create_webhook(Request& req, WebContext& ctx) {
  auto input = webhook_input_of_form(req);
  input.active = true;
  FieldErrors errors;
  auto created = ctx.webhooks.create(*req.user, input, &errors);
  if (created) {
    // The secret is shown on this answer only: no redirect to a page that
    // could show it again.
    auto data = webhook_form_data(req, ctx, webhook_input_of(*created), *created);
    data["secret_once"] = created->secret;
    data["alert_success"] = ctx.catalog.text(req.language, "webhook.created");
    return render_webhook_form(req, ctx, 201, data, created->id);
  }
  if (created.error().code == ErrorCode::forbidden) return error_page(req, ctx, created.error());
  if (errors.empty()) errors.add(created.error());
  input.secret.clear();  // never echoed into the page
  auto data = webhook_form_data(req, ctx, input, std::nullopt);
  add_form_errors(data, req, ctx.catalog, errors);
  return render_webhook_form(req, ctx, 422, data, std::nullopt);
}

Response show_webhook(Request& req, WebContext& ctx) {
  auto id = id_param<domain::WebhookEndpoint>(req);
  if (!id) return error_page(req, ctx, 404);
  auto found = ctx.webhooks.get(*req.user, *id);
  if (!found) return error_page(req, ctx, found.error());
  auto data = webhook_form_data(req, ctx, webhook_input_of(*found), *found);
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  return render_webhook_form(req, ctx, 200, data, id);
}

Response update_webhook(Request& req, WebContext& ctx) {
  auto id = id_param<domain::WebhookEndpoint>(req);
  if (!id) return error_page(req, ctx, 404);
  auto input = webhook_input_of_form(req);
  FieldErrors errors;
  auto saved = ctx.webhooks.update(*req.user, *id, form_int(req, "version", 0), input, &errors);
  if (saved) return redirect(req, "/admin/webhooks/" + std::to_string(id->value) + "?saved=1");
  auto code = saved.error().code;
  if (code == ErrorCode::forbidden || code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  auto current = ctx.webhooks.get(*req.user, *id);
  if (!current) return error_page(req, ctx, current.error());
  current->version = form_int(req, "version", 0);
  auto data = webhook_form_data(req, ctx, input, *current);
  add_form_errors(data, req, ctx.catalog, errors);
  return render_webhook_form(req, ctx, http_status(code), data, id);
}

Response retry_webhook_delivery(Request& req, WebContext& ctx) {
  auto id = positive_int(req.param("id"));
  if (!id) return error_page(req, ctx, 404);
  auto done = ctx.webhooks.retry(*req.user, *id);
  if (!done && done.error().code != ErrorCode::invalid_input)
    return error_page(req, ctx, done.error());
  // Already pending or delivered (a second click): the list shows why.
  std::string next = safe_next(req.form_value("next"));
  if (next == "/") next = "/admin/webhooks";
  next += next.find('?') == std::string::npos ? "?" : "&";
  return redirect(req, next + "retried=1");
}

}  // namespace

void register_webhook_pages(Router& router, WebContext& ctx) {
  router.get("/admin/webhooks", Access::staff,
             [&ctx](Request& r) { return list_webhooks(r, ctx); });
  router.get("/admin/webhooks/new", Access::staff,
             [&ctx](Request& r) { return new_webhook(r, ctx); });
  router.post("/admin/webhooks", Access::staff,
              [&ctx](Request& r) { return create_webhook(r, ctx); });
  router.get("/admin/webhooks/{id}", Access::staff,
             [&ctx](Request& r) { return show_webhook(r, ctx); });
  router.post("/admin/webhooks/{id}", Access::staff,
              [&ctx](Request& r) { return update_webhook(r, ctx); });
  router.post("/admin/webhook-deliveries/{id}/retry", Access::staff,
              [&ctx](Request& r) { return retry_webhook_delivery(r, ctx); });
}

}  // namespace rapport::web::ui
