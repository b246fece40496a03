// The supervisor's view of the day (issue 18) on a day built by hand — every
// status, a call-back carried over from yesterday and released to the team,
// a team call-back, two CSRs, calls on either side of the business day's
// bounds — whose counts are known, on SQLite and PostgreSQL. The database's
// counts must also equal domain/'s rules applied to the same entries.
#include "app/supervision/day_supervision.h"

#include <map>

#include <gtest/gtest.h>

#include "store/contactplan/plan_entry_repository.h"
#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

using domain::ContactStatus;
using rapport::testing::day;

// 2026-03-10 (a Tuesday) at `hh:mm` UTC; Paris is UTC+1, so the business
// day (the installation's zone, Europe/Paris) is [09 23:00Z, 10 23:00Z).
Instant utc(int d, int hh, int mm) {
  return date::sys_days{date::year{2026} / 3 / d} + std::chrono::hours{hh} +
         std::chrono::minutes{mm};
}

class DaySupervisionTest : public rapport::testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    clock.advance(std::chrono::hours{5});  // 14:00 UTC, 15:00 in Paris
    a = make_plan("DAYA", std::nullopt);
    b = make_plan("DAYB", std::nullopt);
  }

  std::int64_t entry(const domain::ContactPlan& plan, std::int64_t customer, int contact_day,
                     ContactStatus status, int attempt, Instant next, Instant window_end,
                     std::optional<std::int64_t> responsible = std::nullopt, bool order = false) {
    return t.db()
        .write([&](store::Tx& tx) -> Result<std::int64_t> {
          long long plan_id = plan.id.value, cust = customer, st = domain::to_number(status),
                    att = attempt, resp = responsible.value_or(0), ord = 4242;
          std::string date = format_date(day(2026, 3, contact_day)), n = format_instant(next),
                      w = format_instant(window_end), at = format_instant(clock.now());
          soci::indicator resp_ind = responsible ? soci::i_ok : soci::i_null;
          soci::indicator ord_ind = order ? soci::i_ok : soci::i_null;
          tx.sql() << "INSERT INTO plan_entries (plan_id, customer_id, contact_date, planned_at, "
                      "next_contact_at, window_ends_at, phone_e164, status, attempt, "
                      "responsible_user, sales_order_id, result_note, version, changed_at) VALUES "
                      "(:p, :c, :d, :n, :n2, :w, '+33612345678', :s, :a, :r, :o, '', 1, :at)",
              soci::use(plan_id), soci::use(cust), soci::use(date), soci::use(n), soci::use(n),
              soci::use(w), soci::use(st), soci::use(att), soci::use(resp, resp_ind),
              soci::use(ord, ord_ind), soci::use(at);
          long long id = 0;
          tx.sql() << "SELECT id FROM plan_entries WHERE plan_id = :p AND customer_id = :c AND "
                      "contact_date = :d",
              soci::use(plan_id), soci::use(cust), soci::use(date), soci::into(id);
          return static_cast<std::int64_t>(id);
        })
        .value();
  }

  void call(std::int64_t entry_id, const domain::User& who, Instant at, ContactStatus status) {
    ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
      long long e = entry_id, u = who.id.value, s = domain::to_number(status);
      std::string when = format_instant(at);
      tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, note) "
                  "VALUES (:e, :at, :u, :s, 1, '')",
          soci::use(e), soci::use(when), soci::use(u), soci::use(s);
      return Ok{};
    }));
  }

  // The day described at the top: plan A has six entries, plan B four; two
  // more are outside the day.
  void build_day() {
    const auto win = utc(10, 16, 0);
    const auto cora = csr.id.value, omar = other_csr.id.value;
    entry(a, helene, 10, ContactStatus::planned, 1, utc(10, 16, 0), utc(10, 17, 0));  // later
    entry(a, noemie, 10, ContactStatus::planned, 1, utc(10, 8, 0), utc(10, 12, 0));   // missed
    auto a3 = entry(a, paul, 10, ContactStatus::unavailable, 2, utc(10, 13, 30), win);
    auto a4 = entry(a, helene, 3, ContactStatus::busy, 2, utc(10, 14, 30), win);
    // Cora's call-back, asked for yesterday, an hour late: released.
    auto a5 = entry(a, noemie, 9, ContactStatus::call_back, 2, utc(10, 13, 0), win, cora);
    auto a6 = entry(a, paul, 3, ContactStatus::completed, 1, utc(10, 9, 0), win, cora, true);
    auto b1 = entry(b, helene, 10, ContactStatus::call_back, 2, utc(10, 13, 50), win, omar);
    auto b2 = entry(b, noemie, 10, ContactStatus::completed_no_order, 2, utc(10, 10, 0), win);
    auto b3 = entry(b, paul, 10, ContactStatus::cancelled, 3, utc(10, 11, 0), win);
    auto b4 = entry(b, helene, 3, ContactStatus::call_back, 2, utc(10, 13, 0), win);  // team's
    auto tomorrow = entry(a, helene, 11, ContactStatus::planned, 1, utc(11, 9, 0), utc(11, 16, 0));
    auto yesterday = entry(b, paul, 9, ContactStatus::busy, 2, utc(9, 15, 0), utc(9, 16, 0));

    call(a3, csr, utc(10, 10, 0), ContactStatus::unavailable);
    call(a4, other_csr, utc(10, 11, 0), ContactStatus::busy);
    call(a5, csr, utc(9, 15, 0), ContactStatus::call_back);  // yesterday: not today's
    call(a6, csr, utc(10, 9, 15), ContactStatus::completed);
    call(b1, other_csr, utc(10, 12, 0), ContactStatus::call_back);
    call(b2, other_csr, utc(10, 9, 30), ContactStatus::busy);
    call(b2, other_csr, utc(10, 12, 30), ContactStatus::completed_no_order);
    call(b3, csr, utc(10, 8, 0), ContactStatus::unavailable);
    call(b3, csr, utc(10, 10, 30), ContactStatus::unavailable);
    call(b3, csr, utc(10, 13, 45), ContactStatus::cancelled);
    call(b4, other_csr, utc(10, 11, 30), ContactStatus::call_back);
    call(yesterday, other_csr, utc(9, 23, 30), ContactStatus::busy);  // 00:30 in Paris: today
    call(tomorrow, other_csr, utc(10, 23, 30), ContactStatus::busy);  // tomorrow in Paris
    call(a5, manager, utc(10, 13, 0), ContactStatus::planned);        // a reopening: no call
  }

  domain::ContactPlan a, b;
};

