#include "domain/contactplan/recalculation.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::utc;
using rapport::testing::ymd;

std::string at(const Result<ContactWindow>& w, bool end = false) {
  if (!w) return "error " + w.error().key;
  return format_instant(end ? w->end : w->start);
}

// A plan, its customer's window and zone; each test sets what it needs.
class Recalculation : public ::testing::Test {
 protected:
  Recalculation() {
    plan.code = "P1";
    plan.name_en = "Plan";
    plan.weekdays = *Weekdays::parse("1,2,3,4,5");
    plan.valid_from = ymd(2026, 1, 1);
  }

  RecalculationContext ctx() const {
    return RecalculationContext{plan, settings, earliest, latest, zone, exceptions, non_activity};
  }

  Result<ContactWindow> next(std::string_view now, int delay) const {
    return next_contact(utc(now), delay, ctx());
  }

  PlanEntry entry(int attempt = 1, ContactStatus status = ContactStatus::planned) const {
    PlanEntry e;
    e.status = status;
    e.attempt = attempt;
    e.contact_date = ymd(2026, 6, 2);
    e.planned_at = utc("2026-06-02T07:00:00Z");
    e.next_contact_at = e.planned_at;
    e.window_ends_at = utc("2026-06-02T15:00:00Z");
    return e;
  }

  ContactPlan plan;
  InstallationSettings settings;  // unavailable {60, 5}, busy {15, 10}, call back {120, 5}
  std::string zone = "Europe/Paris";
  LocalMinutes earliest = 9 * 60;  // the customer's window
  LocalMinutes latest = 17 * 60;
  std::vector<PlanException> exceptions;
  std::vector<NonActivityPeriod> non_activity;
};

TEST_F(Recalculation, RuleComesFromThePlanElseTheInstallation) {
  EXPECT_EQ(rule_for(ContactStatus::busy, plan, settings), (RecalculationRule{15, 10}));
  EXPECT_EQ(rule_for(ContactStatus::unavailable, plan, settings), (RecalculationRule{60, 5}));
  EXPECT_EQ(rule_for(ContactStatus::call_back, plan, settings), (RecalculationRule{120, 5}));
  plan.busy = RecalculationRule{5, 2};
  EXPECT_EQ(rule_for(ContactStatus::busy, plan, settings), (RecalculationRule{5, 2}));
  EXPECT_EQ(rule_for(ContactStatus::unavailable, plan, settings), (RecalculationRule{60, 5}));
}

TEST_F(Recalculation, KeptInsideTheWindow) {
  // 10:00 CEST + 60 min = 11:00 CEST, inside 09:00–17:00.
  auto w = next("2026-06-02T08:00:00Z", 60);
  EXPECT_EQ(at(w), "2026-06-02T09:00:00Z");
  EXPECT_EQ(at(w, true), "2026-06-02T15:00:00Z");
}

TEST_F(Recalculation, BeforeTheWindowMovesToItsStart) {
  auto w = next("2026-06-02T03:00:00Z", 60);  // 06:00 CEST
  EXPECT_EQ(at(w), "2026-06-02T07:00:00Z");
  EXPECT_EQ(at(w, true), "2026-06-02T15:00:00Z");
}

TEST_F(Recalculation, AcrossTheEndOfTheWindow) {
  // 16:30 CEST + 60 min = 17:30: the next day at 09:00.
  auto w = next("2026-06-02T14:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-06-03T07:00:00Z");
  EXPECT_EQ(at(w, true), "2026-06-03T15:00:00Z");
  // Exactly the window's end is already outside it.
  EXPECT_EQ(at(next("2026-06-02T14:00:00Z", 60)), "2026-06-03T07:00:00Z");
  EXPECT_EQ(at(next("2026-06-02T13:59:00Z", 60)), "2026-06-02T14:59:00Z");
}

TEST_F(Recalculation, AcrossAWeekend) {
  // Friday 16:30 CEST + 60 min: Monday 09:00 CEST.
  EXPECT_EQ(at(next("2026-06-05T14:30:00Z", 60)), "2026-06-08T07:00:00Z");
  // Saturday morning is inside the hours but not a contact day.
  EXPECT_EQ(at(next("2026-06-06T08:00:00Z", 60)), "2026-06-08T07:00:00Z");
}

