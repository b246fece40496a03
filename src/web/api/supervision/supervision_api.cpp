// GET /api/v1/supervision/today: the supervisor's figures of the day, and
// GET /api/v1/supervision/period: over a period (issue 18), from the same
// app calls as the pages.
#include <boost/json.hpp>

#include "app/supervision/day_supervision.h"
#include "app/supervision/period_supervision.h"
#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

namespace json = boost::json;
using domain::ContactStatus;

// {"10": n, "11": n, …} in code order.
json::object status_counts_json(const domain::StatusCounts& c) {
  json::object out;
  std::size_t n = 0;
  const ContactStatus* all = domain::all_contact_statuses(n);
  for (std::size_t i = 0; i < n; ++i)
    out[std::to_string(domain::to_number(all[i]))] = domain::count_of(c, all[i]);
  return out;
}

json::object day_counts_json(const domain::DayCounts& c) {
  return {{"due", c.due},
          {"done", domain::done(c)},
          {"open", domain::open_count(c)},
          {"by_status", status_counts_json(c.by_status)},
          {"overdue", c.overdue},
          {"overdue_window_closed", c.overdue_window_closed},
          {"callbacks_overdue", c.callbacks_overdue},
          {"callbacks_released", c.callbacks_released},
          {"calls", c.calls},
          {"worked", c.worked},
          {"attempts_per_entry", domain::attempts_per_entry(c)},
          {"list_penetration", domain::list_penetration(c)},
          {"ok", c.ok}};
}

json::object today_json(const app::TodayFigures& f) {
  json::array plans;
  for (const auto& p : f.plans)
    plans.push_back({{"plan_id", p.plan},
                     {"code", p.code},
                     {"name_en", p.name_en},
                     {"name_fr", p.name_fr},
                     {"figures", day_counts_json(p.counts)}});
  json::array csrs;
  for (const auto& c : f.csrs) {
    auto since = domain::seconds_since_last_call(c, f.at);
    csrs.push_back(
        {{"user_id", c.user},
         {"name", c.name},
         {"calls", c.calls},
         {"outcomes", status_counts_json(c.outcomes)},
         {"orders", c.orders},
         {"last_call_at",
          c.last_call_at ? json::value(format_instant(*c.last_call_at)) : json::value(nullptr)},
         {"seconds_since_last_call", since ? json::value(*since) : json::value(nullptr)}});
  }
  return {{"day", format_date(f.day)},  {"time_zone", f.zone},
          {"at", format_instant(f.at)}, {"callback_release_minutes", f.release_minutes},
          {"plans", std::move(plans)},  {"total", day_counts_json(f.total)},
          {"csrs", std::move(csrs)}};
}

Response get_today(Request& req, WebContext& ctx) {
  auto f = app::DaySupervision(ctx.db, ctx.clock).today(*req.user);
  if (!f) return problem(req, ctx.catalog, f.error());
  return json_ok(200, today_json(*f));
}

json::value optional_number(std::optional<double> v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object period_counts_json(const domain::PeriodCounts& c) {
  using domain::Outcome;
  const auto& e = c.entries;
  const long long total = domain::entry_total(e);
  const long long done = e.completed + e.completed_no_order + e.cancelled;
  const auto& k = c.calls;
  return {{"entries",
           {{"total", total},
            {"done", done},
            {"open", total - done},
            {"by_status", status_counts_json(e)}}},
          {"calls",
           {{"total", k.calls},
            {"reached", k.reached},
            {"busy", k.busy},
            {"no_answer", k.no_answer},
            {"call_back", k.call_back},
            {"cancelled", k.cancelled}}},
          {"rates",
           {{"reached", domain::outcome_rate(k, Outcome::reached)},
            {"busy", domain::outcome_rate(k, Outcome::busy)},
            {"no_answer", domain::outcome_rate(k, Outcome::no_answer)},
            {"call_back", domain::outcome_rate(k, Outcome::call_back)},
            {"cancelled", domain::outcome_rate(k, Outcome::cancelled)}}},
          {"attempts_to_reach", optional_number(domain::attempts_to_reach(k))},
          {"service_orders",
           {{"started", c.orders.started},
            {"completed", c.orders.completed},
            {"conversion", optional_number(domain::conversion_rate(c.orders))}}}};
}

json::object period_json(const app::PeriodFigures& f) {
  json::array days, plans, csrs, categories;
  for (const auto& d : f.days)
    days.push_back({{"day", format_date(d.day)}, {"figures", period_counts_json(d.counts)}});
  for (const auto& p : f.plans)
    plans.push_back({{"plan_id", p.id},
                     {"code", p.code},
                     {"name_en", p.name},
                     {"name_fr", p.name_fr},
                     {"figures", period_counts_json(p.counts)}});
  for (const auto& c : f.csrs)
    csrs.push_back(
        {{"user_id", c.id}, {"name", c.name}, {"figures", period_counts_json(c.counts)}});
  for (const auto& c : f.categories)
    categories.push_back({{"category", c.code}, {"figures", period_counts_json(c.counts)}});
  return {{"from", format_date(f.period.from)},
          {"to", format_date(f.period.to)},
          {"days_count", domain::period_days(f.period)},
          {"max_days", domain::kPeriodMaxDays},
          {"time_zone", f.zone},
          {"total", period_counts_json(f.total)},
          {"days", std::move(days)},
          {"plans", std::move(plans)},
          {"csrs", std::move(csrs)},
          {"categories", std::move(categories)}};
}

Response get_period(Request& req, WebContext& ctx) {
  auto f = app::PeriodSupervision(ctx.db, ctx.clock)
               .report(*req.user, {req.query_value("from"), req.query_value("to")});
  if (!f) return problem(req, ctx.catalog, f.error());
  return json_ok(200, period_json(*f));
}

}  // namespace

void register_supervision_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/supervision/today", Access::staff,
             [&ctx](Request& r) { return get_today(r, ctx); });
  router.get("/api/v1/supervision/period", Access::staff,
             [&ctx](Request& r) { return get_period(r, ctx); });
}

}  // namespace rapport::web::api