TEST_F(DaySupervisionTest, TheDayBuiltByHandHasTheKnownCounts) {
  build_day();
  DaySupervision desk(t.db(), clock);
  auto f = desk.today(manager);
  ASSERT_TRUE(f) << f.error().key;
  EXPECT_EQ(f->day, day(2026, 3, 10));
  EXPECT_EQ(f->zone, "Europe/Paris");
  ASSERT_EQ(f->plans.size(), 2u);

  const auto& pa = f->plans[0];
  EXPECT_EQ(pa.code, "DAYA");
  EXPECT_EQ(pa.counts.due, 6);
  EXPECT_EQ(pa.counts.by_status.planned, 2);
  EXPECT_EQ(pa.counts.by_status.unavailable, 1);
  EXPECT_EQ(pa.counts.by_status.busy, 1);
  EXPECT_EQ(pa.counts.by_status.call_back, 1);
  EXPECT_EQ(pa.counts.by_status.completed, 1);
  EXPECT_EQ(domain::done(pa.counts), 1);
  EXPECT_EQ(domain::open_count(pa.counts), 5);
  EXPECT_EQ(pa.counts.overdue, 3);
  EXPECT_EQ(pa.counts.overdue_window_closed, 1);
  EXPECT_EQ(pa.counts.callbacks_overdue, 1);
  EXPECT_EQ(pa.counts.callbacks_released, 1);
  EXPECT_EQ(pa.counts.calls, 4);
  EXPECT_EQ(pa.counts.worked, 4);
  EXPECT_EQ(pa.counts.ok, 1);

  const auto& pb = f->plans[1];
  EXPECT_EQ(pb.code, "DAYB");
  EXPECT_EQ(pb.counts.due, 4);
  EXPECT_EQ(pb.counts.by_status.call_back, 2);
  EXPECT_EQ(pb.counts.by_status.completed_no_order, 1);
  EXPECT_EQ(pb.counts.by_status.cancelled, 1);
  EXPECT_EQ(domain::done(pb.counts), 2);
  EXPECT_EQ(pb.counts.overdue, 2);
  EXPECT_EQ(pb.counts.overdue_window_closed, 0);
  EXPECT_EQ(pb.counts.callbacks_overdue, 2);
  EXPECT_EQ(pb.counts.callbacks_released, 0);  // one is 10 minutes late, one is the team's
  EXPECT_EQ(pb.counts.calls, 7);
  EXPECT_EQ(pb.counts.worked, 4);
  EXPECT_EQ(pb.counts.ok, 0);

  EXPECT_EQ(f->total.due, 10);
  EXPECT_EQ(domain::done(f->total), 3);
  EXPECT_EQ(domain::open_count(f->total), 7);
  EXPECT_EQ(f->total.overdue, 5);
  EXPECT_EQ(f->total.callbacks_overdue, 3);
  EXPECT_EQ(f->total.callbacks_released, 1);
  EXPECT_DOUBLE_EQ(domain::list_penetration(f->total), 0.8);
  EXPECT_DOUBLE_EQ(domain::attempts_per_entry(f->total), 11.0 / 8.0);

  ASSERT_EQ(f->csrs.size(), 2u);  // the manager's reopening is not a call
  const auto& cora = f->csrs[0];
  EXPECT_EQ(cora.name, "Cora");
  EXPECT_EQ(cora.calls, 5);
  EXPECT_EQ(cora.outcomes.unavailable, 3);
  EXPECT_EQ(cora.outcomes.completed, 1);
  EXPECT_EQ(cora.outcomes.cancelled, 1);
  EXPECT_EQ(cora.orders, 1);
  EXPECT_EQ(domain::seconds_since_last_call(cora, f->at), 15 * 60);
  const auto& omar = f->csrs[1];
  EXPECT_EQ(omar.name, "Omar");
  EXPECT_EQ(omar.calls, 6);
  EXPECT_EQ(omar.outcomes.busy, 3);
  EXPECT_EQ(omar.outcomes.call_back, 2);
  EXPECT_EQ(omar.outcomes.completed_no_order, 1);
  EXPECT_EQ(omar.orders, 0);
  EXPECT_EQ(domain::seconds_since_last_call(omar, f->at), 90 * 60);
}

