#include "domain/contactplan/recalculation.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace rapport::domain {
namespace {

constexpr int kSearchDays = 400;

bool window_usable(LocalMinutes earliest, LocalMinutes latest, const std::string& zone) {
  return earliest >= 0 && earliest < latest && latest <= 1440 && is_valid_time_zone(zone);
}

bool open_day(CivilDate day, const RecalculationContext& ctx) {
  return is_open_contact_day(ctx.plan, day, ctx.exceptions, ctx.non_activity);
}

// The parts of the customer's window `w` on `day` in which the call centre
// is open (its opening hours in the installation's zone, on the days either
// side too, since the zones may differ), earliest first. When they do not
// meet, the whole window: the customer's window is what they asked for, and
// a call is never dropped because the hours were set narrow.
std::vector<ContactWindow> open_parts(CivilDate day, const ContactWindow& w,
                                      const RecalculationContext& ctx) {
  const InstallationSettings& s = ctx.settings;
  std::vector<ContactWindow> parts;
  const bool always_open = s.opens_minutes <= 0 && s.closes_minutes >= 24 * 60;
  if (!always_open && s.opens_minutes < s.closes_minutes && is_valid_time_zone(s.time_zone)) {
    const date::sys_days d{day};
    for (int offset : {-1, 0, 1}) {
      const ContactWindow hours = window_on(CivilDate{d + date::days{offset}}, s.opens_minutes,
                                            s.closes_minutes, s.time_zone);
      const ContactWindow part{std::max(w.start, hours.start), std::min(w.end, hours.end)};
      if (part.start < part.end) parts.push_back(part);
    }
  }
  if (parts.empty()) parts.push_back(w);
  return parts;
}

}  // namespace

RecalculationRule rule_for(ContactStatus status, const ContactPlan& plan,
                           const InstallationSettings& settings) {
  assert(needs_recalculation(status));
  switch (status) {
    case ContactStatus::busy:
      return plan.busy.value_or(settings.busy);
    case ContactStatus::call_back:
      return plan.call_back.value_or(settings.call_back);
    default:
      return plan.unavailable.value_or(settings.unavailable);
  }
}

Result<ContactWindow> next_contact(Instant now, int delay_minutes,
                                   const RecalculationContext& ctx) {
  if (!window_usable(ctx.earliest, ctx.latest, ctx.zone))
    return Error::internal("contact window or time zone invalid: " + ctx.zone);
  const Instant candidate = now + std::chrono::minutes{delay_minutes};
  const date::sys_days day{local_date(candidate, ctx.zone)};
  if (open_day(CivilDate{day}, ctx)) {
    const ContactWindow w = window_on(CivilDate{day}, ctx.earliest, ctx.latest, ctx.zone);
    for (const ContactWindow& open : open_parts(CivilDate{day}, w, ctx))
      if (candidate < open.end) return ContactWindow{std::max(candidate, open.start), w.end};
  }
  for (int i = 1; i <= kSearchDays; ++i) {
    CivilDate next{day + date::days{i}};
    if (ctx.plan.valid_to && ctx.plan.valid_to->ok() && next > *ctx.plan.valid_to) break;
    if (!open_day(next, ctx)) continue;
    const ContactWindow w = window_on(next, ctx.earliest, ctx.latest, ctx.zone);
    // A window that lies wholly in a skipped hour (spring forward) is empty.
    if (w.start < w.end) return ContactWindow{open_parts(next, w, ctx).front().start, w.end};
  }
  return Error::conflict("contact_plan.no_next_day", {{"days", std::to_string(kSearchDays)}});
}

Result<StatusChange> apply_status(const PlanEntry& entry, ContactStatus status, Instant now,
                                  const RecalculationContext& ctx,
                                  std::optional<Instant> requested) {
  if (is_final(entry.status)) return Error::conflict("contact_plan.entry_final");
  if (status == ContactStatus::planned)
    return Error::invalid("contact_plan.status_not_settable", "status");

  StatusChange change;
  change.status = status;
  change.attempt = entry.attempt;
  change.next_contact_at = entry.next_contact_at;
  change.window_ends_at = entry.window_ends_at;
  if (is_final(status)) return change;

  const bool use_requested = status == ContactStatus::call_back && requested.has_value();
  if (use_requested && *requested <= now)
    return Error::invalid("contact_plan.callback_in_past", "callback_at");

  const RecalculationRule rule = rule_for(status, ctx.plan, ctx.settings);
  if (entry.attempt >= rule.max_attempts) {
    change.status = ContactStatus::cancelled;
    change.attempts_exhausted = true;
    return change;
  }
  change.attempt = entry.attempt + 1;

  if (use_requested) {
    if (!window_usable(ctx.earliest, ctx.latest, ctx.zone))
      return Error::internal("contact window or time zone invalid: " + ctx.zone);
    const Instant at = *requested;
    const CivilDate day = local_date(at, ctx.zone);
    const ContactWindow w = window_on(day, ctx.earliest, ctx.latest, ctx.zone);
    change.next_contact_at = at;
    change.not_a_contact_day = !open_day(day, ctx);
    change.outside_window =
        position_in_window(at, ctx.earliest, ctx.latest, ctx.zone) != WindowPosition::inside;
    // The entry stays offered from the requested time until its day's window
    // closes; asked for after the window, until the end of that local day.
    change.window_ends_at = at < w.end ? w.end : window_on(day, 0, 1440, ctx.zone).end;
    return change;
  }

  auto next = next_contact(now, rule.delay_minutes, ctx);
  if (!next && next.error().key == "contact_plan.no_next_day") {
    // No contact day left (the plan ends, or none for a year): not reachable.
    change.status = ContactStatus::cancelled;
    change.attempt = entry.attempt;
    change.no_day_left = true;
    return change;
  }
  if (!next) return next.error();
  change.next_contact_at = next->start;
  change.window_ends_at = next->end;
  return change;
}

Result<StatusChange> reopen(const PlanEntry& entry, Instant now, const RecalculationContext& ctx) {
  if (!is_final(entry.status)) return Error::invalid("plan_entry.not_final", "status");
  auto next = next_contact(now, 0, ctx);
  if (!next) return next.error();
  StatusChange change;
  change.status = ContactStatus::planned;
  change.attempt = entry.attempt;
  change.next_contact_at = next->start;
  change.window_ends_at = next->end;
  return change;
}

}  // namespace rapport::domain