TEST_F(Recalculation, AcrossANoContactException) {
  exceptions.push_back({{1},
                        {1},
                        ymd(2026, 6, 8),
                        ymd(2026, 6, 9),
                        ExceptionKind::no_contact,
                        std::nullopt,
                        "Closed"});
  // Friday evening: Monday and Tuesday are excepted, so Wednesday.
  EXPECT_EQ(at(next("2026-06-05T14:30:00Z", 60)), "2026-06-10T07:00:00Z");
  // Inside an excepted day's hours: not kept.
  EXPECT_EQ(at(next("2026-06-08T08:00:00Z", 60)), "2026-06-10T07:00:00Z");
}

TEST_F(Recalculation, ToAMovedDay) {
  plan.weekdays = *Weekdays::parse("2,4");
  exceptions.push_back({{1},
                        {1},
                        ymd(2026, 6, 4),
                        ymd(2026, 6, 4),
                        ExceptionKind::moved,
                        ymd(2026, 6, 3),
                        "Thursday to Wednesday"});
  // Tuesday evening: Wednesday (the moved day), not Thursday.
  EXPECT_EQ(at(next("2026-06-02T14:30:00Z", 60)), "2026-06-03T07:00:00Z");
  // Wednesday evening: Thursday was moved away, so the next Tuesday.
  EXPECT_EQ(at(next("2026-06-03T14:30:00Z", 60)), "2026-06-09T07:00:00Z");
}

TEST_F(Recalculation, AcrossANonActivityPeriod) {
  non_activity.push_back({{1}, 7, ymd(2026, 6, 3), ymd(2026, 6, 5), "Inventory"});
  EXPECT_EQ(at(next("2026-06-02T14:30:00Z", 60)), "2026-06-08T07:00:00Z");
}

TEST_F(Recalculation, ParisSpringForward) {
  // Friday 2026-03-27 16:30 CET (15:30Z) + 60: Monday 2026-03-30 09:00 CEST = 07:00Z.
  auto w = next("2026-03-27T15:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-03-30T07:00:00Z");
  EXPECT_EQ(at(w, true), "2026-03-30T15:00:00Z");
  // A daily plan lands on the day of the change itself.
  plan.weekdays = Weekdays{0x7f};
  w = next("2026-03-28T15:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-03-29T07:00:00Z");
  EXPECT_EQ(at(w, true), "2026-03-29T15:00:00Z");
}

TEST_F(Recalculation, ParisFallBack) {
  // Friday 2026-10-23 16:30 CEST (14:30Z) + 60: Monday 2026-10-26 09:00 CET = 08:00Z.
  auto w = next("2026-10-23T14:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-10-26T08:00:00Z");
  EXPECT_EQ(at(w, true), "2026-10-26T16:00:00Z");
  plan.weekdays = Weekdays{0x7f};
  w = next("2026-10-24T14:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-10-25T08:00:00Z");
  EXPECT_EQ(at(w, true), "2026-10-25T16:00:00Z");
}

TEST_F(Recalculation, ParisAcrossTheChangeWithinADay) {
  // A window of the whole day; 02:30 CEST + 60 min is 02:30 CET on 2026-10-25.
  plan.weekdays = Weekdays{0x7f};
  auto c = ctx();
  c.earliest = 0;
  c.latest = 1440;
  auto w = next_contact(utc("2026-10-25T00:30:00Z"), 60, c);
  EXPECT_EQ(at(w), "2026-10-25T01:30:00Z");
  EXPECT_EQ(at(w, true), "2026-10-25T23:00:00Z");
}

TEST_F(Recalculation, TorontoSpringForward) {
  zone = "America/Toronto";
  plan.weekdays = Weekdays{0x7f};
  // Saturday 2026-03-07 16:30 EST (21:30Z) + 60: Sunday 09:00 EDT = 13:00Z.
  auto w = next("2026-03-07T21:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-03-08T13:00:00Z");
  EXPECT_EQ(at(w, true), "2026-03-08T21:00:00Z");
  // Weekdays only: Friday 16:30 EST (21:30Z) → Monday 09:00 EDT = 13:00Z.
  plan.weekdays = *Weekdays::parse("1,2,3,4,5");
  EXPECT_EQ(at(next("2026-03-06T21:30:00Z", 60)), "2026-03-09T13:00:00Z");
  // Over the jump itself with a whole-day window: 01:30 EST + 60 min = 03:30 EDT.
  plan.weekdays = Weekdays{0x7f};
  auto c = ctx();
  c.earliest = 0;
  c.latest = 1440;
  w = next_contact(utc("2026-03-08T06:30:00Z"), 60, c);
  EXPECT_EQ(at(w), "2026-03-08T07:30:00Z");
  EXPECT_EQ(at(w, true), "2026-03-09T04:00:00Z");
}

