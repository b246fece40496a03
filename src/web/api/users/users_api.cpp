// /api/v1/users: list (cursor-paged), read and create users.
#include <charconv>
#include <cstdint>
#include <limits>

#include <boost/json.hpp>

#include "web/api/json_io.h"
#include "web/api/paging.h"
#include "web/api/routes.h"
#include "web/api/users/user_json.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

Response list_users(Request& req, WebContext& ctx) {
  // Sorted by id: the cursor holds the last id seen.
  auto keys = cursor_keys(req, 1);
  if (!keys) return problem(req, ctx.catalog, keys.error());
  std::int64_t after = 0;
  if (!keys->empty()) {
    auto id = key_number(keys->front(), 1, std::numeric_limits<std::int64_t>::max());
    if (!id) return problem(req, ctx.catalog, Error::invalid("page.cursor_invalid", "cursor"));
    after = *id;
  }
  auto limit = page_limit(req);
  if (!limit) return problem(req, ctx.catalog, limit.error());
  auto page = ctx.users.list(*req.user, after, *limit);
  if (!page) return problem(req, ctx.catalog, page.error());
  boost::json::array items;
  for (const auto& u : page->users) items.push_back(user_to_json(u));
  boost::json::object body{{"items", std::move(items)}};
  body["next_cursor"] = page->next_after
                            ? boost::json::value(encode_cursor({std::to_string(*page->next_after)}))
                            : boost::json::value(nullptr);
  return json_ok(200, body);
}

Response get_user(Request& req, WebContext& ctx) {
  const auto& text = req.param("id");
  long long id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || p != text.data() + text.size())
    return problem(req, ctx.catalog, Error::not_found("user.not_found"));
  auto user = ctx.users.get(*req.user, Id<domain::User>{id});
  if (!user) return problem(req, ctx.catalog, user.error());
  return json_ok(200, user_to_json(*user));
}

Response create_user(Request& req, WebContext& ctx) {
  auto body = parse_object(req);
  if (!body) return problem(req, ctx.catalog, body.error());
  FieldErrors errors;
  domain::User u;
  u.login = get_string(*body, "login", errors).value_or("");
  u.display_name = get_string(*body, "display_name", errors).value_or("");
  u.time_zone = get_string(*body, "time_zone", errors).value_or("Europe/Paris");
  u.language = get_code<Language>(*body, "language", errors).value_or(Language::en);
  std::string password = get_string(*body, "password", errors).value_or("");
  if (auto roles = get_codes<domain::Role>(*body, "roles", errors)) u.roles = std::move(*roles);
  if (!errors.empty()) return input_problem(req, ctx.catalog, errors);
  auto created = ctx.users.create(*req.user, u, password, &errors);
  if (!created) return problem(req, ctx.catalog, created.error(), &errors);
  Response res = json_ok(201, user_to_json(*created));
  res.set_header("Location", "/api/v1/users/" + std::to_string(created->id.value));
  return res;
}

}  // namespace

void register_users_api(Router& router, WebContext& ctx) {
  router.get("/api/v1/users", Access::staff, [&ctx](Request& r) { return list_users(r, ctx); });
  router.post("/api/v1/users", Access::staff, [&ctx](Request& r) { return create_user(r, ctx); })
      .hashing_password();
  router.get("/api/v1/users/{id}", Access::staff, [&ctx](Request& r) { return get_user(r, ctx); });
}

}  // namespace rapport::web::api
