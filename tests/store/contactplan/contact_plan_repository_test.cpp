// A contact plan is written and read by column name (store/contactplan/
// contact_plan_row.h): every field comes back as written, an absent one as
// absent, on SQLite and PostgreSQL; a stale update is refused.
#include "store/contactplan/contact_plan_repository.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/must.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::store {
namespace {

using rapport::testing::kSystem;

using domain::ContactPlan;
using domain::RecalculationRule;

using testing::must;

CivilDate day(int y, unsigned m, unsigned d) {
  return CivilDate{date::year{y}, date::month{m}, date::day{d}};
}

class ContactPlanRows : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  // Every optional field set, every number away from its default.
  ContactPlan full_plan(std::int64_t responsible) {
    ContactPlan p;
    p.code = "WEEKLY-2";
    p.name_en = "Every other Tuesday";
    p.name_fr = "Un mardi sur deux";
    p.purpose = domain::PlanPurpose::other_contact;
    p.weekdays = domain::Weekdays(0b0000110);
    p.every_weeks = 2;
    p.frequency_start = day(2026, 1, 6);
    p.valid_from = day(2026, 1, 1);
    p.valid_to = day(2026, 12, 31);
    p.departure = "R12";
    p.lead_days = 3;
    p.responsible_user = responsible;
    p.default_status = domain::ContactStatus::completed_no_order;
    p.active = false;
    p.unavailable = RecalculationRule{45, 4};
    p.busy = RecalculationRule{10, 9};
    p.call_back = RecalculationRule{90, 2};
    return p;
  }

  static void expect_same(const ContactPlan& a, const ContactPlan& b) {
    EXPECT_EQ(a.code, b.code);
    EXPECT_EQ(a.name_en, b.name_en);
    EXPECT_EQ(a.name_fr, b.name_fr);
    EXPECT_EQ(a.purpose, b.purpose);
    EXPECT_EQ(a.weekdays.mask(), b.weekdays.mask());
    EXPECT_EQ(a.every_weeks, b.every_weeks);
    EXPECT_EQ(a.frequency_start, b.frequency_start);
    EXPECT_EQ(a.valid_from, b.valid_from);
    EXPECT_EQ(a.valid_to, b.valid_to);
    EXPECT_EQ(a.departure, b.departure);
    EXPECT_EQ(a.lead_days, b.lead_days);
    EXPECT_EQ(a.responsible_user, b.responsible_user);
    EXPECT_EQ(a.default_status, b.default_status);
    EXPECT_EQ(a.active, b.active);
    EXPECT_EQ(a.unavailable, b.unavailable);
    EXPECT_EQ(a.busy, b.busy);
    EXPECT_EQ(a.call_back, b.call_back);
  }

  testing::TestDatabase t;
  Instant now = testing::test_epoch();
  testing::FixedClock clock{now};
};

TEST_F(ContactPlanRows, EveryFieldComesBackAsWrittenAndAbsentOnesAsAbsent) {
  auto csr = testing::add_user(t.db(), clock, "maud", domain::Role::csr);
  ContactPlan p = full_plan(csr.id.value);
  auto id = must(
      t.db().write([&](Tx& tx) { return ContactPlanRepository::insert(tx, p, kSystem, now); }));
  auto stored = must(t.db().read([&](Tx& tx) { return ContactPlanRepository::find(tx, id); }));
  expect_same(stored, p);
  EXPECT_EQ(stored.id, id);
  EXPECT_EQ(stored.version, 1);

  // The update writes the same columns: clearing every optional field
  // leaves them absent, not zero or empty.
  ContactPlan cleared = stored;
  cleared.every_weeks = 1;
  cleared.frequency_start.reset();
  cleared.valid_to.reset();
  cleared.responsible_user.reset();
  cleared.unavailable.reset();
  cleared.busy.reset();
  cleared.call_back.reset();
  cleared.active = true;
  auto version = must(t.db().write(
      [&](Tx& tx) { return ContactPlanRepository::update(tx, cleared, kSystem, now); }));
  EXPECT_EQ(version, 2);
  auto reread = must(t.db().read([&](Tx& tx) { return ContactPlanRepository::find(tx, id); }));
  expect_same(reread, cleared);
  EXPECT_FALSE(reread.valid_to.has_value());
  EXPECT_FALSE(reread.busy.has_value());
  EXPECT_EQ(reread.version, 2);

  // The list and the look-up by code read the same row the same way.
  auto listed = must(t.db().read([&](Tx& tx) -> Result<std::vector<ContactPlan>> {
    return ContactPlanRepository::list(tx, false);
  }));
  ASSERT_EQ(listed.size(), 1u);
  expect_same(listed.front(), cleared);
  auto by_code = must(t.db().read([&](Tx& tx) -> Result<std::optional<ContactPlan>> {
    return ContactPlanRepository::find_by_code(tx, "WEEKLY-2");
  }));
  ASSERT_TRUE(by_code.has_value());
  EXPECT_EQ(by_code->id, id);
}

TEST_F(ContactPlanRows, AStaleUpdateChangesNothing) {
  auto csr = testing::add_user(t.db(), clock, "maud", domain::Role::csr);
  auto id = must(t.db().write([&](Tx& tx) {
    return ContactPlanRepository::insert(tx, full_plan(csr.id.value), kSystem, now);
  }));
  auto first = must(t.db().read([&](Tx& tx) { return ContactPlanRepository::find(tx, id); }));
  ContactPlan renamed = first;
  renamed.name_en = "Renamed";
  must(t.db().write(
      [&](Tx& tx) { return ContactPlanRepository::update(tx, renamed, kSystem, now); }));

  // Edited from the version read before the rename.
  ContactPlan late = first;
  late.departure = "R99";
  auto refused =
      t.db().write([&](Tx& tx) { return ContactPlanRepository::update(tx, late, kSystem, now); });
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "record.stale");
  auto stored = must(t.db().read([&](Tx& tx) { return ContactPlanRepository::find(tx, id); }));
  EXPECT_EQ(stored.name_en, "Renamed");
  EXPECT_EQ(stored.departure, "R12");
  EXPECT_EQ(stored.version, 2);
}

}  // namespace
}  // namespace rapport::store
