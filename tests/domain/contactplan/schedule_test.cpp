#include "domain/contactplan/schedule.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::utc;
using rapport::testing::ymd;

std::vector<std::string> texts(const std::vector<CivilDate>& dates) {
  std::vector<std::string> out;
  for (auto d : dates) out.push_back(format_date(d));
  return out;
}

ContactPlan plan_on(std::string_view iso_days) {
  ContactPlan p;
  p.code = "P1";
  p.name_en = "Plan";
  p.weekdays = *Weekdays::parse(iso_days);
  p.valid_from = ymd(2025, 1, 1);
  return p;
}

TEST(ScheduleDates, FollowTheContactWeekdays) {
  ContactPlan p = plan_on("2,4");
  EXPECT_EQ(texts(scheduled_dates(p, ymd(2026, 6, 1), ymd(2026, 6, 14))),
            (std::vector<std::string>{"2026-06-02", "2026-06-04", "2026-06-09", "2026-06-11"}));
  EXPECT_EQ(texts(scheduled_dates(plan_on("6,7"), ymd(2026, 6, 1), ymd(2026, 6, 7))),
            (std::vector<std::string>{"2026-06-06", "2026-06-07"}));
}

TEST(ScheduleDates, StayInsideTheValidity) {
  ContactPlan p = plan_on("2,4");
  p.valid_from = ymd(2026, 6, 3);
  p.valid_to = ymd(2026, 6, 9);
  EXPECT_EQ(texts(scheduled_dates(p, ymd(2026, 6, 1), ymd(2026, 6, 14))),
            (std::vector<std::string>{"2026-06-04", "2026-06-09"}));
  // Bounds are inclusive.
  p.valid_from = ymd(2026, 6, 2);
  p.valid_to = ymd(2026, 6, 11);
  EXPECT_EQ(texts(scheduled_dates(p, ymd(2026, 6, 1), ymd(2026, 6, 14))),
            (std::vector<std::string>{"2026-06-02", "2026-06-04", "2026-06-09", "2026-06-11"}));
  // A range wholly outside the validity gives nothing.
  EXPECT_TRUE(scheduled_dates(p, ymd(2026, 7, 1), ymd(2026, 7, 31)).empty());
  EXPECT_TRUE(scheduled_dates(p, ymd(2026, 6, 14), ymd(2026, 6, 1)).empty());
}

TEST(ScheduleDates, EveryTwoWeeksCountsFromTheMondayOfTheStartWeek) {
  ContactPlan p = plan_on("1,5");
  p.every_weeks = 2;
  p.frequency_start = ymd(2026, 1, 7);  // a Wednesday: its week starts on Monday 2026-01-05
  // 2025-12-22 is two weeks before: a multiple, but before the start, so excluded.
  EXPECT_EQ(texts(scheduled_dates(p, ymd(2025, 12, 15), ymd(2026, 2, 1))),
            (std::vector<std::string>{"2026-01-05", "2026-01-09", "2026-01-19", "2026-01-23"}));
  p.every_weeks = 3;
  EXPECT_EQ(texts(scheduled_dates(p, ymd(2025, 12, 15), ymd(2026, 2, 1))),
            (std::vector<std::string>{"2026-01-05", "2026-01-09", "2026-01-26", "2026-01-30"}));
  p.every_weeks = 1;  // every week: the frequency start plays no part
  EXPECT_EQ(scheduled_dates(p, ymd(2025, 12, 15), ymd(2026, 2, 1)).size(), 14u);
}

TEST(ScheduleDates, NoWeekdayGivesNoDate) {
  ContactPlan p = plan_on("");
  EXPECT_TRUE(scheduled_dates(p, ymd(2026, 6, 1), ymd(2026, 6, 30)).empty());
}

class ScheduleDecideDay : public ::testing::Test {
 protected:
  std::vector<PlanException> exceptions{{{1},
                                         {1},
                                         ymd(2026, 6, 4),
                                         ymd(2026, 6, 4),
                                         ExceptionKind::no_contact,
                                         std::nullopt,
                                         "Holiday"},
                                        {{2},
                                         {1},
                                         ymd(2026, 6, 11),
                                         ymd(2026, 6, 11),
                                         ExceptionKind::moved,
                                         ymd(2026, 6, 10),
                                         "Moved to Wednesday"}};
};

TEST_F(ScheduleDecideDay, PlainDayIsContacted) {
  auto d = decide_day(ymd(2026, 6, 2), exceptions, {});
  EXPECT_EQ(d.outcome, DayOutcome::contact);
  EXPECT_EQ(d.date, ymd(2026, 6, 2));
  EXPECT_EQ(d.exception, nullptr);
  EXPECT_EQ(d.non_activity, nullptr);
}

TEST_F(ScheduleDecideDay, NoContactExceptionSkips) {
  auto d = decide_day(ymd(2026, 6, 4), exceptions, {});
  EXPECT_EQ(d.outcome, DayOutcome::skipped_by_exception);
  EXPECT_EQ(d.exception, &exceptions[0]);
}

