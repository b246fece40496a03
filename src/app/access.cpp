#include "app/access.h"

namespace rapport::app {

Status require_any_role(const domain::User& user, std::initializer_list<domain::Role> roles) {
  if (!user.active) return Error::forbidden();
  for (auto role : roles)
    if (user.has_role(role)) return Ok{};
  return Error::forbidden();
}

store::Actor actor_of(const domain::User& user) { return {user.id, user.display_name}; }

store::Actor system_actor(std::string name) { return {std::nullopt, std::move(name)}; }

}  // namespace rapport::app
