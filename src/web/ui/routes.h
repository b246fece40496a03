// web/ui/routes.h: the HTML pages.
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::ui {

void register_routes(Router& router, WebContext& ctx);

// Each area registers its own pages.
void register_login_pages(Router& router, WebContext& ctx);
void register_home_page(Router& router, WebContext& ctx);
void register_user_pages(Router& router, WebContext& ctx);
void register_settings_pages(Router& router, WebContext& ctx);
void register_account_pages(Router& router, WebContext& ctx);
void register_operations(Router& router, WebContext& ctx);
void register_customer_pages(Router& router, WebContext& ctx);
void register_job_pages(Router& router, WebContext& ctx);
void register_import_pages(Router& router, WebContext& ctx);
void register_customer_form_pages(Router& router, WebContext& ctx);
void register_plan_pages(Router& router, WebContext& ctx);
// The active list, "my next call" and the contacting page (/plan-entries…),
// which also registers the customer's contact-planning forms.
void register_plan_entry_pages(Router& router, WebContext& ctx);
void register_customer_plan_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::ui
