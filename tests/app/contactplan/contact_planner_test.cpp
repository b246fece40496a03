#include "app/contactplan/contact_planner.h"

#include <algorithm>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/plan_fixture.h"

namespace rapport::app {
namespace {

using namespace std::chrono_literals;
using domain::ContactStatus;
using testing::day;
using testing::utc;

class ContactPlannerTest : public testing::PlanFixture {
 protected:
  void SetUp() override {
    PlanFixture::SetUp();
    if (HasFatalFailure()) return;
    plan = make_plan("TUETHU", csr.id.value);  // busy: 30 minutes, at most 3 attempts
    connect(plan, helene, "09:00", "17:00");
    connect(plan, noemie, "09:00", "17:00");
    connect(plan, paul, "09:00", "17:00");
    ASSERT_FALSE(HasFailure());
  }

  Result<store::PlanEntryRow> add(const domain::User& actor, std::int64_t customer, CivilDate d,
                                  bool override_blocks = false,
                                  std::optional<std::string> time = std::nullopt,
                                  const domain::ContactPlan* on = nullptr) {
    ManualEntryInput in;
    in.plan = (on ? *on : plan).id.value;
    in.customer = customer;
    in.date = d;
    in.time = std::move(time);
    in.override_blocks = override_blocks;
    return planner.add_entry(actor, in);
  }

  // An entry for today (Tuesday 10 March), which must be accepted.
  Id<domain::PlanEntry> today(std::int64_t customer, const domain::ContactPlan* on = nullptr) {
    auto row = add(csr, customer, day(2026, 3, 10), false, std::nullopt, on);
    EXPECT_TRUE(row) << (row ? "" : row.error().key);
    return row ? row->entry.id : Id<domain::PlanEntry>{};
  }

  Result<StatusOutcome> set(Id<domain::PlanEntry> id, int status,
                            std::optional<Instant> callback = std::nullopt, Version version = 0,
                            const std::string& note = "") {
    StatusInput in;
    in.status = status;
    in.callback_at = callback;
    // 0: the version the CSR sees now.
    in.version = version ? version : current_version(id);
    in.note = note;
    return planner.set_status(csr, id, in);
  }

  Version current_version(Id<domain::PlanEntry> id) {
    auto view = planner.entry(csr, id);
    return view ? view->row.entry.version : 1;
  }

  // The stored row as text, every column; for "nothing changed".
  std::string raw_entry(Id<domain::PlanEntry> id) {
    return stored_text(
        "SELECT contact_date || '|' || planned_at || '|' || next_contact_at || '|' || "
        "window_ends_at || '|' || CAST(status AS TEXT) || '|' || CAST(attempt AS TEXT) || '|' || "
        "result_note || '|' || CAST(version AS TEXT) || '|' || changed_at FROM plan_entries "
        "WHERE id = " +
        std::to_string(id.value));
  }

  std::string stored_next(Id<domain::PlanEntry> id) {
    return stored_text("SELECT next_contact_at FROM plan_entries WHERE id = " +
                       std::to_string(id.value));
  }

  long long calls_logged(std::int64_t customer) {
    return count("interactions WHERE customer_id = " + std::to_string(customer) +
                 " AND channel = 'call' AND related_type = 'contact_plan_entry'");
  }

  domain::ContactPlan plan;
};

TEST_F(ContactPlannerTest, ManualEntryBlockedByANonActivityPeriodNamesItAndWritesNothing) {
  closed(helene, day(2026, 3, 16), day(2026, 3, 20), "Fermeture annuelle");
  const long long audit = count("audit_log");

  auto refused = add(csr, helene, day(2026, 3, 17));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().key, "plan_entry.blocked_by_non_activity");
  EXPECT_EQ(refused.error().field, "date");
  EXPECT_EQ(testing::arg_of(refused.error(), "from"), "2026-03-16");
  EXPECT_EQ(testing::arg_of(refused.error(), "to"), "2026-03-20");
  EXPECT_EQ(testing::arg_of(refused.error(), "reason"), "Fermeture annuelle");
  EXPECT_EQ(count("plan_entries"), 0);
  EXPECT_EQ(count("audit_log"), audit);

  // Only a manager may override.
  auto csr_override = add(csr, helene, day(2026, 3, 17), true);
  ASSERT_FALSE(csr_override);
  EXPECT_EQ(csr_override.error().code, ErrorCode::forbidden);
  EXPECT_EQ(count("plan_entries"), 0);

