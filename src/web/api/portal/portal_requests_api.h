// web/api/portal/portal_requests_api.h: POST
// /api/v1/portal/assets/{asset}/requests (app::PortalRequests).
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::api {

void register_portal_requests_api(Router& router, WebContext& ctx);

}  // namespace rapport::web::api
