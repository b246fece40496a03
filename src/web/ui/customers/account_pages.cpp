// The user's own account page: who they are, and a password change.
#include <boost/json.hpp>

#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"
#include "web/ui/users/role_labels.h"

namespace rapport::web::ui {
namespace {

Response render(const Request& req, const WebContext& ctx, int status, boost::json::object data) {
  const auto& u = *req.user;
  data["login"] = u.login;
  data["display_name"] = u.display_name;
  data["time_zone"] = u.time_zone;
  data["roles"] = role_labels(req.language, ctx.catalog, u.roles);
  return html_response(status, ctx.views.page(req, "account", data,
                                              ctx.catalog.text(req.language, "account.title")));
}

Response show_account(Request& req, WebContext& ctx) {
  boost::json::object data;
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "account.password_changed");
  return render(req, ctx, 200, data);
}

Response change_password(Request& req, WebContext& ctx) {
  auto done = ctx.users.change_own_password(*req.user, req.form_value("current_password"),
                                            req.form_value("password"), req.session_token);
  if (done) return redirect(req, "/account?saved=1");
  if (done.error().code != ErrorCode::invalid_input) return error_page(req, ctx, done.error());
  boost::json::object data;
  add_form_error(data, req, ctx.catalog, done.error());
  return render(req, ctx, 422, data);
}

}  // namespace

void register_account_pages(Router& router, WebContext& ctx) {
  router.get("/account", Access::user, [&ctx](Request& r) { return show_account(r, ctx); });
  router
      .post("/account/password", Access::user,
            [&ctx](Request& r) { return change_password(r, ctx); })
      .hashing_password();
}

}  // namespace rapport::web::ui