  auto forced = add(manager, helene, day(2026, 3, 17), true);
  ASSERT_TRUE(forced) << forced.error().key;
  EXPECT_EQ(forced->entry.contact_date, day(2026, 3, 17));
  EXPECT_EQ(forced->entry.planned_at, utc("2026-03-17T08:00:00Z"));
  EXPECT_EQ(forced->entry.status, ContactStatus::planned);
  EXPECT_EQ(forced->entry.responsible_user, std::optional<std::int64_t>(csr.id.value));
  EXPECT_EQ(count("plan_entries"), 1);

  // The same day again is a conflict, not a second entry.
  auto twice = add(manager, helene, day(2026, 3, 17), true);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, ErrorCode::conflict);
  EXPECT_EQ(twice.error().key, "plan_entry.exists");
  EXPECT_EQ(count("plan_entries"), 1);
}

TEST_F(ContactPlannerTest, ManualEntryBlockedByAnExceptionNamesItAndWritesNothing) {
  no_contact_on(plan, day(2026, 3, 19), "Public holiday");
  move(plan, day(2026, 3, 26), day(2026, 3, 25), "Delivery day moved");

  auto refused = add(csr, paul, day(2026, 3, 19));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().key, "plan_entry.blocked_by_exception");
  EXPECT_EQ(refused.error().field, "date");
  EXPECT_EQ(testing::arg_of(refused.error(), "date"), "2026-03-19");
  EXPECT_EQ(testing::arg_of(refused.error(), "reason"), "Public holiday");
  EXPECT_EQ(count("plan_entries"), 0);

  auto forced = add(manager, paul, day(2026, 3, 19), true);
  ASSERT_TRUE(forced) << forced.error().key;
  EXPECT_EQ(forced->entry.contact_date, day(2026, 3, 19));

  // A moved day lands on the day it is moved to; a time given is local.
  auto moved = add(csr, helene, day(2026, 3, 26), false, "14:30");
  ASSERT_TRUE(moved) << moved.error().key;
  EXPECT_EQ(moved->entry.contact_date, day(2026, 3, 25));
  EXPECT_EQ(moved->entry.planned_at, utc("2026-03-25T13:30:00Z"));
  EXPECT_EQ(moved->entry.window_ends_at, utc("2026-03-25T16:00:00Z"));
  EXPECT_EQ(count("plan_entries"), 2);
}

TEST_F(ContactPlannerTest, BusyRecalculatesTheNextAttemptStoresItInUtcAndLogsACall) {
  auto id = today(helene);
  EXPECT_EQ(stored_next(id), "2026-03-10T08:00:00Z");

  auto busy = set(id, 20, std::nullopt, 1, "Ligne occupée");
  ASSERT_TRUE(busy) << busy.error().key;
  EXPECT_EQ(busy->row.entry.status, ContactStatus::busy);
  EXPECT_EQ(busy->row.entry.attempt, 2);
  EXPECT_EQ(busy->row.entry.next_contact_at, utc("2026-03-10T09:30:00Z"));  // now + 30 min
  EXPECT_EQ(busy->row.entry.window_ends_at, utc("2026-03-10T16:00:00Z"));
  EXPECT_EQ(busy->row.entry.version, 2);
  EXPECT_FALSE(busy->attempts_exhausted);
  EXPECT_FALSE(busy->contacted_outside_window);  // 10:00 in Paris
  EXPECT_EQ(stored_next(id), "2026-03-10T09:30:00Z");
  EXPECT_EQ(
      stored_text("SELECT window_ends_at FROM plan_entries WHERE id = " + std::to_string(id.value)),
      "2026-03-10T16:00:00Z");

  auto view = planner.entry(csr, id);
  ASSERT_TRUE(view) << view.error().key;
  EXPECT_EQ(view->row.entry.status, ContactStatus::busy);
  EXPECT_EQ(view->row.entry.next_contact_at, utc("2026-03-10T09:30:00Z"));
  EXPECT_EQ(view->row.zone, "Europe/Paris");
  EXPECT_EQ(view->local_now, "2026-03-10 10:00");
  EXPECT_EQ(view->now_position, domain::WindowPosition::inside);
  ASSERT_EQ(view->events.size(), 1u);
  EXPECT_EQ(view->events[0].status, ContactStatus::busy);
  EXPECT_EQ(view->events[0].attempt, 2);
  EXPECT_EQ(view->events[0].next_contact_at, std::optional<Instant>(utc("2026-03-10T09:30:00Z")));
  EXPECT_EQ(view->events[0].user_name, "Cora");
  EXPECT_EQ(view->events[0].note, "Ligne occupée");

  EXPECT_EQ(calls_logged(helene), 1);
  ASSERT_FALSE(view->interactions.empty());
  const auto& call = view->interactions.front();
  EXPECT_EQ(call.channel, domain::InteractionChannel::call);
  EXPECT_EQ(call.direction, domain::InteractionDirection::outbound);
  EXPECT_EQ(call.related_type, "contact_plan_entry");
  EXPECT_EQ(call.related_id, id.value);
  EXPECT_EQ(call.outcome, "20");
  EXPECT_EQ(call.summary, "TUETHU: Ligne occupée");
  EXPECT_EQ(call.at, utc("2026-03-10T09:00:00Z"));

  // The active list, filtered "all 20 and 21 for today".
  store::PlanEntryFilter filter;
  filter.statuses = {20, 21};
  filter.from = filter.to = day(2026, 3, 10);
  today(paul);
  auto listed = planner.entries(csr, filter);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->front().entry.id, id);
}

