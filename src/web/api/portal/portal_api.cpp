// POST /api/v1/customers/{id}/contacts/{contact}/portal-invitation: a
// contact invited to the customer portal — one app::PortalDesk::invite
// call, as the 360° view's button makes.
#include <memory>

#include <boost/json.hpp>

#include "app/portal/portal_desk.h"
#include "web/api/json_io.h"
#include "web/api/portal/portal_requests_api.h"
#include "web/api/routes.h"
#include "web/portal/portal_pages.h"
#include "web/problem.h"

namespace rapport::web::api {
namespace {

Response invite_to_portal(Request& req, WebContext& ctx, app::PortalDesk& desk) {
  auto customer = positive_int(req.param("id"));
  auto contact = positive_int(req.param("contact"));
  if (!customer || !contact) return problem(req, ctx.catalog, Error::not_found());
  auto invited = desk.invite(*req.user, *customer, *contact, portal::base_url_of(req, ctx));
  if (!invited) return problem(req, ctx.catalog, invited.error());
  return json_ok(201, boost::json::object{{"user_id", invited->user.id.value},
                                          {"login", invited->user.login},
                                          {"email", invited->email},
                                          {"expires_at", format_instant(invited->expires_at)}});
}

}  // namespace

void register_portal_api(Router& router, WebContext& ctx) {
  auto desk = std::make_shared<app::PortalDesk>(ctx.db, ctx.clock, ctx.catalog);
  router.post("/api/v1/customers/{id}/contacts/{contact}/portal-invitation", Access::staff,
              [&ctx, desk](Request& r) { return invite_to_portal(r, ctx, *desk); });
  register_portal_requests_api(router, ctx);
}

}  // namespace rapport::web::api