TEST_F(ScheduleDecideDay, MovedExceptionMovesTheDay) {
  auto d = decide_day(ymd(2026, 6, 11), exceptions, {});
  EXPECT_EQ(d.outcome, DayOutcome::contact);
  EXPECT_EQ(d.date, ymd(2026, 6, 10));
  EXPECT_EQ(d.exception, &exceptions[1]);
}

TEST_F(ScheduleDecideDay, ExceptionIsAppliedBeforeNonActivity) {
  // The customer is closed on the holiday too: the exception is reported.
  std::vector<NonActivityPeriod> closed{{{1}, 7, ymd(2026, 6, 1), ymd(2026, 6, 5), "Closed"}};
  auto d = decide_day(ymd(2026, 6, 4), exceptions, closed);
  EXPECT_EQ(d.outcome, DayOutcome::skipped_by_exception);
  EXPECT_EQ(d.exception, &exceptions[0]);
  EXPECT_EQ(d.non_activity, nullptr);
  // The same closure blocks an ordinary day.
  d = decide_day(ymd(2026, 6, 2), exceptions, closed);
  EXPECT_EQ(d.outcome, DayOutcome::skipped_by_non_activity);
  EXPECT_EQ(d.non_activity, &closed[0]);
}

TEST_F(ScheduleDecideDay, NonActivityIsCheckedOnTheMovedDay) {
  // Closed on the day moved to: skipped by non-activity, the move is reported.
  std::vector<NonActivityPeriod> closed_wed{{{1}, 7, ymd(2026, 6, 10), ymd(2026, 6, 10), "Away"}};
  auto d = decide_day(ymd(2026, 6, 11), exceptions, closed_wed);
  EXPECT_EQ(d.outcome, DayOutcome::skipped_by_non_activity);
  EXPECT_EQ(d.date, ymd(2026, 6, 10));
  EXPECT_EQ(d.exception, &exceptions[1]);
  EXPECT_EQ(d.non_activity, &closed_wed[0]);
  // Closed on the original day only: the moved contact still takes place.
  std::vector<NonActivityPeriod> closed_thu{{{2}, 7, ymd(2026, 6, 11), ymd(2026, 6, 11), "Away"}};
  d = decide_day(ymd(2026, 6, 11), exceptions, closed_thu);
  EXPECT_EQ(d.outcome, DayOutcome::contact);
  EXPECT_EQ(d.date, ymd(2026, 6, 10));
}

TEST_F(ScheduleDecideDay, NoContactRangeWinsOverAMoveOfTheSameDay) {
  exceptions.push_back({{3},
                        {1},
                        ymd(2026, 6, 8),
                        ymd(2026, 6, 12),
                        ExceptionKind::no_contact,
                        std::nullopt,
                        "Closed week"});
  auto d = decide_day(ymd(2026, 6, 11), exceptions, {});
  EXPECT_EQ(d.outcome, DayOutcome::skipped_by_exception);
  EXPECT_EQ(d.exception, &exceptions[2]);
}

TEST_F(ScheduleDecideDay, OpenContactDays) {
  ContactPlan p = plan_on("2,4");
  std::vector<NonActivityPeriod> closed{{{1}, 7, ymd(2026, 6, 16), ymd(2026, 6, 16), "Away"}};
  EXPECT_TRUE(is_open_contact_day(p, ymd(2026, 6, 2), exceptions, closed));    // Tuesday
  EXPECT_FALSE(is_open_contact_day(p, ymd(2026, 6, 3), exceptions, closed));   // Wednesday
  EXPECT_FALSE(is_open_contact_day(p, ymd(2026, 6, 4), exceptions, closed));   // no contact
  EXPECT_TRUE(is_open_contact_day(p, ymd(2026, 6, 10), exceptions, closed));   // moved here
  EXPECT_FALSE(is_open_contact_day(p, ymd(2026, 6, 11), exceptions, closed));  // moved away
  EXPECT_FALSE(is_open_contact_day(p, ymd(2026, 6, 16), exceptions, closed));  // closed
  EXPECT_TRUE(is_open_contact_day(p, ymd(2026, 6, 18), exceptions, closed));
}

TEST(ScheduleWindow, OrdinaryDaysInParis) {
  auto winter = window_on(ymd(2026, 1, 6), 9 * 60, 17 * 60, "Europe/Paris");
  EXPECT_EQ(format_instant(winter.start), "2026-01-06T08:00:00Z");
  EXPECT_EQ(format_instant(winter.end), "2026-01-06T16:00:00Z");
  auto summer = window_on(ymd(2026, 6, 2), 9 * 60, 17 * 60, "Europe/Paris");
  EXPECT_EQ(format_instant(summer.start), "2026-06-02T07:00:00Z");
  EXPECT_EQ(format_instant(summer.end), "2026-06-02T15:00:00Z");
  // 24:00 is the start of the next local day.
  auto evening = window_on(ymd(2026, 6, 2), 20 * 60, 1440, "Europe/Paris");
  EXPECT_EQ(format_instant(evening.start), "2026-06-02T18:00:00Z");
  EXPECT_EQ(format_instant(evening.end), "2026-06-02T22:00:00Z");
}

