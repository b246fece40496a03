// web/portal/portal_reset_pages.h: "Forgot your password?" for portal
// users — /portal/password-reset (ask with an e-mail address; always the
// same answer) and /portal/password-reset/{token} (the mailed link: the new
// password twice, then signed in on /portal).
#pragma once

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::portal {

void register_portal_reset_pages(Router& router, WebContext& ctx);

}  // namespace rapport::web::portal
