// /api/v1/contact-plans: contact plans [OIS052] and their exceptions
// [OIS053] (managers and admins change them; every desk user reads), and a
// plan's scheduled contacts as iCalendar.
#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;
using domain::ContactPlan;

// app/ names fields as the plan form does (busy_delay); the API names
// the member (recalculation.busy.delay_minutes).
Error api_field(Error e) {
  if (e.field == "responsible_user") e.field = "responsible_user_id";
  for (std::string rule : {"unavailable", "busy", "call_back"}) {
    if (e.field == rule + "_delay") e.field = "recalculation." + rule + ".delay_minutes";
    if (e.field == rule + "_attempts") e.field = "recalculation." + rule + ".max_attempts";
  }
  return e;
}

// Days 1 (Monday) to 7 (Sunday).
void read_weekdays(const json::object& o, ContactPlan& p, FieldErrors& errors) {
  const auto* a = get_array(o, "weekdays", errors);
  if (!a) return;
  domain::Weekdays days;
  bool ok = true;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string index = std::to_string(i);
    if ((*a)[i].is_null()) {  // not "left out": [1, null] would keep the old days unsaid
      errors.add(json_type_error("json.type_integer", "weekdays." + index));
      ok = false;
      continue;
    }
    const json::object item{{index, (*a)[i]}};
    auto d = get_int(item, index, errors, "weekdays");
    if (d && (*d < 1 || *d > 7))
      errors.add(Error::invalid("contact_plan.weekdays_invalid", "weekdays." + index));
    if (!d || *d < 1 || *d > 7)
      ok = false;
    else
      days.add(date::weekday{static_cast<unsigned>(*d % 7)});
  }
  if (ok) p.weekdays = days;
}

// One recalculation rule: null clears it (the installation's rule applies).
void read_rule(const json::object& r, const char* name,
               std::optional<domain::RecalculationRule>& rule, FieldErrors& errors) {
  if (is_null_member(r, name)) {
    rule.reset();
    return;
  }
  const auto* o = get_object(r, name, errors, "recalculation");
  if (!o) return;
  const std::string at = member_path("recalculation", name);
  domain::RecalculationRule value = rule.value_or(domain::RecalculationRule{});
  if (auto v = get_int(*o, "delay_minutes", errors, at)) value.delay_minutes = *v;
  if (auto v = get_int(*o, "max_attempts", errors, at)) value.max_attempts = *v;
  rule = value;
}

// Applies the members present in `o` to `p`: a POST starts from the
// defaults, a PUT from the stored plan (it may send only what changes).
void apply_plan(const json::object& o, ContactPlan& p, FieldErrors& errors) {
  if (auto v = get_string(o, "code", errors)) p.code = *v;
  if (auto v = get_string(o, "name_en", errors)) p.name_en = *v;
  if (auto v = get_string(o, "name_fr", errors)) p.name_fr = *v;
  if (auto v = get_code<domain::PlanPurpose>(o, "purpose", errors)) p.purpose = *v;
  read_weekdays(o, p, errors);
  if (auto v = get_int(o, "every_weeks", errors)) p.every_weeks = *v;
  if (is_null_member(o, "frequency_start"))
    p.frequency_start.reset();
  else if (auto v = get_date(o, "frequency_start", errors))
    p.frequency_start = *v;
  if (auto v = get_date(o, "valid_from", errors)) p.valid_from = *v;
  if (is_null_member(o, "valid_to"))
    p.valid_to.reset();
  else if (auto v = get_date(o, "valid_to", errors))
    p.valid_to = *v;
  if (auto v = get_string(o, "departure", errors)) p.departure = *v;
  if (auto v = get_int(o, "lead_days", errors)) p.lead_days = *v;
  if (is_null_member(o, "responsible_user_id"))
    p.responsible_user.reset();
  else if (auto v = get_id(o, "responsible_user_id", errors))
    p.responsible_user = *v;
  if (auto v = get_int(o, "default_status", errors)) {
    if (auto s = domain::contact_status_from(*v))
      p.default_status = *s;
    else
      errors.add(Error::invalid("plan_entry.status_invalid", "default_status"));
  }
  if (auto v = get_bool(o, "active", errors)) p.active = *v;
  if (const auto* r = get_object(o, "recalculation", errors)) {
    read_rule(*r, "unavailable", p.unavailable, errors);
    read_rule(*r, "busy", p.busy, errors);
    read_rule(*r, "call_back", p.call_back, errors);
  }
}

// A refused plan: every field at fault when the input was bad, so a client
// can mark them all at once (app/ stops at the first).
// The desk's error, with every field at fault (`found`) in the API's names.
Response plan_problem(Request& req, WebContext& ctx, const Error& e, FieldErrors found) {
  for (auto& x : found.errors) x = api_field(std::move(x));
  return problem(req, ctx.catalog, api_field(e), found.empty() ? nullptr : &found);
}

