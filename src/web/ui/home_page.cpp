// The home page: what the user's roles let them do, as cards.
#include <boost/json.hpp>

#include "app/one_snapshot.h"
#include "i18n/format.h"
#include "web/ui/error_page.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/routes.h"
#include "web/ui/users/role_labels.h"

namespace rapport::web::ui {
namespace {

using app::Capability;

struct Card {
  const char* href;
  const char* key;   // "home.card.<key>.title" / ".text"
  Capability needs;  // shown to those allowed (app/access.h)
};

// One card per thing a role comes here to do; later modules add theirs.
const std::vector<Card>& cards() {
  static const std::vector<Card> all{
      {"/customers", "customers", Capability::read_customers},
      {"/customers/new", "add_customer", Capability::edit_customers},
      {"/service-orders", "service_orders", Capability::take_orders},
      {"/admin/users", "users", Capability::manage_users},
      {"/admin/settings", "settings", Capability::manage_settings},
      {"/account", "account", Capability::own_account},
  };
  return all;
}

Response show_home(Request& req, WebContext& ctx) {
  const auto& user = *req.user;
  // A customer's home is the portal.
  if (!app::allowed(user, Capability::use_desk)) return redirect(req, "/portal");
  const auto& catalog = ctx.catalog;
  boost::json::array list;
  for (const auto& c : cards()) {
    if (!app::allowed(user, c.needs)) continue;
    std::string base = std::string("home.card.") + c.key;
    list.push_back({{"href", c.href},
                    {"title", catalog.text(req.language, base + ".title")},
                    {"text", catalog.text(req.language, base + ".text")}});
  }
  boost::json::object data{
      {"greeting", catalog.text(req.language, "home.greeting", {{"name", user.display_name}})},
      {"today", i18n::format_date_time(req.language, ctx.clock.now(), user.time_zone)},
      {"time_zone", user.time_zone},
      {"roles", role_labels(req.language, catalog, user.roles)},
      {"cards", std::move(list)}};
  // The modules' panels read in one transaction (app/one_snapshot.h).
  auto read = app::in_one_snapshot(ctx.db, [&]() -> Status {
    // Held orders whose remind date has come: the CSR's to-do list.
    add_orders_to_follow_up(data, req, ctx);
    // The day's calls at a glance, for whoever works the lists.
    if (app::allowed(user, Capability::work_plans))
      if (auto due = ctx.planner.due_today(user))
        data["calls_due"] = catalog.text(req.language, "home.calls_due",
                                         {{"n", i18n::format_integer(req.language, *due)}});
    return Ok{};
  });
  if (!read) return error_page(req, ctx, read.error());
  data["focus_search"] = true;  // the desk: a caller's name or number is typed first
  return html_response(200,
                       ctx.views.page(req, "home", data, catalog.text(req.language, "home.title")));
}

}  // namespace

void register_home_page(Router& router, WebContext& ctx) {
  router.get("/", Access::user, [&ctx](Request& req) { return show_home(req, ctx); });
}

}  // namespace rapport::web::ui
