#include "app/users/user_desk.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

class UserDeskTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }
  domain::User candidate(const std::string& login, domain::Role role) {
    domain::User u;
    u.login = login;
    u.display_name = "Noémie Roy";
    u.roles = {role};
    u.time_zone = "America/Montreal";
    return u;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  UserDesk desk{t.db(), clock};
};

TEST_F(UserDeskTest, ManagersAddStaffButNotAdmins) {
  auto manager = testing::add_user(t.db(), clock, "maya", domain::Role::manager);
  EXPECT_TRUE(desk.create(manager, candidate("noemie", domain::Role::csr), "long enough"));
  auto refused = desk.create(manager, candidate("root2", domain::Role::admin), "long enough");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
}

TEST_F(UserDeskTest, CsrsCannotManageUsers) {
  auto csr = testing::add_user(t.db(), clock, "carl", domain::Role::csr);
  EXPECT_EQ(desk.list(csr, 0, 10).error().code, ErrorCode::forbidden);
  EXPECT_EQ(desk.create(csr, candidate("x1", domain::Role::csr), "long enough").error().code,
            ErrorCode::forbidden);
}

TEST_F(UserDeskTest, ReportsEveryInvalidFieldAndSavesNothing) {
  auto admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  domain::User bad = candidate("Bad Login", domain::Role::csr);
  bad.roles.clear();
  FieldErrors errors;
  auto refused = desk.create(admin, bad, "short", &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(errors.errors.size(), 3u);  // login, roles, password
  EXPECT_EQ(desk.list(admin, 0, 50)->users.size(), 1u);
}

TEST_F(UserDeskTest, RefusesATakenLogin) {
  auto admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  auto refused = desk.create(admin, candidate("ada", domain::Role::csr), "long enough");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "user.login_taken");
}

TEST_F(UserDeskTest, PagesUsersWithACursor) {
  auto admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin);
  for (int i = 0; i < 4; ++i)
    testing::add_user(t.db(), clock, "user" + std::to_string(i), domain::Role::csr);
  std::vector<std::string> seen;
  std::int64_t after = 0;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = desk.list(admin, after, 2);
    ASSERT_TRUE(page);
    for (const auto& u : page->users) seen.push_back(u.login);
    if (!page->next_after) break;
    after = *page->next_after;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"ada", "user0", "user1", "user2", "user3"}));
  EXPECT_EQ(desk.list(admin, 0, 0).error().key, "page.limit_invalid");
  EXPECT_EQ(desk.list(admin, 0, kMaxPageSize + 1).error().key, "page.limit_invalid");
}

TEST_F(UserDeskTest, ChangingOwnPasswordNeedsTheCurrentOne) {
  auto csr = testing::add_user(t.db(), clock, "carl", domain::Role::csr);
  auto wrong = desk.change_own_password(csr, "not it", "new password");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().key, "account.current_password_wrong");
  EXPECT_TRUE(desk.change_own_password(csr, "password1", "new password"));
  EXPECT_FALSE(desk.change_own_password(csr, "password1", "another one"));
}

}  // namespace
}  // namespace rapport::app
