// web/api/quotes/quote_api_json.h: quotes, their lines, revisions and the
// change report of a conversion as the API writes them; the header as it
// reads it.
#pragma once

#include <boost/json/object.hpp>

#include "app/quotes/quote_desk.h"
#include "core/error.h"

namespace rapport::web::api {

// The quote as stored, with its state today (expired computed).
boost::json::object quote_to_json(const domain::Quote& q, domain::QuoteState state);
// The quote with its totals, customer's name, price list, revisions and order.
boost::json::object quote_view_to_json(const app::QuoteView& v);
boost::json::object quote_summary_to_json(const app::QuoteSummary& s);
// {fingerprint, changes: [{line_number, product_code, kind, old_value, new_value}]}
boost::json::object conversion_to_json(const app::ConversionPreview& p);

// {customer_id, account_id, contact_id, price_list_id, valid_until, notes};
// `h` holds the values kept when absent.
void apply_quote_header(const boost::json::object& o, app::QuoteHeader& h, FieldErrors& errors);

}  // namespace rapport::web::api
