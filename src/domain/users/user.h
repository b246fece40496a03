// domain/users/user.h: who uses Rapport and with which roles.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/result.h"

namespace rapport::domain {

// What a user may do (platform.md): desks and pages follow from the roles.
enum class Role { csr, manager, fulfilment, admin, customer };
BOOST_DESCRIBE_ENUM(Role, csr, manager, fulfilment, admin, customer)

std::string_view to_string(Role role);
std::optional<Role> parse_role(std::string_view text);
const std::vector<Role>& all_roles();

struct User {
  Id<User> id;
  std::string login;
  std::string display_name;
  std::vector<Role> roles;
  Language language = Language::en;
  std::string time_zone = "Europe/Paris";
  bool active = true;
  Version version = 0;
  // A portal user's customer and the contact it was invited for
  // (store/portal); empty for staff. Loaded with the user, so that
  // app::require_own() decides without reading the database.
  std::optional<std::int64_t> portal_customer;
  std::optional<std::int64_t> portal_contact;

  bool has_role(Role role) const;
  bool is_staff() const;  // any role but customer
};

// "csr,manager" ↔ roles, in the order of all_roles(); unknown names are
// invalid ("user.roles_invalid").
std::string join_roles(const std::vector<Role>& roles);
Result<std::vector<Role>> parse_roles(std::string_view text);

// The rules a user record must satisfy: login 2–64 of [a-z0-9._-], a
// display name of 1–100 characters, at least one role, a known time zone.
// Returns every field at fault.
FieldErrors validate_user(const User& user);

// A password is 8 to 128 bytes ("user.password_short" / "_long").
std::optional<Error> validate_password(std::string_view password);

}  // namespace rapport::domain
