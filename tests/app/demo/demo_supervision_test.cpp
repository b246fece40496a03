// The demo data makes the supervisor's view show a realistic day at once
// (issue 18): entries done and open, overdue, a call-back released to the
// team, orders taken, two CSRs with calls; a second run works nothing more.
#include "app/demo/demo_supervision.h"

#include <gtest/gtest.h>

#include "app/demo/demo_data.h"
#include "app/supervision/day_supervision.h"
#include "store/users/user_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"

namespace rapport::app {
namespace {

class DemoSupervisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    options.customers = 60;
    auto report = load_demo_data(t.db(), clock, options);
    ASSERT_TRUE(report) << report.error().key << " " << report.error().detail;
    auto found = t.db().read([&](store::Tx& tx) -> Result<domain::User> {
      auto u = store::UserRepository::find_by_login(tx, "manager");
      if (!u) return Error::not_found();
      return u->user;
    });
    ASSERT_TRUE(found);
    manager = *found;
  }

  testing::TestDatabase t;
  // A Sunday afternoon: neither demo plan calls today, yet the day is full.
  testing::FixedClock clock{date::sys_days{date::year{2026} / 12 / 6} + std::chrono::hours{14}};
  DemoOptions options;
  domain::User manager;
};

TEST_F(DemoSupervisionTest, TodayShowsARealisticMixAtOnce) {
  auto f = DaySupervision(t.db(), clock).today(manager);
  ASSERT_TRUE(f) << f.error().key;
  ASSERT_EQ(f->plans.size(), 2u);
  const auto& total = f->total;
  EXPECT_GE(total.due, 15);
  EXPECT_GE(domain::done(total), 4);
  EXPECT_GE(total.by_status.planned, 5);
  EXPECT_GE(total.by_status.busy, 1);
  EXPECT_GE(total.by_status.call_back, 2);
  EXPECT_GE(total.overdue, 3);
  EXPECT_GE(total.callbacks_released, 1);
  EXPECT_GE(total.ok, 1);
  EXPECT_GT(domain::list_penetration(total), 0.2);
  EXPECT_LT(domain::list_penetration(total), 0.9);
  ASSERT_EQ(f->csrs.size(), 2u);
  for (const auto& c : f->csrs) {
    EXPECT_GE(c.calls, 4) << c.name;
    EXPECT_TRUE(c.last_call_at) << c.name;
  }
  EXPECT_GE(f->csrs[0].orders + f->csrs[1].orders, 1);
  EXPECT_NE(domain::seconds_since_last_call(f->csrs[0], f->at),
            domain::seconds_since_last_call(f->csrs[1], f->at));

  auto again = add_demo_supervision_day(t.db(), clock, {});
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  auto staff = t.db().read([](store::Tx& tx) -> Result<DemoStaff> {
    DemoStaff s;
    s.english = store::UserRepository::find_by_login(tx, "csr")->user.id;
    s.french = store::UserRepository::find_by_login(tx, "conseiller")->user.id;
    return s;
  });
  ASSERT_TRUE(staff);
  auto second = add_demo_supervision_day(t.db(), clock, *staff);
  ASSERT_TRUE(second);
  EXPECT_EQ(*second, 0);
}

}  // namespace
}  // namespace rapport::app
