// GET /api/v1/me: who the caller is.
#include <boost/json.hpp>

#include "web/api/json_io.h"
#include "web/api/routes.h"
#include "web/api/users/user_json.h"

namespace rapport::web::api {

void register_me_api(Router& router, WebContext&) {
  router.get("/api/v1/me", Access::user,
             [](Request& req) { return json_ok(200, user_to_json(*req.user)); });
}

}  // namespace rapport::web::api
