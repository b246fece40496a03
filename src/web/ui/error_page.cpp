#include "web/ui/error_page.h"

#include <boost/json.hpp>

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
  return html_response(status, ctx.views.page(req, "error", data, catalog.text(req.language, key)));
}

Response error_page(const Request& req, const WebContext& ctx, const Error& error) {
  return error_page(req, ctx, http_status(error.code), localized_message(req, ctx.catalog, error));
}

}  // namespace rapport::web::ui
