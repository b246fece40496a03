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

}  // namespace rapport::web::api
