// tests/support/test_users.h: real users in the test database, so audit
// rows and foreign keys point at someone who exists.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "app/crypto.h"
#include "app/users/user_desk.h"

namespace rapport::testing {

inline domain::User add_user(store::Database& db, const Clock& clock, const std::string& login,
                             domain::Role role, const std::string& display_name = {}) {
  EXPECT_TRUE(app::init_crypto());
  domain::User u;
  u.login = login;
  u.display_name = display_name.empty() ? login : display_name;
  u.roles = {role};
  u.time_zone = "Europe/Paris";
  auto created = app::UserDesk(db, clock).create_as_system(u, "password1");
  EXPECT_TRUE(created) << (created ? "" : created.error().key);
  return created ? *created : u;
}

}  // namespace rapport::testing