TEST_F(ContactPlannerTest, CallBackTakesTheCustomersTimeAndRunningOutOfAttemptsCancels) {
  auto id = today(noemie);
  // Thursday 12 March, 10:00 in Toronto.
  auto later = set(id, 21, utc("2026-03-12T14:00:00Z"));
  ASSERT_TRUE(later) << later.error().key;
  EXPECT_EQ(later->row.entry.status, ContactStatus::call_back);
  EXPECT_EQ(later->row.entry.attempt, 2);
  EXPECT_EQ(later->row.entry.next_contact_at, utc("2026-03-12T14:00:00Z"));
  EXPECT_EQ(later->row.entry.window_ends_at, utc("2026-03-12T21:00:00Z"));
  EXPECT_FALSE(later->outside_window);
  EXPECT_TRUE(later->contacted_outside_window);  // 05:00 in Toronto
  EXPECT_EQ(stored_next(id), "2026-03-12T14:00:00Z");

  // Busy: at most 3 attempts on this plan.
  auto busy = set(id, 20);
  ASSERT_TRUE(busy) << busy.error().key;
  EXPECT_EQ(busy->row.entry.attempt, 3);
  EXPECT_EQ(busy->row.entry.status, ContactStatus::busy);
  // Now + 30 min is 05:30 in Toronto: the window's start, 09:00 EDT.
  EXPECT_EQ(busy->row.entry.next_contact_at, utc("2026-03-10T13:00:00Z"));

  clock.advance(1min);  // the next call, not the same key pressed twice
  auto exhausted = set(id, 20);
  ASSERT_TRUE(exhausted) << exhausted.error().key;
  EXPECT_TRUE(exhausted->attempts_exhausted);
  EXPECT_EQ(exhausted->row.entry.status, ContactStatus::cancelled);
  EXPECT_EQ(exhausted->row.entry.attempt, 3);
  EXPECT_EQ(stored_text("SELECT CAST(status AS TEXT) FROM plan_entries WHERE id = " +
                        std::to_string(id.value)),
            "93");
  EXPECT_EQ(calls_logged(noemie), 3);
  EXPECT_EQ(count("plan_entry_events"), 3);
}

TEST_F(ContactPlannerTest, AFinalEntryRefusesEveryChangeAndNothingChanges) {
  auto id = today(helene);
  ASSERT_TRUE(set(id, 92, std::nullopt, 0, "Pas de commande"));
  const std::string before = raw_entry(id);
  const long long events = count("plan_entry_events"), calls = calls_logged(helene);
  clock.advance(10min);

  for (int status : {11, 20, 21, 90, 92, 93}) {
    auto refused =
        set(id, status, status == 21 ? std::optional(utc("2026-03-12T10:00:00Z")) : std::nullopt);
    ASSERT_FALSE(refused) << status;
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_EQ(refused.error().key, "contact_plan.entry_final");
  }
  EXPECT_EQ(raw_entry(id), before);
  EXPECT_EQ(count("plan_entry_events"), events);
  EXPECT_EQ(calls_logged(helene), calls);
}

