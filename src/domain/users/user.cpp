#include "domain/users/user.h"

#include <algorithm>

#include "core/time.h"
#include "domain/text_length.h"

namespace rapport::domain {
namespace {

constexpr std::size_t kMaxDisplayName = 100;

}  // namespace

std::string_view to_string(Role role) { return enum_code(role); }

const std::vector<Role>& all_roles() {
  static const std::vector<Role> roles{Role::csr, Role::manager, Role::fulfilment, Role::admin,
                                       Role::customer};
  return roles;
}

std::optional<Role> parse_role(std::string_view text) { return enum_from_code<Role>(text); }

bool User::has_role(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

bool User::is_staff() const {
  return std::any_of(roles.begin(), roles.end(), [](Role r) { return r != Role::customer; });
}

std::string join_roles(const std::vector<Role>& roles) {
  std::string out;
  for (Role r : all_roles()) {
    if (std::find(roles.begin(), roles.end(), r) == roles.end()) continue;
    if (!out.empty()) out += ',';
    out += to_string(r);
  }
  return out;
}

Result<std::vector<Role>> parse_roles(std::string_view text) {
  std::vector<Role> roles;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto name = text.substr(start, end - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) {
      auto role = parse_role(name);
      if (!role)
        return Error::invalid("user.roles_invalid", "roles", {{"role", std::string(name)}});
      if (std::find(roles.begin(), roles.end(), *role) == roles.end()) roles.push_back(*role);
    }
    start = end + 1;
  }
  return roles;
}

FieldErrors validate_user(const User& user) {
  FieldErrors errors;
  const auto& login = user.login;
  bool login_ok =
      login.size() >= 2 && login.size() <= 64 &&
      std::all_of(login.begin(), login.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      });
  if (!login_ok) errors.add(Error::invalid("user.login_invalid", "login"));
  if (user.display_name.empty() || characters(user.display_name) > kMaxDisplayName)
    errors.add(Error::invalid("user.display_name_invalid", "display_name",
                              {{"max", std::to_string(kMaxDisplayName)}}));
  check_one_line(errors, user.display_name, "display_name");
  if (user.roles.empty()) errors.add(Error::invalid("user.roles_empty", "roles"));
  if (!is_valid_time_zone(user.time_zone))
    errors.add(Error::invalid("field.time_zone_invalid", "time_zone"));
  return errors;
}

std::optional<Error> validate_password(std::string_view password) {
  if (password.size() < 8) return Error::invalid("user.password_short", "password", {{"min", "8"}});
  if (password.size() > 128)
    return Error::invalid("user.password_long", "password", {{"max", "128"}});
  return std::nullopt;
}

}  // namespace rapport::domain
