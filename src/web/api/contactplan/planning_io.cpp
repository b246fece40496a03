#include "web/api/contactplan/planning_io.h"

#include "web/api/json_io.h"

namespace rapport::web::api {

Error renamed(Error e, FieldNames names) {
  for (const auto& [from, to] : names)
    if (e.field == from) {
      e.field = to;
      break;
    }
  return e;
}

app::StatusInput read_status_input(const boost::json::object& body, FieldErrors& errors) {
  app::StatusInput in;
  if (auto s = get_int(body, "status", errors))
    in.status = *s;
  else if (body.find("status") == body.end())
    errors.add(Error::invalid("field.required", "status"));
  in.note = get_string(body, "note", errors).value_or("");
  in.callback_at = get_instant(body, "callback_at", errors);
  if (auto v = get_version(body, errors)) in.version = *v;
  return in;
}

}  // namespace rapport::web::api