TEST_F(ContactPlannerTest, UnavailableAfterTheWindowMovesToTheNextOpenContactDay) {
  auto id = today(helene);
  closed(helene, day(2026, 3, 12), day(2026, 3, 12), "Inventaire");
  clock.advance(7h + 30min);  // 17:30 in Paris: the window has closed
  // Installation default for 11: 60 minutes. Wednesday is not a contact
  // day and Thursday is closed: Tuesday 17, 09:00 in Paris.
  auto moved = set(id, 11);
  ASSERT_TRUE(moved) << moved.error().key;
  EXPECT_TRUE(moved->contacted_outside_window);
  EXPECT_EQ(moved->row.entry.attempt, 2);
  EXPECT_EQ(moved->row.entry.next_contact_at, utc("2026-03-17T08:00:00Z"));
  EXPECT_EQ(moved->row.entry.window_ends_at, utc("2026-03-17T16:00:00Z"));
  EXPECT_EQ(stored_next(id), "2026-03-17T08:00:00Z");
}

TEST_F(ContactPlannerTest, AStaleVersionIsRefusedAndNothingChanges) {
  auto id = today(helene);
  ASSERT_TRUE(set(id, 20, std::nullopt, 1));
  const std::string before = raw_entry(id);
  const long long events = count("plan_entry_events"), calls = calls_logged(helene);

  auto stale = set(id, 11, std::nullopt, 1);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(stale.error().key, "record.stale");
  EXPECT_EQ(testing::arg_of(stale.error(), "name"), "Cora");
  EXPECT_EQ(raw_entry(id), before);
  EXPECT_EQ(count("plan_entry_events"), events);
  EXPECT_EQ(calls_logged(helene), calls);

  auto current = set(id, 11, std::nullopt, 2);
  ASSERT_TRUE(current) << current.error().key;
  EXPECT_EQ(current->row.entry.version, 3);
}

TEST_F(ContactPlannerTest, BadStatusInputIsRefusedNamingTheFieldAndNothingChanges) {
  auto id = today(helene);
  const std::string before = raw_entry(id);

  auto planned = set(id, 10);
  ASSERT_FALSE(planned);
  EXPECT_EQ(planned.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(planned.error().key, "contact_plan.status_not_settable");
  EXPECT_EQ(planned.error().field, "status");

  auto unknown = set(id, 42);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().key, "plan_entry.status_invalid");
  EXPECT_EQ(unknown.error().field, "status");

  auto past = set(id, 21, utc("2026-03-10T08:59:00Z"));
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(past.error().key, "contact_plan.callback_in_past");
  EXPECT_EQ(past.error().field, "callback_at");

  auto missing = set(Id<domain::PlanEntry>{id.value + 100}, 20);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);

  EXPECT_EQ(raw_entry(id), before);
  EXPECT_EQ(count("plan_entry_events"), 0);
  EXPECT_EQ(calls_logged(helene), 0);
}

TEST_F(ContactPlannerTest, MyNextCallIsMyFirstOpenEntryWhoseWindowIsOpenNow) {
  // Omar's plan calls Paul from 08:00 Paris time: earlier than Hélène, but not Cora's.
  auto omars = make_plan("OMAR", other_csr.id.value);
  connect(omars, paul, "08:00", "17:00");
  auto pauls = today(paul, &omars);
  auto helenes = today(helene);
  auto noemies = today(noemie);  // 09:00 in Toronto is 13:00 UTC: not yet open

  auto next = planner.next_call(csr);
  ASSERT_TRUE(next) << next.error().key;
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->entry.id, helenes);
  auto omar_next = planner.next_call(other_csr);
  ASSERT_TRUE(omar_next && omar_next->has_value());
  EXPECT_EQ((*omar_next)->entry.id, pauls);

  ASSERT_TRUE(set(helenes, 90));
  next = planner.next_call(csr);
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->has_value()) << (*next)->entry.id.value;

  clock.advance(4h);  // 13:00 UTC, 09:00 in Toronto
  next = planner.next_call(csr);
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->entry.id, noemies);

  clock.advance(8h);  // 21:00 UTC: Toronto's window has closed
  next = planner.next_call(csr);
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->has_value());
}

