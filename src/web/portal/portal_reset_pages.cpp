#include "web/portal/portal_reset_pages.h"

#include <boost/json.hpp>

#include "app/portal/portal_password_reset.h"
#include "web/portal/portal_pages.h"
#include "web/problem.h"
#include "web/ui/form_view.h"
#include "web/web_app.h"

namespace rapport::web::portal {
namespace {

namespace json = boost::json;

std::string reset_title(const Request& req, const WebContext& ctx) {
  return ctx.catalog.text(req.language, "portal.reset_title");
}

Response reset_request_form(const Request& req, const WebContext& ctx, int status,
                            json::object data) {
  if (!data.contains("email")) data["email"] = req.form_value("email");
  return portal_page(req, ctx, status, "portal/reset_request", data, reset_title(req, ctx));
}

Response show_reset_request(Request& req, WebContext& ctx) {
  json::object data{{"email", ""}};
  return reset_request_form(req, ctx, 200, data);
}

Response submit_reset_request(Request& req, WebContext& ctx) {
  app::PortalPasswordReset reset(ctx.db, ctx.clock, ctx.catalog);
  auto asked = reset.request(req.form_value("email"), base_url_of(req, ctx));
  if (!asked) {
    json::object data;
    ui::add_form_error(data, req, ctx.catalog, asked.error());
    return reset_request_form(req, ctx, http_status(asked.error().code), data);
  }
  return portal_page(req, ctx, 200, "portal/reset_sent", {}, reset_title(req, ctx));
}

Response reset_refused(const Request& req, const WebContext& ctx, const Error& e) {
  json::object data{{"message", ctx.catalog.text(req.language, e.key)}};
  return portal_page(req, ctx, http_status(e.code), "portal/reset_refused", data,
                     reset_title(req, ctx));
}

Response reset_form(const Request& req, const WebContext& ctx, int status, const domain::User& user,
                    json::object data) {
  data["token"] = req.param("token");
  data["login"] = user.login;
  data["name"] = user.display_name;
  return portal_page(req, ctx, status, "portal/reset_form", data, reset_title(req, ctx));
}

Response show_reset(Request& req, WebContext& ctx) {
  auto user = app::PortalPasswordReset(ctx.db, ctx.clock, ctx.catalog).user_of(req.param("token"));
  if (!user) return reset_refused(req, ctx, user.error());
  req.language = user->language;
  return reset_form(req, ctx, 200, *user, {});
}

Response submit_reset(Request& req, WebContext& ctx) {
  app::PortalPasswordReset reset(ctx.db, ctx.clock, ctx.catalog);
  const std::string token = req.param("token");
  auto user = reset.user_of(token);
  if (!user) return reset_refused(req, ctx, user.error());
  req.language = user->language;
  const std::string& password = req.form_value("password");
  if (password != req.form_value("password_again")) {
    json::object data;
    ui::add_form_error(data, req, ctx.catalog,
                       Error::invalid("portal.passwords_differ", "password_again"));
    return reset_form(req, ctx, 422, *user, data);
  }
  auto done = reset.reset(token, password);
  if (!done) {
    if (done.error().code != ErrorCode::invalid_input) return reset_refused(req, ctx, done.error());
    json::object data;
    ui::add_form_error(data, req, ctx.catalog, done.error());
    return reset_form(req, ctx, 422, *user, data);
  }
  return signed_in_on_portal(req, ctx, done->login, password);
}

}  // namespace

void register_portal_reset_pages(Router& router, WebContext& ctx) {
  router.get("/portal/password-reset", Access::open,
             [&ctx](Request& r) { return show_reset_request(r, ctx); });
  router.post("/portal/password-reset", Access::open,
              [&ctx](Request& r) { return submit_reset_request(r, ctx); });
  router.get("/portal/password-reset/{token}", Access::open,
             [&ctx](Request& r) { return show_reset(r, ctx); });
  router
      .post("/portal/password-reset/{token}", Access::open,
            [&ctx](Request& r) { return submit_reset(r, ctx); })
      .hashing_password();
}

}  // namespace rapport::web::portal
