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

// A portal page: `name` rendered with `data` inside templates/portal/layout
// (the customer's name, the portal's menu — data "nav" names the current
// entry: home, orders, assets, messages, details — and the language switch).
Response portal_page(const Request& req, const WebContext& ctx, int status, std::string_view name,
                     boost::json::object data, const std::string& title);

// The customer's orders, assets, messages and details, and the password
// reset (web/portal/portal_account_pages.cpp, portal_reset_pages.cpp).
void register_portal_account_pages(Router& router, WebContext& ctx);

// Signs `login` in with the password just set (the ordinary log-in) and
// sends them to /portal with the session and language cookies; to /login
// when the log-in is refused.
Response signed_in_on_portal(const Request& req, WebContext& ctx, const std::string& login,
                             const std::string& password);

// "https://host" of this request, for links sent by e-mail.
std::string base_url_of(const Request& req, const WebContext& ctx);

}  // namespace rapport::web::portal
