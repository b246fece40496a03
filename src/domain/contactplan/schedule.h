// domain/contactplan/schedule.h: which days a plan contacts its customers
// and at what instants, in the customer's own time zone.
//
// Order of checks for a generated day (OIS057): the plan's exceptions first
// (no contact → skipped; moved → the new date), then the customer's
// non-activity periods (inside one → skipped).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "domain/contactplan/contact_plan.h"

namespace rapport::domain {

// The dates in [from, to] on which the plan contacts by its rule: a contact
// weekday, inside the validity, in a week of the frequency (every N weeks
// counted from the Monday of frequency_start's week). Exceptions are not
// applied here.
std::vector<CivilDate> scheduled_dates(const ContactPlan& plan, CivilDate from, CivilDate to);

enum class DayOutcome { contact, skipped_by_exception, skipped_by_non_activity };
struct DayDecision {
  DayOutcome outcome = DayOutcome::contact;
  CivilDate date{};  // the day to contact (moved when an exception moves it)
  const PlanException* exception = nullptr;         // the one that applied, if any
  const NonActivityPeriod* non_activity = nullptr;  // the one that blocked, if any
};

// Applies exceptions (of this plan), then non-activity periods (of this
// customer) to one scheduled date. A "no contact" exception covering the
// date wins over a move of that date; the day a date is moved to is not
// checked again against "no contact" exceptions (the move chose it), only
// against non-activity periods.
DayDecision decide_day(CivilDate scheduled, const std::vector<PlanException>& exceptions,
                       const std::vector<NonActivityPeriod>& non_activity);

// True when `day` falls in a week the plan contacts: every week, or every
// N weeks counted from the Monday of frequency_start's week.
bool in_contact_week(const ContactPlan& plan, CivilDate day);

// True when `day` is a day the plan contacts for a recalculated attempt: a
// contact weekday of a contact week (every N weeks), not after the plan's
// validity end, not covered by an exception — or the target of a moved
// exception; and never inside a non-activity period.
bool is_open_contact_day(const ContactPlan& plan, CivilDate day,
                         const std::vector<PlanException>& exceptions,
                         const std::vector<NonActivityPeriod>& non_activity);

// A contact window in UTC. Local times that do not exist (spring forward)
// move to the first valid instant after; ambiguous ones (fall back) take the
// earlier instant.
struct ContactWindow {
  Instant start{};
  Instant end{};
};
// Requires: zone is valid, 0 ≤ earliest < latest ≤ 1440.
ContactWindow window_on(CivilDate day, LocalMinutes earliest, LocalMinutes latest,
                        const std::string& zone);

// The local calendar date of `t` in `zone`.
CivilDate local_date(Instant t, const std::string& zone);

// Where `t` falls relative to the window of its own local day.
enum class WindowPosition { before, inside, after };
WindowPosition position_in_window(Instant t, LocalMinutes earliest, LocalMinutes latest,
                                  const std::string& zone);

}  // namespace rapport::domain
