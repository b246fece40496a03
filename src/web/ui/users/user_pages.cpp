// The user administration pages: list, add, edit, reset a password.
#include <charconv>

#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"
#include "web/ui/users/role_labels.h"

namespace rapport::web::ui {
namespace {

// The user as the form shows it (also to refill a form after an error).
boost::json::object form_data(const Request& req, const WebContext& ctx, const domain::User& u,
                              bool is_new) {
  boost::json::array options;
  for (auto role : domain::all_roles())
    options.push_back({{"value", std::string(domain::to_string(role))},
                       {"label", role_label(req.language, ctx.catalog, role)},
                       {"checked", u.has_role(role)}});
  const auto& c = ctx.catalog;
  return {{"is_new", is_new},
          {"id", u.id.value},
          {"version", u.version},
          {"login", u.login},
          {"display_name", u.display_name},
          {"role_options", std::move(options)},
          {"lang_fr", u.language == Language::fr},
          {"time_zone", u.time_zone},
          {"active", u.active},
          {"action",
           is_new ? std::string("/admin/users") : "/admin/users/" + std::to_string(u.id.value)},
          {"heading", is_new ? c.text(req.language, "users.add") : u.display_name}};
}

// Reads the user fields of the form; unknown roles are reported, not dropped.
domain::User user_from_form(const Request& req, FieldErrors& errors) {
  domain::User u;
  u.login = req.form_value("login");
  u.display_name = req.form_value("display_name");
  for (const auto& [k, v] : req.form()) {
    if (k != "roles") continue;
    if (auto role = domain::parse_role(v))
      u.roles.push_back(*role);
    else
      errors.add(Error::invalid("user.roles_invalid", "roles", {{"role", v}}));
  }
  u.language = parse_language(req.form_value("language")).value_or(Language::en);
  u.time_zone = req.form_value("time_zone");
  u.active = req.form_value("active") == "1";
  u.version = form_int(req, "version", 0);
  return u;
}

Response render_form(const Request& req, const WebContext& ctx, int status,
                     boost::json::object data, const std::optional<Id<domain::User>>& id) {
  if (id) {
    auto history = ctx.users.history(*req.user, *id);
    if (history) add_history(data, req, ctx.catalog, *history);
  }
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "user_form", data, title));
}

Response list_users(Request& req, WebContext& ctx) {
  long long after = 0;
  const auto& cursor = req.query_value("after");
  std::from_chars(cursor.data(), cursor.data() + cursor.size(), after);
  auto page = ctx.users.list(*req.user, after, app::kDefaultPageSize);
  if (!page) return error_page(req, ctx, page.error());
  boost::json::array rows;
  for (const auto& u : page->users)
    rows.push_back({{"id", u.id.value},
                    {"login", u.login},
                    {"display_name", u.display_name},
                    {"roles", role_labels(req.language, ctx.catalog, u.roles)},
                    {"language", std::string(code(u.language))},
                    {"time_zone", u.time_zone},
                    {"active", u.active}});
  boost::json::object data{{"users", std::move(rows)}};
  if (page->next_after)
    data["next_href"] = "/admin/users?after=" + std::to_string(*page->next_after);
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  return html_response(
      200, ctx.views.page(req, "users", data, ctx.catalog.text(req.language, "users.title")));
}

Response new_user(Request& req, WebContext& ctx) {
  if (auto ok = ctx.users.list(*req.user, 0, 1); !ok) return error_page(req, ctx, ok.error());
  domain::User blank;
  blank.roles = {domain::Role::csr};
  blank.language = req.language;
  blank.time_zone = req.user->time_zone;
  return render_form(req, ctx, 200, form_data(req, ctx, blank, true), std::nullopt);
}

Response create_user(Request& req, WebContext& ctx) {
  FieldErrors errors;
  domain::User u = user_from_form(req, errors);
  Result<domain::User> created =
      errors.empty() ? ctx.users.create(*req.user, u, req.form_value("password"), &errors)
                     : Result<domain::User>(errors.errors.front());
  if (created)
    return redirect(req, "/admin/users/" + std::to_string(created->id.value) + "?saved=1");
  if (created.error().code == ErrorCode::forbidden) return error_page(req, ctx, created.error());
  if (errors.empty()) errors.add(created.error());
  auto data = form_data(req, ctx, u, true);
  add_form_errors(data, req, ctx.catalog, errors);
  return render_form(req, ctx, 422, data, std::nullopt);
}

Response show_user(Request& req, WebContext& ctx) {
  auto id = id_param<domain::User>(req);
  if (!id) return error_page(req, ctx, 404);
  auto user = ctx.users.get(*req.user, *id);
  if (!user) return error_page(req, ctx, user.error());
  auto data = form_data(req, ctx, *user, false);
  if (req.query_value("saved") == "1")
    data["alert_success"] = ctx.catalog.text(req.language, "form.saved");
  return render_form(req, ctx, 200, data, id);
}

Response update_user(Request& req, WebContext& ctx) {
  auto id = id_param<domain::User>(req);
  if (!id) return error_page(req, ctx, 404);
  FieldErrors errors;
  domain::User u = user_from_form(req, errors);
  u.id = *id;
  auto saved = errors.empty() ? ctx.users.update(*req.user, u, &errors)
                              : Result<domain::User>(errors.errors.front());
  if (saved) return redirect(req, "/admin/users/" + std::to_string(id->value) + "?saved=1");
  auto code = saved.error().code;
  if (code == ErrorCode::forbidden || code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  auto current = ctx.users.get(*req.user, *id);
  if (current) u.login = current->login;
  auto data = form_data(req, ctx, u, false);
  add_form_errors(data, req, ctx.catalog, errors);
  return render_form(req, ctx, http_status(code), data, id);
}

Response reset_password(Request& req, WebContext& ctx) {
  auto id = id_param<domain::User>(req);
  if (!id) return error_page(req, ctx, 404);
  auto done = ctx.users.set_password(*req.user, *id, req.form_value("password"), req.session_token);
  if (done) return redirect(req, "/admin/users/" + std::to_string(id->value) + "?saved=1");
  if (done.error().code != ErrorCode::invalid_input) return error_page(req, ctx, done.error());
  auto user = ctx.users.get(*req.user, *id);
  if (!user) return error_page(req, ctx, user.error());
  auto data = form_data(req, ctx, *user, false);
  add_form_error(data, req, ctx.catalog, done.error());
  return render_form(req, ctx, 422, data, id);
}

}  // namespace

void register_user_pages(Router& router, WebContext& ctx) {
  router.get("/admin/users", Access::staff, [&ctx](Request& r) { return list_users(r, ctx); });
  router.get("/admin/users/new", Access::staff, [&ctx](Request& r) { return new_user(r, ctx); });
  router.post("/admin/users", Access::staff, [&ctx](Request& r) { return create_user(r, ctx); })
      .hashing_password();
  router.get("/admin/users/{id}", Access::staff, [&ctx](Request& r) { return show_user(r, ctx); });
  router.post("/admin/users/{id}", Access::staff,
              [&ctx](Request& r) { return update_user(r, ctx); });
  router
      .post("/admin/users/{id}/password", Access::staff,
            [&ctx](Request& r) { return reset_password(r, ctx); })
      .hashing_password();
}

}  // namespace rapport::web::ui
