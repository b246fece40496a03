// domain/supervision/period_counts.h: the rules of the supervisor's view
// over a period (issue 18, section 2), over plain values: which dates a
// report covers, what each status set on an entry counts as, the outcome
// rates, the attempts needed to reach a customer and the campaigns'
// conversion.
//
// A call is a status set on an entry other than a reopening (10), on the day
// it was set (plan_entry_events). Its outcome, from contact-planning.md's
// statuses:
//   reached    90 Completed, 92 Completed — no order (the customer answered)
//   busy       20 Line busy
//   no answer  11 Contact unavailable
//   call back  21 Call back later
//   cancelled  93 Cancelled / not reachable
// A status set on a call records the attempt it was made on, so the
// attempts needed to reach a customer are the mean attempt of the reached
// calls.
#pragma once

#include <optional>

#include "core/result.h"
#include "core/time.h"
#include "domain/contactplan/contact_status.h"
#include "domain/supervision/day_counts.h"

namespace rapport::domain {

// The longest period a report covers (a quarter), and the default one: the
// week ending today.
constexpr int kPeriodMaxDays = 93;
constexpr int kPeriodDefaultDays = 7;

struct Period {
  CivilDate from{};
  CivilDate to{};  // inclusive
};
// The number of days of the period (from and to included).
int period_days(const Period& p);
// The period asked for: a missing end is today, a missing start the default
// length before the end. Errors (invalid_input): "supervision.period_reversed"
// (field "from"), "supervision.period_too_long" {max} (field "to").
Result<Period> period_of(std::optional<CivilDate> from, std::optional<CivilDate> to,
                         CivilDate today);

enum class Outcome { reached, busy, no_answer, call_back, cancelled };
// The outcome of a call that set `status`; none for a reopening (10).
std::optional<Outcome> outcome_of(ContactStatus status);

// The calls of a row (a day, a plan, a CSR, a category).
struct OutcomeCounts {
  long long calls = 0;
  long long reached = 0;
  long long busy = 0;
  long long no_answer = 0;
  long long call_back = 0;
  long long cancelled = 0;
  long long reach_attempts = 0;  // the attempts of the reached calls, summed
};
long long count_of(const OutcomeCounts& c, Outcome o);
// Counts `n` calls that set `status` on attempt `attempt` (their attempts
// summed in `attempts_sum` when n > 1); a reopening counts nothing.
void add_calls(OutcomeCounts& c, ContactStatus status, long long n, long long attempts_sum);
void add_outcomes(OutcomeCounts& total, const OutcomeCounts& part);
// The share of the calls with that outcome, 0–1 (0 when no call).
double outcome_rate(const OutcomeCounts& c, Outcome o);
// Mean attempt on which a customer was reached (none when nobody was).
std::optional<double> attempts_to_reach(const OutcomeCounts& c);

// Campaign conversion: the service orders started in the row, and how many
// of them are complete.
struct Conversion {
  long long started = 0;
  long long completed = 0;
};
void add_conversion(Conversion& total, const Conversion& part);
// completed / started, 0–1 (none when nothing was started).
std::optional<double> conversion_rate(const Conversion& c);

// One row of a period's table: the entries planned on its days by their
// status now, the calls made, the service orders started.
struct PeriodCounts {
  StatusCounts entries;
  OutcomeCounts calls;
  Conversion orders;
};
long long entry_total(const StatusCounts& c);
void add_period_counts(PeriodCounts& total, const PeriodCounts& part);

}  // namespace rapport::domain
