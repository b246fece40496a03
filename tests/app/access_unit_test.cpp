// Who may do what: the one table of app/access.cpp, read the way the faces
// read it (menus, buttons) and the desks enforce it.
#include <gtest/gtest.h>

#include "app/access.h"

namespace rapport::app {
namespace {

using domain::Role;

domain::User with(std::vector<Role> roles, bool active = true) {
  domain::User u;
  u.roles = std::move(roles);
  u.active = active;
  return u;
}

TEST(Access, EachRoleGetsWhatItsJobNeeds) {
  const auto csr = with({Role::csr});
  EXPECT_TRUE(allowed(csr, Capability::edit_customers));
  EXPECT_TRUE(allowed(csr, Capability::take_orders));
  EXPECT_TRUE(allowed(csr, Capability::work_plans));
  EXPECT_TRUE(allowed(csr, Capability::take_calls));
  EXPECT_FALSE(allowed(csr, Capability::manage_plans));
  EXPECT_FALSE(allowed(csr, Capability::supervise_calls));
  EXPECT_FALSE(allowed(csr, Capability::import_customers));

  // Fulfilment works the fulfilment queue, not the customer desk: no
  // search by phone, e-mail or date of birth, no interactions logged.
  const auto fulfilment = with({Role::fulfilment});
  EXPECT_TRUE(allowed(fulfilment, Capability::use_desk)) << "the home page";
  EXPECT_TRUE(allowed(fulfilment, Capability::own_account));
  EXPECT_FALSE(allowed(fulfilment, Capability::read_customers));
  EXPECT_FALSE(allowed(fulfilment, Capability::edit_customers));
  EXPECT_FALSE(allowed(fulfilment, Capability::take_orders));
  EXPECT_FALSE(allowed(fulfilment, Capability::work_plans));

  const auto manager = with({Role::manager});
  EXPECT_TRUE(allowed(manager, Capability::manage_plans));
  EXPECT_TRUE(allowed(manager, Capability::manage_users));
  EXPECT_FALSE(allowed(manager, Capability::manage_admins));
  EXPECT_FALSE(allowed(manager, Capability::manage_settings));

  const auto admin = with({Role::admin});
  EXPECT_TRUE(allowed(admin, Capability::manage_settings));
  EXPECT_FALSE(allowed(admin, Capability::take_calls)) << "admins are not handed calls";

  const auto customer = with({Role::customer});
  EXPECT_FALSE(allowed(customer, Capability::use_desk));
  EXPECT_FALSE(allowed(customer, Capability::read_customers));
  EXPECT_TRUE(allowed(customer, Capability::own_account));
}

TEST(Access, AnInactiveUserMayDoNothing) {
  const auto gone = with({Role::admin, Role::csr}, false);
  EXPECT_FALSE(allowed(gone, Capability::own_account));
  EXPECT_FALSE(allowed(gone, Capability::read_customers));
  EXPECT_EQ(require(gone, Capability::read_customers).error().code, ErrorCode::forbidden);
}

TEST(Access, SeveralRolesAddUp) {
  const auto both = with({Role::fulfilment, Role::csr});
  EXPECT_TRUE(allowed(both, Capability::edit_customers));
  EXPECT_TRUE(require(both, Capability::take_orders));
}

TEST(Access, APortalUserWorksOnlyOnItsOwnCustomersRecords) {
  auto customer = with({Role::customer});
  customer.portal_customer = 7;
  EXPECT_TRUE(require_desk(customer, Capability::take_orders));
  EXPECT_TRUE(require_desk(customer, Capability::read_catalog));
  EXPECT_EQ(require_desk(customer, Capability::fulfil_orders).error().code, ErrorCode::forbidden);
  EXPECT_TRUE(require_desk(customer, Capability::edit_customers))
      << "their own details (CustomerDesk::update, which calls require_own)";
  EXPECT_EQ(require(customer, Capability::edit_customers).error().code, ErrorCode::forbidden);
  EXPECT_EQ(require_desk(customer, Capability::manage_users).error().code, ErrorCode::forbidden);
  EXPECT_EQ(require(customer, Capability::take_orders).error().code, ErrorCode::forbidden)
      << "lists across customers keep require()";
  EXPECT_TRUE(require_own(customer, 7));
  EXPECT_EQ(require_own(customer, 8).error().code, ErrorCode::not_found)
      << "another customer's record is as unknown as an id that does not exist";

  auto unbound = with({Role::customer});
  EXPECT_EQ(require_desk(unbound, Capability::take_orders).error().code, ErrorCode::forbidden);
  EXPECT_EQ(require_own(unbound, 7).error().code, ErrorCode::not_found);

  auto gone = customer;
  gone.active = false;
  EXPECT_EQ(require_desk(gone, Capability::take_orders).error().code, ErrorCode::forbidden);

  const auto csr = with({Role::csr});
  EXPECT_TRUE(require_desk(csr, Capability::take_orders));
  EXPECT_TRUE(require_own(csr, 8));
  EXPECT_EQ(require_desk(with({Role::fulfilment}), Capability::take_orders).error().code,
            ErrorCode::forbidden);
}

}  // namespace
}  // namespace rapport::app
