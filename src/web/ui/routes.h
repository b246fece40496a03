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
// /plans/import: registered by register_plan_pages, before /plans/{id}.
void register_contact_info_import_pages(Router& router, WebContext& ctx);
void register_customer_form_pages(Router& router, WebContext& ctx);
void register_plan_pages(Router& router, WebContext& ctx);
// The active list, "my next call" and the contacting page (/plan-entries…),
// which also registers the customer's contact-planning forms.
void register_plan_entry_pages(Router& router, WebContext& ctx);
void register_customer_plan_pages(Router& router, WebContext& ctx);
// Campaigns, their conversion report (/campaigns…) and packages (/packages…).
void register_campaign_pages(Router& router, WebContext& ctx);
void register_package_pages(Router& router, WebContext& ctx);
// Service orders (/service-orders…): the list, a new order from Control
// Central's Add order, the order page, which also registers the order's
// actions and its eligibility tree.
void register_service_order_pages(Router& router, WebContext& ctx);
void register_service_order_actions(Router& router, WebContext& ctx);
void register_eligibility_tree_pages(Router& router, WebContext& ctx);
// Sales orders (/sales-orders…), which also registers the fulfilment queue
// (/fulfilment) and the orders taken from a contact (/plan-entries/{id}/order…).
void register_sales_order_pages(Router& router, WebContext& ctx);
void register_quote_pages(Router& router, WebContext& ctx);
void register_fulfilment_pages(Router& router, WebContext& ctx);
void register_change_order_pages(Router& router, WebContext& ctx);
void register_contact_order_pages(Router& router, WebContext& ctx);
// The catalog (/catalog/products…, /catalog/price-lists…, /catalog/import)
// and the price lists of a customer (/customers/{id}/price-lists).
void register_catalog_pages(Router& router, WebContext& ctx);
void register_product_pages(Router& router, WebContext& ctx);
void register_price_list_pages(Router& router, WebContext& ctx);
void register_catalog_import_pages(Router& router, WebContext& ctx);
void register_customer_price_list_pages(Router& router, WebContext& ctx);
// Webhook endpoints and their deliveries (/admin/webhooks…).
void register_webhook_pages(Router& router, WebContext& ctx);
// The messages of the local SMTP sink (/admin/sent-mail…), for admins.
void register_sent_mail_pages(Router& router, WebContext& ctx);
// The supervisor's view of the day, live (/supervision…).
void register_supervision_pages(Router& router, WebContext& ctx);
void register_supervision_period_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::ui
