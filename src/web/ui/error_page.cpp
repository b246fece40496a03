#include "web/ui/error_page.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "web/portal/portal_pages.h"
#include "web/problem.h"

namespace rapport::web::ui {

Response error_page(const Request& req, const WebContext& ctx, int status,
                    const std::string& message) {
  const auto& catalog = ctx.catalog;
  const std::string key = "http." + std::to_string(status);
  boost::json::object data{
      {"status", status},
      {"heading", catalog.text(req.language, key)},
      {"message", message.empty() ? catalog.text(req.language, key + ".detail") : message},
      {"logged_in", req.user.has_value()}};
  // A customer (or someone signed out on a portal address) stays in the
  // portal's layout, with its menu and a way back to /portal.
  const bool portal = req.user ? app::is_portal_user(*req.user) : req.path.starts_with("/portal");
  if (portal)
    return portal::portal_page(req, ctx, status, "portal/error", std::move(data),
                               catalog.text(req.language, key));
  return html_response(status, ctx.views.page(req, "error", data, catalog.text(req.language, key)));
}

Response error_page(const Request& req, const WebContext& ctx, const Error& error) {
  return error_page(req, ctx, http_status(error.code), localized_message(req, ctx.catalog, error));
}

}  // namespace rapport::web::ui
