#include "domain/users/user.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

User valid_user() {
  User u;
  u.login = "sam.carter";
  u.display_name = "Sam Carter";
  u.roles = {Role::csr};
  u.time_zone = "America/Toronto";
  return u;
}

bool has_field(const FieldErrors& e, const std::string& field) {
  for (const auto& err : e.errors)
    if (err.field == field) return true;
  return false;
}

TEST(User, AcceptsAWellFormedUser) { EXPECT_TRUE(validate_user(valid_user()).empty()); }

TEST(User, ReportsEveryBadFieldAtOnce) {
  User u = valid_user();
  u.login = "Sam Carter";
  u.display_name = "";
  u.roles = {};
  u.time_zone = "Nowhere/City";
  auto errors = validate_user(u);
  EXPECT_EQ(errors.errors.size(), 4u);
  EXPECT_TRUE(has_field(errors, "login"));
  EXPECT_TRUE(has_field(errors, "display_name"));
  EXPECT_TRUE(has_field(errors, "roles"));
  EXPECT_TRUE(has_field(errors, "time_zone"));
}

TEST(User, ADisplayNameIsOneLine) {
  for (std::string name : {"Sam\r\nCarter", "Sam\nCarter", "Sam\tCarter"}) {
    User u = valid_user();
    u.display_name = name;
    auto errors = validate_user(u);
    ASSERT_EQ(errors.errors.size(), 1u) << ::testing::PrintToString(name);
    EXPECT_EQ(errors.errors[0].field, "display_name");
    EXPECT_EQ(errors.errors[0].key, "text.one_line");
  }
}

TEST(User, RefusesLoginsTooShortOrTooLong) {
  User u = valid_user();
  u.login = "a";
  EXPECT_TRUE(has_field(validate_user(u), "login"));
  u.login = std::string(65, 'a');
  EXPECT_TRUE(has_field(validate_user(u), "login"));
}

TEST(User, ParsesRolesInCanonicalOrderWithoutDuplicates) {
  auto roles = parse_roles("admin, csr,admin");
  ASSERT_TRUE(roles);
  EXPECT_EQ(join_roles(*roles), "csr,admin");
  auto bad = parse_roles("csr,wizard");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "user.roles_invalid");
}

TEST(User, KnowsStaffFromCustomers) {
  User u = valid_user();
  EXPECT_TRUE(u.is_staff());
  u.roles = {Role::customer};
  EXPECT_FALSE(u.is_staff());
}

TEST(User, PasswordPolicyNeedsEightToOneHundredTwentyEightBytes) {
  EXPECT_TRUE(validate_password("12345678") == std::nullopt);
  EXPECT_EQ(validate_password("1234567")->key, "user.password_short");
  EXPECT_EQ(validate_password(std::string(129, 'x'))->key, "user.password_long");
}

}  // namespace
}  // namespace rapport::domain