// The day's list [OIS056/B] is sorted by next contact time, then the
// contact info's sequence (read at once), then id; keyset paging crosses a
// tie without skipping or repeating a row, whatever the page size.
TEST_F(ContactPlannerTest, TheDaysListOrdersATieBySequenceAndPagesAcrossIt) {
  const std::int64_t zoe = add_customer(
      "Bernard", "Zoé", {"8 rue Oberkampf", "", "75011", "Paris", "", "FR"}, "06 98 76 54 32");
  connect(plan, zoe, "09:00", "17:00");
  // Hélène, Paul and Zoé are all due at 08:00 UTC (09:00 in Paris); Noémie
  // at 13:00 UTC (09:00 in Toronto).
  auto helenes = today(helene), pauls = today(paul), zoes = today(zoe), noemies = today(noemie);
  // The customer's contact info on the plan.
  auto info_of = [&](std::int64_t customer) -> std::optional<store::ContactInfoRow> {
    auto infos = planner.contact_infos_of(csr, customer);
    if (infos)
      for (const auto& i : *infos)
        if (i.info.plan == plan.id) return i;
    return std::nullopt;
  };
  auto sequence = [&](std::int64_t customer, int value) {
    auto info = info_of(customer);
    ASSERT_TRUE(info);
    ContactInfoInput in;
    in.phone = info->info.phone_e164;
    in.time_zone = info->info.time_zone;
    in.earliest = domain::format_local_minutes(info->info.earliest);
    in.latest = domain::format_local_minutes(info->info.latest);
    in.method = std::string(domain::to_code(info->info.method));
    in.note = info->info.note;
    in.sequence = value;
    in.version = info->info.version;
    auto updated = planner.update_contact_info(manager, info->info.id, in);
    ASSERT_TRUE(updated) << updated.error().key << " " << updated.error().field;
  };
  sequence(helene, 5);
  sequence(paul, 5);
  sequence(zoe, 1);

  store::PlanEntryFilter filter;
  filter.from = filter.to = day(2026, 3, 10);
  auto ids = [](const std::vector<store::PlanEntryRow>& rows) {
    std::vector<Id<domain::PlanEntry>> out;
    for (const auto& r : rows) out.push_back(r.entry.id);
    return out;
  };
  // Every page of `size` rows, each after the last row of the one before.
  auto paged = [&](int size) {
    std::vector<Id<domain::PlanEntry>> out;
    store::PlanEntryFilter f = filter;
    f.limit = size;
    for (int page = 0; page < 10; ++page) {
      auto rows = planner.entries(csr, f);
      EXPECT_TRUE(rows) << rows.error().key;
      if (!rows || rows->empty()) break;
      for (const auto& r : *rows) out.push_back(r.entry.id);
      f.after = store::list_key(rows->back());
    }
    return out;
  };
  using Ids = std::vector<Id<domain::PlanEntry>>;

  auto all = planner.entries(csr, filter);
  ASSERT_TRUE(all) << all.error().key;
  // Zoé (sequence 1) first; Hélène and Paul (both 5) by id; Noémie later in the day.
  EXPECT_EQ(ids(*all), (Ids{zoes, helenes, pauls, noemies}));
  EXPECT_EQ(all->front().sequence, 1);
  for (int size : {1, 2, 3}) EXPECT_EQ(paged(size), ids(*all)) << "page size " << size;
  auto next = planner.next_call(csr);
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->entry.id, zoes);

  // A changed sequence applies at once, to the list and to "my next call".
  sequence(paul, 0);
  all = planner.entries(csr, filter);
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(*all), (Ids{pauls, zoes, helenes, noemies}));
  for (int size : {1, 2}) EXPECT_EQ(paged(size), ids(*all)) << "page size " << size;
  next = planner.next_call(csr);
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->entry.id, pauls);

  // An entry whose customer left the plan (no contact info) sorts as sequence 0.
  auto helenes_info = info_of(helene);
  ASSERT_TRUE(helenes_info);
  ASSERT_TRUE(planner.disconnect(manager, helenes_info->info.id));
  all = planner.entries(csr, filter);
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(*all), (Ids{helenes, pauls, zoes, noemies}));
  EXPECT_EQ(all->front().sequence, 0);
  for (int size : {1, 2, 3}) EXPECT_EQ(paged(size), ids(*all)) << "page size " << size;
}

