#include "web/api/sales/sales_api_json.h"

#include <boost/json.hpp>

#include "web/api/catalog/catalog_api_json.h"
#include "web/api/customers/customer_json.h"
#include "web/api/json_io.h"

namespace rapport::web::api {
namespace json = boost::json;

namespace {

json::value sales_id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

json::value sales_instant_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

json::object sales_line_to_json(const domain::SalesOrderLine& l) {
  return {
      {"id", l.id.value},
      {"line_number", l.line_number},
      {"product_id", l.product.value},
      {"product_code", l.product_code},
      {"quantity", domain::quantity_text(l.quantity)},
      {"unit_price", l.unit_price},
      {"discount", l.discount},
      {"net", domain::line_net(domain::priced(l)).value_or(0)},
      {"vat_rate", domain::vat_rate_text(l.vat_rate)},
      {"status", enum_code(l.status)},
      {"fail_reason", l.fail_reason},
      {"asset_id", sales_id_or_null(l.asset)},
      {"action", enum_code(l.action)},
      {"target_asset_id", sales_id_or_null(l.target_asset)},
      {"features", l.features ? json::value(features_to_json(*l.features)) : json::value(nullptr)},
      {"target_status",
       l.target_status ? json::value(enum_code(*l.target_status)) : json::value(nullptr)}};
}

}  // namespace

json::object sales_totals_to_json(const domain::OrderTotals& t) {
  json::array vat;
  for (const auto& v : t.vat)
    vat.push_back({{"rate", domain::vat_rate_text(v.rate)}, {"base", v.base}, {"vat", v.vat}});
  return {{"net", t.net}, {"vat", std::move(vat)}, {"gross", t.gross}};
}

json::object sales_order_to_json(const domain::SalesOrder& o) {
  json::array lines;
  for (const auto& l : o.lines) lines.push_back(sales_line_to_json(l));
  return {
      {"id", o.id.value},
      {"number", o.number},
      {"status", enum_code(o.status)},
      {"customer_id", o.customer},
      {"account_id", sales_id_or_null(o.account)},
      {"contact_id", sales_id_or_null(o.contact)},
      {"requested_delivery", o.requested_delivery ? json::value(format_date(*o.requested_delivery))
                                                  : json::value(nullptr)},
      {"ship_to", address_to_json(o.ship_to)},
      {"departure", o.departure},
      {"price_list_id", o.price_list.value},
      {"currency", o.currency},
      {"notes", o.notes},
      {"plan_entry_id", sales_id_or_null(o.plan_entry)},
      {"quote_id", sales_id_or_null(o.quote)},
      {"lines", std::move(lines)},
      {"totals", sales_totals_to_json(domain::totals_of(o).value_or(domain::OrderTotals{}))},
      {"created_at", format_instant(o.created_at)},
      {"submitted_at", sales_instant_or_null(o.submitted_at)},
      {"completed_at", sales_instant_or_null(o.completed_at)},
      {"version", o.version}};
}

json::object sales_order_view_to_json(const app::SalesOrderView& v) {
  auto out = sales_order_to_json(v.order);
  out["customer_name"] = v.customer_name;
  out["price_list_code"] = v.price_list.code;
  return out;
}

json::object queue_line_to_json(const store::QueueLine& q) {
  auto out = sales_line_to_json(q.line);
  out["order_id"] = q.order;
  out["order_number"] = q.order_number;
  out["order_version"] = q.order_version;
  out["customer_id"] = q.customer;
  out["customer_name"] = q.customer_name;
  out["requested_delivery"] =
      q.requested_delivery ? json::value(format_date(*q.requested_delivery)) : json::value(nullptr);
  out["product_name_en"] = q.product_name_en;
  out["product_name_fr"] = q.product_name_fr;
  out["trackable"] = q.trackable;
  return out;
}

json::object asset_to_json(const store::AssetRow& row) {
  const auto& a = row.asset;
  return {{"id", a.id.value},
          {"number", a.number},
          {"product_id", a.product.value},
          {"product_code", row.product_code},
          {"product_name_en", row.product_name_en},
          {"product_name_fr", row.product_name_fr},
          {"customer_id", a.customer},
          {"account_id", sales_id_or_null(a.account)},
          {"service_address", address_to_json(a.service_address)},
          {"quantity", domain::quantity_text(a.quantity)},
          {"status", enum_code(a.status)},
          {"features", features_to_json(a.features)},
          {"installed_on", format_date(a.installed_on)},
          {"origin_line_id", a.origin_line.value},
          {"version", a.version}};
}

json::object asset_view_to_json(const app::AssetView& v) {
  auto out = asset_to_json(v.asset);
  out["customer_name"] = v.customer_name;
  json::array history;
  for (const auto& h : v.history) {
    auto line = sales_line_to_json(h.line);
    line["order_id"] = h.order;
    line["order_number"] = h.order_number;
    line["order_status"] = enum_code(h.order_status);
    line["order_created_at"] = format_instant(h.order_created);
    line["order_completed_at"] = sales_instant_or_null(h.order_completed);
    history.push_back(std::move(line));
  }
  out["history"] = std::move(history);
  return out;
}

void apply_header(const json::object& o, app::SalesOrderHeader& h, FieldErrors& errors) {
  if (auto v = get_id(o, "customer_id", errors)) h.customer = *v;
  if (is_null_member(o, "account_id"))
    h.account.reset();
  else if (auto v = get_id(o, "account_id", errors))
    h.account = *v;
  if (is_null_member(o, "contact_id"))
    h.contact.reset();
  else if (auto v = get_id(o, "contact_id", errors))
    h.contact = *v;
  if (is_null_member(o, "requested_delivery"))
    h.requested_delivery.reset();
  else if (auto v = get_date(o, "requested_delivery", errors))
    h.requested_delivery = *v;
  if (get_member(o, "ship_to")) h.ship_to = address_from(o, "ship_to", errors);
  if (auto v = get_string(o, "departure", errors)) h.departure = *v;
  if (auto v = get_id(o, "price_list_id", errors)) h.price_list = Id<domain::PriceList>{*v};
  if (auto v = get_string(o, "notes", errors)) h.notes = *v;
}

}  // namespace rapport::web::api
