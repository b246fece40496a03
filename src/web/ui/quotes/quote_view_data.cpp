#include "web/ui/quotes/quote_view_data.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "app/quotes/quote_desk.h"
#include "i18n/format.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/quotes/sending_view_data.h"

namespace rapport::web::ui {
namespace json = boost::json;

void add_customer_quotes(json::object& data, const Request& req, const WebContext& ctx,
                         std::int64_t customer) {
  const bool takes = req.user && app::allowed(*req.user, app::Capability::take_orders);
  data["can_take_quotes"] = takes;
  json::array rows;
  if (takes) {
    auto quotes = app::QuoteDesk(ctx.db, ctx.clock).of_customer(*req.user, customer);
    if (quotes)
      for (const auto& s : *quotes) {
        const auto& q = s.quote;
        json::object r{
            {"id", q.id.value},
            {"number", q.number},
            {"revision", q.revision},
            {"active", q.active},
            {"valid_until", i18n::format_civil_date(req.language, q.valid_until)},
            {"lines", q.lines.size()},
            {"total", is_known_currency(q.currency)
                          ? i18n::format_money(req.language, Money{s.totals.gross, q.currency})
                          : std::string()},
            {"state_code", enum_code(s.state)},
            {"state", code_label(req, ctx, "quote.state", enum_code(s.state))},
            {"expired", s.state == domain::QuoteState::expired}};
        if (q.sales_order) {
          r["order_id"] = *q.sales_order;
          r["order_number"] = s.order_number.value_or(std::to_string(*q.sales_order));
        }
        rows.push_back(std::move(r));
      }
  }
  add_customer_sendings(data, req, ctx, customer);
  data["has_quotes"] = !rows.empty();
  add_fold(data, "quotes", rows.size());
  data["quotes"] = std::move(rows);
}

}  // namespace rapport::web::ui