Response list_plans(Request& req, WebContext& ctx) {
  auto active = query_bool(req, "active");
  if (!active) return problem(req, ctx.catalog, active.error());
  auto plans = ctx.planner.plans(*req.user, active->value_or(false));
  if (!plans) return problem(req, ctx.catalog, plans.error());
  json::array items;
  for (const auto& p : *plans) items.push_back(plan_to_json(p, labels_of(req, ctx)));
  return json_ok(200, json::object{{"items", std::move(items)}});
}

Response create_plan(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  ContactPlan plan;
  apply_plan(*body, plan, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto created = ctx.planner.create_plan(*req.user, plan, &found);
  if (!created) return plan_problem(req, ctx, created.error(), std::move(found));
  Response res = json_ok(201, plan_to_json(*created, labels_of(req, ctx)));
  res.set_header("Location", "/api/v1/contact-plans/" + std::to_string(created->id.value));
  return res;
}

Response get_plan(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  auto view = ctx.planner.plan(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, plan_view_to_json(*view, labels_of(req, ctx)));
}

Response update_plan(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  auto view = ctx.planner.plan(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  ContactPlan plan = view->plan;
  apply_plan(*body, plan, errors);
  if (auto v = get_version(*body, errors)) plan.version = *v;
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto saved = ctx.planner.update_plan(*req.user, plan, &found);
  if (!saved) return plan_problem(req, ctx, saved.error(), std::move(found));
  return json_ok(200, plan_to_json(*saved, labels_of(req, ctx)));
}

Response add_exception(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::PlanException e;
  e.plan = *id;
  if (auto v = get_date(*body, "from", errors)) e.from = *v;
  if (auto v = get_date(*body, "to", errors))
    e.to = *v;
  else
    e.to = e.from;  // a single day
  if (auto v = get_string(*body, "kind", errors)) {
    if (auto kind = domain::exception_kind_from(*v))
      e.kind = *kind;
    else
      errors.add(Error::invalid("contact_plan.exception_kind_invalid", "kind"));
  }
  if (auto v = get_date(*body, "moved_to", errors)) e.moved_to = *v;
  e.reason = get_string(*body, "reason", errors).value_or("");
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  FieldErrors found;
  auto added = ctx.planner.add_exception(*req.user, e, &found);
  if (!added) return problem(req, ctx.catalog, added.error(), found.empty() ? nullptr : &found);
  return json_ok(201, exception_to_json(*added));
}

Response remove_exception(Request& req, WebContext& ctx) {
  auto plan = id_param<ContactPlan>(req);
  auto id = id_param<domain::PlanException>(req, "exception_id");
  if (!plan || !id)
    return problem(req, ctx.catalog, Error::not_found("contact_plan.exception_not_found"));
  auto removed = ctx.planner.remove_exception(*req.user, *plan, *id);
  if (!removed) return problem(req, ctx.catalog, removed.error());
  return Response{204, {}, {}};
}

Response plan_calendar(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("contact_plan.not_found"));
  // The plan's code names the file (an unknown plan is a 404 there).
  auto view = ctx.planner.plan(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  auto translate = [&](std::string_view key, const MessageArgs& args) {
    return ctx.catalog.text(req.language, key, args);
  };
  auto ics = ctx.planner.calendar(*req.user, id->value, std::nullopt, translate);
  if (!ics) return problem(req, ctx.catalog, ics.error());
  Response res = text_response(200, std::move(*ics), "text/calendar; charset=utf-8");
  res.set_header("Content-Disposition",
                 "attachment; filename=\"contact-plan-" + view->plan.code + ".ics\"");
  return res;
}

}  // namespace

void register_contact_plans_api(Router& router, WebContext& ctx) {
  const std::string plan = "/api/v1/contact-plans/{id}";
  router.get("/api/v1/contact-plans", Access::staff,
             [&ctx](Request& r) { return list_plans(r, ctx); });
  router.post("/api/v1/contact-plans", Access::staff,
              [&ctx](Request& r) { return create_plan(r, ctx); });
  router.get(plan, Access::staff, [&ctx](Request& r) { return get_plan(r, ctx); });
  router.add("PUT", plan, Access::staff, [&ctx](Request& r) { return update_plan(r, ctx); });
  router.post(plan + "/exceptions", Access::staff,
              [&ctx](Request& r) { return add_exception(r, ctx); });
  router.add("DELETE", plan + "/exceptions/{exception_id}", Access::staff,
             [&ctx](Request& r) { return remove_exception(r, ctx); });
  router.get(plan + "/calendar.ics", Access::staff,
             [&ctx](Request& r) { return plan_calendar(r, ctx); });
}

}  // namespace rapport::web::api
