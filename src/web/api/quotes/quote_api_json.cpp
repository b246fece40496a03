#include "web/api/quotes/quote_api_json.h"

#include <boost/json.hpp>

#include "web/api/json_io.h"
#include "web/api/sales/sales_api_json.h"

namespace rapport::web::api {
namespace json = boost::json;

namespace {

json::value quote_id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

json::value quote_instant_or_null(const std::optional<Instant>& t) {
  return t ? json::value(format_instant(*t)) : json::value(nullptr);
}

// A change line's requested features (null: kept).
json::value quote_target_features(const domain::QuoteLine& l) {
  if (!l.target_features) return nullptr;
  json::array out;
  for (const auto& f : *l.target_features) out.push_back({{"name", f.name}, {"value", f.value}});
  return out;
}

json::object quote_line_to_json(const domain::QuoteLine& l) {
  json::array features;
  for (const auto& f : l.features) features.push_back({{"name", f.name}, {"value", f.value}});
  return {{"id", l.id.value},
          {"line_number", l.line_number},
          {"product_id", l.product.value},
          {"product_code", l.product_code},
          {"quantity", domain::quantity_text(l.quantity)},
          {"unit_price", l.unit_price},
          {"discount", l.discount},
          {"net", domain::line_net(domain::priced(l)).value_or(0)},
          {"vat_rate", domain::vat_rate_text(l.vat_rate)},
          {"features", std::move(features)},
          {"action", enum_code(l.action)},
          {"asset_id", quote_id_or_null(l.asset)},
          {"target_features", quote_target_features(l)},
          {"target_status",
           l.target_status ? json::value(enum_code(*l.target_status)) : json::value(nullptr)}};
}

}  // namespace

json::object quote_to_json(const domain::Quote& q, domain::QuoteState state) {
  json::array lines;
  for (const auto& l : q.lines) lines.push_back(quote_line_to_json(l));
  return {
      {"id", q.id.value},
      {"number", q.number},
      {"revision", q.revision},
      {"active", q.active},
      {"status", enum_code(q.status)},
      {"state", enum_code(state)},
      {"customer_id", q.customer},
      {"account_id", quote_id_or_null(q.account)},
      {"contact_id", quote_id_or_null(q.contact)},
      {"price_list_id", q.price_list.value},
      {"currency", q.currency},
      {"valid_until", format_date(q.valid_until)},
      {"notes", q.notes},
      {"lines", std::move(lines)},
      {"totals", sales_totals_to_json(domain::totals_of(q).value_or(domain::OrderTotals{}))},
      {"created_at", format_instant(q.created_at)},
      {"sent_at", quote_instant_or_null(q.sent_at)},
      {"sent_channel",
       q.sent_channel ? json::value(enum_code(*q.sent_channel)) : json::value(nullptr)},
      {"decided_at", quote_instant_or_null(q.decided_at)},
      {"sales_order_id", quote_id_or_null(q.sales_order)},
      {"origin", enum_code(q.origin)},
      {"accepted_by", q.acceptance ? json::value(q.acceptance->name) : json::value(nullptr)},
      {"accepted_from", q.acceptance ? json::value(q.acceptance->address) : json::value(nullptr)},
      {"version", q.version}};
}

json::object quote_view_to_json(const app::QuoteView& v) {
  auto out = quote_to_json(v.quote, v.state);
  out["customer_name"] = v.customer.display_name();
  out["price_list_code"] = v.price_list.code;
  out["sales_order_number"] = v.order_number ? json::value(*v.order_number) : json::value(nullptr);
  json::array revisions;
  for (const auto& r : v.revisions)
    revisions.push_back({{"id", r.id.value},
                         {"revision", r.revision},
                         {"active", r.active},
                         {"status", enum_code(r.status)}});
  out["revisions"] = std::move(revisions);
  return out;
}

json::object quote_summary_to_json(const app::QuoteSummary& s) {
  auto out = quote_to_json(s.quote, s.state);
  out["sales_order_number"] = s.order_number ? json::value(*s.order_number) : json::value(nullptr);
  return out;
}

json::object conversion_to_json(const app::ConversionPreview& p) {
  json::array changes;
  for (const auto& c : p.changes)
    changes.push_back({{"line_number", c.line_number},
                       {"product_code", c.product_code},
                       {"kind", enum_code(c.kind)},
                       {"old_value", c.old_value},
                       {"new_value", c.new_value}});
  return {{"fingerprint", p.fingerprint}, {"changes", std::move(changes)}};
}

void apply_quote_header(const json::object& o, app::QuoteHeader& h, FieldErrors& errors) {
  if (auto v = get_id(o, "customer_id", errors)) h.customer = *v;
  if (is_null_member(o, "account_id"))
    h.account.reset();
  else if (auto v = get_id(o, "account_id", errors))
    h.account = *v;
  if (is_null_member(o, "contact_id"))
    h.contact.reset();
  else if (auto v = get_id(o, "contact_id", errors))
    h.contact = *v;
  if (auto v = get_id(o, "price_list_id", errors)) h.price_list = Id<domain::PriceList>{*v};
  if (auto v = get_date(o, "valid_until", errors)) h.valid_until = *v;
  if (auto v = get_string(o, "notes", errors)) h.notes = *v;
}

}  // namespace rapport::web::api
