#include "web/api/users/user_json.h"

#include <boost/json.hpp>

namespace rapport::web::api {

boost::json::object user_to_json(const domain::User& u) {
  boost::json::array roles;
  for (auto r : u.roles) roles.push_back(boost::json::string(domain::to_string(r)));
  return {{"id", u.id.value},
          {"login", u.login},
          {"display_name", u.display_name},
          {"roles", std::move(roles)},
          {"language", std::string(code(u.language))},
          {"time_zone", u.time_zone},
          {"active", u.active},
          {"version", u.version}};
}

}  // namespace rapport::web::api
