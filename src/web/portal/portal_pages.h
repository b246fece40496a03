// web/portal/portal_pages.h: the customer portal's own pages (/portal…),
// in their own simple layout, and the invitation sent from the staff faces.
#pragma once

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "web/router.h"
#include "web/web_context.h"

namespace rapport::web::portal {

// /portal/invitation/{token} (set the password) and /portal (the home).
void register_portal_pages(Router& router, WebContext& ctx);

// A portal page: the template `name` rendered with `data` inside the
// portal's layout (templates/portal/layout), titled `title`.
Response portal_page(const Request& req, const WebContext& ctx, int status, std::string_view name,
                     boost::json::object data, const std::string& title);

// "https://host" of this request, for links sent by e-mail.
std::string base_url_of(const Request& req, const WebContext& ctx);

}  // namespace rapport::web::portal
