#include "domain/supervision/day_counts.h"

#include <chrono>

namespace rapport::domain {

int calls_made(ContactStatus status, int attempt) {
  if (attempt < 1) attempt = 1;
  return is_final(status) ? attempt : attempt - 1;
}

bool worked(ContactStatus status, int attempt) { return calls_made(status, attempt) > 0; }

bool overdue(const EntryFacts& e, Instant now) {
  return is_open(e.status) && e.next_contact_at <= now;
}

bool overdue_window_closed(const EntryFacts& e, Instant now) {
  return overdue(e, now) && e.window_ends_at <= now;
}

bool callback_overdue(const EntryFacts& e, Instant now) {
  return e.status == ContactStatus::call_back && e.next_contact_at <= now;
}

bool callback_released_to_team(const EntryFacts& e, Instant now, int release_minutes) {
  return callback_released(e.status, e.has_responsible, e.next_contact_at, now, release_minutes);
}

std::optional<Instant> released_before(Instant now, int release_minutes) {
  if (release_minutes <= 0) return std::nullopt;
  return now - std::chrono::minutes{release_minutes};
}

long long& count_of(StatusCounts& c, ContactStatus s) {
  switch (s) {
    case ContactStatus::planned:
      return c.planned;
    case ContactStatus::unavailable:
      return c.unavailable;
    case ContactStatus::busy:
      return c.busy;
    case ContactStatus::call_back:
      return c.call_back;
    case ContactStatus::completed:
      return c.completed;
    case ContactStatus::completed_no_order:
      return c.completed_no_order;
    case ContactStatus::cancelled:
      return c.cancelled;
  }
  return c.planned;
}

long long count_of(const StatusCounts& c, ContactStatus s) {
  return count_of(const_cast<StatusCounts&>(c), s);
}

long long done(const DayCounts& c) {
  return c.by_status.completed + c.by_status.completed_no_order + c.by_status.cancelled;
}

long long open_count(const DayCounts& c) {
  return c.by_status.planned + c.by_status.unavailable + c.by_status.busy + c.by_status.call_back;
}

void add_entry(DayCounts& c, const EntryFacts& e, Instant now, int release_minutes) {
  ++c.due;
  ++count_of(c.by_status, e.status);
  if (overdue(e, now)) ++c.overdue;
  if (overdue_window_closed(e, now)) ++c.overdue_window_closed;
  if (callback_overdue(e, now)) ++c.callbacks_overdue;
  if (callback_released_to_team(e, now, release_minutes)) ++c.callbacks_released;
  c.calls += calls_made(e.status, e.attempt);
  if (worked(e.status, e.attempt)) ++c.worked;
  if (e.has_order) ++c.ok;
}

void add_entries(DayCounts& c, ContactStatus status, const EntryGroup& g) {
  c.due += g.entries;
  count_of(c.by_status, status) += g.entries;
  if (is_final(status)) {
    c.calls += g.attempts;
    c.worked += g.entries;
  } else {
    c.calls += g.attempts - g.entries;
    c.worked += g.retried;
  }
  c.ok += g.with_order;
}

void add_counts(DayCounts& t, const DayCounts& p) {
  t.due += p.due;
  std::size_t n = 0;
  const ContactStatus* all = all_contact_statuses(n);
  for (std::size_t i = 0; i < n; ++i)
    count_of(t.by_status, all[i]) += count_of(p.by_status, all[i]);
  t.overdue += p.overdue;
  t.overdue_window_closed += p.overdue_window_closed;
  t.callbacks_overdue += p.callbacks_overdue;
  t.callbacks_released += p.callbacks_released;
  t.calls += p.calls;
  t.worked += p.worked;
  t.ok += p.ok;
}

double attempts_per_entry(const DayCounts& c) {
  return c.worked == 0 ? 0.0 : static_cast<double>(c.calls) / static_cast<double>(c.worked);
}

double list_penetration(const DayCounts& c) {
  return c.due == 0 ? 0.0 : static_cast<double>(c.worked) / static_cast<double>(c.due);
}

void add_call(CsrCounts& c, ContactStatus outcome, Instant at) {
  if (outcome == ContactStatus::planned) return;
  ++c.calls;
  ++count_of(c.outcomes, outcome);
  if (!c.last_call_at || *c.last_call_at < at) c.last_call_at = at;
}

std::optional<long long> seconds_since_last_call(const CsrCounts& c, Instant now) {
  if (!c.last_call_at) return std::nullopt;
  auto s = std::chrono::duration_cast<std::chrono::seconds>(now - *c.last_call_at).count();
  return s < 0 ? 0 : s;
}

}  // namespace rapport::domain
