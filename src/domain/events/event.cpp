#include "domain/events/event.h"

namespace rapport::domain {
namespace {

// An event's name is its record's kind and what happened to it.
struct EventNaming {
  EventType type;
  std::string_view record_kind;
  std::string_view action;
};

constexpr EventNaming kEventNames[] = {
    {EventType::sales_order_submitted, "sales_order", "submitted"},
    {EventType::sales_order_line_fulfilled, "sales_order", "line_fulfilled"},
    {EventType::sales_order_line_failed, "sales_order", "line_failed"},
    {EventType::sales_order_completed, "sales_order", "completed"},
    {EventType::asset_created, "asset", "created"},
    {EventType::asset_changed, "asset", "changed"},
    {EventType::service_order_completed, "service_order", "completed"},
};

std::string event_naming_text(const EventNaming& n) {
  return std::string(n.record_kind) + "." + std::string(n.action);
}

}  // namespace

std::string event_name(EventType type) {
  for (const auto& n : kEventNames)
    if (n.type == type) return event_naming_text(n);
  return {};
}

std::string_view event_record_kind(EventType type) {
  for (const auto& n : kEventNames)
    if (n.type == type) return n.record_kind;
  return {};
}

std::optional<EventType> parse_event_name(std::string_view name) {
  for (const auto& n : kEventNames)
    if (event_naming_text(n) == name) return n.type;
  return std::nullopt;
}

const std::vector<EventType>& all_event_types() {
  static const std::vector<EventType> all = [] {
    std::vector<EventType> out;
    for (const auto& n : kEventNames) out.push_back(n.type);
    return out;
  }();
  return all;
}

std::string event_body(const Event& event) {
  // Every value but `data` is a number or a fixed ASCII name: no escaping.
  std::string out = "{\"id\":" + std::to_string(event.id.value) + ",\"type\":\"";
  out += event_name(event.type);
  out += "\",\"occurred_at\":\"" + format_instant(event.occurred_at) +
         "\",\"record\":{\"kind\":\"" + event.record_kind +
         "\",\"id\":" + std::to_string(event.record_id) + "},\"data\":";
  out += event.data.empty() ? std::string("null") : event.data;
  out += '}';
  return out;
}

std::string signed_text(std::int64_t unix_time, std::string_view body) {
  std::string out = std::to_string(unix_time);
  out += '.';
  out += body;
  return out;
}

std::string signature_header(std::int64_t unix_time, std::string_view hex_mac) {
  return "t=" + std::to_string(unix_time) + ",v1=" + std::string(hex_mac);
}

}  // namespace rapport::domain
