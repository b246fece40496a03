// domain/events/event.h: what Rapport tells other systems (a billing or a
// fulfilment system) through webhooks — the event types, the event written
// to the outbox with the change it reports, and the body and signature a
// receiver gets (README, "Webhooks").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id.h"
#include "core/time.h"

namespace rapport::domain {

enum class EventType {
  sales_order_submitted,
  sales_order_line_fulfilled,
  sales_order_line_failed,
  sales_order_completed,
  asset_created,
  asset_changed,
  service_order_completed,
};

// "sales_order.submitted", "sales_order.line_fulfilled", … (the names
// endpoints subscribe to and receivers read in "type").
std::string event_name(EventType type);
// The kind of record events of `type` belong to: "sales_order", "asset",
// "service_order" (the part of the name before the dot).
std::string_view event_record_kind(EventType type);
std::optional<EventType> parse_event_name(std::string_view name);
const std::vector<EventType>& all_event_types();

// One row of the outbox: written in the transaction of the change it
// reports, so an event exists exactly when its change committed.
struct Event {
  Id<Event> id;
  EventType type = EventType::sales_order_submitted;
  // The record whose history the event belongs to ("sales_order",
  // "asset", "service_order"): events of one record reach each endpoint in
  // the order they were written.
  std::string record_kind;
  std::int64_t record_id = 0;
  Instant occurred_at{};
  std::string data;  // the record's JSON representation at the change
};

// The body a receiver gets, built from the stored event (the same bytes at
// every attempt): {"id","type","occurred_at","record":{"kind","id"},"data"}.
// Requires: `event.data` is a JSON text.
std::string event_body(const Event& event);

// The signature rule: the text signed is "<unix time>.<body>", and the
// header "Rapport-Signature" reads "t=<unix time>,v1=<hex HMAC-SHA256>".
// A receiver recomputes the HMAC with the endpoint's secret and refuses an
// old `t` (a replay).
std::string signed_text(std::int64_t unix_time, std::string_view body);
std::string signature_header(std::int64_t unix_time, std::string_view hex_mac);
constexpr const char* kSignatureHeader = "Rapport-Signature";
constexpr const char* kEventIdHeader = "Rapport-Event-Id";
constexpr const char* kEventTypeHeader = "Rapport-Event-Type";

}  // namespace rapport::domain
