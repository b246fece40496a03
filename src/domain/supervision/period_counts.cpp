#include "domain/supervision/period_counts.h"

namespace rapport::domain {

int period_days(const Period& p) {
  return static_cast<int>((date::sys_days{p.to} - date::sys_days{p.from}).count()) + 1;
}

Result<Period> period_of(std::optional<CivilDate> from, std::optional<CivilDate> to,
                         CivilDate today) {
  Period p;
  p.to = to.value_or(today);
  p.from = from.value_or(CivilDate{date::sys_days{p.to} - date::days{kPeriodDefaultDays - 1}});
  if (date::sys_days{p.from} > date::sys_days{p.to})
    return Error::invalid("supervision.period_reversed", "from");
  if (period_days(p) > kPeriodMaxDays)
    return Error::invalid("supervision.period_too_long", "to",
                          {{"max", std::to_string(kPeriodMaxDays)}});
  return p;
}

std::optional<Outcome> outcome_of(ContactStatus status) {
  switch (status) {
    case ContactStatus::planned:
      return std::nullopt;
    case ContactStatus::unavailable:
      return Outcome::no_answer;
    case ContactStatus::busy:
      return Outcome::busy;
    case ContactStatus::call_back:
      return Outcome::call_back;
    case ContactStatus::completed:
    case ContactStatus::completed_no_order:
      return Outcome::reached;
    case ContactStatus::cancelled:
      return Outcome::cancelled;
  }
  return std::nullopt;
}

namespace {
long long& outcome_slot(OutcomeCounts& c, Outcome o) {
  switch (o) {
    case Outcome::reached:
      return c.reached;
    case Outcome::busy:
      return c.busy;
    case Outcome::no_answer:
      return c.no_answer;
    case Outcome::call_back:
      return c.call_back;
    case Outcome::cancelled:
      return c.cancelled;
  }
  return c.cancelled;
}
}  // namespace

long long count_of(const OutcomeCounts& c, Outcome o) {
  return outcome_slot(const_cast<OutcomeCounts&>(c), o);
}

void add_calls(OutcomeCounts& c, ContactStatus status, long long n, long long attempts_sum) {
  const auto o = outcome_of(status);
  if (!o || n <= 0) return;
  c.calls += n;
  outcome_slot(c, *o) += n;
  if (*o == Outcome::reached) c.reach_attempts += attempts_sum;
}

void add_outcomes(OutcomeCounts& t, const OutcomeCounts& p) {
  t.calls += p.calls;
  t.reached += p.reached;
  t.busy += p.busy;
  t.no_answer += p.no_answer;
  t.call_back += p.call_back;
  t.cancelled += p.cancelled;
  t.reach_attempts += p.reach_attempts;
}

double outcome_rate(const OutcomeCounts& c, Outcome o) {
  return c.calls == 0 ? 0.0 : static_cast<double>(count_of(c, o)) / static_cast<double>(c.calls);
}

std::optional<double> attempts_to_reach(const OutcomeCounts& c) {
  if (c.reached == 0) return std::nullopt;
  return static_cast<double>(c.reach_attempts) / static_cast<double>(c.reached);
}

void add_conversion(Conversion& t, const Conversion& p) {
  t.started += p.started;
  t.completed += p.completed;
}

std::optional<double> conversion_rate(const Conversion& c) {
  if (c.started == 0) return std::nullopt;
  return static_cast<double>(c.completed) / static_cast<double>(c.started);
}

long long entry_total(const StatusCounts& c) {
  return c.planned + c.unavailable + c.busy + c.call_back + c.completed + c.completed_no_order +
         c.cancelled;
}

void add_period_counts(PeriodCounts& t, const PeriodCounts& p) {
  std::size_t n = 0;
  const ContactStatus* all = all_contact_statuses(n);
  for (std::size_t i = 0; i < n; ++i) count_of(t.entries, all[i]) += count_of(p.entries, all[i]);
  add_outcomes(t.calls, p.calls);
  add_conversion(t.orders, p.orders);
}

}  // namespace rapport::domain
