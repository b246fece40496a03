// The rules of the supervisor's view over a period (issue 18, section 2)
// with plain values: which dates a report covers, what each status set
// counts as, the outcome rates, the attempts needed to reach a customer
// and the campaigns' conversion.
#include "domain/supervision/period_counts.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

using S = ContactStatus;

CivilDate d(int y, unsigned m, unsigned dd) {
  return CivilDate{date::year{y}, date::month{m}, date::day{dd}};
}

TEST(PeriodCounts, TheDefaultPeriodIsTheWeekEndingToday) {
  auto p = period_of(std::nullopt, std::nullopt, d(2026, 3, 10));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->from, d(2026, 3, 4));
  EXPECT_EQ(p->to, d(2026, 3, 10));
  EXPECT_EQ(period_days(*p), 7);
  // Only a start: up to today; only an end: the week before it.
  auto from_only = period_of(d(2026, 3, 1), std::nullopt, d(2026, 3, 10));
  ASSERT_TRUE(from_only);
  EXPECT_EQ(from_only->to, d(2026, 3, 10));
  auto to_only = period_of(std::nullopt, d(2026, 2, 28), d(2026, 3, 10));
  ASSERT_TRUE(to_only);
  EXPECT_EQ(to_only->from, d(2026, 2, 22));
  // One day.
  auto one = period_of(d(2026, 3, 10), d(2026, 3, 10), d(2026, 3, 10));
  ASSERT_TRUE(one);
  EXPECT_EQ(period_days(*one), 1);
}

TEST(PeriodCounts, APeriodIsInOrderAndAtMostAQuarter) {
  auto reversed = period_of(d(2026, 3, 11), d(2026, 3, 10), d(2026, 3, 10));
  ASSERT_FALSE(reversed);
  EXPECT_EQ(reversed.error().key, "supervision.period_reversed");
  EXPECT_EQ(reversed.error().field, "from");
  // 1 January to 3 April 2026: 93 days, the most.
  auto quarter = period_of(d(2026, 1, 1), d(2026, 4, 3), d(2026, 3, 10));
  ASSERT_TRUE(quarter);
  EXPECT_EQ(period_days(*quarter), kPeriodMaxDays);
  auto longer = period_of(d(2026, 1, 1), d(2026, 4, 4), d(2026, 3, 10));
  ASSERT_FALSE(longer);
  EXPECT_EQ(longer.error().key, "supervision.period_too_long");
  EXPECT_EQ(longer.error().field, "to");
  EXPECT_EQ(longer.error().args.at(0).second, "93");
  // Across a leap day.
  auto leap = period_of(d(2028, 2, 27), d(2028, 3, 1), d(2028, 3, 1));
  ASSERT_TRUE(leap);
  EXPECT_EQ(period_days(*leap), 4);
}

TEST(PeriodCounts, EachStatusSetIsOneOutcome) {
  EXPECT_EQ(outcome_of(S::planned), std::nullopt);  // a reopening is not a call
  EXPECT_EQ(outcome_of(S::unavailable), Outcome::no_answer);
  EXPECT_EQ(outcome_of(S::busy), Outcome::busy);
  EXPECT_EQ(outcome_of(S::call_back), Outcome::call_back);
  EXPECT_EQ(outcome_of(S::completed), Outcome::reached);
  EXPECT_EQ(outcome_of(S::completed_no_order), Outcome::reached);
  EXPECT_EQ(outcome_of(S::cancelled), Outcome::cancelled);
}

TEST(PeriodCounts, RatesAreSharesOfTheCalls) {
  OutcomeCounts c;
  EXPECT_EQ(outcome_rate(c, Outcome::reached), 0.0);  // no call: 0, not a division by 0
  EXPECT_EQ(attempts_to_reach(c), std::nullopt);
  add_calls(c, S::completed, 3, 3 + 2 + 1);  // reached on attempts 3, 2 and 1
  add_calls(c, S::completed_no_order, 1, 4);
  add_calls(c, S::busy, 2, 3);
  add_calls(c, S::unavailable, 2, 2);
  add_calls(c, S::call_back, 1, 1);
  add_calls(c, S::cancelled, 1, 3);
  add_calls(c, S::planned, 5, 5);  // reopenings: nothing
  EXPECT_EQ(c.calls, 10);
  EXPECT_EQ(c.reached, 4);
  EXPECT_DOUBLE_EQ(outcome_rate(c, Outcome::reached), 0.4);
  EXPECT_DOUBLE_EQ(outcome_rate(c, Outcome::busy), 0.2);
  EXPECT_DOUBLE_EQ(outcome_rate(c, Outcome::no_answer), 0.2);
  EXPECT_DOUBLE_EQ(outcome_rate(c, Outcome::call_back), 0.1);
  EXPECT_DOUBLE_EQ(outcome_rate(c, Outcome::cancelled), 0.1);
  // (3 + 2 + 1 + 4) / 4 reached: the busy and cancelled attempts do not count.
  ASSERT_TRUE(attempts_to_reach(c));
  EXPECT_DOUBLE_EQ(*attempts_to_reach(c), 2.5);

  OutcomeCounts total;
  add_outcomes(total, c);
  add_outcomes(total, c);
  EXPECT_EQ(total.calls, 20);
  EXPECT_DOUBLE_EQ(*attempts_to_reach(total), 2.5);
}

TEST(PeriodCounts, ConversionIsCompletedOverStarted) {
  Conversion c;
  EXPECT_EQ(conversion_rate(c), std::nullopt);
  add_conversion(c, {4, 1});
  add_conversion(c, {0, 0});
  EXPECT_DOUBLE_EQ(*conversion_rate(c), 0.25);
}

TEST(PeriodCounts, RowsAddUp) {
  PeriodCounts a, b, t;
  a.entries.planned = 2;
  a.entries.completed = 1;
  add_calls(a.calls, S::busy, 1, 1);
  a.orders = {1, 1};
  b.entries.cancelled = 3;
  add_calls(b.calls, S::completed, 1, 2);
  add_period_counts(t, a);
  add_period_counts(t, b);
  EXPECT_EQ(entry_total(t.entries), 6);
  EXPECT_EQ(t.calls.calls, 2);
  EXPECT_EQ(t.calls.reach_attempts, 2);
  EXPECT_EQ(t.orders.started, 1);
}

}  // namespace
}  // namespace rapport::domain
