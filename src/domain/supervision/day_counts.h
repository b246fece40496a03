// domain/supervision/day_counts.h: the counting rules of the supervisor's
// view of the day (issue 18, contact-planning.md "The supervisor's view"),
// over plain values, so the store's queries and the tests count alike.
//
// The day's entries are those whose next contact time falls on the
// business day (the active list's date filter: a busy or call-back carried
// over from an earlier day is on the day it is due).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.h"
#include "domain/contactplan/contact_status.h"

namespace rapport::domain {

// What the counts read of one entry.
struct EntryFacts {
  ContactStatus status = ContactStatus::planned;
  int attempt = 1;
  Instant next_contact_at{};
  Instant window_ends_at{};
  bool has_responsible = false;
  bool has_order = false;  // "OK": a sales order was taken on the entry
};

// Calls made on an entry: a final entry was called on its last attempt; an
// open one waits for its current attempt (a fresh 10 has had none).
int calls_made(ContactStatus status, int attempt);
// Worked at least once (the list penetration's numerator).
bool worked(ContactStatus status, int attempt);
// Open and its due time has passed.
bool overdue(const EntryFacts& e, Instant now);
// Overdue, and the customer's window has closed too (missed for the day).
bool overdue_window_closed(const EntryFacts& e, Instant now);
// A call-back (21) whose time has passed.
bool callback_overdue(const EntryFacts& e, Instant now);
// A personal call-back released to the team (domain::callback_released).
bool callback_released_to_team(const EntryFacts& e, Instant now, int release_minutes);
// The latest next contact time of a released call-back at `now`, for a
// query (released: next_contact_at <= it); none when nothing is released.
std::optional<Instant> released_before(Instant now, int release_minutes);

// Entries by status.
struct StatusCounts {
  long long planned = 0;             // 10
  long long unavailable = 0;         // 11
  long long busy = 0;                // 20
  long long call_back = 0;           // 21
  long long completed = 0;           // 90
  long long completed_no_order = 0;  // 92
  long long cancelled = 0;           // 93
};
long long& count_of(StatusCounts& c, ContactStatus s);
long long count_of(const StatusCounts& c, ContactStatus s);

// The figures of a list (a plan, or all plans) for the day.
struct DayCounts {
  long long due = 0;  // every entry of the day
  StatusCounts by_status;
  long long overdue = 0;                // open, due time passed
  long long overdue_window_closed = 0;  // of which the window has closed
  long long callbacks_overdue = 0;
  long long callbacks_released = 0;
  long long calls = 0;   // calls made on the day's entries (calls_made)
  long long worked = 0;  // entries called at least once
  long long ok = 0;      // entries with an order
};
long long done(const DayCounts& c);        // 90 + 92 + 93
long long open_count(const DayCounts& c);  // 10 + 11 + 20 + 21
// Counts one entry of the day into `c`.
void add_entry(DayCounts& c, const EntryFacts& e, Instant now, int release_minutes);
// The day's entries of one status counted together (the counters of
// migration 0026): how many, their attempt numbers summed, how many are on
// a second attempt or later, how many have an order.
struct EntryGroup {
  long long entries = 0;
  long long attempts = 0;
  long long retried = 0;
  long long with_order = 0;
};
// Counts the group into `c` as add_entry counts each of its entries, for
// the figures that do not depend on the time (due, statuses, calls, worked,
// OK); attempt numbers are 1 or more.
void add_entries(DayCounts& c, ContactStatus status, const EntryGroup& g);
// Adds every figure of `part` (the total row).
void add_counts(DayCounts& total, const DayCounts& part);
// Calls per entry worked (0 when none was worked).
double attempts_per_entry(const DayCounts& c);
// The share of the day's entries worked at least once, 0–1 (0 when none).
double list_penetration(const DayCounts& c);

// A CSR's calls of the day: the statuses they set (a reopening, 10, is not
// a call).
struct CsrCounts {
  std::int64_t user = 0;
  std::string name;
  long long calls = 0;
  StatusCounts outcomes;
  long long orders = 0;  // their final statuses (90, 92, 93) set on an entry that has an order
  std::optional<Instant> last_call_at;
};
// Counts one status set by the CSR at `at`.
void add_call(CsrCounts& c, ContactStatus outcome, Instant at);
// Seconds since the CSR's last call (none when they made none).
std::optional<long long> seconds_since_last_call(const CsrCounts& c, Instant now);

}  // namespace rapport::domain
