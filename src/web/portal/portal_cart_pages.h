// web/portal/portal_cart_pages.h: the customer's catalog, cart and quotes in
// the portal (quotes-orders-assets.md, "Customer portal"): pages over
// app::PortalCartDesk, app::QuoteDesk and app::SalesOrderDesk.
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::portal {

// /portal/catalog…, /portal/cart… (portal_cart_pages.cpp), and the quote
// pages below.
void register_portal_cart_pages(Router& router, WebContext& ctx);
// /portal/quotes…, /portal/orders/{order}/submission (portal_quote_pages.cpp).
void register_portal_quote_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::portal
