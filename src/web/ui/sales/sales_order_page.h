// web/ui/sales/sales_order_page.h: the sales order page (quotes-orders-
// assets.md, "Sales order") — header, lines with their prices and
// statuses, totals with VAT per rate, the keyboard-first line form, submit
// and cancel, fulfilment's complete and fail, and, for an order taken from
// a contact, the closing of order entry with a contact status.
#pragma once

#include <optional>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "app/sales/sales_order_desk.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// A form of the order page as it was posted, with its errors, so the page
// comes back filled.
struct SalesOrderForms {
  // The line form.
  std::string product, quantity, discount;
  // The header form.
  std::optional<app::SalesOrderHeader> header;
  std::string requested_delivery;  // as typed
  // The closing form (an order taken from a contact).
  std::string closing_note, closing_callback_at;
  int closing_status = 0;
  bool confirm_delete = false;  // the empty order must be confirmed deleted
};

// The plan entry whose order entry this page is: `?entry=` or the order's
// own, when that entry is open and linked to the order; nullopt otherwise.
std::optional<Id<domain::PlanEntry>> order_entry_of(const Request& req, WebContext& ctx,
                                                    const domain::SalesOrder& order);

// The order page with `data`'s alerts and errors. `entry`: the contact it
// is taken from (its closing form is shown).
Response render_sales_order(Request& req, WebContext& ctx, int status,
                            const app::SalesOrderView& view,
                            std::optional<Id<domain::PlanEntry>> entry, boost::json::object data,
                            const SalesOrderForms* forms = nullptr);

// "/sales-orders/12" with "?entry=7" when taken from a contact.
std::string sales_order_href(std::int64_t order, std::optional<Id<domain::PlanEntry>> entry);

// The contacting page's "Order" section of an order-intake entry: the
// delivery date and departure the order gets, Enter order — or the order
// taken already, or (?order_exists=1) "Customer order #N already exists"
// with its two choices. Nothing for other plans or users who take no orders.
void add_entry_order(boost::json::object& data, Request& req, WebContext& ctx,
                     Id<domain::PlanEntry> entry);

// An amount in the reader's format ("12,50 €"); the minor units and the
// code for a currency the formatter does not know.
std::string sales_money_text(const Request& req, std::int64_t minor, const std::string& currency);

// The order's lines as the page shows them (product, quantity, prices,
// VAT rate, status; what a change line does). `editable`/`fulfillable`:
// whether the line's forms are offered.
boost::json::array sales_line_rows(const Request& req, const WebContext& ctx,
                                   const app::SalesOrderView& v, bool editable, bool fulfillable);
// Sets total_net, total_gross and vat_rows (rate, base, vat) of the order.
void add_sales_totals(boost::json::object& d, const Request& req, const app::SalesOrderView& v);

// Sets status_code, status_label and status_class of an order's status.
void add_sales_order_status(boost::json::object& o, const Request& req, const WebContext& ctx,
                            domain::SalesOrderStatus s);

}  // namespace rapport::web::ui
