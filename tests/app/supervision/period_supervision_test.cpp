// The supervisor's view over a period (issue 18, section 2) on a period
// built by hand — three days in Paris, two plans, two CSRs, three customer
// groups, calls on either side of the period's bounds, a reopening, service
// orders in and out of it — whose counts are known, on SQLite and
// PostgreSQL.
#include "app/supervision/period_supervision.h"

#include <gtest/gtest.h>

#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

using domain::ContactStatus;
using domain::Outcome;
using rapport::testing::day;

Instant march_at(int d, int hh, int mm = 0) {
  return date::sys_days{date::year{2026} / 3 / d} + std::chrono::hours{hh} +
         std::chrono::minutes{mm};
}

class PeriodSupervisionTest : public rapport::testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    clock.advance(std::chrono::hours{5});  // 2026-03-10 14:00 UTC, 15:00 in Paris
    a = make_plan("PERA", std::nullopt);
    b = make_plan("PERB", std::nullopt);
    bakery = add_customer("Boulanger", "Anne", {"1 rue du Four", "", "75006", "Paris", "", "FR"},
                          "06 11 22 33 44", "commercial", "BAKERY");
    cafe = add_customer("Cafetier", "Luc", {"2 rue du Bac", "", "75007", "Paris", "", "FR"},
                        "06 55 66 77 88", "commercial", "CAFE");
  }

  std::int64_t entry(const domain::ContactPlan& plan, std::int64_t customer, int contact_day,
                     ContactStatus status, int attempt) {
    return t.db()
        .write([&](store::Tx& tx) -> Result<std::int64_t> {
          long long plan_id = plan.id.value, cust = customer, st = domain::to_number(status),
                    att = attempt;
          std::string date = format_date(day(2026, 3, contact_day)),
                      at = format_instant(march_at(contact_day, 9));
          tx.sql() << "INSERT INTO plan_entries (plan_id, customer_id, contact_date, planned_at, "
                      "next_contact_at, window_ends_at, phone_e164, status, attempt, "
                      "result_note, version, changed_at) VALUES (:p, :c, :d, :n, :n2, :w, "
                      "'+33612345678', :s, :a, '', 1, :at)",
              soci::use(plan_id), soci::use(cust), soci::use(date), soci::use(at), soci::use(at),
              soci::use(at), soci::use(st), soci::use(att), soci::use(at);
          long long id = 0;
          tx.sql() << "SELECT id FROM plan_entries WHERE plan_id = :p AND customer_id = :c AND "
                      "contact_date = :d",
              soci::use(plan_id), soci::use(cust), soci::use(date), soci::into(id);
          return static_cast<std::int64_t>(id);
        })
        .value();
  }

  void call(std::int64_t entry_id, const domain::User& who, Instant at, ContactStatus status,
            int attempt) {
    ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
      long long e = entry_id, u = who.id.value, s = domain::to_number(status), n = attempt;
      std::string when = format_instant(at);
      tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, note) "
                  "VALUES (:e, :at, :u, :s, :a, '')",
          soci::use(e), soci::use(when), soci::use(u), soci::use(s), soci::use(n);
      return Ok{};
    }));
  }

  void service_order(const std::string& number, Instant created, const domain::User& who,
                     const std::string& status) {
    ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
      long long campaign = 0, u = who.id.value;
      std::string at = format_instant(created);
      tx.sql() << "SELECT COUNT(*) FROM campaigns WHERE code = 'PERIOD'", soci::into(campaign);
      if (campaign == 0)
        tx.sql() << "INSERT INTO campaigns (code, description_en, description_fr, valid_from, "
                    "target_classes, target_regions, rules_json, new_person_class, "
                    "new_person_language, new_person_relationship, premise_usage, "
                    "premise_may_create, account_usage, account_may_create, questions_json, "
                    "created_at, updated_at) VALUES ('PERIOD', 'Period', 'Période', "
                    "'2026-01-01', '', '', '[]', 'residential', 'fr', 'owner', 'optional', 1, "
                    "'optional', 1, '[]', :at, :at2)",
            soci::use(at), soci::use(at);
      tx.sql() << "SELECT id FROM campaigns WHERE code = 'PERIOD'", soci::into(campaign);
      tx.sql() << "INSERT INTO service_orders (number, status, campaign_id, prospect_name, "
                  "prospect_json, person_choice, account_choice, premise_choice, "
                  "premise_address_json, premise_type, answers_json, set_aside_json, "
                  "created_json, assigned_user, created_at, updated_at) VALUES (:n, :s, :c, "
                  "'Prospect', '{}', 'new', 'none', 'none', '{}', '', '{}', '{}', '{}', :u, :at, "
                  ":at2)",
          soci::use(number), soci::use(status), soci::use(campaign), soci::use(u), soci::use(at),
          soci::use(at);
      return Ok{};
    }));
  }

  // 8, 9 and 10 March 2026 in Paris (UTC+1): [7 23:00Z, 10 23:00Z).
  void build_period() {
    auto e1 = entry(a, bakery, 8, ContactStatus::completed, 2);
    auto e2 = entry(a, cafe, 9, ContactStatus::completed_no_order, 1);
    auto e3 = entry(a, paul, 9, ContactStatus::call_back, 2);
    auto e4 = entry(b, bakery, 10, ContactStatus::cancelled, 3);
    auto e5 = entry(b, cafe, 10, ContactStatus::planned, 1);
    auto e6 = entry(b, paul, 10, ContactStatus::completed, 1);
    auto before = entry(a, cafe, 7, ContactStatus::completed, 1);  // planned before the period
    auto after = entry(b, bakery, 11, ContactStatus::busy, 2);     // planned after it

    call(e1, csr, march_at(8, 9), ContactStatus::busy, 2);
    call(e1, csr, march_at(8, 10), ContactStatus::completed, 2);
    call(before, other_csr, march_at(7, 23, 30), ContactStatus::completed, 1);  // 00:30 on the 8th
    call(before, other_csr, march_at(7, 12), ContactStatus::busy, 1);           // the 7th: out
    call(e2, other_csr, march_at(9, 10), ContactStatus::completed_no_order, 1);
    call(e3, other_csr, march_at(9, 11), ContactStatus::call_back, 2);
    call(e4, csr, march_at(10, 8), ContactStatus::unavailable, 2);
    call(e4, csr, march_at(10, 9), ContactStatus::unavailable, 3);
    call(e4, csr, march_at(10, 10), ContactStatus::cancelled, 3);
    call(e5, manager, march_at(10, 11), ContactStatus::planned, 1);  // a reopening: no call
    call(e6, other_csr, march_at(10, 12), ContactStatus::completed, 1);
    call(after, csr, march_at(10, 23, 30), ContactStatus::busy, 2);  // the 11th in Paris: out

    service_order("SO-1", march_at(9, 10), csr, "complete");
    service_order("SO-2", march_at(9, 12), csr, "pending");
    service_order("SO-3", march_at(10, 9), other_csr, "complete");
    service_order("SO-4", march_at(6, 9), other_csr, "complete");  // before the period
  }

  domain::ContactPlan a, b;
  std::int64_t bakery = 0, cafe = 0;
};

