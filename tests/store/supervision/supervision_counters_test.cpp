// The supervisor's counters (migration 0026) after a day of changes made
// through every write path of plan entries — the batch (with "delete
// previous records"), a manual entry, statuses set, a call-back, an order
// linked and unlinked, a reopening, a customer moved to another group —
// equal a recount of the entries and their events, on SQLite and
// PostgreSQL.
#include <map>
#include <tuple>

#include <gtest/gtest.h>

#include "app/contactplan/plan_generation.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/row_values.h"
#include "support/plan_fixture.h"

namespace rapport::store {
namespace {

using rapport::testing::day;

// The counters' quarter-hour of an instant's text ("…T14:37:00Z" → "…T14:30").
std::string quarter(const std::string& at) {
  const int minute = std::stoi(at.substr(14, 2)) / 15 * 15;
  return at.substr(0, 14) + (minute < 10 ? "0" : "") + std::to_string(minute);
}

using Row = std::vector<long long>;
template <typename Key>
using Table = std::map<Key, Row>;

// Drops the all-zero rows: the counters keep a row whose count fell to 0.
template <typename Key>
Table<Key> without_zeros(Table<Key> t) {
  std::erase_if(t, [](const auto& kv) {
    for (long long v : kv.second)
      if (v != 0) return false;
    return true;
  });
  return t;
}

void add(Row& into, const Row& values) {
  if (into.empty()) into.assign(values.size(), 0);
  for (std::size_t i = 0; i < values.size(); ++i) into[i] += values[i];
}

class SupervisionCountersTest : public rapport::testing::PlanFixture {
 protected:
  using DueKey = std::tuple<std::string, long long, int>;
  using DateKey = std::tuple<std::string, long long, std::string, int>;
  using CallKey = std::tuple<std::string, long long, long long, std::string, int>;

  Table<DueKey> due_counters() {
    Table<DueKey> t;
    read(
        "SELECT slot, plan_id, status, entries, attempts, retried, with_order FROM "
        "supervision_due_counts",
        [&](const soci::row& r) {
          t[{text_at(r, 0), int64_at(r, 1), int_at(r, 2)}] = {int64_at(r, 3), int64_at(r, 4),
                                                              int64_at(r, 5), int64_at(r, 6)};
        });
    return without_zeros(t);
  }
  Table<DateKey> date_counters() {
    Table<DateKey> t;
    read("SELECT contact_date, plan_id, category, status, entries FROM supervision_date_counts",
         [&](const soci::row& r) {
           t[{text_at(r, 0), int64_at(r, 1), text_at(r, 2), int_at(r, 3)}] = {int64_at(r, 4)};
         });
    return without_zeros(t);
  }
  Table<CallKey> call_counters() {
    Table<CallKey> t;
    read(
        "SELECT slot, plan_id, user_id, category, status, calls, attempts, with_order FROM "
        "supervision_call_counts",
        [&](const soci::row& r) {
          t[{text_at(r, 0), int64_at(r, 1), int64_at(r, 2), text_at(r, 3), int_at(r, 4)}] = {
              int64_at(r, 5), int64_at(r, 6), int64_at(r, 7)};
        });
    return without_zeros(t);
  }

  // The same three, counted from the entries and events one by one.
  void recount(Table<DueKey>& due, Table<DateKey>& dates, Table<CallKey>& calls) {
    read(
        "SELECT e.next_contact_at, e.plan_id, e.status, e.attempt, e.sales_order_id, "
        "e.contact_date, c.category FROM plan_entries e JOIN customers c ON c.id = "
        "e.customer_id",
        [&](const soci::row& r) {
          const long long attempt = int64_at(r, 3);
          const bool order = optional_int64_at(r, 4).has_value();
          add(due[{quarter(text_at(r, 0)), int64_at(r, 1), int_at(r, 2)}],
              {1, attempt, attempt > 1 ? 1 : 0, order ? 1 : 0});
          add(dates[{text_at(r, 5), int64_at(r, 1), text_at(r, 6), int_at(r, 2)}], {1});
        });
    read(
        "SELECT ev.at, e.plan_id, ev.user_id, c.category, ev.status, ev.attempt, "
        "e.sales_order_id FROM plan_entry_events ev JOIN plan_entries e ON e.id = ev.entry_id "
        "JOIN customers c ON c.id = e.customer_id",
        [&](const soci::row& r) {
          const int status = int_at(r, 4);
          const bool final_with_order =
              optional_int64_at(r, 6).has_value() && (status == 90 || status == 92 || status == 93);
          add(calls[{quarter(text_at(r, 0)), int64_at(r, 1), optional_int64_at(r, 2).value_or(0),
                     text_at(r, 3), status}],
              {1, int64_at(r, 5), final_with_order ? 1 : 0});
        });
  }

  template <typename F>
  void read(const std::string& sql, F each) {
    ASSERT_TRUE(t.db().read([&](Tx& tx) -> Status {
      soci::rowset<soci::row> rs = tx.sql().prepare << sql;
      for (const auto& r : rs) each(r);
      return Ok{};
    }));
  }

