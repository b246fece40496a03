// The customer portal: accepting an invitation and the customer's home.
#include "web/portal/portal_pages.h"

#include <memory>

#include <boost/json.hpp>

#include "app/access.h"
#include "app/portal/portal_desk.h"
#include "app/portal/portal_records.h"
#include "app/portal/portal_requests.h"
#include "core/enum_codes.h"
#include "core/money.h"
#include "domain/quotes/quote.h"
#include "i18n/format.h"
#include "web/portal/portal_cart_pages.h"
#include "web/portal/portal_requests_pages.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/web_app.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;

constexpr long kPortalYear = 365L * 24 * 3600;

std::string portal_secured(const Request& req, const WebContext& ctx, std::string cookie) {
  if (ctx.options.secure_cookies || req.header("x-forwarded-proto") == "https")
    cookie += "; Secure";
  return cookie;
}

Response invitation_refused(const Request& req, const WebContext& ctx, const Error& e) {
  json::object data{{"message", ctx.catalog.text(req.language, e.key)}};
  return portal_page(req, ctx, http_status(e.code), "portal/invitation_refused", data,
                     ctx.catalog.text(req.language, "portal.invitation_title"));
}

Response invitation_form(const Request& req, const WebContext& ctx, int status,
                         const app::InvitationView& v, json::object data) {
  data["token"] = req.param("token");
  data["login"] = v.user.login;
  data["name"] = v.user.display_name;
  data["customer"] = v.customer_name;
  return portal_page(req, ctx, status, "portal/invitation", data,
                     ctx.catalog.text(req.language, "portal.invitation_title"));
}

Response show_invitation(Request& req, WebContext& ctx, app::PortalDesk& desk) {
  auto v = desk.invitation(req.param("token"));
  if (!v) return invitation_refused(req, ctx, v.error());
  req.language = v->user.language;
  return invitation_form(req, ctx, 200, *v, {});
}

Response accept_invitation(Request& req, WebContext& ctx, app::PortalDesk& desk) {
  const std::string token = req.param("token");
  auto v = desk.invitation(token);
  if (!v) return invitation_refused(req, ctx, v.error());
  req.language = v->user.language;
  const std::string& password = req.form_value("password");
  if (password != req.form_value("password_again")) {
    json::object data;
    ui::add_form_error(data, req, ctx.catalog,
                       Error::invalid("portal.passwords_differ", "password_again"));
    return invitation_form(req, ctx, 422, *v, data);
  }
  auto accepted = desk.accept(token, password);
  if (!accepted) {
    if (accepted.error().code != ErrorCode::invalid_input)
      return invitation_refused(req, ctx, accepted.error());
    json::object data;
    ui::add_form_error(data, req, ctx.catalog, accepted.error());
    return invitation_form(req, ctx, 422, *v, data);
  }
  return signed_in_on_portal(req, ctx, accepted->login, password);
}

std::string label(const Request& req, const WebContext& ctx, const std::string& prefix,
                  std::string_view code) {
  return ctx.catalog.text(req.language, prefix + "." + std::string(code));
}

Response show_home(Request& req, WebContext& ctx, app::PortalDesk& desk) {
  auto home = desk.home(*req.user);
  if (!home) return ui::error_page(req, ctx, home.error());
  json::array assets, quotes, orders;
  for (const auto& a : home->assets)
    assets.push_back({{"id", a.asset.id.value},
                      {"number", a.asset.number},
                      {"may_request", !app::request_choices(a.asset.status).empty()},
                      {"product", req.language == Language::fr && !a.product_name_fr.empty()
                                      ? a.product_name_fr
                                      : a.product_name_en},
                      {"status", label(req, ctx, "asset.status", enum_code(a.asset.status))}});
  for (const auto& q : home->quotes)
    quotes.push_back(
        {{"id", q.quote.id.value},
         {"is_cart", domain::is_cart(q.quote)},
         {"number", q.quote.number},
         {"revision", q.quote.revision},
         {"total", i18n::format_money(req.language, Money{q.totals.gross, q.quote.currency})},
         {"state", label(req, ctx, "quote.state", enum_code(q.state))}});
  for (const auto& o : home->orders)
    orders.push_back({{"id", o.id.value},
                      {"number", o.number},
                      {"status", label(req, ctx, "sales_order.status", enum_code(o.status))}});
  json::object data{{"nav", "home"},
                    {"customer", home->customer.display_name()},
                    {"name", req.user->display_name},
                    {"has_assets", !assets.empty()},
                    {"assets", std::move(assets)},
                    {"has_quotes", !quotes.empty()},
                    {"quotes", std::move(quotes)},
                    {"requested", !req.query_value("requested").empty()},
                    {"has_orders", !orders.empty()},
                    {"orders", std::move(orders)}};
  return portal_page(req, ctx, 200, "portal/home", data,
                     ctx.catalog.text(req.language, "portal.home_title"));
}