TEST_F(ContactPlannerTest, AnOverduePersonalCallBackIsOfferedToTheTeam) {
  // Omar's plan; Paul asked to be called back at 09:30 UTC (10:30 in Lyon).
  auto omars = make_plan("OMAR", other_csr.id.value);
  connect(omars, paul, "08:00", "17:00");
  auto pauls = today(paul, &omars);
  StatusInput in;
  in.status = 21;
  in.callback_at = utc("2026-03-10T09:30:00Z");
  in.version = current_version(pauls);
  auto later = planner.set_status(other_csr, pauls, in);
  ASSERT_TRUE(later) << later.error().key;
  // Cora's own list is closed for the test: her plan's entries are not due.
  clock.advance(59min);  // 09:59: 29 minutes late, still Omar's
  auto next = planner.next_call(csr);
  ASSERT_TRUE(next);
  EXPECT_FALSE(next->has_value());
  auto view = planner.entry(csr, pauls);
  ASSERT_TRUE(view);
  EXPECT_FALSE(view->released);

  clock.advance(1min);  // 10:00: 30 minutes late (the installation's default)
  next = planner.next_call(csr);
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->entry.id, pauls) << "offered to the team";
  view = planner.entry(csr, pauls);
  ASSERT_TRUE(view);
  EXPECT_TRUE(view->released);
  auto omar_next = planner.next_call(other_csr);
  ASSERT_TRUE(omar_next);
  EXPECT_FALSE(omar_next->has_value()) << "held for Cora while she calls";
  clock.advance(domain::kNextCallHold);
  omar_next = planner.next_call(other_csr);
  ASSERT_TRUE(omar_next && omar_next->has_value());
  EXPECT_EQ((*omar_next)->entry.id, pauls) << "and still Omar's";
}

TEST_F(ContactPlannerTest, TwoCsrsPressingNextCallTogetherAreGivenDifferentCustomers) {
  auto team = make_plan("TEAM", std::nullopt);  // every CSR works its list
  connect(team, helene, "08:00", "17:00");
  connect(team, paul, "08:00", "17:00");
  today(helene, &team);
  today(paul, &team);

  auto cora = planner.next_call(csr);
  ASSERT_TRUE(cora && cora->has_value());
  auto omar = planner.next_call(other_csr);
  ASSERT_TRUE(omar && omar->has_value());
  const auto coras = (*cora)->entry.id, omars = (*omar)->entry.id;
  EXPECT_NE(coras, omars) << "each CSR is given a customer of their own";

  // Asking again gives Cora the same entry at the same version: the hold is
  // not a change, so her status form stays current.
  auto again = planner.next_call(csr);
  ASSERT_TRUE(again && again->has_value());
  EXPECT_EQ((*again)->entry.id, coras);
  EXPECT_EQ((*again)->entry.version, (*cora)->entry.version);

  // Her status ends her hold; Omar's still keeps his entry from her.
  ASSERT_TRUE(set(coras, 92));
  again = planner.next_call(csr);
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value()) << "Omar's customer is held for him";

  // A CSR who walks away does not keep it from the team for long.
  clock.advance(domain::kNextCallHold);
  again = planner.next_call(csr);
  ASSERT_TRUE(again && again->has_value());
  EXPECT_EQ((*again)->entry.id, omars);
}

TEST_F(ContactPlannerTest, AManagerReopensAFinalEntryWithAReasonAudited) {
  auto id = today(helene);
  auto done = set(id, 92, std::nullopt, 0, "No order");
  ASSERT_TRUE(done) << done.error().key;
  const Version version = done->row.entry.version;
  const std::string before = raw_entry(id);
  EXPECT_EQ(planner.reopen(csr, id, version, "Mistake").error().code, ErrorCode::forbidden);
  EXPECT_EQ(planner.reopen(manager, id, version, "   ").error().key, "plan_entry.reason_required");
  EXPECT_EQ(planner.reopen(manager, id, version - 1, "Mistake").error().key, "record.stale");
  EXPECT_EQ(raw_entry(id), before) << "a refused reopening changes nothing";

  auto open = planner.reopen(manager, id, version, "Pressed 92 by mistake");
  ASSERT_TRUE(open) << open.error().key;
  EXPECT_EQ(open->entry.status, ContactStatus::planned);
  EXPECT_EQ(open->entry.attempt, done->row.entry.attempt);
  // 09:00 UTC is 10:00 in Paris, inside 09:00–17:00: due now.
  EXPECT_EQ(open->entry.next_contact_at, utc("2026-03-10T09:00:00Z"));
  EXPECT_EQ(count("audit_log WHERE record_type = 'plan_entry' AND field = 'reopen_reason' AND "
                  "new_value = 'Pressed 92 by mistake' AND user_name = 'Maya'"),
            1);
  auto next = planner.next_call(csr);
  ASSERT_TRUE(next && next->has_value());
  EXPECT_EQ((*next)->entry.id, id) << "today's list offers it again";
  EXPECT_EQ(planner.reopen(manager, id, open->entry.version, "Again").error().key,
            "plan_entry.not_final");
}

