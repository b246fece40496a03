// domain/contactplan/recalculation.h: what setting a status does to an
// entry (contact-planning.md, Statuses and Recalculation [OIS056/P]).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/contactplan/contact_plan.h"
#include "domain/contactplan/schedule.h"
#include "domain/settings/installation_settings.h"

namespace rapport::domain {

// Everything the recalculation reads, already loaded.
struct RecalculationContext {
  const ContactPlan& plan;
  const InstallationSettings& settings;  // defaults for rules the plan leaves unset
  LocalMinutes earliest = 9 * 60;
  LocalMinutes latest = 17 * 60;
  std::string zone;  // the customer's effective zone
  const std::vector<PlanException>& exceptions;
  const std::vector<NonActivityPeriod>& non_activity;
};

// The plan's rule for 11, 20 or 21, else the installation's.
// Requires: needs_recalculation(status).
RecalculationRule rule_for(ContactStatus status, const ContactPlan& plan,
                           const InstallationSettings& settings);

// The next contact time after `now` plus `delay_minutes`: kept when it falls
// inside the window of an open contact day; moved to the window's start when
// before it; otherwise the earliest time of the next open contact day
// (searched up to 400 days ahead). Error "contact_plan.no_next_day" when none.
// "The window" is the part of the customer's window within the call
// centre's opening hours (settings.opens_minutes–closes_minutes in the
// installation's zone), or the whole window when they do not meet: a
// customer reachable at any time (00:00–24:00) who was busy on Friday
// evening is called at opening time on the next contact day, not at
// midnight. The returned end is the end of the customer's window.
Result<ContactWindow> next_contact(Instant now, int delay_minutes, const RecalculationContext& ctx);

struct StatusChange {
  ContactStatus status = ContactStatus::planned;  // may be 93 when attempts ran out
  int attempt = 1;
  Instant next_contact_at{};
  Instant window_ends_at{};
  bool attempts_exhausted = false;  // the change became 93
  bool no_day_left = false;         // no open contact day left (plan ended): became 93
  bool outside_window = false;      // the requested call-back time is outside the window
  // The requested call-back is on a day the plan does not call (not one of
  // its weekdays or rhythm, an exception, a non-activity period): the real
  // reason to warn, whatever the time of day.
  bool not_a_contact_day = false;
};

// Applies `status` to `entry` at `now`.
// - Refused (conflict, "contact_plan.entry_final") when the entry is final;
//   (invalid_input, "contact_plan.status_not_settable") for 10.
// - 90, 92, 93: final; time fields unchanged.
// - 11, 20, 21: when entry.attempt has reached the rule's maximum the entry
//   becomes 93 (attempts_exhausted); otherwise attempt + 1 and the next
//   contact time is recalculated on the plan's open contact days (its
//   weekdays, every-N-weeks rhythm and validity end, exceptions and
//   non-activity); when none is left the entry becomes 93 (no_day_left). For 21 `requested` (the
//   time the customer asked for) is used as is when given: it must be after `now`
//   ("contact_plan.callback_in_past", field "callback_at"); outside_window
//   tells the caller to warn (before, after the window of its local day, or
//   on a day that is not an open contact day). window_ends_at is then the end
//   of that local day's window, or, when the time asked for is after it, the
//   end of that local day (local midnight), so the entry is still offered.
//   `requested` is ignored for 11 and 20. A call-back time in the past is
//   refused before the attempts are counted.
Result<StatusChange> apply_status(const PlanEntry& entry, ContactStatus status, Instant now,
                                  const RecalculationContext& ctx,
                                  std::optional<Instant> requested = std::nullopt);

// A manager reopens an entry closed by mistake (90, 92 or 93): it is
// planned (10) again with its attempts kept, due at the first open contact
// time from `now` (next_contact without delay), so today's list offers it
// again while the window is open. Refused (invalid_input,
// "plan_entry.not_final") when the entry is open; "contact_plan.no_next_day"
// when the plan has no contact day left.
Result<StatusChange> reopen(const PlanEntry& entry, Instant now, const RecalculationContext& ctx);

}  // namespace rapport::domain
