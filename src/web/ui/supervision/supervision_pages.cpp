// /supervision: the supervisor's view of the day, live (issue 18, section
// 1) — a table per contact plan with a total row and a table per CSR,
// refreshed every 5 s by htmx from /supervision/live (the tables alone).
// Each count that the active list can show links to it, filtered.
#include <cmath>

#include <boost/json.hpp>

#include "app/contactplan/contact_planner.h"
#include "app/supervision/day_supervision.h"
#include "i18n/format.h"
#include "web/ui/error_page.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::ContactStatus;
using Focus = app::ListFocus::Kind;

// A cell: the formatted figure, and the filtered list behind it if any.
json::object cell(const char* figure, std::string value, std::string href = {}) {
  json::object c{{"figure", figure}, {"value", std::move(value)}};
  if (!href.empty()) c["href"] = std::move(href);
  return c;
}

// The active list of the day, of one plan (0: all), in these statuses
// (none: any) — with the filters /plan-entries has, its dates read as
// business days (days=business) like the figures.
std::string list_href(const app::TodayFigures& f, std::int64_t plan,
                      std::initializer_list<ContactStatus> statuses,
                      app::ListFocus::Kind focus = app::ListFocus::Kind::none) {
  const std::string day = format_date(f.day);
  std::string href = "/plan-entries?filtered=1";
  if (plan != 0) href += "&plan=" + std::to_string(plan);
  href += "&from=" + day + "&to=" + day;
  for (ContactStatus s : statuses) href += "&status=" + std::to_string(domain::to_number(s));
  href += "&user=any&days=business";
  if (focus != app::ListFocus::Kind::none) href += "&focus=" + app::list_focus_name(focus);
  return href;
}

// The entries a CSR called during the day.
std::string calls_href(const app::TodayFigures& f, std::int64_t user) {
  const std::string day = format_date(f.day);
  return "/plan-entries?filtered=1&from=" + day + "&to=" + day +
         "&user=any&days=business&called_by=" + std::to_string(user);
}

std::string percent(const Request& req, const WebContext& ctx, double share) {
  return text(req, ctx, "supervision.percent",
              {{"n", i18n::format_integer(req.language, std::lround(share * 100.0))}});
}

// The figures of one row of the plans' table, in the columns' order.
json::array plan_cells(const Request& req, const WebContext& ctx, const app::TodayFigures& f,
                       std::int64_t plan, const domain::DayCounts& c) {
  auto n = [&](long long v) { return i18n::format_integer(req.language, v); };
  const auto& s = c.by_status;
  return {
      cell("due", n(c.due), list_href(f, plan, {})),
      cell("done", n(domain::done(c)),
           list_href(f, plan,
                     {ContactStatus::completed, ContactStatus::completed_no_order,
                      ContactStatus::cancelled})),
      cell("s10", n(s.planned), list_href(f, plan, {ContactStatus::planned})),
      cell("s11", n(s.unavailable), list_href(f, plan, {ContactStatus::unavailable})),
      cell("s20", n(s.busy), list_href(f, plan, {ContactStatus::busy})),
      cell("s21", n(s.call_back), list_href(f, plan, {ContactStatus::call_back})),
      cell("overdue", n(c.overdue), list_href(f, plan, {}, Focus::overdue)),
      cell("window_closed", n(c.overdue_window_closed),
           list_href(f, plan, {}, Focus::window_closed)),
      cell("callbacks_overdue", n(c.callbacks_overdue),
           list_href(f, plan, {}, Focus::callbacks_overdue)),
      cell("callbacks_released", n(c.callbacks_released), list_href(f, plan, {}, Focus::released)),
      cell("attempts", i18n::format_decimal(req.language,
                                            std::lround(domain::attempts_per_entry(c) * 10.0), 1)),
      cell("penetration", percent(req, ctx, domain::list_penetration(c))),
      cell("ok", n(c.ok))};
}

std::string since(const Request& req, const WebContext& ctx, std::optional<long long> seconds) {
  if (!seconds) return "\u2014";
  const long long minutes = *seconds / 60;
  if (minutes < 1)
    return text(req, ctx, "supervision.since_seconds", {{"n", std::to_string(*seconds)}});
  if (minutes < 60)
    return text(req, ctx, "supervision.since_minutes", {{"n", std::to_string(minutes)}});
  return text(req, ctx, "supervision.since_hours",
              {{"h", i18n::format_integer(req.language, minutes / 60)},
               {"m", std::to_string(minutes % 60)}});
}

json::object live_data(const Request& req, const WebContext& ctx, const app::TodayFigures& f) {
  json::array plans;
  for (const auto& p : f.plans)
    plans.push_back(
        {{"code", p.code},
         {"name", req.language == Language::fr && !p.name_fr.empty() ? p.name_fr : p.name_en},
         {"cells", plan_cells(req, ctx, f, p.plan, p.counts)}});
  json::array csrs;
  for (const auto& c : f.csrs) {
    auto n = [&](long long v) { return i18n::format_integer(req.language, v); };
    const auto& o = c.outcomes;
    json::array cells{cell("calls", n(c.calls), calls_href(f, c.user)),
                      cell("s11", n(o.unavailable)),
                      cell("s20", n(o.busy)),
                      cell("s21", n(o.call_back)),
                      cell("s90", n(o.completed)),
                      cell("s92", n(o.completed_no_order)),
                      cell("s93", n(o.cancelled)),
                      cell("orders", n(c.orders)),
                      cell("since", since(req, ctx, domain::seconds_since_last_call(c, f.at)))};
    csrs.push_back({{"user_id", c.user}, {"name", c.name}, {"cells", std::move(cells)}});
  }
  return {{"day", i18n::format_civil_date_with_weekday(req.language, f.day)},
          {"as_at", i18n::format_date_time(req.language, f.at, f.zone)},
          {"zone", f.zone},
          {"has_plans", !plans.empty()},
          {"plans", std::move(plans)},
          {"total", plan_cells(req, ctx, f, 0, f.total)},
          {"has_csrs", !csrs.empty()},
          {"csrs", std::move(csrs)},
          {"release_minutes", i18n::format_integer(req.language, f.release_minutes)}};
}

Response page(Request& req, WebContext& ctx) {
  auto f = app::DaySupervision(ctx.db, ctx.clock).today(*req.user);
  if (!f) return error_page(req, ctx, f.error());
  return html_response(200, ctx.views.page(req, "supervision", live_data(req, ctx, *f),
                                           text(req, ctx, "supervision.title")));
}

Response live(Request& req, WebContext& ctx) {
  auto f = app::DaySupervision(ctx.db, ctx.clock).today(*req.user);
  if (!f) return error_page(req, ctx, f.error());
  return html_response(
      200, ctx.views.render("partials/supervision_live", live_data(req, ctx, *f), req.language));
}

}  // namespace

void register_supervision_pages(Router& router, WebContext& ctx) {
  router.get("/supervision", Access::staff, [&ctx](Request& r) { return page(r, ctx); });
  router.get("/supervision/live", Access::staff, [&ctx](Request& r) { return live(r, ctx); });
}

}  // namespace rapport::web::ui
