// /api/v1/plan-entries: the active contact plan entries [OIS056] — the
// list (filtered, cursor-paged by next contact time), a manual entry, "my
// next call", the contact page of one entry, setting a status [OIS055/E],
// and a user's scheduled contacts as iCalendar.
#include <limits>

#include <boost/json.hpp>

#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/query_params.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;

constexpr FieldNames kEntryFields = {{"plan", "plan_id"}, {"customer", "customer_id"}};

// The list is sorted by (next contact time, sequence, id): the cursor holds
// the last row's three keys (the time as seconds since 1970).
std::string entry_cursor(const store::PlanEntryRow& row) {
  const store::PlanEntryListKey key = store::list_key(row);
  return encode_cursor({std::to_string(key.next_contact_at.time_since_epoch().count()),
                        std::to_string(key.sequence), std::to_string(key.id)});
}

Result<std::optional<store::PlanEntryListKey>> decode_entry_cursor(const Request& req) {
  using After = std::optional<store::PlanEntryListKey>;
  auto keys = cursor_keys(req, 3);
  if (!keys) return keys.error();
  if (keys->empty()) return After{};
  auto seconds = key_number((*keys)[0], 0, 253402300799LL);  // up to 9999-12-31
  auto sequence = key_number((*keys)[1], 0, std::numeric_limits<int>::max());
  auto id = key_number((*keys)[2], 1, std::numeric_limits<std::int64_t>::max());
  if (!seconds || !sequence || !id) return Error::invalid("page.cursor_invalid", "cursor");
  return After{store::PlanEntryListKey{Instant{std::chrono::seconds{*seconds}},
                                       static_cast<int>(*sequence), *id}};
}

Result<store::PlanEntryFilter> filter_of(const Request& req) {
  store::PlanEntryFilter f;
  auto plans = query_ids(req, "plan");
  if (!plans) return plans.error();
  f.plans = *plans;
  // Unknown statuses are the planner's to refuse (plan_entry.status_invalid).
  auto statuses = query_integers(req, "status");
  if (!statuses) return statuses.error();
  for (auto s : *statuses) f.statuses.push_back(static_cast<int>(std::clamp(s, -1LL, 1000LL)));
  auto from = query_date(req, "from"), to = query_date(req, "to");
  if (!from) return from.error();
  if (!to) return to.error();
  f.from = *from;
  f.to = *to;
  if (req.query_value("user") == "me") {
    f.responsible_user = req.user->id.value;
  } else {
    auto user = query_id(req, "user");
    if (!user) return user.error();
    f.responsible_user = *user;
  }
  auto customer = query_id(req, "customer");
  if (!customer) return customer.error();
  f.customer = *customer;
  auto after = decode_entry_cursor(req);
  if (!after) return after.error();
  f.after = *after;
  auto limit = page_limit(req);
  if (!limit) return limit.error();
  f.limit = *limit;
  return f;
}

Response list_entries(Request& req, WebContext& ctx) {
  auto filter = filter_of(req);
  if (!filter) return problem(req, ctx.catalog, filter.error());
  const int limit = filter->limit;
  filter->limit = limit + 1;  // one more tells whether a next page exists
  auto rows = ctx.planner.entries(*req.user, *filter);
  if (!rows) return problem(req, ctx.catalog, rows.error());
  const bool more = static_cast<int>(rows->size()) > limit;
  if (more) rows->resize(limit);
  json::array items;
  for (const auto& r : *rows) items.push_back(listed_entry_to_json(r, labels_of(req, ctx)));
  json::object body{{"items", std::move(items)}};
  body["next_cursor"] = more ? json::value(entry_cursor(rows->back())) : json::value(nullptr);
  return json_ok(200, body);
}

