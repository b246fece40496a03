// web/api/portal/portal_quantity_json.h: a portal API body's quantity
// ("1.5" or 2) read by app::portal_quantity, as the portal's pages read the
// typed field: the same default and the same errors.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "app/portal/portal_quantity.h"
#include "core/error.h"

namespace rapport::web::api {

// The member `name` of `body` (missing or null: empty); a fault in `errors`.
inline std::optional<std::int64_t> portal_quantity_of(const boost::json::object& body,
                                                      std::string_view name,
                                                      app::EmptyQuantity empty,
                                                      FieldErrors& errors) {
  std::string typed;
  if (const auto* v = body.if_contains(name); v && !v->is_null()) {
    if (v->is_int64())
      typed = std::to_string(v->as_int64());
    else if (v->is_string())
      typed = std::string(v->as_string());
    else
      typed = "?";  // neither text nor a whole number: unreadable
  }
  auto q = app::portal_quantity(typed, empty);
  if (!q) {
    errors.add(q.error());
    return std::nullopt;
  }
  return *q;
}

}  // namespace rapport::web::api
