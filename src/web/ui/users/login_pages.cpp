// The log-in and log-out pages and the language switcher.
#include <boost/json.hpp>

#include "app/crypto.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"
#include "web/web_app.h"

namespace rapport::web::ui {
namespace {

// Before log-in there is no session to hold a CSRF token, so the log-in
// form uses a double-submit cookie: a random value in a cookie and in the
// form, which another site can neither read nor set.
constexpr const char* kPreloginCookie = "rapport_prelogin";
constexpr long kYear = 365L * 24 * 3600;

// The session and the pre-log-in cookie are Secure by the same rule: when
// the server is told it is served over HTTPS (serve --secure-cookies) or a
// proxy says the request came so (X-Forwarded-Proto: https).
std::string secured(const Request& req, const WebContext& ctx, std::string cookie) {
  if (ctx.options.secure_cookies || req.header("x-forwarded-proto") == "https")
    cookie += "; Secure";
  return cookie;
}

Response login_page(const Request& req, const WebContext& ctx, int status,
                    boost::json::object data) {
  std::string token = app::random_token(24);
  data["prelogin_token"] = token;
  if (!data.contains("next")) data["next"] = safe_next(req.query_value("next"));
  Response res = html_response(
      status, ctx.views.page(req, "login", data, ctx.catalog.text(req.language, "login.title")));
  res.headers.emplace_back("Set-Cookie",
                           secured(req, ctx, cookie_header(kPreloginCookie, token, true)));
  return res;
}

Response show_login(Request& req, WebContext& ctx) {
  if (req.user) return redirect(req, "/");
  if (auto lang = parse_language(req.query_value("lang"))) {
    req.language = *lang;
    auto res = login_page(req, ctx, 200, {});
    res.headers.emplace_back(
        "Set-Cookie", cookie_header(kLanguageCookie, std::string(code(*lang)), false, kYear));
    return res;
  }
  return login_page(req, ctx, 200, {});
}

Response submit_login(Request& req, WebContext& ctx) {
  boost::json::object data{{"login", req.form_value("login")},
                           {"next", safe_next(req.form_value("next"))}};
  const std::string& sent = req.form_value("_csrf");
  if (sent.empty() || !app::constant_time_equal(sent, req.cookie(kPreloginCookie))) {
    add_form_error(data, req, ctx.catalog,
                   Error{ErrorCode::forbidden, "login.form_expired", {}, {}, {}});
    return login_page(req, ctx, 403, data);
  }
  app::LoginRequest login{req.form_value("login"), req.form_value("password"), req.client_address,
                          req.header("user-agent")};
  auto session = ctx.auth.login(login);
  if (!session) {
    add_form_error(data, req, ctx.catalog, session.error());
    return login_page(req, ctx, http_status(session.error().code), data);
  }
  Response res = redirect(req, safe_next(req.form_value("next")));
  res.headers.emplace_back("Set-Cookie",
                           secured(req, ctx, cookie_header(kSessionCookie, session->token, true)));
  res.headers.emplace_back("Set-Cookie",
                           secured(req, ctx, cookie_header(kPreloginCookie, "", true, 0)));
  res.headers.emplace_back(
      "Set-Cookie",
      cookie_header(kLanguageCookie, std::string(code(session->user.language)), false, kYear));
  return res;
}

Response submit_logout(Request& req, WebContext& ctx) {
  if (auto ended = ctx.auth.logout(req.session_token); !ended)
    return error_page(req, ctx, ended.error());
  Response res = redirect(req, "/login");
  res.headers.emplace_back("Set-Cookie", cookie_header(kSessionCookie, "", true, 0));
  return res;
}

// Switches the page language: a user's choice is kept on their profile, a
// visitor's in a cookie.
Response switch_language(Request& req, WebContext& ctx) {
  auto lang = parse_language(req.form_value("lang"));
  if (!lang) return error_page(req, ctx, Error::invalid("language.unknown", "lang"));
  if (req.user) {
    if (auto saved = ctx.users.set_own_language(*req.user, *lang); !saved)
      return error_page(req, ctx, saved.error());
  }
  Response res = redirect(req, safe_next(req.form_value("next")));
  res.headers.emplace_back("Set-Cookie",
                           cookie_header(kLanguageCookie, std::string(code(*lang)), false, kYear));
  return res;
}

}  // namespace

void register_login_pages(Router& router, WebContext& ctx) {
  router.get("/login", Access::open, [&ctx](Request& req) { return show_login(req, ctx); });
  router.post("/login", Access::open, [&ctx](Request& req) { return submit_login(req, ctx); })
      .hashing_password();
  router.post("/logout", Access::user, [&ctx](Request& req) { return submit_logout(req, ctx); });
  router.post("/language", Access::open,
              [&ctx](Request& req) { return switch_language(req, ctx); });
}

}  // namespace rapport::web::ui
