// /api/v1/plan-entries/{id}/order and /close-order: orders taken from a
// contact (contact-planning.md, "Orders from a contact"), for a dialer or
// CTI client working the active list. GET tells what Enter order would do
// (the delivery date, an order for that date already, the order taken on
// the entry, the plan's default status); POST opens order entry; closing
// sets the contact status as the contacting page does.
#include <boost/json.hpp>

#include "web/api/contactplan/contact_plan_json.h"
#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/api/sales/sales_api_json.h"
#include "web/problem.h"

namespace rapport::web::api {
// Named, not anonymous: the sanitizer's unity build compiles this file with
// the other API files.
namespace contact_order_routes {

namespace json = boost::json;
using app::EntryOrderChoice;

json::value order_summary(const std::optional<domain::SalesOrder>& o) {
  if (!o) return nullptr;
  return json::object{{"id", o->id.value},
                      {"number", o->number},
                      {"status", std::string(enum_code(o->status))},
                      {"line_count", o->lines.size()},
                      {"version", o->version}};
}

Response entry_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto start = ctx.contact_orders.start(*req.user, *id);
  if (!start) return problem(req, ctx.catalog, start.error());
  return json_ok(200, json::object{{"entry_id", id->value},
                                   {"requested_delivery", format_date(start->requested_delivery)},
                                   {"departure", start->plan.departure},
                                   {"existing_order", order_summary(start->existing)},
                                   {"taken_order", order_summary(start->taken)},
                                   {"proposed_status", domain::to_number(start->proposed_status)}});
}

Response open_entry_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  std::optional<EntryOrderChoice> choice;
  if (auto text = get_string(*body, "choice", errors)) {
    if (*text == "supplement")
      choice = EntryOrderChoice::supplement;
    else if (*text == "create_new")
      choice = EntryOrderChoice::create_new;
    else
      errors.add(json_unknown_code("choice", "supplement, create_new"));
  }
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto order = ctx.contact_orders.open(*req.user, *id, choice);
  if (!order) return problem(req, ctx.catalog, order.error());
  auto view = ctx.sales.view(*req.user, order->id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, sales_order_view_to_json(*view));
}

Response close_entry_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  const app::StatusInput in = read_status_input(*body, errors);
  const bool confirm = get_bool(*body, "confirm_delete", errors).value_or(false);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto closed = ctx.contact_orders.close(*req.user, *id, in, confirm);
  if (!closed) return problem(req, ctx.catalog, closed.error());
  // Nothing was changed: the client asks its user, then sends confirm_delete.
  if (closed->needs_confirmation)
    return problem(req, ctx.catalog, Error::conflict("sales_order.confirm_delete_needed"));
  json::object out{{"order_deleted", closed->order_deleted}};
  out["status"] = closed->status
                      ? json::value(status_outcome_to_json(*closed->status, labels_of(req, ctx)))
                      : json::value(nullptr);
  return json_ok(200, out);
}

}  // namespace contact_order_routes

void register_contact_orders_api(Router& router, WebContext& ctx) {
  using namespace contact_order_routes;
  const std::string entry = "/api/v1/plan-entries/{id}";
  router.get(entry + "/order", Access::staff, [&ctx](Request& r) { return entry_order(r, ctx); });
  router.post(entry + "/order", Access::staff,
              [&ctx](Request& r) { return open_entry_order(r, ctx); });
  router.post(entry + "/close-order", Access::staff,
              [&ctx](Request& r) { return close_entry_order(r, ctx); });
}

}  // namespace rapport::web::api
