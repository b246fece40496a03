// app/access.h: authorisation by role, decided here and nowhere else.
#pragma once

#include <initializer_list>

#include "core/result.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"

namespace rapport::app {

// Ok when the user holds one of `roles`; forbidden otherwise.
Status require_any_role(const domain::User& user, std::initializer_list<domain::Role> roles);

// The actor recorded in audit rows for changes made by `user`.
store::Actor actor_of(const domain::User& user);
// The actor for changes made from the command line or by the system.
store::Actor system_actor(std::string name = "system");

}  // namespace rapport::app
