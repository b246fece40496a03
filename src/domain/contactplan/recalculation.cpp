#include "domain/contactplan/recalculation.h"

#include <cassert>

namespace rapport::domain {
namespace {

constexpr int kSearchDays = 400;

bool window_usable(LocalMinutes earliest, LocalMinutes latest, const std::string& zone) {
  return earliest >= 0 && earliest < latest && latest <= 1440 && is_valid_time_zone(zone);
}

bool open_day(CivilDate day, const RecalculationContext& ctx) {
  return is_open_contact_day(ctx.plan, day, ctx.exceptions, ctx.non_activity);
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
    ContactWindow w = window_on(CivilDate{day}, ctx.earliest, ctx.latest, ctx.zone);
    if (candidate < w.start) return w;
    if (candidate < w.end) return ContactWindow{candidate, w.end};
  }
  for (int i = 1; i <= kSearchDays; ++i) {
    CivilDate next{day + date::days{i}};
    if (ctx.plan.valid_to && ctx.plan.valid_to->ok() && next > *ctx.plan.valid_to) break;
    if (!open_day(next, ctx)) continue;
    ContactWindow w = window_on(next, ctx.earliest, ctx.latest, ctx.zone);
    // A window that lies wholly in a skipped hour (spring forward) is empty.
    if (w.start < w.end) return w;
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
