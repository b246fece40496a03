#include "app/events/outbox.h"

#include <algorithm>

#include <boost/json.hpp>

#include "core/enum_codes.h"
#include "domain/catalog/pricing.h"
#include "domain/catalog/product.h"
#include "store/events/outbox_repository.h"
#include "store/marketing/marketing_json.h"

namespace rapport::app {
namespace {

namespace json = boost::json;

json::value outbox_id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

json::value outbox_instant_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::array outbox_features(const std::vector<domain::ProductFeature>& features) {
  json::array out;
  for (const auto& f : features) out.push_back({{"name", f.name}, {"value", f.value}});
  return out;
}

json::object outbox_sales_line_data(const domain::SalesOrderLine& l) {
  return {{"id", l.id.value},
          {"line_number", l.line_number},
          {"product_id", l.product.value},
          {"product_code", l.product_code},
          {"quantity", domain::quantity_text(l.quantity)},
          {"unit_price", l.unit_price},
          {"discount", l.discount},
          {"vat_rate", domain::vat_rate_text(l.vat_rate)},
          {"status", enum_code(l.status)},
          {"fail_reason", l.fail_reason},
          {"asset_id", outbox_id_or_null(l.asset)},
          {"action", enum_code(l.action)},
          {"target_asset_id", outbox_id_or_null(l.target_asset)}};
}

// The order's header: what every sales-order event carries.
json::object outbox_sales_order_header(const domain::SalesOrder& o) {
  return {
      {"id", o.id.value},
      {"number", o.number},
      {"status", enum_code(o.status)},
      {"customer_id", o.customer},
      {"account_id", outbox_id_or_null(o.account)},
      {"requested_delivery", o.requested_delivery ? json::value(format_date(*o.requested_delivery))
                                                  : json::value(nullptr)},
      {"ship_to", store::to_json(o.ship_to)},
      {"currency", o.currency},
      {"submitted_at", outbox_instant_or_null(o.submitted_at)},
      {"completed_at", outbox_instant_or_null(o.completed_at)}};
}

domain::Event outbox_event(domain::EventType type, std::int64_t id, Instant now,
                           const json::object& data) {
  domain::Event e;
  e.type = type;
  e.record_kind = std::string(domain::event_record_kind(type));
  e.record_id = id;
  e.occurred_at = now;
  e.data = json::serialize(data);
  return e;
}

}  // namespace

domain::Event sales_order_event(domain::EventType type, const domain::SalesOrder& order,
                                Instant now, std::optional<Id<domain::SalesOrderLine>> line) {
  auto data = outbox_sales_order_header(order);
  if (line) {
    // A line's event carries that line only: a batch fulfilling an order of
    // many lines would otherwise write the whole order once per line.
    auto it = std::find_if(order.lines.begin(), order.lines.end(),
                           [&](const auto& l) { return l.id == *line; });
    data["line"] =
        it == order.lines.end() ? json::value(nullptr) : json::value(outbox_sales_line_data(*it));
  } else {
    json::array lines;
    for (const auto& l : order.lines) lines.push_back(outbox_sales_line_data(l));
    auto totals = domain::totals_of(order).value_or(domain::OrderTotals{});
    data["net"] = totals.net;
    data["gross"] = totals.gross;
    data["lines"] = std::move(lines);
  }
  return outbox_event(type, order.id.value, now, data);
}

domain::Event asset_event(domain::EventType type, const domain::Asset& a, Instant now) {
  json::object data{{"id", a.id.value},
                    {"number", a.number},
                    {"product_id", a.product.value},
                    {"customer_id", a.customer},
                    {"account_id", outbox_id_or_null(a.account)},
                    {"service_address", store::to_json(a.service_address)},
                    {"quantity", domain::quantity_text(a.quantity)},
                    {"status", enum_code(a.status)},
                    {"features", outbox_features(a.features)},
                    {"installed_on", format_date(a.installed_on)},
                    {"origin_line_id", a.origin_line.value},
                    {"version", a.version}};
  return outbox_event(type, a.id.value, now, data);
}

domain::Event record_sales_order_event(store::Tx& tx, domain::EventType type,
                                       const domain::SalesOrder& order, Instant now,
                                       std::optional<Id<domain::SalesOrderLine>> line) {
  return store::OutboxRepository::append(tx, sales_order_event(type, order, now, line));
}

domain::Event record_asset_event(store::Tx& tx, domain::EventType type, const domain::Asset& a,
                                 Instant now) {
  return store::OutboxRepository::append(tx, asset_event(type, a, now));
}

domain::Event record_service_order_event(store::Tx& tx, domain::EventType type,
                                         const domain::ServiceOrder& o, Instant now) {
  json::object data{
      {"id", o.id.value},
      {"number", o.number},
      {"status", enum_code(o.status)},
      {"campaign_id", o.campaign.value},
      {"package_id", o.package ? json::value(o.package->value) : json::value(nullptr)},
      {"customer_id", outbox_id_or_null(o.customer)},
      {"created", store::to_json(o.created)},
      {"completed_at", outbox_instant_or_null(o.completed_at)},
      {"version", o.version}};
  return store::OutboxRepository::append(tx, outbox_event(type, o.id.value, now, data));
}

}  // namespace rapport::app
