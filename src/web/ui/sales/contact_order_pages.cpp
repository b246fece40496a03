// Orders taken from a contact (contact-planning.md, "Orders from a contact",
// seed 004): Enter order on an active entry of an order-intake plan opens
// order entry — or, when the customer has an order for the plan's
// delivery date already, asks to supplement it or create a new one — and
// closing order entry sets the entry's contact status, asking first before
// an empty order is deleted. One app::ContactOrderDesk call each.
#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_values.h"
#include "web/ui/form_view.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"
#include "web/ui/sales/sales_order_page.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using app::EntryOrderChoice;

Response enter_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return error_page(req, ctx, 404);
  const std::string& chosen = req.form_value("choice");
  std::optional<EntryOrderChoice> choice;
  if (chosen == "supplement") choice = EntryOrderChoice::supplement;
  if (chosen == "create_new") choice = EntryOrderChoice::create_new;
  auto order = ctx.contact_orders.open(*req.user, *id, choice);
  const std::string entry_href = "/plan-entries/" + std::to_string(id->value);
  if (order) return redirect(req, sales_order_href(order->id.value, *id));
  // "Customer order #N already exists": the entry page asks which.
  if (order.error().key == "sales_order.already_exists")
    return redirect(req, entry_href + "?order_exists=1#entry-order");
  return error_page(req, ctx, order.error());
}

// The order page again with the closing form as posted and its error (or
// the question whether to delete the empty order).
Response closing_again(Request& req, WebContext& ctx, Id<domain::PlanEntry> entry,
                       const SalesOrderForms& forms, const Error* error, int status) {
  auto start = ctx.contact_orders.start(*req.user, entry);
  if (!start) return error_page(req, ctx, start.error());
  if (!start->taken) return error ? error_page(req, ctx, *error) : error_page(req, ctx, 404);
  auto view = ctx.sales.view(*req.user, start->taken->id);
  if (!view) return error_page(req, ctx, view.error());
  json::object d;
  if (error) {
    if (error->field == "status" || error->field.empty()) {
      d["alert_error"] = localized_message(req, ctx.catalog, *error);
    } else {
      add_form_error(d, req, ctx.catalog, *error);
    }
  }
  return render_sales_order(req, ctx, status, *view, entry, std::move(d), &forms);
}

Response close_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return error_page(req, ctx, 404);
  SalesOrderForms forms;
  forms.closing_note = req.form_value("note");
  forms.closing_callback_at = req.form_value("callback_at");
  forms.closing_status = form_int(req, "status", 0);
  if (req.form_value("status").empty()) {
    const Error none = Error::invalid("calls.choose_status", "status");
    return closing_again(req, ctx, *id, forms, &none, 422);
  }
  app::StatusInput in;
  in.status = forms.closing_status;
  in.note = forms.closing_note;
  in.version = form_int(req, "version", 0);
  // The call-back time is typed in the customer's time: only 21 uses it.
  if (in.status == domain::to_number(domain::ContactStatus::call_back) &&
      !forms.closing_callback_at.empty()) {
    auto view = ctx.planner.entry(*req.user, *id);
    if (!view) return error_page(req, ctx, view.error());
    auto at =
        parse_local_input(forms.closing_callback_at, usable_zone(view->row.zone, user_zone(req)));
    if (!at) {
      const Error bad = Error::invalid("calls.callback_invalid", "callback_at");
      return closing_again(req, ctx, *id, forms, &bad, 422);
    }
    in.callback_at = *at;
  }
  auto closed =
      ctx.contact_orders.close(*req.user, *id, in, req.form_value("confirm_delete") == "1");
  if (!closed) {
    const Error& e = closed.error();
    if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict)
      return error_page(req, ctx, e);
    return closing_again(req, ctx, *id, forms, &e, http_status(e.code));
  }
  if (closed->needs_confirmation) {
    forms.confirm_delete = true;
    return closing_again(req, ctx, *id, forms, nullptr, 200);
  }
  std::string href = "/plan-entries/" + std::to_string(id->value) +
                     (closed->status ? status_outcome_query(*closed->status) : "?set=1");
  if (closed->order_deleted) href += "&order_deleted=1";
  return redirect(req, href);
}

}  // namespace

void register_contact_order_pages(Router& router, WebContext& ctx) {
  router.post("/plan-entries/{id}/order", Access::staff,
              [&ctx](Request& r) { return enter_order(r, ctx); });
  router.post("/plan-entries/{id}/close-order", Access::staff,
              [&ctx](Request& r) { return close_order(r, ctx); });
}

}  // namespace rapport::web::ui
