// A customer's contact info on a plan [OIS054] and non-activity periods
// [OIS051]: /api/v1/contact-plans/{id}/contact-info, /api/v1/contact-info/{id}
// and /api/v1/customers/{id}/non-activity (CSRs, managers and admins).
#include <boost/json.hpp>

#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

constexpr FieldNames kInfoFields = {{"customer", "customer_id"}, {"contact", "contact_id"}};

// The typed contact info; members absent take the defaults (a PUT replaces
// the whole contact info, like a POST).
app::ContactInfoInput info_from(const json::object& o, FieldErrors& errors) {
  app::ContactInfoInput in;
  in.contact = get_id(o, "contact_id", errors);
  in.phone = get_string(o, "phone", errors).value_or("");
  in.time_zone = get_string(o, "time_zone", errors).value_or("");
  in.earliest = get_string(o, "earliest", errors).value_or(in.earliest);
  in.latest = get_string(o, "latest", errors).value_or(in.latest);
  in.method = get_string(o, "method", errors).value_or(in.method);
  in.sequence = get_int(o, "sequence", errors).value_or(0);
  in.note = get_string(o, "note", errors).value_or("");
  return in;
}

// The desk's error, with every field at fault (`found`) in the API's names.
Response info_problem(Request& req, WebContext& ctx, const Error& e, const FieldErrors& found) {
  // The plan is in the path: an unknown one is not found, not bad input.
  for (const auto& x : found.errors)
    if (x.key == "contact_info.plan_unknown")
      return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  if (e.key == "contact_info.plan_unknown")
    return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  FieldErrors all;
  for (const auto& x : found.errors) all.add(renamed(x, kInfoFields));
  return problem(req, ctx.catalog, renamed(e, kInfoFields), all.empty() ? nullptr : &all);
}

Response connect(Request& req, WebContext& ctx) {
  auto plan = id_param<domain::ContactPlan>(req);
  if (!plan) return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto in = info_from(*body, errors);
  in.plan = plan->value;
  if (auto customer = get_id(*body, "customer_id", errors))
    in.customer = *customer;
  else if (errors.empty())
    errors.add(Error::invalid("field.required", "customer_id"));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto row = ctx.planner.connect(*req.user, in, &found);
  if (!row) return info_problem(req, ctx, row.error(), found);
  Response res = json_ok(201, contact_info_to_json(*row, req.language));
  res.set_header("Location", "/api/v1/contact-info/" + std::to_string(row->info.id.value));
  return res;
}

Response update_info(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ContactInfo>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_info.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  auto in = info_from(*body, errors);
  if (auto v = get_version(*body, errors)) in.version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto row = ctx.planner.update_contact_info(*req.user, *id, in, &found);
  if (!row) return info_problem(req, ctx, row.error(), found);
  return json_ok(200, contact_info_to_json(*row, req.language));
}

Response disconnect(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ContactInfo>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_info.not_found"));
  auto removed = ctx.planner.disconnect(*req.user, *id);
  if (!removed) return problem(req, ctx.catalog, removed.error());
  return Response{204, {}, {}};
}

Response list_non_activity(Request& req, WebContext& ctx) {
  auto customer = id_param<domain::Customer>(req);
  if (!customer) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto periods = ctx.planner.non_activity_of(*req.user, customer->value);
  if (!periods) return problem(req, ctx.catalog, periods.error());
  // No period may mean no customer: that is a 404.
  if (periods->empty())
    if (auto view = ctx.customers.view(*req.user, *customer); !view)
      return problem(req, ctx.catalog, view.error());
  json::array items;
  for (const auto& p : *periods) items.push_back(non_activity_to_json(p));
  return json_ok(200, json::object{{"items", std::move(items)}});
}

Response add_non_activity(Request& req, WebContext& ctx) {
  auto customer = id_param<domain::Customer>(req);
  if (!customer) return problem(req, ctx.catalog, Error::not_found("customer.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::NonActivityPeriod period;
  period.customer = customer->value;
  if (auto v = get_date(*body, "from", errors)) period.from = *v;
  if (auto v = get_date(*body, "to", errors)) period.to = *v;
  period.reason = get_string(*body, "reason", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto added = ctx.planner.add_non_activity(*req.user, period, &found);
  if (!added) return problem(req, ctx.catalog, added.error(), found.empty() ? nullptr : &found);
  return json_ok(201, non_activity_to_json(*added));
}

Response remove_non_activity(Request& req, WebContext& ctx) {
  auto customer = id_param<domain::Customer>(req);
  auto id = id_param<domain::NonActivityPeriod>(req, "period_id");
  if (!customer || !id)
    return problem(req, ctx.catalog, Error::not_found("non_activity.not_found"));
  auto removed = ctx.planner.remove_non_activity(*req.user, customer->value, *id);
  if (!removed) return problem(req, ctx.catalog, removed.error());
  return Response{204, {}, {}};
}

}  // namespace

void register_contact_info_api(Router& router, WebContext& ctx) {
  router.post("/api/v1/contact-plans/{id}/contact-info", Access::staff,
              [&ctx](Request& r) { return connect(r, ctx); });
  router.add("PUT", "/api/v1/contact-info/{id}", Access::staff,
             [&ctx](Request& r) { return update_info(r, ctx); });
  router.add("DELETE", "/api/v1/contact-info/{id}", Access::staff,
             [&ctx](Request& r) { return disconnect(r, ctx); });
  const std::string periods = "/api/v1/customers/{id}/non-activity";
  router.get(periods, Access::staff, [&ctx](Request& r) { return list_non_activity(r, ctx); });
  router.post(periods, Access::staff, [&ctx](Request& r) { return add_non_activity(r, ctx); });
  router.add("DELETE", periods + "/{period_id}", Access::staff,
             [&ctx](Request& r) { return remove_non_activity(r, ctx); });
}

}  // namespace rapport::web::api