TEST_F(Recalculation, TorontoFallBack) {
  zone = "America/Toronto";
  plan.weekdays = Weekdays{0x7f};
  // Saturday 2026-10-31 16:30 EDT (20:30Z) + 60: Sunday 09:00 EST = 14:00Z.
  auto w = next("2026-10-31T20:30:00Z", 60);
  EXPECT_EQ(at(w), "2026-11-01T14:00:00Z");
  EXPECT_EQ(at(w, true), "2026-11-01T22:00:00Z");
  plan.weekdays = *Weekdays::parse("1,2,3,4,5");
  EXPECT_EQ(at(next("2026-10-30T20:30:00Z", 60)), "2026-11-02T14:00:00Z");
}

TEST_F(Recalculation, NoOpenDayIsAnError) {
  non_activity.push_back({{1}, 7, ymd(2026, 1, 1), ymd(2028, 12, 31), "Closed"});
  auto w = next("2026-06-02T08:00:00Z", 60);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().key, "contact_plan.no_next_day");
  EXPECT_EQ(w.error().code, ErrorCode::conflict);
  EXPECT_EQ(w.error().args, (MessageArgs{{"days", "400"}}));
}

TEST_F(Recalculation, StopsAtThePlansValidityEnd) {
  // The plan ends on Friday 5 June: Friday 16:30 + 60 min has no next day.
  plan.valid_to = ymd(2026, 6, 5);
  auto w = next("2026-06-05T14:30:00Z", 60);
  ASSERT_FALSE(w);
  EXPECT_EQ(w.error().key, "contact_plan.no_next_day");
  // Within the last day's window the time is kept.
  EXPECT_EQ(at(next("2026-06-05T08:00:00Z", 60)), "2026-06-05T09:00:00Z");
}

TEST_F(Recalculation, KeepsTheEveryNWeeksRhythm) {
  // Every 2 weeks from the week of Monday 1 June: the week of 8 June is off.
  plan.every_weeks = 2;
  plan.frequency_start = ymd(2026, 6, 1);
  // Friday 5 June 16:30 + 60 min: not Monday 8 June, but Monday 15 June.
  EXPECT_EQ(at(next("2026-06-05T14:30:00Z", 60)), "2026-06-15T07:00:00Z");
  // Within a contact week the next day is kept.
  EXPECT_EQ(at(next("2026-06-02T14:30:00Z", 60)), "2026-06-03T07:00:00Z");
}