Response add_entry(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  app::ManualEntryInput in;
  auto plan = get_id(*body, "plan_id", errors);
  auto customer = get_id(*body, "customer_id", errors);
  auto day = get_date(*body, "date", errors);
  in.time = get_string(*body, "time", errors);
  in.override_blocks = get_bool(*body, "override", errors).value_or(false);
  for (auto [value, field] :
       {std::pair{plan.has_value(), "plan_id"}, std::pair{customer.has_value(), "customer_id"},
        std::pair{day.has_value(), "date"}})
    // Left out or null (a member of the wrong type has its own error).
    if (!value && !get_member(*body, field)) errors.add(Error::invalid("field.required", field));
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  in.plan = *plan;
  in.customer = *customer;
  in.date = *day;
  auto row = ctx.planner.add_entry(*req.user, in);
  if (!row) return problem(req, ctx.catalog, renamed(row.error(), kEntryFields));
  Response res = json_ok(201, entry_to_json(*row, labels_of(req, ctx)));
  res.set_header("Location", "/api/v1/plan-entries/" + std::to_string(row->entry.id.value));
  return res;
}

Response next_call(Request& req, WebContext& ctx) {
  auto next = ctx.planner.next_call(*req.user);
  if (!next) return problem(req, ctx.catalog, next.error());
  if (!*next) return Response{204, {}, {}};
  return json_ok(200, entry_to_json(**next, labels_of(req, ctx)));
}

Response get_entry(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto view = ctx.planner.entry(*req.user, *id);
  if (!view) return problem(req, ctx.catalog, view.error());
  return json_ok(200, entry_view_to_json(*view, labels_of(req, ctx)));
}

Response set_status(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  const app::StatusInput in = read_status_input(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto outcome = ctx.planner.set_status(*req.user, *id, in);
  if (!outcome) return problem(req, ctx.catalog, outcome.error());
  return json_ok(200, status_outcome_to_json(*outcome, labels_of(req, ctx)));
}

Response reopen(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return problem(req, ctx.catalog, Error::not_found("plan_entry.not_found"));
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  const auto reason = get_string(*body, "reason", errors).value_or("");
  const auto version = get_version(*body, errors);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto row = ctx.planner.reopen(*req.user, *id, *version, reason);
  if (!row) return problem(req, ctx.catalog, row.error());
  return json_ok(200, entry_to_json(*row, labels_of(req, ctx)));
}

Response user_calendar(Request& req, WebContext& ctx) {
  auto user = query_id(req, "user");
  if (!user) return problem(req, ctx.catalog, user.error());
  auto plan = query_id(req, "plan");
  if (!plan) return problem(req, ctx.catalog, plan.error());
  // Without a plan, the caller's own contacts unless another user is named.
  std::optional<std::int64_t> who = *user;
  if (!who && !*plan) who = req.user->id.value;
  auto translate = [&](std::string_view key, const MessageArgs& args) {
    return ctx.catalog.text(req.language, key, args);
  };
  auto ics = ctx.planner.calendar(*req.user, *plan, who, translate);
  if (!ics) return problem(req, ctx.catalog, ics.error());
  Response res = text_response(200, std::move(*ics), "text/calendar; charset=utf-8");
  res.set_header("Content-Disposition", "attachment; filename=\"contacts.ics\"");
  return res;
}

}  // namespace

void register_plan_entries_api(Router& router, WebContext& ctx) {
  const std::string entries = "/api/v1/plan-entries";
  router.get(entries, Access::staff, [&ctx](Request& r) { return list_entries(r, ctx); });
  router.post(entries, Access::staff, [&ctx](Request& r) { return add_entry(r, ctx); });
  // Before {id}: the router takes the first pattern that fits.
  router.get(entries + "/next", Access::staff, [&ctx](Request& r) { return next_call(r, ctx); });
  router.get(entries + "/calendar.ics", Access::staff,
             [&ctx](Request& r) { return user_calendar(r, ctx); });
  router.get(entries + "/{id}", Access::staff, [&ctx](Request& r) { return get_entry(r, ctx); });
  router.post(entries + "/{id}/reopen", Access::staff,
              [&ctx](Request& r) { return reopen(r, ctx); });
  router.post(entries + "/{id}/status", Access::staff,
              [&ctx](Request& r) { return set_status(r, ctx); });
}

}  // namespace rapport::web::api
