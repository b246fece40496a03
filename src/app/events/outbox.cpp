#include "app/events/outbox.h"

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

// The order as a receiver needs it to bill or ship: the fields of the API's
// representation that a change of status moves, with every line.
json::object outbox_sales_order_data(const domain::SalesOrder& o) {
  json::array lines;
  for (const auto& l : o.lines)
    lines.push_back({{"id", l.id.value},
                     {"line_number", l.line_number},
                     {"product_id", l.product.value},
                     {"product_code", l.product_code},
                     {"quantity", domain::quantity_text(l.quantity)},
                     {"unit_price", l.unit_price},
                     {"discount", l.discount},
                     {"vat_rate", domain::vat_rate_text(l.vat_rate)},
                     {"status", enum_code(l.status)},
                     {"fail_reason", l.fail_reason},
                     {"asset_id", outbox_id_or_null(l.asset)}});
  auto totals = domain::totals_of(o).value_or(domain::OrderTotals{});
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
      {"net", totals.net},
      {"gross", totals.gross},
      {"lines", std::move(lines)},
      {"submitted_at", outbox_instant_or_null(o.submitted_at)},
      {"completed_at", outbox_instant_or_null(o.completed_at)}};
}

domain::Event outbox_append(store::Tx& tx, domain::EventType type, std::int64_t id, Instant now,
                            const json::object& data) {
  domain::Event e;
  e.type = type;
  e.record_kind = std::string(domain::event_record_kind(type));
  e.record_id = id;
  e.occurred_at = now;
  e.data = json::serialize(data);
  return store::OutboxRepository::append(tx, std::move(e));
}

}  // namespace

domain::Event record_sales_order_event(store::Tx& tx, domain::EventType type,
                                       const domain::SalesOrder& order, Instant now,
                                       std::optional<Id<domain::SalesOrderLine>> line) {
  auto data = outbox_sales_order_data(order);
  if (line) data["line_id"] = line->value;
  return outbox_append(tx, type, order.id.value, now, data);
}

domain::Event record_asset_event(store::Tx& tx, domain::EventType type, const domain::Asset& a,
                                 Instant now) {
  json::object data{{"id", a.id.value},
                    {"number", a.number},
                    {"product_id", a.product.value},
                    {"customer_id", a.customer},
                    {"account_id", outbox_id_or_null(a.account)},
                    {"service_address", store::to_json(a.service_address)},
                    {"quantity", domain::quantity_text(a.quantity)},
                    {"status", enum_code(a.status)},
                    {"installed_on", format_date(a.installed_on)},
                    {"origin_line_id", a.origin_line.value},
                    {"version", a.version}};
  return outbox_append(tx, type, a.id.value, now, data);
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
  return outbox_append(tx, type, o.id.value, now, data);
}

}  // namespace rapport::app