TEST_F(ContactPlannerTest, BadPlanningInputIsRefusedNamingTheFieldAndSavesNothing) {
  const long long plans = count("contact_plans"), infos = count("contact_infos"),
                  exceptions = count("plan_exceptions"), periods = count("non_activity_periods");

  domain::ContactPlan no_day = plan;
  no_day.id = {};
  no_day.code = "NODAY";
  no_day.weekdays = domain::Weekdays{};
  auto refused_plan = planner.create_plan(manager, no_day);
  ASSERT_FALSE(refused_plan);
  EXPECT_EQ(refused_plan.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused_plan.error().key, "contact_plan.weekdays_required");
  EXPECT_EQ(refused_plan.error().field, "weekdays");

  no_day.weekdays = domain::Weekdays::parse("1").value();
  auto by_csr = planner.create_plan(csr, no_day);
  ASSERT_FALSE(by_csr);
  EXPECT_EQ(by_csr.error().code, ErrorCode::forbidden);
  EXPECT_EQ(count("contact_plans"), plans);

  auto other = make_plan("OTHER", std::nullopt);
  ContactInfoInput in;
  in.plan = other.id.value;
  in.customer = helene;
  in.earliest = "17:00";
  in.latest = "09:00";
  auto refused_info = planner.connect(csr, in);
  ASSERT_FALSE(refused_info);
  EXPECT_EQ(refused_info.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused_info.error().key, "contact_plan.latest_before_earliest");
  EXPECT_EQ(refused_info.error().field, "latest");
  EXPECT_EQ(count("contact_infos"), infos);

  domain::PlanException late;
  late.plan = plan.id;
  late.from = late.to = day(2027, 1, 5);  // the plan ends on 31 December 2026
  late.reason = "Epiphany";
  auto refused_exception = planner.add_exception(manager, late);
  ASSERT_FALSE(refused_exception);
  EXPECT_EQ(refused_exception.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(refused_exception.error().key, "contact_plan.exception_outside_validity");
  EXPECT_EQ(refused_exception.error().field, "from");
  EXPECT_EQ(count("plan_exceptions"), exceptions);

  domain::NonActivityPeriod backwards;
  backwards.customer = helene;
  backwards.from = day(2026, 8, 31);
  backwards.to = day(2026, 8, 1);
  backwards.reason = "Congés";
  auto refused_period = planner.add_non_activity(csr, backwards);
  ASSERT_FALSE(refused_period);
  EXPECT_EQ(refused_period.error().key, "contact_plan.range_backwards");
  EXPECT_EQ(refused_period.error().field, "to");
  EXPECT_EQ(count("non_activity_periods"), periods);

  auto not_on_plan = add(csr, helene, day(2026, 3, 17), false, std::nullopt, &other);
  ASSERT_FALSE(not_on_plan);
  EXPECT_EQ(not_on_plan.error().key, "plan_entry.not_on_plan");
  EXPECT_EQ(not_on_plan.error().field, "customer");
  EXPECT_EQ(count("plan_entries"), 0);
}

// RFC 5545 content lines after unfolding; fails the test on a line that is
// not "NAME[;PARAM…]:VALUE" or on BEGIN/END that do not nest.
std::vector<std::string> ical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\r\n", at);
    EXPECT_NE(end, std::string::npos) << "a line does not end with CRLF";
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(at, end - at);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty())
      lines.back() += line.substr(1);
    else
      lines.push_back(line);
    at = end + 2;
  }
  static const std::regex content(R"(^[A-Za-z0-9-]+(;[^:]*)?:.*$)");
  std::vector<std::string> open;
  for (const auto& l : lines) {
    EXPECT_TRUE(std::regex_match(l, content)) << l;
    if (l.rfind("BEGIN:", 0) == 0) open.push_back(l.substr(6));
    if (l.rfind("END:", 0) == 0) {
      EXPECT_FALSE(open.empty()) << l;
      if (!open.empty()) {
        EXPECT_EQ(open.back(), l.substr(4));
        open.pop_back();
      }
    }
  }
  EXPECT_TRUE(open.empty());
  return lines;
}

