// web/api/routes.h: the JSON API under /api/v1, described by
// api/openapi.json (served at /api/v1/openapi.json).
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::api {

void register_routes(Router& router, WebContext& ctx);

void register_me_api(Router& router, WebContext& ctx);
void register_settings_api(Router& router, WebContext& ctx);
void register_users_api(Router& router, WebContext& ctx);
void register_customers_api(Router& router, WebContext& ctx);
// Contact planning (contact-planning.md).
void register_contact_plans_api(Router& router, WebContext& ctx);
void register_contact_info_api(Router& router, WebContext& ctx);
void register_plan_entries_api(Router& router, WebContext& ctx);
void register_jobs_api(Router& router, WebContext& ctx);
// Campaigns, packages and service orders (campaigns-and-orders.md).
void register_campaigns_api(Router& router, WebContext& ctx);
void register_service_orders_api(Router& router, WebContext& ctx);
// Catalog, sales orders, fulfilment and assets (quotes-orders-assets.md).
void register_catalog_api(Router& router, WebContext& ctx);
// /api/v1/literature, comparisons and the advisor (registered by register_catalog_api).
void register_advisor_api(Router& router, WebContext& ctx);
// /api/v1/customers/{id}/price-lists (registered by register_catalog_api).
void register_customer_price_list_api(Router& router, WebContext& ctx);
void register_sales_orders_api(Router& router, WebContext& ctx);
void register_quotes_api(Router& router, WebContext& ctx);
// Sending quotes and the print queue (registered by register_quotes_api).
void register_sendings_api(Router& router, WebContext& ctx);
// /api/v1/plan-entries/{id}/order and /close-order (orders from a contact).
void register_contact_orders_api(Router& router, WebContext& ctx);
void register_change_orders_api(Router& router, WebContext& ctx);
// Webhook endpoints and their deliveries (README, "Webhooks").
void register_webhooks_api(Router& router, WebContext& ctx);
// The supervisor's figures of the day (/api/v1/supervision/today).
void register_supervision_api(Router& router, WebContext& ctx);
// A contact invited to the customer portal (quotes-orders-assets.md).
void register_portal_api(Router& router, WebContext& ctx);
// The customer's catalog, cart and quotes for a portal user (/api/v1/portal/…).
void register_portal_cart_api(Router& router, WebContext& ctx);
// The portal user's orders, assets, messages and details (/api/v1/portal/…).
void register_portal_account_api(Router& router, WebContext& ctx);

}  // namespace rapport::web::api
