// The supervisor's counting rules (issue 18) with plain values: what is
// overdue, released to the team, worked, and the figures of a list.
#include "domain/supervision/day_counts.h"

#include <map>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

using std::chrono::minutes;
using S = ContactStatus;

const Instant kNow = date::sys_days{date::year{2026} / 3 / 10} + std::chrono::hours{14};

EntryFacts entry(S status, int attempt, minutes due_from_now, minutes window_from_now,
                 bool responsible = false, bool order = false) {
  return {status, attempt, kNow + due_from_now, kNow + window_from_now, responsible, order};
}

TEST(DayCounts, CallsMadeCountTheLastAttemptOfAFinalEntryOnly) {
  EXPECT_EQ(calls_made(S::planned, 1), 0);
  EXPECT_EQ(calls_made(S::busy, 2), 1);  // busy once, waiting for the second attempt
  EXPECT_EQ(calls_made(S::call_back, 3), 2);
  EXPECT_EQ(calls_made(S::completed, 1), 1);
  EXPECT_EQ(calls_made(S::cancelled, 3), 3);
  EXPECT_EQ(calls_made(S::planned, 0), 0);  // a broken attempt number counts as the first
  EXPECT_FALSE(worked(S::planned, 1));
  EXPECT_TRUE(worked(S::unavailable, 2));
  EXPECT_TRUE(worked(S::completed_no_order, 1));
  EXPECT_TRUE(worked(S::planned, 2));  // reopened after a call
}

TEST(DayCounts, OverdueIsAnOpenEntryWhoseTimeHasPassedWindowOpenOrClosed) {
  EXPECT_TRUE(overdue(entry(S::planned, 1, minutes{0}, minutes{60}), kNow));  // due now
  EXPECT_TRUE(overdue(entry(S::busy, 2, minutes{-30}, minutes{60}), kNow));
  EXPECT_FALSE(overdue(entry(S::planned, 1, minutes{1}, minutes{60}), kNow));      // later today
  EXPECT_FALSE(overdue(entry(S::completed, 1, minutes{-30}, minutes{60}), kNow));  // done
  EXPECT_FALSE(overdue_window_closed(entry(S::busy, 2, minutes{-30}, minutes{60}), kNow));
  EXPECT_TRUE(overdue_window_closed(entry(S::planned, 1, minutes{-300}, minutes{-60}), kNow));
  EXPECT_TRUE(overdue_window_closed(entry(S::planned, 1, minutes{-300}, minutes{0}), kNow));
  EXPECT_FALSE(overdue_window_closed(entry(S::cancelled, 1, minutes{-300}, minutes{-60}), kNow));
}

TEST(DayCounts, ACallBackIsReleasedToTheTeamOnlyWhenPersonalAndLateEnough) {
  const auto late40 = entry(S::call_back, 2, minutes{-40}, minutes{60}, true);
  const auto late20 = entry(S::call_back, 2, minutes{-20}, minutes{60}, true);
  const auto team40 = entry(S::call_back, 2, minutes{-40}, minutes{60}, false);
  EXPECT_TRUE(callback_overdue(late40, kNow));
  EXPECT_TRUE(callback_overdue(late20, kNow));
  EXPECT_FALSE(callback_overdue(entry(S::call_back, 2, minutes{5}, minutes{60}, true), kNow));
  EXPECT_FALSE(callback_overdue(entry(S::busy, 2, minutes{-40}, minutes{60}, true), kNow));
  EXPECT_TRUE(callback_released_to_team(late40, kNow, 30));
  EXPECT_TRUE(
      callback_released_to_team(entry(S::call_back, 2, minutes{-30}, minutes{60}, true), kNow, 30));
  EXPECT_FALSE(callback_released_to_team(late20, kNow, 30));
  EXPECT_FALSE(callback_released_to_team(team40, kNow, 30));  // already the team's
  EXPECT_FALSE(callback_released_to_team(late40, kNow, 0));   // 0: never released
  EXPECT_EQ(released_before(kNow, 30), kNow - minutes{30});
  EXPECT_FALSE(released_before(kNow, 0));
}

