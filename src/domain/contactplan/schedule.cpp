#include "domain/contactplan/schedule.h"

#include <algorithm>

#include <date/tz.h>

namespace rapport::domain {
namespace {

date::sys_days monday_of(date::sys_days d) {
  return d - date::days{date::weekday{d}.iso_encoding() - 1};
}

bool covers(const PlanException& e, CivilDate day) { return e.from <= day && day <= e.to; }

// A local wall-clock time to UTC: a time skipped by a spring-forward change
// becomes the instant of the change (the first valid instant after it); a
// time repeated by a fall-back change takes its first occurrence.
Instant to_instant(const date::time_zone* zone, date::local_seconds local) {
  auto info = zone->get_info(local);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return Instant{local.time_since_epoch()} - info.first.offset;
    case date::local_info::nonexistent:
      return info.first.end;
  }
  return Instant{local.time_since_epoch()} - info.first.offset;
}

}  // namespace

std::vector<CivilDate> scheduled_dates(const ContactPlan& plan, CivilDate from, CivilDate to) {
  std::vector<CivilDate> out;
  if (!from.ok() || !to.ok() || !plan.valid_from.ok() || plan.weekdays.empty()) return out;
  date::sys_days first = std::max(date::sys_days{from}, date::sys_days{plan.valid_from});
  date::sys_days last = date::sys_days{to};
  if (plan.valid_to && plan.valid_to->ok()) last = std::min(last, date::sys_days{*plan.valid_to});
  for (date::sys_days d = first; d <= last; d += date::days{1}) {
    if (!plan.weekdays.contains(date::weekday{d})) continue;
    if (!in_contact_week(plan, CivilDate{d})) continue;
    out.emplace_back(d);
  }
  return out;
}

bool in_contact_week(const ContactPlan& plan, CivilDate day) {
  // Every N weeks counts from the Monday of frequency_start's week (the
  // validity's start when a plan has none, which validation refuses).
  const int every = std::max(plan.every_weeks, 1);
  if (every == 1) return true;
  const CivilDate anchor_date =
      plan.frequency_start && plan.frequency_start->ok() ? *plan.frequency_start : plan.valid_from;
  if (!anchor_date.ok()) return true;
  const date::sys_days anchor = monday_of(date::sys_days{anchor_date});
  auto weeks = (monday_of(date::sys_days{day}) - anchor).count() / 7;
  return weeks >= 0 && weeks % every == 0;
}

DayDecision decide_day(CivilDate scheduled, const std::vector<PlanException>& exceptions,
                       const std::vector<NonActivityPeriod>& non_activity) {
  DayDecision decision;
  decision.date = scheduled;
  // 1. The plan's exceptions. "No contact" on the day wins over a move of the
  // same day; a moved day is not checked again against "no contact" ranges:
  // the move is an explicit choice of that day.
  for (const auto& e : exceptions) {
    if (e.kind == ExceptionKind::no_contact && covers(e, scheduled)) {
      decision.outcome = DayOutcome::skipped_by_exception;
      decision.exception = &e;
      return decision;
    }
  }
  for (const auto& e : exceptions) {
    if (e.kind == ExceptionKind::moved && e.from == scheduled && e.moved_to) {
      decision.date = *e.moved_to;
      decision.exception = &e;
      break;
    }
  }
  // 2. The customer's non-activity periods, on the (possibly moved) day.
  for (const auto& p : non_activity) {
    if (p.from <= decision.date && decision.date <= p.to) {
      decision.outcome = DayOutcome::skipped_by_non_activity;
      decision.non_activity = &p;
      return decision;
    }
  }
  return decision;
}

bool is_open_contact_day(const ContactPlan& plan, CivilDate day,
                         const std::vector<PlanException>& exceptions,
                         const std::vector<NonActivityPeriod>& non_activity) {
  for (const auto& p : non_activity)
    if (p.from <= day && day <= p.to) return false;
  for (const auto& e : exceptions)
    if (e.kind == ExceptionKind::moved && e.moved_to && *e.moved_to == day) return true;
  if (plan.valid_to && plan.valid_to->ok() && day > *plan.valid_to) return false;
  if (!plan.weekdays.contains(date::weekday{date::sys_days{day}})) return false;
  if (!in_contact_week(plan, day)) return false;
  for (const auto& e : exceptions) {
    if (e.kind == ExceptionKind::no_contact && covers(e, day)) return false;
    if (e.kind == ExceptionKind::moved && e.moved_to && e.from == day) return false;
  }
  return true;
}

ContactWindow window_on(CivilDate day, LocalMinutes earliest, LocalMinutes latest,
                        const std::string& zone) {
  const date::time_zone* tz = date::locate_zone(zone);
  const date::local_days local{day};
  return {to_instant(tz, local + std::chrono::minutes{earliest}),
          to_instant(tz, local + std::chrono::minutes{latest})};
}

CivilDate local_date(Instant t, const std::string& zone) {
  auto local = date::locate_zone(zone)->to_local(t);
  return CivilDate{date::floor<date::days>(local)};
}

WindowPosition position_in_window(Instant t, LocalMinutes earliest, LocalMinutes latest,
                                  const std::string& zone) {
  ContactWindow w = window_on(local_date(t, zone), earliest, latest, zone);
  if (t < w.start) return WindowPosition::before;
  if (t < w.end) return WindowPosition::inside;
  return WindowPosition::after;
}

}  // namespace rapport::domain
