// web/ui/error_page.h: the translated error pages (404, 403, 500…). They
// never show a stack trace or a database message.
#pragma once

#include <string>

#include "core/error.h"
#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

// A page for `status`, with `message` (already translated) or the
// status's own explanation.
Response error_page(const Request& req, const WebContext& ctx, int status,
                    const std::string& message = {});
// The page for an Error a desk returned.
Response error_page(const Request& req, const WebContext& ctx, const Error& error);

}  // namespace rapport::web::ui