TEST(DayCounts, AListCountsEveryFigureAndTheTotalAddsThem) {
  DayCounts a;
  add_entry(a, entry(S::planned, 1, minutes{60}, minutes{120}), kNow, 30);    // later today
  add_entry(a, entry(S::planned, 1, minutes{-300}, minutes{-60}), kNow, 30);  // missed
  add_entry(a, entry(S::busy, 2, minutes{-10}, minutes{60}), kNow, 30);
  add_entry(a, entry(S::call_back, 3, minutes{-45}, minutes{60}, true), kNow, 30);  // released
  add_entry(a, entry(S::completed, 1, minutes{-120}, minutes{60}, true, true), kNow, 30);
  add_entry(a, entry(S::cancelled, 3, minutes{-120}, minutes{60}), kNow, 30);
  EXPECT_EQ(a.due, 6);
  EXPECT_EQ(a.by_status.planned, 2);
  EXPECT_EQ(a.by_status.busy, 1);
  EXPECT_EQ(a.by_status.call_back, 1);
  EXPECT_EQ(done(a), 2);
  EXPECT_EQ(open_count(a), 4);
  EXPECT_EQ(a.overdue, 3);
  EXPECT_EQ(a.overdue_window_closed, 1);
  EXPECT_EQ(a.callbacks_overdue, 1);
  EXPECT_EQ(a.callbacks_released, 1);
  EXPECT_EQ(a.calls, 0 + 0 + 1 + 2 + 1 + 3);
  EXPECT_EQ(a.worked, 4);
  EXPECT_EQ(a.ok, 1);
  EXPECT_DOUBLE_EQ(attempts_per_entry(a), 7.0 / 4.0);
  EXPECT_DOUBLE_EQ(list_penetration(a), 4.0 / 6.0);

  DayCounts b;
  add_entry(b, entry(S::completed_no_order, 2, minutes{-5}, minutes{5}), kNow, 30);
  DayCounts total;
  add_counts(total, a);
  add_counts(total, b);
  EXPECT_EQ(total.due, 7);
  EXPECT_EQ(done(total), 3);
  EXPECT_EQ(total.by_status.completed_no_order, 1);
  EXPECT_EQ(total.calls, 9);
  EXPECT_EQ(total.worked, 5);

  DayCounts empty;
  EXPECT_EQ(attempts_per_entry(empty), 0.0);
  EXPECT_EQ(list_penetration(empty), 0.0);
}

TEST(DayCounts, ACsrsCallsAreTheStatusesSetAndTheLastOneDatesThem) {
  CsrCounts c;
  EXPECT_FALSE(seconds_since_last_call(c, kNow));
  add_call(c, S::busy, kNow - minutes{20});
  add_call(c, S::completed, kNow - minutes{5});
  add_call(c, S::call_back, kNow - minutes{10});  // read out of order
  add_call(c, S::planned, kNow - minutes{1});     // a reopening is not a call
  EXPECT_EQ(c.calls, 3);
  EXPECT_EQ(c.outcomes.busy, 1);
  EXPECT_EQ(c.outcomes.completed, 1);
  EXPECT_EQ(c.outcomes.call_back, 1);
  EXPECT_EQ(c.outcomes.planned, 0);
  EXPECT_EQ(seconds_since_last_call(c, kNow), 300);
}

}  // namespace
}  // namespace rapport::domain

namespace rapport::domain {
namespace {

// The counters' groups (migration 0026) count as the entries one by one.
TEST(DayCounts, AGroupOfEntriesCountsAsItsEntries) {
  const Instant now = date::sys_days{date::year{2026} / 3 / 10} + std::chrono::hours{14};
  struct One {
    ContactStatus status;
    int attempt;
    bool order;
  };
  const One entries[] = {
      {ContactStatus::planned, 1, false},   {ContactStatus::planned, 2, false},
      {ContactStatus::busy, 3, false},      {ContactStatus::call_back, 2, false},
      {ContactStatus::completed, 1, true},  {ContactStatus::completed, 3, false},
      {ContactStatus::cancelled, 3, false}, {ContactStatus::completed_no_order, 2, false}};
  DayCounts one_by_one, grouped;
  std::map<ContactStatus, EntryGroup> groups;
  for (const auto& e : entries) {
    add_entry(one_by_one, {e.status, e.attempt, now, now, false, e.order}, now, 0);
    auto& g = groups[e.status];
    ++g.entries;
    g.attempts += e.attempt;
    if (e.attempt > 1) ++g.retried;
    if (e.order) ++g.with_order;
  }
  for (const auto& [status, g] : groups) add_entries(grouped, status, g);
  EXPECT_EQ(grouped.due, one_by_one.due);
  EXPECT_EQ(grouped.calls, one_by_one.calls);
  EXPECT_EQ(grouped.calls, 0 + 1 + 2 + 1 + 1 + 3 + 3 + 2);
  EXPECT_EQ(grouped.worked, one_by_one.worked);
  EXPECT_EQ(grouped.worked, 7);
  EXPECT_EQ(grouped.ok, 1);
  EXPECT_EQ(grouped.by_status.planned, 2);
  EXPECT_EQ(done(grouped), 4);
}

}  // namespace
}  // namespace rapport::domain
