// web/ui/quotes/quote_view_data.h: the 360° view's Quotes section — every
// revision with its state (expired shown), total and the order made from
// it, and "New quote".
#pragma once

#include <cstdint>

#include <boost/json/object.hpp>

#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// Sets "quotes" / "has_quotes", "can_take_quotes" and the section's fold.
void add_customer_quotes(boost::json::object& data, const Request& req, const WebContext& ctx,
                         std::int64_t customer);

}  // namespace rapport::web::ui
