// web/ui/form_values.h: what a form page reads from a form besides text —
// a whole number, and where to go after the form (safe_next).
#pragma once

#include <string>
#include <string_view>

#include "web/request.h"

namespace rapport::web::ui {

// `next` when it is a path on this site, else "/": no open redirects.
std::string safe_next(const std::string& next);

// The form value as a whole number, or `fallback` when it is not one.
int form_int(const Request& req, std::string_view name, int fallback = -1);

}  // namespace rapport::web::ui