TEST_F(Recalculation, NoDayLeftClosesTheEntryAsNotReachable) {
  plan.valid_to = ymd(2026, 6, 2);
  // Tuesday 2 June 16:50 CEST, unavailable (+60 min): the plan has ended.
  auto c = apply_status(entry(1), ContactStatus::unavailable, utc("2026-06-02T14:50:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::cancelled);
  EXPECT_TRUE(c->no_day_left);
  EXPECT_FALSE(c->attempts_exhausted);
  EXPECT_EQ(c->attempt, 1);
}

TEST_F(Recalculation, ReopeningAFinalEntryMakesItDueAgain) {
  // Closed as 92 by mistake at 10:00 CEST; reopened at 10:30 CEST: due now.
  auto closed = entry(2, ContactStatus::completed_no_order);
  auto c = reopen(closed, utc("2026-06-02T08:30:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::planned);
  EXPECT_EQ(c->attempt, 2) << "the attempts made are kept";
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T08:30:00Z");
  EXPECT_EQ(format_instant(c->window_ends_at), "2026-06-02T15:00:00Z");
  // After the window: the next contact day's window.
  c = reopen(closed, utc("2026-06-02T16:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-03T07:00:00Z");
  // An open entry is not reopened.
  auto open = reopen(entry(1, ContactStatus::busy), utc("2026-06-02T08:30:00Z"), ctx());
  ASSERT_FALSE(open);
  EXPECT_EQ(open.error().key, "plan_entry.not_final");
}

TEST_F(Recalculation, ApplyBusyRecalculatesAndCountsTheAttempt) {
  auto c = apply_status(entry(1), ContactStatus::busy, utc("2026-06-02T08:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::busy);
  EXPECT_EQ(c->attempt, 2);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T08:15:00Z");  // busy: 15 minutes
  EXPECT_EQ(format_instant(c->window_ends_at), "2026-06-02T15:00:00Z");
  EXPECT_FALSE(c->attempts_exhausted);
  EXPECT_FALSE(c->outside_window);
}

TEST_F(Recalculation, ApplyUsesThePlansRule) {
  plan.unavailable = RecalculationRule{30, 2};
  auto c = apply_status(entry(1), ContactStatus::unavailable, utc("2026-06-02T08:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::unavailable);
  EXPECT_EQ(c->attempt, 2);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T08:30:00Z");
  // The plan allows 2 attempts: the second failure ends the entry.
  c = apply_status(entry(2), ContactStatus::unavailable, utc("2026-06-02T09:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::cancelled);
  EXPECT_TRUE(c->attempts_exhausted);
}

TEST_F(Recalculation, MaximumAttemptsGives93) {
  // Installation default for 11: 5 attempts.
  auto c = apply_status(entry(4), ContactStatus::unavailable, utc("2026-06-02T08:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::unavailable);
  EXPECT_EQ(c->attempt, 5);
  EXPECT_FALSE(c->attempts_exhausted);

  PlanEntry fifth = entry(5, ContactStatus::unavailable);
  fifth.next_contact_at = utc("2026-06-02T10:00:00Z");
  for (auto status : {ContactStatus::unavailable, ContactStatus::busy, ContactStatus::call_back}) {
    plan.busy = RecalculationRule{15, 5};
    c = apply_status(fifth, status, utc("2026-06-02T10:05:00Z"), ctx());
    ASSERT_TRUE(c) << to_number(status);
    EXPECT_EQ(c->status, ContactStatus::cancelled) << to_number(status);
    EXPECT_TRUE(c->attempts_exhausted);
    EXPECT_EQ(c->attempt, 5);
    EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T10:00:00Z");  // unchanged
    EXPECT_EQ(format_instant(c->window_ends_at), "2026-06-02T15:00:00Z");
  }
}

TEST_F(Recalculation, FinalStatusesKeepTimesAndAttempt) {
  PlanEntry e = entry(3, ContactStatus::busy);
  e.next_contact_at = utc("2026-06-02T09:15:00Z");
  for (auto status :
       {ContactStatus::completed, ContactStatus::completed_no_order, ContactStatus::cancelled}) {
    auto c = apply_status(e, status, utc("2026-06-02T09:20:00Z"), ctx());
    ASSERT_TRUE(c);
    EXPECT_EQ(c->status, status);
    EXPECT_EQ(c->attempt, 3);
    EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T09:15:00Z");
    EXPECT_EQ(format_instant(c->window_ends_at), "2026-06-02T15:00:00Z");
    EXPECT_FALSE(c->attempts_exhausted);
  }
}

TEST_F(Recalculation, FinalEntriesRefuseEveryChange) {
  for (auto final_status :
       {ContactStatus::completed, ContactStatus::completed_no_order, ContactStatus::cancelled}) {
    for (auto status : {ContactStatus::planned, ContactStatus::unavailable, ContactStatus::busy,
                        ContactStatus::call_back, ContactStatus::completed,
                        ContactStatus::completed_no_order, ContactStatus::cancelled}) {
      auto c = apply_status(entry(1, final_status), status, utc("2026-06-02T08:00:00Z"), ctx());
      ASSERT_FALSE(c);
      EXPECT_EQ(c.error().code, ErrorCode::conflict);
      EXPECT_EQ(c.error().key, "contact_plan.entry_final");
    }
  }
}

TEST_F(Recalculation, PlannedCannotBeSet) {
  auto c = apply_status(entry(2, ContactStatus::busy), ContactStatus::planned,
                        utc("2026-06-02T08:00:00Z"), ctx());
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(c.error().key, "contact_plan.status_not_settable");
  EXPECT_EQ(c.error().field, "status");
}

TEST_F(Recalculation, CallBackWithoutATimeUsesItsDelay) {
  auto c = apply_status(entry(1), ContactStatus::call_back, utc("2026-06-02T08:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T10:00:00Z");  // 120 minutes
  EXPECT_FALSE(c->outside_window);
}

TEST_F(Recalculation, CallBackAtTheRequestedTime) {
  const Instant now = utc("2026-06-02T08:00:00Z");
  // Wednesday 14:00 CEST: inside the window.
  auto c =
      apply_status(entry(1), ContactStatus::call_back, now, ctx(), utc("2026-06-03T12:00:00Z"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->status, ContactStatus::call_back);
  EXPECT_EQ(c->attempt, 2);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-03T12:00:00Z");
  EXPECT_EQ(format_instant(c->window_ends_at), "2026-06-03T15:00:00Z");
  EXPECT_FALSE(c->outside_window);
}

TEST_F(Recalculation, CallBackOutsideTheWindowWarns) {
  const Instant now = utc("2026-06-02T08:00:00Z");
  // 07:00 CEST, before the window: offered from then until the window closes.
  auto early =
      apply_status(entry(1), ContactStatus::call_back, now, ctx(), utc("2026-06-03T05:00:00Z"));
  ASSERT_TRUE(early);
  EXPECT_TRUE(early->outside_window);
  EXPECT_EQ(format_instant(early->next_contact_at), "2026-06-03T05:00:00Z");
  EXPECT_EQ(format_instant(early->window_ends_at), "2026-06-03T15:00:00Z");
  // 20:00 CEST, after the window: offered until local midnight.
  auto late =
      apply_status(entry(1), ContactStatus::call_back, now, ctx(), utc("2026-06-03T18:00:00Z"));
  ASSERT_TRUE(late);
  EXPECT_TRUE(late->outside_window);
  EXPECT_EQ(format_instant(late->next_contact_at), "2026-06-03T18:00:00Z");
  EXPECT_EQ(format_instant(late->window_ends_at), "2026-06-03T22:00:00Z");
  EXPECT_FALSE(early->not_a_contact_day);
  EXPECT_FALSE(late->not_a_contact_day);
  // Saturday 12:00 CEST: inside the hours but not a contact day — the
  // warning says so, not "outside the window".
  auto saturday =
      apply_status(entry(1), ContactStatus::call_back, now, ctx(), utc("2026-06-06T10:00:00Z"));
  ASSERT_TRUE(saturday);
  EXPECT_FALSE(saturday->outside_window);
  EXPECT_TRUE(saturday->not_a_contact_day);
  EXPECT_EQ(format_instant(saturday->window_ends_at), "2026-06-06T15:00:00Z");
}

TEST_F(Recalculation, CallBackInThePastIsRefused) {
  const Instant now = utc("2026-06-02T08:00:00Z");
  for (auto requested : {now, now - std::chrono::minutes{1}}) {
    auto c = apply_status(entry(1), ContactStatus::call_back, now, ctx(), requested);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(c.error().key, "contact_plan.callback_in_past");
    EXPECT_EQ(c.error().field, "callback_at");
  }
}

TEST_F(Recalculation, RequestedTimeIsOnlyForCallBack) {
  auto c = apply_status(entry(1), ContactStatus::busy, utc("2026-06-02T08:00:00Z"), ctx(),
                        utc("2026-06-04T12:00:00Z"));
  ASSERT_TRUE(c);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-02T08:15:00Z");
}

TEST_F(Recalculation, ApplyAcrossTorontoSpringForward) {
  zone = "America/Toronto";
  // Friday 2026-03-06 16:50 EST (21:50Z), busy 15 min → 17:05: Monday 09:00 EDT.
  auto c = apply_status(entry(1), ContactStatus::busy, utc("2026-03-06T21:50:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-03-09T13:00:00Z");
  EXPECT_EQ(format_instant(c->window_ends_at), "2026-03-09T21:00:00Z");
}

// Opening hours (the installation's, in its zone) bound recalculated
// attempts: a customer reachable at any time is not called at midnight.
class OpeningHours : public Recalculation {
 protected:
  OpeningHours() {
    plan.weekdays = *Weekdays::parse("2,5");  // Tuesday and Friday
    earliest = 0;
    latest = 24 * 60;
    settings.time_zone = "Europe/Paris";
    settings.opens_minutes = 8 * 60;
    settings.closes_minutes = 20 * 60;
  }
};

TEST_F(OpeningHours, AlwaysOpenKeepsTheDelayAtAnyHour) {
  settings.opens_minutes = 0;
  settings.closes_minutes = 24 * 60;
  // Friday 19:50 CEST + 15 min = 20:05 CEST, inside the customer's 24 hours.
  EXPECT_EQ(at(next("2026-06-05T17:50:00Z", 15)), "2026-06-05T18:05:00Z");
  // Friday 23:50 CEST + 15 min: Saturday is not a contact day, so Tuesday
  // at the start of the customer's day, midnight.
  EXPECT_EQ(at(next("2026-06-05T21:50:00Z", 15)), "2026-06-08T22:00:00Z");
}

TEST_F(OpeningHours, BusyAfterClosingIsCalledAtOpeningOnTheNextContactDay) {
  // Friday 19:50 CEST + 15 min = 20:05, after closing: Tuesday 08:00 CEST,
  // offered until the end of the customer's day.
  auto w = next("2026-06-05T17:50:00Z", 15);
  EXPECT_EQ(at(w), "2026-06-09T06:00:00Z");
  EXPECT_EQ(at(w, true), "2026-06-09T22:00:00Z");
  // Friday 23:50 CEST: Tuesday 08:00 too, not Tuesday 00:00.
  EXPECT_EQ(at(next("2026-06-05T21:50:00Z", 15)), "2026-06-09T06:00:00Z");
}

TEST_F(OpeningHours, InsideTheHoursTheDelayIsKept) {
  EXPECT_EQ(at(next("2026-06-09T08:00:00Z", 15)), "2026-06-09T08:15:00Z");  // 10:15 CEST
  // Before opening on a contact day: at opening.
  EXPECT_EQ(at(next("2026-06-09T04:00:00Z", 15)), "2026-06-09T06:00:00Z");  // 06:15 → 08:00
}

TEST_F(OpeningHours, TheCustomersZoneAndTheCentresDiffer) {
  // A Toronto customer reachable at any time; the centre is open 08:00–20:00
  // in Paris, 02:00–14:00 in Toronto (June).
  zone = "America/Toronto";
  // Tuesday 13:50 EDT + 15 min = 14:05 EDT, 20:05 in Paris: Friday 02:00 EDT.
  EXPECT_EQ(at(next("2026-06-09T17:50:00Z", 15)), "2026-06-12T06:00:00Z");
  // Tuesday 10:00 EDT + 15 min: kept.
  EXPECT_EQ(at(next("2026-06-09T14:00:00Z", 15)), "2026-06-09T14:15:00Z");
}

TEST_F(OpeningHours, HoursThatMissTheCustomersWindowLeaveTheWindow) {
  // Open 08:00–12:00 in Paris = 02:00–06:00 in Toronto; the customer takes
  // calls 09:00–17:00 Toronto time: no overlap, so the customer's window
  // (the call is never dropped for the centre's hours).
  zone = "America/Toronto";
  earliest = 9 * 60;
  latest = 17 * 60;
  settings.closes_minutes = 12 * 60;
  EXPECT_EQ(at(next("2026-06-09T12:00:00Z", 15)), "2026-06-09T13:00:00Z");  // 09:00 EDT
}

TEST_F(OpeningHours, ReopeningLandsAtOpening) {
  // Reopened on Saturday: Tuesday at opening, not at midnight.
  auto c = reopen(entry(2, ContactStatus::completed_no_order), utc("2026-06-06T10:00:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-09T06:00:00Z");
}

TEST_F(OpeningHours, ApplyBusyOnAFridayEvening) {
  auto c = apply_status(entry(), ContactStatus::busy, utc("2026-06-05T18:30:00Z"), ctx());
  ASSERT_TRUE(c);
  EXPECT_EQ(c->attempt, 2);
  EXPECT_EQ(format_instant(c->next_contact_at), "2026-06-09T06:00:00Z");
}

}  // namespace
}  // namespace rapport::domain
