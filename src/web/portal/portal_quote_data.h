// web/portal/portal_quote_data.h: a quote (or the cart) as the portal's
// pages show it — lines, totals with VAT per rate, state and validity —
// and the customer's portal page frame.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "app/quotes/quote_desk.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::portal {

// "12,50 €" in the request's language.
std::string portal_money(const Request& req, std::int64_t minor, const std::string& currency);

// id, number, revision, version, state (state_code, state_label),
// valid_until, sent_at, decided_at, accepted_by / accepted_from, lines
// (id, code, product, quantity, quantity_input, unit_price, net, vat_rate),
// has_lines, total_net, vat_rows, total_gross.
boost::json::object portal_quote_data(const Request& req, const WebContext& ctx,
                                      const app::QuoteView& v);

}  // namespace rapport::web::portal
