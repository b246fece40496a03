// web/api/users/user_json.h: a user as the API shows it.
#pragma once

#include <boost/json/object.hpp>

#include "domain/users/user.h"

namespace rapport::web::api {

boost::json::object user_to_json(const domain::User& user);

}  // namespace rapport::web::api
