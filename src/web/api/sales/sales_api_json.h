// web/api/sales/sales_api_json.h: sales orders, their lines, the
// fulfilment queue and assets as the API writes them; the order header as
// it reads it.
#pragma once

#include <boost/json/object.hpp>

#include "app/sales/change_order_desk.h"
#include "app/sales/sales_order_desk.h"
#include "core/error.h"

namespace rapport::web::api {

boost::json::object sales_order_to_json(const domain::SalesOrder& o);
// The order with its totals, its customer's name and its lines' products.
boost::json::object sales_order_view_to_json(const app::SalesOrderView& v);
// {net, vat: [{rate, base, vat}], gross}: an order's or a quote's totals.
boost::json::object sales_totals_to_json(const domain::OrderTotals& t);
boost::json::object queue_line_to_json(const store::QueueLine& q);
boost::json::object asset_to_json(const store::AssetRow& a);
// The asset with its customer's name and its history: the lines that made
// and changed it, each with its order's id, number, status and dates.
boost::json::object asset_view_to_json(const app::AssetView& v);

// {customer_id, account_id, contact_id, requested_delivery, ship_to,
// departure, price_list_id, notes}; `h` holds the values kept when absent.
void apply_header(const boost::json::object& o, app::SalesOrderHeader& h, FieldErrors& errors);

}  // namespace rapport::web::api