TEST(ScheduleWindow, ParisSpringForward) {
  // 2026-03-29: 02:00 CET jumps to 03:00 CEST (01:00Z). 02:30 does not exist.
  auto w = window_on(ymd(2026, 3, 29), 2 * 60 + 30, 3 * 60 + 30, "Europe/Paris");
  EXPECT_EQ(format_instant(w.start), "2026-03-29T01:00:00Z");
  EXPECT_EQ(format_instant(w.end), "2026-03-29T01:30:00Z");
  auto day = window_on(ymd(2026, 3, 29), 0, 1440, "Europe/Paris");
  EXPECT_EQ(format_instant(day.start), "2026-03-28T23:00:00Z");
  EXPECT_EQ(format_instant(day.end), "2026-03-29T22:00:00Z");
  EXPECT_EQ(day.end - day.start, std::chrono::hours{23});
}

TEST(ScheduleWindow, ParisFallBack) {
  // 2026-10-25: 03:00 CEST falls back to 02:00 CET (01:00Z). 02:30 happens twice.
  auto w = window_on(ymd(2026, 10, 25), 2 * 60 + 30, 3 * 60 + 30, "Europe/Paris");
  EXPECT_EQ(format_instant(w.start), "2026-10-25T00:30:00Z");  // the earlier, CEST
  EXPECT_EQ(format_instant(w.end), "2026-10-25T02:30:00Z");
  auto day = window_on(ymd(2026, 10, 25), 0, 1440, "Europe/Paris");
  EXPECT_EQ(format_instant(day.start), "2026-10-24T22:00:00Z");
  EXPECT_EQ(format_instant(day.end), "2026-10-25T23:00:00Z");
  EXPECT_EQ(day.end - day.start, std::chrono::hours{25});
}

TEST(ScheduleWindow, TorontoSpringForward) {
  // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
  auto w = window_on(ymd(2026, 3, 8), 2 * 60 + 30, 9 * 60, "America/Toronto");
  EXPECT_EQ(format_instant(w.start), "2026-03-08T07:00:00Z");
  EXPECT_EQ(format_instant(w.end), "2026-03-08T13:00:00Z");
  auto before = window_on(ymd(2026, 3, 7), 9 * 60, 17 * 60, "America/Toronto");
  EXPECT_EQ(format_instant(before.start), "2026-03-07T14:00:00Z");
  EXPECT_EQ(format_instant(before.end), "2026-03-07T22:00:00Z");
}

TEST(ScheduleWindow, TorontoFallBack) {
  // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z). 01:30 happens twice.
  auto w = window_on(ymd(2026, 11, 1), 60 + 30, 17 * 60, "America/Toronto");
  EXPECT_EQ(format_instant(w.start), "2026-11-01T05:30:00Z");  // the earlier, EDT
  EXPECT_EQ(format_instant(w.end), "2026-11-01T22:00:00Z");
  auto day = window_on(ymd(2026, 11, 1), 0, 1440, "America/Toronto");
  EXPECT_EQ(format_instant(day.start), "2026-11-01T04:00:00Z");
  EXPECT_EQ(format_instant(day.end), "2026-11-02T05:00:00Z");
  EXPECT_EQ(day.end - day.start, std::chrono::hours{25});
}

TEST(ScheduleWindow, LocalDateDependsOnTheZone) {
  EXPECT_EQ(local_date(utc("2026-06-02T22:30:00Z"), "Europe/Paris"), ymd(2026, 6, 3));
  EXPECT_EQ(local_date(utc("2026-06-02T22:30:00Z"), "America/Toronto"), ymd(2026, 6, 2));
  EXPECT_EQ(local_date(utc("2026-06-03T03:59:59Z"), "America/Toronto"), ymd(2026, 6, 2));
  EXPECT_EQ(local_date(utc("2026-06-03T04:00:00Z"), "America/Toronto"), ymd(2026, 6, 3));
}

TEST(ScheduleWindow, PositionInWindow) {
  const std::string paris = "Europe/Paris";
  EXPECT_EQ(position_in_window(utc("2026-06-02T06:59:59Z"), 540, 1020, paris),
            WindowPosition::before);
  EXPECT_EQ(position_in_window(utc("2026-06-02T07:00:00Z"), 540, 1020, paris),
            WindowPosition::inside);
  EXPECT_EQ(position_in_window(utc("2026-06-02T14:59:59Z"), 540, 1020, paris),
            WindowPosition::inside);
  EXPECT_EQ(position_in_window(utc("2026-06-02T15:00:00Z"), 540, 1020, paris),
            WindowPosition::after);
  // 23:30 local on 2026-06-02 is after; 00:30 local on the 3rd is before.
  EXPECT_EQ(position_in_window(utc("2026-06-02T21:30:00Z"), 540, 1020, paris),
            WindowPosition::after);
  EXPECT_EQ(position_in_window(utc("2026-06-02T22:30:00Z"), 540, 1020, paris),
            WindowPosition::before);
}

}  // namespace
}  // namespace rapport::domain