// The 360° view's "Invite to the portal" on a contact's row.
Response invite_contact(Request& req, WebContext& ctx, app::PortalDesk& desk) {
  auto customer = positive_int(req.param("id"));
  auto contact = positive_int(req.param("contact"));
  if (!customer || !contact) return ui::error_page(req, ctx, 404);
  auto invited = desk.invite(*req.user, *customer, *contact, base_url_of(req, ctx));
  if (!invited) return ui::error_page(req, ctx, invited.error());
  return redirect(req, "/customers/" + std::to_string(*customer) + "?invited=1");
}

}  // namespace

Response portal_page(const Request& req, const WebContext& ctx, int status, std::string_view name,
                     json::object data, const std::string& title) {
  data["csrf_token"] = req.csrf_token;
  json::object frame{{"title", title},
                     {"lang", std::string(code(req.language))},
                     {"lang_is_fr", req.language == Language::fr},
                     {"next_path", req.target},
                     {"csrf_token", req.csrf_token},
                     {"signed_in", req.user.has_value()}};
  if (req.user && app::is_portal_user(*req.user)) {
    frame["portal_nav"] = true;
    if (auto name = app::PortalRecords(ctx.db, ctx.clock).customer_name(*req.user))
      frame["customer_name"] = *name;
    if (auto nav = data.if_contains("nav"); nav && nav->is_string())
      frame["nav_" + std::string(nav->as_string())] = true;
  }
  frame["body"] = ctx.views.render(name, data, req.language);
  return html_response(status, ctx.views.render("portal/layout", frame, req.language));
}

Response signed_in_on_portal(const Request& req, WebContext& ctx, const std::string& login,
                             const std::string& password) {
  // Signed in through the ordinary log-in, with the password just set.
  auto session = ctx.auth.login({login, password, req.client_address, req.header("user-agent")});
  if (!session) return redirect(req, "/login");
  Response res = redirect(req, "/portal");
  res.headers.emplace_back(
      "Set-Cookie", portal_secured(req, ctx, cookie_header(kSessionCookie, session->token, true)));
  res.headers.emplace_back(
      "Set-Cookie", cookie_header(kLanguageCookie, std::string(code(session->user.language)), false,
                                  kPortalYear));
  return res;
}

std::string base_url_of(const Request& req, const WebContext& ctx) {
  const bool https = ctx.options.secure_cookies || req.header("x-forwarded-proto") == "https";
  return std::string(https ? "https://" : "http://") + req.header("host");
}

void register_portal_pages(Router& router, WebContext& ctx) {
  auto desk = std::make_shared<app::PortalDesk>(ctx.db, ctx.clock, ctx.catalog);
  router.get("/portal/invitation/{token}", Access::open,
             [&ctx, desk](Request& r) { return show_invitation(r, ctx, *desk); });
  router
      .post("/portal/invitation/{token}", Access::open,
            [&ctx, desk](Request& r) { return accept_invitation(r, ctx, *desk); })
      .hashing_password();
  router.post("/customers/{id}/contacts/{contact}/portal-invitation", Access::staff,
              [&ctx, desk](Request& r) { return invite_contact(r, ctx, *desk); });
  router.get("/portal", Access::customer,
             [&ctx, desk](Request& r) { return show_home(r, ctx, *desk); });
  register_portal_request_pages(router, ctx);
  register_portal_cart_pages(router, ctx);
  register_portal_account_pages(router, ctx);
}

}  // namespace rapport::web::portal
