#include "store/users/user_repository.h"

#include <map>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

domain::User sample(const std::string& login) {
  domain::User u;
  u.login = login;
  u.display_name = "Hélène Dupré";
  u.roles = {domain::Role::csr, domain::Role::manager};
  u.language = Language::fr;
  u.time_zone = "Europe/Paris";
  return u;
}

TEST(UserRepository, InsertsAndReadsBackAUser) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto now = testing::test_epoch();
  auto user = t.db().write([&](Tx& tx) -> Result<domain::User> {
    auto id = UserRepository::insert(tx, sample("helene"), "hash", kSystem, now);
    if (!id) return id.error();
    return UserRepository::find(tx, *id);
  });
  ASSERT_TRUE(user);
  EXPECT_EQ(user->display_name, "Hélène Dupré");
  EXPECT_EQ(domain::join_roles(user->roles), "csr,manager");
  EXPECT_EQ(user->language, Language::fr);
  EXPECT_EQ(user->version, 1);
}

TEST(UserRepository, RefusesADuplicateLogin) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto now = testing::test_epoch();
  auto first = t.db().write(
      [&](Tx& tx) { return UserRepository::insert(tx, sample("dup"), "h", kSystem, now); });
  ASSERT_TRUE(first);
  auto second = t.db().write(
      [&](Tx& tx) { return UserRepository::insert(tx, sample("dup"), "h", kSystem, now); });
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().key, "user.login_taken");
}

TEST(UserRepository, RefusesAStaleUpdateNamingWhoChangedItAndWhen) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto now = testing::test_epoch();
  auto id = t.db().write(
      [&](Tx& tx) { return UserRepository::insert(tx, sample("editor"), "h", kSystem, now); });
  ASSERT_TRUE(id);
  auto opened = t.db().read([&](Tx& tx) { return UserRepository::find(tx, *id); });
  ASSERT_TRUE(opened);
  // A colleague saves first.
  auto colleague = t.db().write(
      [&](Tx& tx) { return UserRepository::insert(tx, sample("paul"), "h", kSystem, now); });
  ASSERT_TRUE(colleague);
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    tx.sql() << "UPDATE users SET display_name = 'Paul Roux' WHERE login = 'paul'";
    return Ok{};
  }));
  domain::User first = *opened;
  first.display_name = "Hélène Martin";
  Actor editor{*colleague, "Paul Roux"};
  auto saved = t.db().write([&](Tx& tx) {
    return UserRepository::update(tx, first, editor, now + std::chrono::minutes(5));
  });
  ASSERT_TRUE(saved);
  EXPECT_EQ(*saved, 2);
  // A second form opened at version 1 is refused and changes nothing.
  domain::User stale = *opened;
  stale.display_name = "Someone Else";
  auto refused =
      t.db().write([&](Tx& tx) { return UserRepository::update(tx, stale, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "record.stale");
  ASSERT_EQ(refused.error().args.size(), 2u);
  EXPECT_EQ(refused.error().args[0].second, "Paul Roux");
  EXPECT_EQ(refused.error().args[1].second, "2026-03-10T09:05:00Z");
  auto after = t.db().read([&](Tx& tx) { return UserRepository::find(tx, *id); });
  EXPECT_EQ(after->display_name, "Hélène Martin");
}

TEST(UserRepository, AuditsEachChangedFieldInTheSameTransaction) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto now = testing::test_epoch();
  auto id = t.db().write(
      [&](Tx& tx) { return UserRepository::insert(tx, sample("audited"), "h", kSystem, now); });
  ASSERT_TRUE(id);
  auto user = t.db().read([&](Tx& tx) { return UserRepository::find(tx, *id); }).value();
  user.time_zone = "America/Toronto";
  user.active = false;
  ASSERT_TRUE(t.db().write([&](Tx& tx) { return UserRepository::update(tx, user, kSystem, now); }));
  auto history = t.db().read([&](Tx& tx) -> Result<std::vector<AuditRow>> {
    return AuditRepository::history(tx, "user", id->value);
  });
  ASSERT_TRUE(history);
  ASSERT_GE(history->size(), 2u);
  // Newest first: the update's two fields, then the creation's.
  std::map<std::string, AuditRow> latest;
  for (const auto& row : *history) latest.emplace(row.field, row);
  EXPECT_EQ(latest["time_zone"].old_value, "Europe/Paris");
  EXPECT_EQ(latest["time_zone"].new_value, "America/Toronto");
  EXPECT_EQ(latest["active"].old_value, "1");
  EXPECT_EQ(latest["active"].new_value, "0");
  EXPECT_EQ(latest["active"].user_name, "test");
}

TEST(UserRepository, LeavesNoAuditRowWhenTheChangeRollsBack) {
  testing::TestDatabase t;
  ASSERT_TRUE(t.ok());
  auto now = testing::test_epoch();
  auto failed = t.db().write([&](Tx& tx) -> Result<Id<domain::User>> {
    auto id = UserRepository::insert(tx, sample("ghost"), "h", kSystem, now);
    if (!id) return id.error();
    return Error::invalid("test.abort");
  });
  ASSERT_FALSE(failed);
  auto found = t.db().read([&](Tx& tx) -> Result<bool> {
    return UserRepository::find_by_login(tx, "ghost").has_value();
  });
  EXPECT_FALSE(*found);
  auto audit_rows = t.db().read([&](Tx& tx) -> Result<int> {
    int n = 0;
    tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE record_type = 'user'", soci::into(n);
    return n;
  });
  EXPECT_EQ(*audit_rows, 0);
}

}  // namespace
}  // namespace rapport::store
