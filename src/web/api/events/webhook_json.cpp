#include "web/api/events/webhook_json.h"

#include <boost/json.hpp>

#include "core/enum_codes.h"

namespace rapport::web::api {
namespace json = boost::json;

namespace {

json::value webhook_instant_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

}  // namespace

json::object webhook_endpoint_to_json(const domain::WebhookEndpoint& e) {
  json::array events;
  for (auto t : e.events) events.push_back(json::string(domain::event_name(t)));
  return {{"id", e.id.value},
          {"url", e.url},
          {"description", e.description},
          {"events", std::move(events)},
          {"active", e.active},
          {"created_at", format_instant(e.created_at)},
          {"version", e.version}};
}

json::object webhook_summary_to_json(const store::EndpointSummary& s) {
  auto out = webhook_endpoint_to_json(s.endpoint);
  out["deliveries"] =
      json::object{{"pending", s.pending},
                   {"delivered", s.delivered},
                   {"failed", s.failed},
                   {"last_delivered_at", webhook_instant_or_null(s.last_delivered_at)}};
  return out;
}

json::object webhook_delivery_to_json(const store::DeliveryRow& d) {
  const auto& s = d.state;
  return {{"id", d.id},
          {"event_id", d.event},
          {"event_type", json::string(domain::event_name(d.event_type))},
          {"record", d.record},
          {"endpoint_id", d.endpoint},
          {"endpoint_url", d.endpoint_url},
          {"status", json::string(enum_code(s.status))},
          {"attempts", s.attempts},
          {"next_attempt_at", s.status == domain::DeliveryStatus::pending
                                  ? json::value(format_instant(s.next_attempt_at))
                                  : json::value(nullptr)},
          {"last_status", s.last_status ? json::value(*s.last_status) : json::value(nullptr)},
          {"last_error", s.last_error},
          {"last_attempt_at", webhook_instant_or_null(d.last_attempt_at)},
          {"delivered_at", webhook_instant_or_null(s.delivered_at)}};
}

}  // namespace rapport::web::api
