// web/ui/sales/sales_view_data.h: the 360° view's sales orders and assets
// sections, as the page shows them (labels and amounts in the reader's
// language).
#pragma once

#include <boost/json/object.hpp>

#include "app/customers/customer_desk.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// Sets "sales_orders" / "has_sales_orders" and "assets" / "has_assets".
void add_customer_sales(boost::json::object& data, const Request& req, const WebContext& ctx,
                        const app::CustomerView& v);

}  // namespace rapport::web::ui
