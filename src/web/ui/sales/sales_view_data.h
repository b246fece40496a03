// web/ui/sales/sales_view_data.h: the 360° view's sales orders and assets
// sections, as the page shows them (labels and amounts in the reader's
// language).
#pragma once

#include <boost/json/object.hpp>

#include "app/customers/customer_desk.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// One order as the lists show it: id, number, requested_delivery, lines,
// total (gross, in the reader's format), status_code and status.
boost::json::object sales_order_row(const Request& req, const WebContext& ctx,
                                    const domain::SalesOrder& order);
// One asset: id, number, product (in the reader's language), product_code,
// quantity, address, installed_on, status_code, status, customer_id and
// what may be asked of it (changeable, suspendable, resumable).
boost::json::object asset_row(const Request& req, const WebContext& ctx,
                              const store::AssetRow& row);

// Sets "sales_orders" / "has_sales_orders" and "assets" / "has_assets".
void add_customer_sales(boost::json::object& data, const Request& req, const WebContext& ctx,
                        const app::CustomerView& v);

}  // namespace rapport::web::ui
