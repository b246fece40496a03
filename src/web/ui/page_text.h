// web/ui/page_text.h: a catalog message in the language of the request, as
// the page handlers write it.
#pragma once

#include <string>
#include <string_view>

#include "web/request.h"
#include "web/web_context.h"

namespace rapport::web::ui {

inline std::string text(const Request& req, const WebContext& ctx, std::string_view key,
                        const MessageArgs& args = {}) {
  return ctx.catalog.text(req.language, key, args);
}

}  // namespace rapport::web::ui
