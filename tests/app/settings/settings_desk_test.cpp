#include "app/settings/settings_desk.h"

#include <set>

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"

namespace rapport::app {
namespace {

class SettingsDeskTest : public ::testing::Test {
 protected:
  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  SettingsDesk desk{t.db(), clock};
  domain::User admin = testing::add_user(t.db(), clock, "ada", domain::Role::admin, "Ada");
};

TEST_F(SettingsDeskTest, OnlyAdminsReadAndChangeThem) {
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(desk.get(testing::add_user(t.db(), clock, "cora", domain::Role::csr)).error().code,
            ErrorCode::forbidden);
  auto s = desk.get(admin);
  ASSERT_TRUE(s);
  EXPECT_EQ(
      desk.update(testing::add_user(t.db(), clock, "max", domain::Role::manager), *s).error().code,
      ErrorCode::forbidden);
}

TEST_F(SettingsDeskTest, SavesValidSettingsAndAuditsEachChange) {
  ASSERT_TRUE(t.ok());
  auto s = desk.get(admin).value();
  s.company_name = "Énergies du Sud";
  s.currency = "CAD";
  s.busy = {20, 8};
  auto saved = desk.update(admin, s);
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->company_name, "Énergies du Sud");
  EXPECT_EQ(saved->version, s.version + 1);
  auto history = desk.history(admin);
  ASSERT_TRUE(history);
  std::set<std::string> fields;
  for (const auto& row : *history) {
    fields.insert(row.field);
    EXPECT_EQ(row.user_name, "Ada");
  }
  EXPECT_EQ(fields,
            (std::set<std::string>{"company_name", "currency", "delay_busy", "attempts_busy"}));
}

TEST_F(SettingsDeskTest, RefusesInvalidSettingsAndChangesNothing) {
  ASSERT_TRUE(t.ok());
  auto before = desk.get(admin).value();
  auto s = before;
  s.currency = "XX";
  s.smtp_sender = "nope";
  FieldErrors errors;
  auto refused = desk.update(admin, s, &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(errors.errors.size(), 2u);
  auto after = desk.get(admin).value();
  EXPECT_EQ(after.currency, before.currency);
  EXPECT_EQ(after.version, before.version);
  EXPECT_TRUE(desk.history(admin)->empty());
}

TEST_F(SettingsDeskTest, RefusesAStaleVersion) {
  ASSERT_TRUE(t.ok());
  auto opened = desk.get(admin).value();
  auto first = opened;
  first.company_name = "First";
  ASSERT_TRUE(desk.update(admin, first));
  auto second = opened;
  second.company_name = "Second";
  auto refused = desk.update(admin, second);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "record.stale");
  EXPECT_EQ(desk.get(admin)->company_name, "First");
}

}  // namespace
}  // namespace rapport::app