TEST_F(DaySupervisionTest, TheDatabaseCountsAsTheDomainRulesDo) {
  build_day();
  auto f = DaySupervision(t.db(), clock).today(manager);
  ASSERT_TRUE(f);
  store::PlanEntryFilter filter;
  filter.from = filter.to = day(2026, 3, 10);
  filter.zone = "Europe/Paris";
  filter.limit = 500;
  auto rows = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::PlanEntryRow>> {
    return store::PlanEntryRepository::list(tx, filter);
  });
  ASSERT_TRUE(rows);
  std::map<std::string, domain::DayCounts> by_plan;
  for (const auto& r : *rows) {
    const auto& e = r.entry;
    domain::add_entry(by_plan[r.plan_code],
                      {e.status, e.attempt, e.next_contact_at, e.window_ends_at,
                       e.responsible_user.has_value(), e.sales_order.has_value()},
                      f->at, f->release_minutes);
  }
  ASSERT_EQ(by_plan.size(), f->plans.size());
  for (const auto& p : f->plans) {
    const auto& want = by_plan[p.code];
    const auto& got = p.counts;
    EXPECT_EQ(got.due, want.due) << p.code;
    EXPECT_EQ(got.overdue, want.overdue) << p.code;
    EXPECT_EQ(got.overdue_window_closed, want.overdue_window_closed) << p.code;
    EXPECT_EQ(got.callbacks_overdue, want.callbacks_overdue) << p.code;
    EXPECT_EQ(got.callbacks_released, want.callbacks_released) << p.code;
    EXPECT_EQ(got.calls, want.calls) << p.code;
    EXPECT_EQ(got.worked, want.worked) << p.code;
    EXPECT_EQ(got.ok, want.ok) << p.code;
    std::size_t n = 0;
    const ContactStatus* all = domain::all_contact_statuses(n);
    for (std::size_t i = 0; i < n; ++i)
      EXPECT_EQ(domain::count_of(got.by_status, all[i]), domain::count_of(want.by_status, all[i]))
          << p.code << " " << domain::to_number(all[i]);
  }
}

TEST_F(DaySupervisionTest, OnlySupervisorsSeeTheDayAndAnEmptyDayIsZero) {
  DaySupervision desk(t.db(), clock);
  auto refused = desk.today(csr);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  auto empty = desk.today(manager);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->plans.empty());
  EXPECT_TRUE(empty->csrs.empty());
  EXPECT_EQ(empty->total.due, 0);
  EXPECT_EQ(domain::list_penetration(empty->total), 0.0);
}

}  // namespace
}  // namespace rapport::app
