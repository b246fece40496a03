#include "web/portal/portal_quote_data.h"

#include <algorithm>

#include "core/enum_codes.h"
#include "core/money.h"
#include "domain/catalog/pricing.h"
#include "i18n/format.h"
#include "web/ui/contactplan/plan_entry_view_data.h"

namespace rapport::web::portal {

namespace json = boost::json;

std::string portal_money(const Request& req, std::int64_t minor, const std::string& currency) {
  if (!is_known_currency(currency)) return std::to_string(minor) + " " + currency;
  return i18n::format_money(req.language, Money{minor, currency});
}

namespace {

json::array portal_quote_lines(const Request& req, const WebContext& ctx, const app::QuoteView& v) {
  const domain::Quote& q = v.quote;
  json::array lines;
  for (const auto& line : q.lines) {
    auto product = std::find_if(v.products.begin(), v.products.end(),
                                [&](const auto& p) { return p.id == line.product; });
    auto net = domain::line_net(domain::priced(line));
    lines.push_back(
        {{"id", line.id.value},
         {"line_number", line.line_number},
         {"code", line.product_code},
         {"product", product == v.products.end() ? line.product_code
                                                 : domain::product_name(*product, req.language)},
         {"unit", product == v.products.end()
                      ? std::string()
                      : ctx.catalog.text(req.language, "product.unit." + product->unit)},
         {"quantity", i18n::format_decimal(req.language, line.quantity, 3)},
         {"quantity_input", domain::quantity_text(line.quantity)},
         {"unit_price", portal_money(req, line.unit_price, q.currency)},
         {"discount", line.discount ? portal_money(req, line.discount, q.currency) : ""},
         {"net", net ? portal_money(req, *net, q.currency) : ""},
         {"vat_rate", domain::vat_rate_text(line.vat_rate) + "\u00a0%"}});
  }
  return lines;
}

}  // namespace

json::object portal_quote_data(const Request& req, const WebContext& ctx, const app::QuoteView& v) {
  const domain::Quote& q = v.quote;
  const Language lang = req.language;
  const std::string zone = ui::user_zone(req);
  json::object d{
      {"id", q.id.value},
      {"number", q.number},
      {"revision", q.revision},
      {"version", q.version},
      {"state_code", std::string(enum_code(v.state))},
      {"state_label", ctx.catalog.text(lang, "quote.state." + std::string(enum_code(v.state)))},
      {"valid_until", i18n::format_civil_date(lang, q.valid_until)},
      {"currency", q.currency}};
  if (q.sent_at) d["sent_at"] = i18n::format_date_time(lang, *q.sent_at, zone);
  if (q.decided_at) d["decided_at"] = i18n::format_date_time(lang, *q.decided_at, zone);
  if (q.acceptance) {
    d["accepted_by"] = q.acceptance->name;
    d["accepted_from"] = q.acceptance->address;
  }
  json::array lines = portal_quote_lines(req, ctx, v);
  d["has_lines"] = !lines.empty();
  d["line_count"] = lines.size();
  d["lines"] = std::move(lines);
  d["total_net"] = portal_money(req, v.totals.net, q.currency);
  d["total_gross"] = portal_money(req, v.totals.gross, q.currency);
  json::array vat;
  for (const auto& rate : v.totals.vat)
    vat.push_back({{"rate", domain::vat_rate_text(rate.rate) + "\u00a0%"},
                   {"vat", portal_money(req, rate.vat, q.currency)}});
  d["vat_rows"] = std::move(vat);
  return d;
}

}  // namespace rapport::web::portal