TEST_F(PeriodSupervisionTest, ThePeriodBuiltByHandHasTheKnownCounts) {
  build_period();
  auto f = PeriodSupervision(t.db(), clock).report(manager, {"2026-03-08", "2026-03-10"});
  ASSERT_TRUE(f) << f.error().key;
  EXPECT_EQ(f->zone, "Europe/Paris");
  ASSERT_EQ(f->days.size(), 3u);

  const auto& d8 = f->days[0].counts;
  EXPECT_EQ(f->days[0].day, day(2026, 3, 8));
  EXPECT_EQ(domain::entry_total(d8.entries), 1);
  EXPECT_EQ(d8.entries.completed, 1);
  EXPECT_EQ(d8.calls.calls, 3);
  EXPECT_EQ(d8.calls.reached, 2);
  EXPECT_EQ(d8.calls.busy, 1);
  EXPECT_DOUBLE_EQ(*domain::attempts_to_reach(d8.calls), 1.5);
  EXPECT_EQ(d8.orders.started, 0);

  const auto& d9 = f->days[1].counts;
  EXPECT_EQ(domain::entry_total(d9.entries), 2);
  EXPECT_EQ(d9.calls.calls, 2);
  EXPECT_EQ(d9.calls.reached, 1);
  EXPECT_EQ(d9.calls.call_back, 1);
  EXPECT_EQ(d9.orders.started, 2);
  EXPECT_EQ(d9.orders.completed, 1);

  const auto& d10 = f->days[2].counts;
  EXPECT_EQ(domain::entry_total(d10.entries), 3);
  EXPECT_EQ(d10.entries.planned, 1);
  EXPECT_EQ(d10.calls.calls, 4);  // the reopening is not one
  EXPECT_EQ(d10.calls.no_answer, 2);
  EXPECT_EQ(d10.calls.cancelled, 1);
  EXPECT_EQ(d10.calls.reached, 1);
  EXPECT_EQ(d10.orders.started, 1);
  EXPECT_EQ(d10.orders.completed, 1);

  const auto& total = f->total;
  EXPECT_EQ(domain::entry_total(total.entries), 6);
  EXPECT_EQ(total.entries.completed + total.entries.completed_no_order + total.entries.cancelled,
            4);
  EXPECT_EQ(total.calls.calls, 9);
  EXPECT_DOUBLE_EQ(domain::outcome_rate(total.calls, Outcome::reached), 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(domain::outcome_rate(total.calls, Outcome::no_answer), 2.0 / 9.0);
  EXPECT_DOUBLE_EQ(domain::outcome_rate(total.calls, Outcome::busy), 1.0 / 9.0);
  EXPECT_DOUBLE_EQ(domain::outcome_rate(total.calls, Outcome::call_back), 1.0 / 9.0);
  EXPECT_DOUBLE_EQ(domain::outcome_rate(total.calls, Outcome::cancelled), 1.0 / 9.0);
  EXPECT_DOUBLE_EQ(*domain::attempts_to_reach(total.calls), 1.25);
  EXPECT_EQ(total.orders.started, 3);
  EXPECT_EQ(total.orders.completed, 2);
  EXPECT_DOUBLE_EQ(*domain::conversion_rate(total.orders), 2.0 / 3.0);

  ASSERT_EQ(f->plans.size(), 2u);
  EXPECT_EQ(f->plans[0].code, "PERA");
  EXPECT_EQ(f->plans[0].name_fr, "Commandes PERA");
  EXPECT_EQ(domain::entry_total(f->plans[0].counts.entries), 3);
  EXPECT_EQ(f->plans[0].counts.calls.calls, 5);
  EXPECT_EQ(f->plans[0].counts.calls.reached, 3);
  EXPECT_EQ(f->plans[1].code, "PERB");
  EXPECT_EQ(domain::entry_total(f->plans[1].counts.entries), 3);
  EXPECT_EQ(f->plans[1].counts.calls.calls, 4);

  ASSERT_EQ(f->csrs.size(), 2u);  // the manager only reopened
  const auto& cora = f->csrs[0];
  EXPECT_EQ(cora.name, "Cora");
  EXPECT_EQ(cora.counts.calls.calls, 5);
  EXPECT_EQ(cora.counts.calls.reached, 1);
  EXPECT_EQ(cora.counts.calls.busy, 1);
  EXPECT_EQ(cora.counts.calls.no_answer, 2);
  EXPECT_EQ(cora.counts.calls.cancelled, 1);
  EXPECT_DOUBLE_EQ(*domain::attempts_to_reach(cora.counts.calls), 2.0);
  EXPECT_EQ(cora.counts.orders.started, 2);
  EXPECT_EQ(cora.counts.orders.completed, 1);
  const auto& omar = f->csrs[1];
  EXPECT_EQ(omar.name, "Omar");
  EXPECT_EQ(omar.counts.calls.calls, 4);
  EXPECT_EQ(omar.counts.calls.reached, 3);
  EXPECT_EQ(omar.counts.calls.call_back, 1);
  EXPECT_EQ(omar.counts.orders.started, 1);
  EXPECT_EQ(omar.counts.orders.completed, 1);

  ASSERT_EQ(f->categories.size(), 3u);
  EXPECT_EQ(f->categories[0].code, "");  // the customers of the fixture have none
  EXPECT_EQ(domain::entry_total(f->categories[0].counts.entries), 2);
  EXPECT_EQ(f->categories[0].counts.calls.calls, 2);
  EXPECT_EQ(f->categories[1].code, "BAKERY");
  EXPECT_EQ(domain::entry_total(f->categories[1].counts.entries), 2);
  EXPECT_EQ(f->categories[1].counts.calls.calls, 5);
  EXPECT_EQ(f->categories[2].code, "CAFE");
  EXPECT_EQ(domain::entry_total(f->categories[2].counts.entries), 2);
  EXPECT_EQ(f->categories[2].counts.calls.calls, 2);
}

TEST_F(PeriodSupervisionTest, TheDefaultPeriodIsTheWeekEndingTodayAndEveryDayHasARow) {
  build_period();
  auto f = PeriodSupervision(t.db(), clock).report(manager, {});
  ASSERT_TRUE(f) << f.error().key;
  EXPECT_EQ(f->today, day(2026, 3, 10));
  EXPECT_EQ(f->period.from, day(2026, 3, 4));
  EXPECT_EQ(f->period.to, day(2026, 3, 10));
  ASSERT_EQ(f->days.size(), 7u);
  EXPECT_EQ(f->days[0].counts.calls.calls, 0);     // the 4th: nothing, still a row
  EXPECT_EQ(f->days[2].counts.orders.started, 1);  // the 6th: SO-4
  EXPECT_EQ(f->days[3].counts.calls.calls, 1);     // the 7th: the busy call
  EXPECT_EQ(f->total.calls.calls, 10);
}

TEST_F(PeriodSupervisionTest, OnlySupervisorsAndOnlyAValidPeriod) {
  PeriodSupervision report(t.db(), clock);
  auto refused = report.report(csr, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);

  auto typo = report.report(manager, {"2026-03-32", ""});
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error().key, "field.date_invalid");
  EXPECT_EQ(typo.error().field, "from");
  auto reversed = report.report(manager, {"2026-03-10", "2026-03-01"});
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().key, "supervision.period_reversed");
  auto longer = report.report(manager, {"2026-01-01", "2026-04-04"});
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(longer.error().key, "supervision.period_too_long");

  auto empty = report.report(manager, {"2026-01-01", "2026-04-03"});
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->days.size(), 93u);
  EXPECT_TRUE(empty->plans.empty());
  EXPECT_EQ(empty->total.calls.calls, 0);
  EXPECT_EQ(domain::attempts_to_reach(empty->total.calls), std::nullopt);
}

}  // namespace
}  // namespace rapport::app
