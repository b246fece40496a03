#include "app/demo/demo_supervision.h"

#include <algorithm>

#include <soci/soci.h>

#include "app/today.h"
#include "domain/contactplan/contact_status.h"
#include "domain/contactplan/schedule.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/row_values.h"
#include "store/settings/settings_repository.h"

namespace rapport::app {
namespace {

using domain::ContactStatus;
using std::chrono::minutes;

// One call of the demo day: the entry's new state, who called and when
// (minutes before now), and the next contact time (minutes from now).
struct DemoCall {
  ContactStatus status;
  int attempt;
  int next_in;     // minutes from now (negative: passed)
  bool english;    // Sam (csr) or Camille (conseiller)
  int called_ago;  // minutes before now
  bool personal;   // the caller becomes responsible (a personal call-back)
};

// In entry order: done, busy, no answer overdue, a call-back an hour late
// (released), one later today, cancelled after three tries.
constexpr DemoCall kCalls[] = {
    {ContactStatus::completed, 1, -120, true, 110, false},
    {ContactStatus::completed_no_order, 1, -110, false, 95, false},
    {ContactStatus::busy, 2, 25, true, 70, false},
    {ContactStatus::unavailable, 2, -10, false, 60, false},
    {ContactStatus::call_back, 2, -60, true, 100, true},
    {ContactStatus::call_back, 2, 40, false, 30, true},
    {ContactStatus::cancelled, 3, -90, true, 18, false},
    {ContactStatus::completed, 1, -30, false, 7, false},
    {ContactStatus::unavailable, 2, 35, true, 3, false},
};

struct PlanCustomer {
  std::int64_t plan = 0;
  std::int64_t customer = 0;
  std::string phone;
  std::optional<std::int64_t> responsible;
};

}  // namespace

Result<int> add_demo_supervision_day(store::Database& db, const Clock& clock,
                                     const DemoStaff& staff) {
  if (!staff.english || !staff.french) return 0;
  return db.write([&](store::Tx& tx) -> Result<int> {
    const Instant now = clock.now();
    const auto settings = store::SettingsRepository::load(tx);
    const std::string zone = is_valid_time_zone(settings.time_zone) ? settings.time_zone : "UTC";
    const CivilDate today = business_today(clock, settings);
    const domain::ContactWindow day = domain::window_on(today, 0, 1440, zone);
    const std::string start = format_instant(day.start), end = format_instant(day.end);
    // Camille's calls mark the day done (Sam's orders come with the sales demo).
    long long worked_today = 0, french = staff.french->value;
    tx.sql()
        << "SELECT COUNT(*) FROM plan_entry_events WHERE at >= :s AND at < :e AND user_id = :u",
        soci::use(start), soci::use(end), soci::use(french), soci::into(worked_today);
    if (worked_today > 0) return 0;
    // Keeps a time inside today, a minute away from its ends.
    auto within = [&](Instant t) {
      return std::clamp(t, day.start + minutes{1}, day.end - minutes{1});
    };

    // Today's entries for the first customers of each demo plan, half due
    // earlier today, half later (the batch made none on a day the plans do
    // not call).
    std::vector<PlanCustomer> on_plans;
    soci::rowset<soci::row> rs =
        tx.sql().prepare << "SELECT ci.plan_id, ci.customer_id, ci.phone_e164, p.responsible_user "
                            "FROM contact_infos ci JOIN contact_plans p ON p.id = ci.plan_id "
                            "WHERE p.code IN ('ORDERS', 'MARKET') AND ci.phone_e164 <> '' "
                            "ORDER BY p.code DESC, ci.sequence, ci.id";
    for (const auto& r : rs)
      on_plans.push_back({store::int64_at(r, 0), store::int64_at(r, 1), store::text_at(r, 2),
                          store::optional_int64_at(r, 3)});
    std::vector<store::NewPlanEntry> entries;
    int i = 0;
    for (const auto& pc : on_plans) {
      const Instant at =
          within(i % 2 == 0 ? now - minutes{15 + 20 * i} : now + minutes{15 + 20 * i});
      entries.push_back({pc.plan, pc.customer, today, at, day.end, pc.phone, pc.responsible});
      if (++i == 18) break;
    }
    store::PlanEntryRepository::insert_new(tx, entries, std::nullopt, now);

    std::vector<std::int64_t> due;
    soci::rowset<soci::row> ids =
        (tx.sql().prepare << "SELECT e.id FROM plan_entries e JOIN contact_infos ci ON ci.plan_id "
                             "= e.plan_id AND ci.customer_id = e.customer_id WHERE "
                             "e.next_contact_at >= :s AND e.next_contact_at < :e AND e.status = 10 "
                             "AND NOT (ci.earliest = 0 AND ci.latest = 1440) ORDER BY e.id",
         soci::use(start), soci::use(end));
    for (const auto& r : ids) due.push_back(store::int64_at(r, 0));
    int worked = 0;
    for (std::size_t k = 0; k < due.size() && k < std::size(kCalls); ++k) {
      const DemoCall& c = kCalls[k];
      long long id = due[k], user = (c.english ? staff.english : staff.french)->value;
      long long status = domain::to_number(c.status), attempt = c.attempt;
      const std::string next = format_instant(within(now + minutes{c.next_in}));
      const std::string called = format_instant(within(now - minutes{c.called_ago}));
      tx.sql() << "UPDATE plan_entries SET status = :s, attempt = :a, next_contact_at = :n, "
                  "version = version + 1, changed_at = :at, changed_by = :u WHERE id = :id",
          soci::use(status), soci::use(attempt), soci::use(next), soci::use(called),
          soci::use(user), soci::use(id);
      if (c.personal)
        tx.sql() << "UPDATE plan_entries SET responsible_user = :u WHERE id = :id", soci::use(user),
            soci::use(id);
      soci::indicator next_ind = domain::needs_recalculation(c.status) ? soci::i_ok : soci::i_null;
      tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, "
                  "next_contact_at, note) VALUES (:e, :at, :u, :s, :a, :n, '')",
          soci::use(id), soci::use(called), soci::use(user), soci::use(status), soci::use(attempt),
          soci::use(next, next_ind);
      ++worked;
    }
    return worked;
  });
}

namespace {

// The calls of a past entry, in order; the last is final.
struct DemoHistory {
  ContactStatus steps[3];
  int count;
};
constexpr DemoHistory kHistory[] = {
    {{ContactStatus::completed}, 1},
    {{ContactStatus::completed}, 1},
    {{ContactStatus::completed_no_order}, 1},
    {{ContactStatus::busy, ContactStatus::completed}, 2},
    {{ContactStatus::unavailable, ContactStatus::unavailable, ContactStatus::cancelled}, 3},
    {{ContactStatus::completed}, 1},
    {{ContactStatus::call_back, ContactStatus::completed}, 2},
    {{ContactStatus::unavailable, ContactStatus::completed_no_order}, 2},
    {{ContactStatus::busy, ContactStatus::busy, ContactStatus::completed}, 3},
    {{ContactStatus::cancelled}, 1},
};

}  // namespace

Result<int> add_demo_supervision_history(store::Database& db, const Clock& clock,
                                         const DemoStaff& staff, int days) {
  if (!staff.english || !staff.french) return 0;
  return db.write([&](store::Tx& tx) -> Result<int> {
    const Instant now = clock.now();
    const auto settings = store::SettingsRepository::load(tx);
    const std::string zone = is_valid_time_zone(settings.time_zone) ? settings.time_zone : "UTC";
    const CivilDate today = business_today(clock, settings);
    const std::string today_start = format_instant(domain::window_on(today, 0, 1440, zone).start);
    long long earlier = 0, french = staff.french->value;
    tx.sql() << "SELECT COUNT(*) FROM plan_entry_events WHERE at < :s AND user_id = :u",
        soci::use(today_start), soci::use(french), soci::into(earlier);
    if (earlier > 0) return 0;
    std::vector<PlanCustomer> on_plans;
    soci::rowset<soci::row> rs =
        tx.sql().prepare << "SELECT ci.plan_id, ci.customer_id, ci.phone_e164 FROM contact_infos "
                            "ci JOIN contact_plans p ON p.id = ci.plan_id WHERE p.code IN "
                            "('ORDERS', 'MARKET') AND ci.phone_e164 <> '' ORDER BY p.code DESC, "
                            "ci.sequence, ci.id";
    for (const auto& r : rs)
      on_plans.push_back(
          {store::int64_at(r, 0), store::int64_at(r, 1), store::text_at(r, 2), std::nullopt});
    int calls = 0;
    for (int back = days; back >= 1; --back) {
      const CivilDate d{date::sys_days{today} - date::days{back}};
      if (date::weekday{date::sys_days{d}} == date::Sunday) continue;
      const domain::ContactWindow whole = domain::window_on(d, 0, 1440, zone);
      // A busier day now and then: from 8 to 18 entries.
      const std::size_t n = std::min<std::size_t>(on_plans.size(), 8 + (back * 7) % 11);
      std::vector<store::NewPlanEntry> entries;
      for (std::size_t i = 0; i < n; ++i)
        entries.push_back({on_plans[i].plan, on_plans[i].customer, d,
                           whole.start + std::chrono::hours{9} + minutes{20 * i}, whole.end,
                           on_plans[i].phone, std::nullopt});
      store::PlanEntryRepository::insert_new(tx, entries, std::nullopt, now);
      for (std::size_t i = 0; i < n; ++i) {
        long long id = 0, plan = entries[i].plan, customer = entries[i].customer;
        const std::string date = format_date(d);
        tx.sql() << "SELECT id FROM plan_entries WHERE plan_id = :p AND customer_id = :c AND "
                    "contact_date = :d AND status = 10",
            soci::use(plan), soci::use(customer), soci::use(date), soci::into(id);
        if (id == 0) continue;
        const DemoHistory& h = kHistory[(back * 3 + i) % std::size(kHistory)];
        const long long user = ((back + i) % 2 == 0 ? staff.english : staff.french)->value;
        std::string called;
        long long status = 0, attempt = 1;
        for (int step = 0; step < h.count; ++step) {
          const bool last = step + 1 == h.count;
          status = domain::to_number(h.steps[step]);
          attempt = last ? h.count : step + 2;
          called = format_instant(
              std::min(entries[i].planned_at + minutes{5 + 75 * step}, whole.end - minutes{1}));
          soci::indicator next_ind = last ? soci::i_null : soci::i_ok;
          tx.sql() << "INSERT INTO plan_entry_events (entry_id, at, user_id, status, attempt, "
                      "next_contact_at, note) VALUES (:e, :at, :u, :s, :a, :n, '')",
              soci::use(id), soci::use(called), soci::use(user), soci::use(status),
              soci::use(attempt), soci::use(called, next_ind);
          ++calls;
        }
        tx.sql() << "UPDATE plan_entries SET status = :s, attempt = :a, next_contact_at = :n, "
                    "version = version + 1, changed_at = :at, changed_by = :u WHERE id = :id",
            soci::use(status), soci::use(attempt), soci::use(called), soci::use(called),
            soci::use(user), soci::use(id);
      }
    }
    return calls;
  });
}

}  // namespace rapport::app
