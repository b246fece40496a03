// web/portal/portal_requests_pages.h: /portal/assets/{asset}/request, the
// customer's request on one of their assets (app::PortalRequests).
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::portal {

void register_portal_request_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::portal
