#include "web/api/routes.h"

#include <fstream>
#include <sstream>

namespace rapport::web::api {

void register_routes(Router& router, WebContext& ctx) {
  // The OpenAPI document is read once; it describes every route below.
  std::ifstream in(ctx.options.openapi_path);
  std::stringstream text;
  text << in.rdbuf();
  router.get("/api/v1/openapi.json", Access::open, [doc = text.str()](Request&) {
    Response r = json_response(200, doc);
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
  register_me_api(router, ctx);
  register_settings_api(router, ctx);
  register_users_api(router, ctx);
  register_customers_api(router, ctx);
  register_contact_plans_api(router, ctx);
  register_contact_info_api(router, ctx);
  register_plan_entries_api(router, ctx);
  register_jobs_api(router, ctx);
  register_campaigns_api(router, ctx);
  register_service_orders_api(router, ctx);
  register_catalog_api(router, ctx);
  register_sales_orders_api(router, ctx);
  register_quotes_api(router, ctx);
  register_portal_api(router, ctx);
  register_portal_cart_api(router, ctx);
  register_portal_account_api(router, ctx);
  register_contact_orders_api(router, ctx);
  register_change_orders_api(router, ctx);
  register_webhooks_api(router, ctx);
  register_supervision_api(router, ctx);
}

}  // namespace rapport::web::api
