#include "app/access.h"

namespace rapport::app {
namespace {

using domain::Role;

// Whether `role` grants `what`: the one table of who may do what.
bool grants(Capability what, Role role) {
  switch (what) {
    case Capability::use_desk:
      return role != Role::customer;
    // Fulfilment works the fulfilment queue, not the customer desk
    // (platform.md): no search by phone, e-mail or date of birth.
    case Capability::read_customers:
    case Capability::edit_customers:
    case Capability::take_orders:
    case Capability::read_campaigns:
    case Capability::work_plans:
      return role == Role::csr || role == Role::manager || role == Role::admin;
    case Capability::take_calls:
      return role == Role::csr || role == Role::manager;
    case Capability::read_catalog:
      return role != Role::customer;
    case Capability::fulfil_orders:
      return role == Role::fulfilment || role == Role::manager || role == Role::admin;
    case Capability::import_customers:
    case Capability::manage_catalog:
    case Capability::manage_campaigns:
    case Capability::supervise_calls:
    case Capability::manage_plans:
    case Capability::manage_users:
      return role == Role::manager || role == Role::admin;
    case Capability::manage_admins:
    case Capability::manage_settings:
    case Capability::manage_webhooks:
    case Capability::read_metrics:
      return role == Role::admin;
    case Capability::own_account:
      return true;
  }
  return false;
}

}  // namespace

bool allowed(const domain::User& user, Capability what) {
  if (!user.active) return false;
  for (Role role : user.roles)
    if (grants(what, role)) return true;
  return false;
}

Status require(const domain::User& user, Capability what) {
  if (allowed(user, what)) return Ok{};
  return Error::forbidden();
}

bool is_portal_user(const domain::User& user) {
  return user.active && user.has_role(Role::customer) && user.portal_customer.has_value();
}

Status require_portal_user(const domain::User& user) {
  if (is_portal_user(user)) return Ok{};
  return Error::forbidden();
}

Status require_desk(const domain::User& user, Capability what) {
  if (allowed(user, what)) return Ok{};
  const bool self_service = what == Capability::take_orders || what == Capability::read_customers ||
                            what == Capability::read_catalog || what == Capability::edit_customers;
  if (self_service && is_portal_user(user)) return Ok{};
  return Error::forbidden();
}

Status require_own(const domain::User& user, std::int64_t customer) {
  if (user.is_staff()) return Ok{};
  if (is_portal_user(user) && *user.portal_customer == customer) return Ok{};
  return Error::not_found();
}

store::Actor actor_of(const domain::User& user) { return {user.id, user.display_name}; }

store::Actor system_actor(std::string name) { return {std::nullopt, std::move(name)}; }

}  // namespace rapport::app
