#include "web/ui/routes.h"

#include "web/portal/portal_pages.h"

namespace rapport::web::ui {

void register_routes(Router& router, WebContext& ctx) {
  register_operations(router, ctx);
  register_login_pages(router, ctx);
  register_home_page(router, ctx);
  register_user_pages(router, ctx);
  register_settings_pages(router, ctx);
  register_account_pages(router, ctx);
  register_customer_pages(router, ctx);
  register_job_pages(router, ctx);
  register_plan_pages(router, ctx);
  register_plan_entry_pages(router, ctx);
  register_campaign_pages(router, ctx);
  register_package_pages(router, ctx);
  register_service_order_pages(router, ctx);
  register_sales_order_pages(router, ctx);
  register_quote_pages(router, ctx);
  register_catalog_pages(router, ctx);
  register_webhook_pages(router, ctx);
  register_sent_mail_pages(router, ctx);
  register_supervision_pages(router, ctx);
  register_supervision_period_pages(router, ctx);
  portal::register_portal_pages(router, ctx);
}

}  // namespace rapport::web::ui