TEST_F(ContactPlannerTest, CalendarHasOneEventPerOpenScheduledEntryInUtc) {
  auto helenes = today(helene);
  today(noemie);
  auto pauls = today(paul);
  auto future = add(csr, helene, day(2026, 3, 31));  // summer time in Paris
  ASSERT_TRUE(future);
  ASSERT_TRUE(set(pauls, 93));
  ASSERT_TRUE(set(helenes, 20));  // next attempt 09:30 UTC

  std::vector<std::string> asked;
  auto translate = [&](std::string_view key, const MessageArgs&) {
    asked.emplace_back(key);
    return std::string(key);
  };
  auto ics = planner.calendar(csr, plan.id.value, std::nullopt, translate);
  ASSERT_TRUE(ics) << ics.error().key;
  auto lines = ical_lines(*ics);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "VERSION:2.0"), lines.end());

  std::vector<std::string> starts;
  long long events = 0;
  for (const auto& l : lines) {
    if (l == "BEGIN:VEVENT") ++events;
    if (l.rfind("DTSTART", 0) == 0) starts.push_back(l);
  }
  EXPECT_EQ(events, 3);  // Hélène today and on the 31st, Noémie; not Paul's cancelled one
  std::sort(starts.begin(), starts.end());
  EXPECT_EQ(starts,
            (std::vector<std::string>{"DTSTART:20260310T093000Z", "DTSTART:20260310T130000Z",
                                      "DTSTART:20260331T070000Z"}));
  EXPECT_NE(std::find(lines.begin(), lines.end(), "URL:tel:+14169671111"), lines.end());
  EXPECT_NE(std::find(asked.begin(), asked.end(), "calendar.entry_description"), asked.end());

  // A user's calendar: Omar has none.
  auto omars = planner.calendar(other_csr, std::nullopt, other_csr.id.value, translate);
  ASSERT_TRUE(omars);
  EXPECT_EQ(omars->find("BEGIN:VEVENT"), std::string::npos);
  ical_lines(*omars);
}

// A key pressed twice (before or after the page shows the first outcome)
// records one call; the same key later is a new attempt.
TEST_F(ContactPlannerTest, TheSameKeyPressedTwiceRecordsOneCall) {
  using namespace std::chrono_literals;
  auto id = today(helene);
  auto first = set(id, 20, std::nullopt, 1);
  ASSERT_TRUE(first) << first.error().key;
  EXPECT_FALSE(first->repeated);
  EXPECT_EQ(first->row.entry.attempt, 2);

  clock.advance(2s);
  for (Version shown : {Version{2}, Version{1}}) {
    auto again = set(id, 20, std::nullopt, shown);
    ASSERT_TRUE(again) << again.error().key;
    EXPECT_TRUE(again->repeated) << "version " << shown;
    EXPECT_EQ(again->row.entry.attempt, 2);
    EXPECT_EQ(again->row.entry.version, 2);
  }
  EXPECT_EQ(count("plan_entry_events"), 1);
  EXPECT_EQ(calls_logged(helene), 1);

  // Another status, or the same one with another note, is another call.
  auto other_note = set(id, 20, std::nullopt, 2, "Toujours occupé");
  ASSERT_TRUE(other_note) << other_note.error().key;
  EXPECT_FALSE(other_note->repeated);
  EXPECT_EQ(other_note->row.entry.attempt, 3);

  // Past the window, the same key is a new attempt.
  clock.advance(domain::kRepeatedOutcomeWindow + 1s);
  auto later = set(id, 20, std::nullopt, 3, "Toujours occupé");
  ASSERT_TRUE(later) << later.error().key;
  EXPECT_FALSE(later->repeated);
  // A third busy on a plan of three attempts: recorded, and the entry closes.
  EXPECT_TRUE(later->attempts_exhausted);
  EXPECT_EQ(later->row.entry.status, ContactStatus::cancelled);
  EXPECT_EQ(count("plan_entry_events"), 3);

  // Without the version shown, nothing is recorded.
  StatusInput blind;
  blind.status = 20;
  auto refused = planner.set_status(csr, id, blind);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "field.required");
  EXPECT_EQ(refused.error().field, "version");
  EXPECT_EQ(count("plan_entry_events"), 3);
}

// The home page's "Calls due today": open entries of the CSR's day, theirs
// and the team's; a final status takes one off.
TEST_F(ContactPlannerTest, CountsTheCallsDueTodayInTheCsrsDay) {
  const long long before = *planner.due_today(csr);
  auto id = today(helene);
  EXPECT_EQ(*planner.due_today(csr), before + 1);
  ASSERT_TRUE(set(id, 92));
  EXPECT_EQ(*planner.due_today(csr), before);
}

}  // namespace
}  // namespace rapport::app
