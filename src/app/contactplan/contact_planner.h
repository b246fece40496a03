// app/contactplan/contact_planner.h: contact planning use cases (contact-planning.md)
// — plans and exceptions (managers), contact info and non-activity periods
// (CSRs and managers, from the plan or the 360° view), manual entries, the
// active list, "my next call", and contacting: setting a status, which
// recalculates the next attempt and logs an interaction on the customer.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/time.h"
#include "domain/contactplan/contact_plan.h"
#include "domain/contactplan/schedule.h"
#include "domain/customers/customer.h"
#include "domain/customers/history.h"
#include "domain/users/user.h"
#include "store/contactplan/contact_info_repository.h"
#include "store/contactplan/plan_entry_repository.h"
#include "store/database.h"

namespace rapport::app {

// A plan with what its page shows.
struct PlanView {
  domain::ContactPlan plan;
  std::vector<domain::PlanException> exceptions;
  std::vector<store::ContactInfoRow> customers;
  std::string responsible_name;
};

// Contact info as typed in a form: the phone as typed, times "HH:MM".
struct ContactInfoInput {
  std::int64_t plan = 0;
  std::int64_t customer = 0;
  std::optional<std::int64_t> contact;
  std::string phone;  // empty: the customer's primary phone
  std::string time_zone;
  std::string earliest = "09:00";
  std::string latest = "17:00";
  std::string method = "phone";
  int sequence = 0;
  std::string note;
  Version version = 0;  // for an update
};

// Checks typed contact info as connect and update_contact_info do (the
// customer, plan and contact person known, the phone with the
// installation's country, the times, the method, then
// domain::validate_contact_info) and turns it into the stored one; every
// fault is in `errors`, the first also returned. The contact info import
// checks its rows with it.
Result<domain::ContactInfo> check_contact_info_input(store::Tx& tx, const ContactInfoInput& input,
                                                     const domain::InstallationSettings& settings,
                                                     FieldErrors& errors);

struct ManualEntryInput {
  std::int64_t plan = 0;
  std::int64_t customer = 0;
  CivilDate date{};
  std::optional<std::string> time;  // "HH:MM" local; empty: the window's start
  bool override_blocks = false;     // managers only: ignore exception / non-activity
};

// The list behind one of the supervisor's figures (issue 18), as a link
// names it: "focus=overdue|window_closed|callbacks_overdue|released" (the
// statuses and times are decided by entries(), from the clock and the
// installation's call-back release time) and "called_by=<user id>" (the
// entries that user called during the list's days).
struct ListFocus {
  enum class Kind { none, overdue, window_closed, callbacks_overdue, released };
  Kind kind = Kind::none;
  std::optional<std::int64_t> called_by;
  bool any() const { return kind != Kind::none || called_by.has_value(); }
};
// Reads the link's words; empty: none. Errors: invalid_input
// "calls.filter.focus_invalid" (field "focus"), "calls.filter.number_invalid"
// (field "called_by").
Result<ListFocus> list_focus_from(std::string_view focus, std::string_view called_by);
// The word of a focus ("overdue"); empty for none.
std::string list_focus_name(ListFocus::Kind kind);

// The contact page of one entry [OIS055/E].
struct EntryView {
  store::PlanEntryRow row;
  domain::ContactPlan plan;
  std::optional<store::ContactInfoRow> info;
  std::vector<store::PlanEntryEvent> events;      // this entry's statuses, newest first
  std::vector<store::PlanEntryRow> previous;      // earlier entries on the plan
  std::vector<domain::Interaction> interactions;  // the customer's, newest first
  std::vector<domain::HistoryLine> history;       // the same, an order's steps in one line
  domain::WindowPosition now_position = domain::WindowPosition::inside;  // warn unless inside
  std::string local_now;  // "YYYY-MM-DD HH:MM" in the customer's zone
  bool released = false;  // an overdue personal call-back offered to the team
};

struct StatusInput {
  int status = 0;
  std::string note;
  std::optional<Instant> callback_at;  // 21: the time the customer asked for
  Version version = 0;
};

struct StatusOutcome {
  store::PlanEntryRow row;  // as saved
  bool attempts_exhausted = false;
  bool no_day_left = false;  // no contact day left in the plan: closed as 93
  bool outside_window = false;
  bool contacted_outside_window = false;  // the call itself was outside the window
  bool not_a_contact_day = false;  // the call-back asked for is on a day the plan does not call
  // The same key pressed again (domain::is_repeated_outcome): nothing was
  // recorded; `row` is the entry as the first press left it.
  bool repeated = false;
};

class ContactPlanner {
 public:
  ContactPlanner(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Plans (managers and admins change them; every desk user reads).
  Result<std::vector<domain::ContactPlan>> plans(const domain::User& actor, bool active_only);
  Result<PlanView> plan(const domain::User& actor, Id<domain::ContactPlan> id);
  // Every desk that takes a form reports all its faults at once: the
  // first is returned, all of them are in `errors` when asked.
  // The code is upper-cased. Errors: invalid_input (every field), conflict (code taken).
  Result<domain::ContactPlan> create_plan(const domain::User& actor, domain::ContactPlan plan,
                                          FieldErrors* errors = nullptr);
  Result<domain::ContactPlan> update_plan(const domain::User& actor, domain::ContactPlan plan,
                                          FieldErrors* errors = nullptr);
  // The plan's audit trail, newest first.
  Result<std::vector<store::AuditRow>> plan_history(const domain::User& actor,
                                                    Id<domain::ContactPlan> id);
  Result<domain::PlanException> add_exception(const domain::User& actor,
                                              domain::PlanException exception,
                                              FieldErrors* errors = nullptr);
  Status remove_exception(const domain::User& actor, Id<domain::ContactPlan> plan,
                          Id<domain::PlanException> id);

  // Contact info (CSRs and managers). The phone is validated with the
  // installation's country and stored in E.164.
  Result<store::ContactInfoRow> connect(const domain::User& actor, const ContactInfoInput& input,
                                        FieldErrors* errors = nullptr);
  Result<store::ContactInfoRow> update_contact_info(const domain::User& actor,
                                                    Id<domain::ContactInfo> id,
                                                    const ContactInfoInput& input,
                                                    FieldErrors* errors = nullptr);
  Status disconnect(const domain::User& actor, Id<domain::ContactInfo> id);
  Result<std::vector<store::ContactInfoRow>> contact_infos_of(const domain::User& actor,
                                                              std::int64_t customer);

  // Non-activity periods (CSRs and managers).
  Result<domain::NonActivityPeriod> add_non_activity(const domain::User& actor,
                                                     domain::NonActivityPeriod period,
                                                     FieldErrors* errors = nullptr);
  Status remove_non_activity(const domain::User& actor, std::int64_t customer,
                             Id<domain::NonActivityPeriod> id);
  Result<std::vector<domain::NonActivityPeriod>> non_activity_of(const domain::User& actor,
                                                                 std::int64_t customer);

  // One entry by hand [OIS056]. Errors: invalid_input "plan_entry.blocked_by_exception"
  // or "plan_entry.blocked_by_non_activity" (with the reason and dates) unless
  // a manager overrides; conflict when the entry exists.
  Result<store::PlanEntryRow> add_entry(const domain::User& actor, const ManualEntryInput& input);

  // The customer's next scheduled contacts: open entries (domain's open
  // statuses), soonest first, at most `limit` — the 360° view shows them.
  Result<std::vector<store::PlanEntryRow>> upcoming(const domain::User& actor,
                                                    std::int64_t customer, int limit = 5);

  // The active list [OIS056/B]. Its from/to dates are the actor's days, or
  // the business days (the installation's zone) when `business_days` — the
  // days the supervisor's figures count, so their links list the same entries.
  // `focus` narrows it to the list behind a supervisor's figure; another
  // user's calls are for supervisors (forbidden otherwise). An entry Next
  // call offered keeps its `hold` (who, until when) while the hold lasts.
  Result<std::vector<store::PlanEntryRow>> entries(const domain::User& actor,
                                                   const store::PlanEntryFilter& filter,
                                                   bool business_days = false,
                                                   const ListFocus& focus = {});
  // How many calls are due today (the actor's day) for the actor: theirs and
  // the team's, open, whatever their window.
  Result<long long> due_today(const domain::User& actor);
  // The actor's first open entry whose window is open now.
  Result<std::optional<store::PlanEntryRow>> next_call(const domain::User& actor);
  Result<EntryView> entry(const domain::User& actor, Id<domain::PlanEntry> id);
  // A manager reopens a final entry (90, 92, 93 set by mistake) with a
  // reason: planned again, due at the first open contact time from now
  // (domain::reopen), the reason in its history and the audit trail.
  // Errors: forbidden (manage_plans); invalid_input "plan_entry.reason_required",
  // "field.too_long" (reason), "plan_entry.not_final"; conflict (stale version).
  Result<store::PlanEntryRow> reopen(const domain::User& actor, Id<domain::PlanEntry> id,
                                     Version version, const std::string& reason);
  // Sets a status [OIS055/E]; logs an interaction (a call) on the customer.
  Result<StatusOutcome> set_status(const domain::User& actor, Id<domain::PlanEntry> id,
                                   const StatusInput& input);

  // The scheduled contacts of a plan or a user as an iCalendar file;
  // `translate` (key, args) gives the events' texts in the reader's language.
  // An unknown plan or user is not_found.
  using Translate = std::function<std::string(std::string_view, const MessageArgs&)>;
  Result<std::string> calendar(const domain::User& actor, std::optional<std::int64_t> plan,
                               std::optional<std::int64_t> user, const Translate& translate);

 private:
  Result<domain::ContactPlan> save_plan(const domain::User& actor, domain::ContactPlan plan,
                                        bool is_new, FieldErrors* errors);

  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
