#include "web/api/contactplan/planning_io.h"

namespace rapport::web::api {

Error renamed(Error e, FieldNames names) {
  for (const auto& [from, to] : names)
    if (e.field == from) {
      e.field = to;
      break;
    }
  return e;
}

Result<std::optional<std::int64_t>> query_id(const Request& req, const char* name) {
  const auto& text = req.query_value(name);
  if (text.empty()) return std::optional<std::int64_t>{};
  auto v = positive_int(text);
  if (!v) return Error::invalid("field.number_invalid", name);
  return std::optional<std::int64_t>{*v};
}

}  // namespace rapport::web::api