  void expect_counters_equal_a_recount(const std::string& when) {
    Table<DueKey> due;
    Table<DateKey> dates;
    Table<CallKey> calls;
    recount(due, dates, calls);
    EXPECT_EQ(due_counters(), due) << when;
    EXPECT_EQ(date_counters(), dates) << when;
    EXPECT_EQ(call_counters(), calls) << when;
  }

  Id<domain::PlanEntry> entry_of(const domain::ContactPlan& plan, std::int64_t customer,
                                 CivilDate d) {
    long long id = 0, p = plan.id.value, c = customer;
    std::string date = format_date(d);
    EXPECT_TRUE(t.db().read([&](Tx& tx) -> Status {
      tx.sql() << "SELECT id FROM plan_entries WHERE plan_id = :p AND customer_id = :c AND "
                  "contact_date = :d",
          soci::use(p), soci::use(c), soci::use(date), soci::into(id);
      return Ok{};
    }));
    EXPECT_NE(id, 0) << "no entry for " << customer << " on " << date;
    return Id<domain::PlanEntry>{id};
  }

  void set(const domain::User& who, Id<domain::PlanEntry> id, int status,
           std::optional<Instant> callback = std::nullopt) {
    app::StatusInput in;
    in.status = status;
    in.callback_at = callback;
    auto view = planner.entry(who, id);
    ASSERT_TRUE(view) << view.error().key;
    in.version = view->row.entry.version;
    auto done = planner.set_status(who, id, in);
    ASSERT_TRUE(done) << done.error().key << " " << done.error().field;
  }

  void link(Id<domain::PlanEntry> id, std::optional<std::int64_t> order) {
    ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
      PlanEntryRepository::link_sales_order(tx, id, order, Actor{csr.id, csr.display_name},
                                            clock.now());
      return Ok{};
    }));
  }

  void generate(CivilDate from, CivilDate to, bool delete_previous) {
    app::GenerationParams params;
    params.plans = {a.id.value, b.id.value};
    params.from = from;
    params.to = to;
    params.delete_previous = delete_previous;
    auto made = app::generate_entries(t.db(), clock, params, manager.id.value, {});
    ASSERT_TRUE(made) << made.error().key;
  }

  domain::ContactPlan a, b;
};

TEST_F(SupervisionCountersTest, AfterADayOfChangesTheCountersEqualARecount) {
  a = make_plan("CNTA", csr.id.value);
  b = make_plan("CNTB", std::nullopt);
  connect(a, helene);
  connect(a, noemie);
  connect(a, paul);
  connect(b, helene);
  connect(b, paul);
  ASSERT_FALSE(HasFailure());
  expect_counters_equal_a_recount("before any entry");

  // The batch: Tuesdays and Thursdays from 3 to 12 March.
  generate(day(2026, 3, 3), day(2026, 3, 12), false);
  expect_counters_equal_a_recount("after the batch");
  // A call on an entry of last Thursday that is still open.
  set(csr, entry_of(a, paul, day(2026, 3, 5)), 20);

  // Today (Tuesday 10 March, 09:00 UTC): the calls.
  const auto today = day(2026, 3, 10);
  set(csr, entry_of(a, helene, today), 20);
  set(csr, entry_of(a, noemie, today), 90);
  link(entry_of(a, noemie, today), 4711);  // the order taken in the call
  set(other_csr, entry_of(a, paul, today), 21, clock.now() + std::chrono::hours{3});
  set(other_csr, entry_of(b, helene, today), 11);
  set(other_csr, entry_of(b, paul, today), 93);
  link(entry_of(b, paul, today), 4712);  // linked, then taken back
  link(entry_of(b, paul, today), std::nullopt);
  expect_counters_equal_a_recount("after the morning's calls");

  // A manager reopens the order set by mistake; later calls.
  auto reopened =
      planner.reopen(manager, entry_of(a, noemie, today),
                     planner.entry(manager, entry_of(a, noemie, today))->row.entry.version,
                     "Pressed 90 by mistake");
  ASSERT_TRUE(reopened) << reopened.error().key;
  clock.advance(std::chrono::minutes{127});
  set(csr, entry_of(a, helene, today), 92);
  set(csr, entry_of(a, noemie, today), 90);
  link(entry_of(a, noemie, today), 4713);
  // A manual entry, and Paul moved to another customer group (his entries
  // and calls go with him).
  app::ManualEntryInput manual;
  manual.plan = b.id.value;
  manual.customer = helene;
  manual.date = day(2026, 3, 17);
  auto added = planner.add_entry(manager, manual);
  ASSERT_TRUE(added) << added.error().key;
  ASSERT_TRUE(t.db().write([&](Tx& tx) -> Status {
    long long id = paul;
    tx.sql() << "UPDATE customers SET category = 'VIP' WHERE id = :id", soci::use(id);
    return Ok{};
  }));
  expect_counters_equal_a_recount("after the afternoon");

  // The batch again with "delete previous records": the open entries of
  // last week go, with the call on one of them.
  generate(today, day(2026, 3, 19), true);
  expect_counters_equal_a_recount("after deleting last week's open entries");
  // Something was counted at all.
  long long calls = 0;
  for (const auto& [key, row] : call_counters()) calls += row[0];
  EXPECT_EQ(calls, 9 - 1);  // nine statuses set (a reopening is one), one deleted with its entry
}

}  // namespace
}  // namespace rapport::store
