#include "app/contactplan/contact_planner.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "app/access.h"
#include "app/today.h"
#include "domain/contactplan/recalculation.h"
#include "domain/customers/customer_rules.h"
#include "domain/customers/phone.h"
#include "domain/supervision/day_counts.h"
#include "store/contactplan/contact_plan_repository.h"
#include "store/contactplan/non_activity_repository.h"
#include "store/customers/contact_repository.h"
#include "store/customers/customer_repository.h"
#include "store/customers/interaction_repository.h"
#include "store/settings/settings_repository.h"
#include "store/users/user_repository.h"

namespace rapport::app {
namespace {

using domain::ContactPlan;
using domain::Role;

// The zone an entry's window is in: the contact info's, the customer's, the installation's.
std::string effective_zone(const std::string& info_zone, const std::string& customer_zone,
                           const std::string& installation_zone) {
  if (!info_zone.empty() && is_valid_time_zone(info_zone)) return info_zone;
  if (!customer_zone.empty() && is_valid_time_zone(customer_zone)) return customer_zone;
  return installation_zone;
}

// Reports every fault to the caller who asked (`out`) and returns the first.
Error all_of(FieldErrors found, FieldErrors* out) {
  Error first = found.errors.front();
  if (out) *out = std::move(found);
  return first;
}

// An entry about to change, with everything its recalculation reads.
struct EntryToChange {
  store::PlanEntryRow row;
  ContactPlan plan;
  domain::InstallationSettings settings;
  std::vector<domain::PlanException> exceptions;
  std::vector<domain::NonActivityPeriod> periods;
  domain::RecalculationContext context() const {
    return {plan, settings, row.earliest, row.latest, row.zone, exceptions, periods};
  }
};

// Loads entry `id`; a `version` given must be the stored one.
Result<EntryToChange> load_for_change(store::Tx& tx, Id<domain::PlanEntry> id,
                                      std::optional<Version> version) {
  auto row = store::PlanEntryRepository::find(tx, id);
  if (!row) return row.error();
  if (version && *version != row->entry.version)
    return store::PlanEntryRepository::stale_error(tx, id);
  auto plan = store::ContactPlanRepository::find(tx, row->entry.plan);
  if (!plan) return plan.error();
  EntryToChange out{std::move(*row), std::move(*plan), store::SettingsRepository::load(tx), {}, {}};
  out.exceptions = store::ContactPlanRepository::exceptions(tx, out.plan.id);
  out.periods = store::NonActivityRepository::of_customer(tx, out.row.entry.customer);
  return out;
}

// The entry as the CSR's first press of the same key left it, when this
// press repeats it (on the version shown before or after that first press).
std::optional<StatusOutcome> repeated_outcome(store::Tx& tx, const domain::User& actor,
                                              Id<domain::PlanEntry> id,
                                              domain::ContactStatus status, const StatusInput& in,
                                              Instant now) {
  auto row = store::PlanEntryRepository::find(tx, id);
  if (!row) return std::nullopt;
  const Version current = row->entry.version;
  if (in.version != current && in.version + 1 != current) return std::nullopt;
  auto events = store::PlanEntryRepository::events(tx, id);
  if (events.empty()) return std::nullopt;
  const auto& last = events.front();
  if (!domain::is_repeated_outcome(
          {last.user_id, last.at, last.status, last.note, last.next_contact_at}, actor.id.value,
          status, in.note, in.callback_at, now))
    return std::nullopt;
  StatusOutcome outcome;
  outcome.row = std::move(*row);
  outcome.repeated = true;
  return outcome;
}

Status may_manage_plans(const domain::User& actor) {
  return require(actor, Capability::manage_plans);
}

Status may_work_plans(const domain::User& actor) { return require(actor, Capability::work_plans); }

}  // namespace

Result<domain::ContactInfo> check_contact_info_input(store::Tx& tx, const ContactInfoInput& in,
                                                     const domain::InstallationSettings& settings,
                                                     FieldErrors& errors) {
  domain::ContactInfo info;
  info.plan = Id<ContactPlan>{in.plan};
  info.customer = in.customer;
  auto customer = store::CustomerRepository::find(tx, Id<domain::Customer>{in.customer});
  // Without the customer the other fields are still checked: every fault at once.
  if (!customer) errors.add(Error::invalid("contact_info.customer_unknown", "customer"));
  if (in.plan == 0)
    errors.add(Error::invalid("field.required", "plan"));
  else if (!store::ContactPlanRepository::find(tx, info.plan))
    errors.add(Error::invalid("contact_info.plan_unknown", "plan"));
  if (in.contact && customer) {
    auto contacts = store::ContactRepository::of_customer(tx, customer->id);
    if (std::none_of(contacts.begin(), contacts.end(),
                     [&](const auto& c) { return c.id.value == *in.contact; }))
      errors.add(Error::invalid("contact_info.contact_unknown", "contact"));
    info.contact = in.contact;
  }
  if (in.phone.empty()) {
    if (customer)
      for (std::size_t i = 0; i < customer->phones.size(); ++i)
        if (domain::is_primary_phone(customer->phones, i))
          info.phone_e164 = customer->phones[i].e164;
  } else if (auto phone = domain::parse_phone(in.phone, settings.country); !phone) {
    Error e = phone.error();
    e.field = "phone";
    errors.add(std::move(e));
  } else {
    info.phone_e164 = phone->e164;
  }
  auto earliest = domain::parse_local_minutes(in.earliest);
  auto latest = domain::parse_local_minutes(in.latest);
  if (!earliest) errors.add(Error::invalid("field.time_invalid", "earliest"));
  if (!latest) errors.add(Error::invalid("field.time_invalid", "latest"));
  auto method = domain::contact_method_from(in.method);
  if (!method) errors.add(Error::invalid("contact_info.method_invalid", "method"));
  if (earliest) info.earliest = *earliest;
  if (latest) info.latest = *latest;
  if (method) info.method = *method;
  info.time_zone = in.time_zone;
  info.sequence = in.sequence;
  info.note = in.note;
  info.version = in.version;
  // The domain's rules too, but not about a field already at fault, nor
  // about the window when one of its times could not be read.
  auto at_fault = [&](const std::string& field) {
    if ((field == "earliest" || field == "latest") && (!earliest || !latest)) return true;
    return std::any_of(errors.errors.begin(), errors.errors.end(),
                       [&](const Error& e) { return e.field == field; });
  };
  for (auto& e : domain::validate_contact_info(info).errors)
    if (!at_fault(e.field)) errors.add(std::move(e));
  if (!errors.empty()) return errors.errors.front();
  return info;
}

Result<std::vector<ContactPlan>> ContactPlanner::plans(const domain::User& actor,
                                                       bool active_only) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<ContactPlan>> {
    return store::ContactPlanRepository::list(tx, active_only);
  });
}

Result<PlanView> ContactPlanner::plan(const domain::User& actor, Id<ContactPlan> id) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<PlanView> {
    auto plan = store::ContactPlanRepository::find(tx, id);
    if (!plan) return plan.error();
    PlanView view{*plan,
                  store::ContactPlanRepository::exceptions(tx, id),
                  store::ContactInfoRepository::of_plan(tx, id),
                  {}};
    if (plan->responsible_user)
      if (auto u = store::UserRepository::find(tx, Id<domain::User>{*plan->responsible_user}))
        view.responsible_name = u->display_name;
    return view;
  });
}

// Creates (no id yet) or updates a plan: the code upper-cased, the plan
// valid, its responsible user known, in one transaction with its audit rows.
Result<ContactPlan> ContactPlanner::save_plan(const domain::User& actor, ContactPlan plan,
                                              bool is_new, FieldErrors* errors) {
  if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  std::transform(plan.code.begin(), plan.code.end(), plan.code.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (auto found = domain::validate_plan(plan); !found.empty())
    return all_of(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<ContactPlan> {
    if (plan.responsible_user &&
        !store::UserRepository::find(tx, Id<domain::User>{*plan.responsible_user}))
      return Error::invalid("contact_plan.user_unknown", "responsible_user");
    if (is_new) {
      auto id = store::ContactPlanRepository::insert(tx, plan, actor_of(actor), clock_.now());
      if (!id) return id.error();
      return store::ContactPlanRepository::find(tx, *id);
    }
    auto version = store::ContactPlanRepository::update(tx, plan, actor_of(actor), clock_.now());
    if (!version) return version.error();
    return store::ContactPlanRepository::find(tx, plan.id);
  });
}

Result<ContactPlan> ContactPlanner::create_plan(const domain::User& actor, ContactPlan plan,
                                                FieldErrors* errors) {
  return save_plan(actor, std::move(plan), true, errors);
}

Result<ContactPlan> ContactPlanner::update_plan(const domain::User& actor, ContactPlan plan,
                                                FieldErrors* errors) {
  return save_plan(actor, std::move(plan), false, errors);
}

Result<std::vector<store::AuditRow>> ContactPlanner::plan_history(const domain::User& actor,
                                                                  Id<ContactPlan> id) {
  if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "contact_plan", id.value);
  });
}

Result<domain::PlanException> ContactPlanner::add_exception(const domain::User& actor,
                                                            domain::PlanException exception,
                                                            FieldErrors* errors) {
  if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<domain::PlanException> {
    auto plan = store::ContactPlanRepository::find(tx, exception.plan);
    if (!plan) return plan.error();
    if (auto found = domain::validate_exception(exception, *plan); !found.empty())
      return all_of(std::move(found), errors);
    exception.id =
        store::ContactPlanRepository::add_exception(tx, exception, actor_of(actor), clock_.now());
    return exception;
  });
}

Status ContactPlanner::remove_exception(const domain::User& actor, Id<ContactPlan> plan,
                                        Id<domain::PlanException> id) {
  if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Status {
    return store::ContactPlanRepository::remove_exception(tx, plan, id, actor_of(actor),
                                                          clock_.now());
  });
}

Result<store::ContactInfoRow> ContactPlanner::connect(const domain::User& actor,
                                                      const ContactInfoInput& input,
                                                      FieldErrors* errors) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<store::ContactInfoRow> {
    FieldErrors found;
    auto info = check_contact_info_input(tx, input, store::SettingsRepository::load(tx), found);
    if (!info) return all_of(std::move(found), errors);
    auto id = store::ContactInfoRepository::insert(tx, *info, actor_of(actor), clock_.now());
    if (!id) return id.error();
    return store::ContactInfoRepository::find(tx, *id);
  });
}

Result<store::ContactInfoRow> ContactPlanner::update_contact_info(const domain::User& actor,
                                                                  Id<domain::ContactInfo> id,
                                                                  const ContactInfoInput& input,
                                                                  FieldErrors* errors) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<store::ContactInfoRow> {
    auto before = store::ContactInfoRepository::find(tx, id);
    if (!before) return before.error();
    ContactInfoInput fixed = input;  // plan and customer never change
    fixed.plan = before->info.plan.value;
    fixed.customer = before->info.customer;
    FieldErrors found;
    auto info = check_contact_info_input(tx, fixed, store::SettingsRepository::load(tx), found);
    if (!info) return all_of(std::move(found), errors);
    info->id = id;
    auto version = store::ContactInfoRepository::update(tx, *info, actor_of(actor), clock_.now());
    if (!version) return version.error();
    return store::ContactInfoRepository::find(tx, id);
  });
}

Status ContactPlanner::disconnect(const domain::User& actor, Id<domain::ContactInfo> id) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Status {
    return store::ContactInfoRepository::remove(tx, id, actor_of(actor), clock_.now());
  });
}

Result<std::vector<store::ContactInfoRow>> ContactPlanner::contact_infos_of(
    const domain::User& actor, std::int64_t customer) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::ContactInfoRow>> {
    return store::ContactInfoRepository::of_customer(tx, customer);
  });
}

Result<domain::NonActivityPeriod> ContactPlanner::add_non_activity(const domain::User& actor,
                                                                   domain::NonActivityPeriod period,
                                                                   FieldErrors* errors) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  if (auto found = domain::validate_non_activity(period); !found.empty())
    return all_of(std::move(found), errors);
  return db_.write([&](store::Tx& tx) -> Result<domain::NonActivityPeriod> {
    if (!store::CustomerRepository::find(tx, Id<domain::Customer>{period.customer}))
      return Error::not_found("customer.not_found");
    period.id = store::NonActivityRepository::insert(tx, period, actor_of(actor), clock_.now());
    return period;
  });
}

Status ContactPlanner::remove_non_activity(const domain::User& actor, std::int64_t customer,
                                           Id<domain::NonActivityPeriod> id) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Status {
    return store::NonActivityRepository::remove(tx, customer, id, actor_of(actor), clock_.now());
  });
}

Result<std::vector<domain::NonActivityPeriod>> ContactPlanner::non_activity_of(
    const domain::User& actor, std::int64_t customer) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  return db_.read([&](store::Tx& tx) -> Result<std::vector<domain::NonActivityPeriod>> {
    if (!store::CustomerRepository::find(tx, Id<domain::Customer>{customer}))
      return Error::not_found("customer.not_found");
    return store::NonActivityRepository::of_customer(tx, customer);
  });
}

Result<store::PlanEntryRow> ContactPlanner::add_entry(const domain::User& actor,
                                                      const ManualEntryInput& in) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  if (in.override_blocks)
    if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  return db_.write([&](store::Tx& tx) -> Result<store::PlanEntryRow> {
    auto plan = store::ContactPlanRepository::find(tx, Id<ContactPlan>{in.plan});
    if (!plan) return Error::invalid("plan_entry.plan_unknown", "plan");
    if (!plan->active) return Error::invalid("plan_entry.plan_inactive", "plan");
    auto info = store::ContactInfoRepository::find_for(tx, plan->id, in.customer);
    if (!info) return Error::invalid("plan_entry.not_on_plan", "customer");
    auto exceptions = store::ContactPlanRepository::exceptions(tx, plan->id);
    auto periods = store::NonActivityRepository::of_customer(tx, in.customer);
    auto decision = domain::decide_day(in.date, exceptions, periods);
    CivilDate day = in.date;
    if (!in.override_blocks) {
      if (decision.outcome == domain::DayOutcome::skipped_by_exception)
        return Error::invalid("plan_entry.blocked_by_exception", "date",
                              {{"date", format_date(in.date)},
                               {"reason", decision.exception ? decision.exception->reason : ""}});
      if (decision.outcome == domain::DayOutcome::skipped_by_non_activity)
        return Error::invalid("plan_entry.blocked_by_non_activity", "date",
                              {{"from", format_date(decision.non_activity->from)},
                               {"to", format_date(decision.non_activity->to)},
                               {"reason", decision.non_activity->reason}});
      day = decision.date;
    }
    auto settings = store::SettingsRepository::load(tx);
    std::string zone =
        effective_zone(info->info.time_zone, info->customer_zone, settings.time_zone);
    auto window = domain::window_on(day, info->info.earliest, info->info.latest, zone);
    Instant planned = window.start;
    if (in.time && !in.time->empty()) {
      auto minutes = domain::parse_local_minutes(*in.time);
      if (!minutes || *minutes >= 24 * 60) return Error::invalid("field.time_invalid", "time");
      planned = domain::window_on(day, *minutes, *minutes + 1, zone).start;
    }
    store::NewPlanEntry entry{
        plan->id.value,        in.customer,           day, planned, window.end,
        info->info.phone_e164, plan->responsible_user};
    if (store::PlanEntryRepository::insert_new(tx, {entry}, actor.id.value, clock_.now()) != 1)
      return Error{
          ErrorCode::conflict, "plan_entry.exists", {{"date", format_date(day)}}, "date", {}};
    store::PlanEntryFilter filter;
    filter.plans = {plan->id.value};
    filter.customer = in.customer;
    filter.from = filter.to = day;
    filter.zone = zone;  // the entry is due on `day` in the customer's zone
    auto rows = store::PlanEntryRepository::list(tx, filter);
    if (rows.empty()) return Error::internal("manual entry not found after insert");
    return rows.front();
  });
}

Result<long long> ContactPlanner::due_today(const domain::User& actor) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  const std::string zone = user_zone(actor);
  const auto day = domain::window_on(user_today(clock_, actor), 0, 24 * 60, zone);
  return db_.read([&](store::Tx& tx) -> Result<long long> {
    return store::PlanEntryRepository::count_due(tx, actor.id.value, day.start, day.end);
  });
}

Result<ListFocus> list_focus_from(std::string_view focus, std::string_view called_by) {
  ListFocus out;
  using K = ListFocus::Kind;
  for (K k : {K::overdue, K::window_closed, K::callbacks_overdue, K::released})
    if (focus == list_focus_name(k)) out.kind = k;
  if (!focus.empty() && out.kind == K::none)
    return Error::invalid("calls.filter.focus_invalid", "focus");
  if (!called_by.empty()) {
    std::int64_t id = 0;
    auto [p, ec] = std::from_chars(called_by.data(), called_by.data() + called_by.size(), id);
    if (ec != std::errc() || p != called_by.data() + called_by.size() || id <= 0)
      return Error::invalid("calls.filter.number_invalid", "called_by");
    out.called_by = id;
  }
  return out;
}

std::string list_focus_name(ListFocus::Kind kind) {
  switch (kind) {
    case ListFocus::Kind::overdue:
      return "overdue";
    case ListFocus::Kind::window_closed:
      return "window_closed";
    case ListFocus::Kind::callbacks_overdue:
      return "callbacks_overdue";
    case ListFocus::Kind::released:
      return "released";
    case ListFocus::Kind::none:
      break;
  }
  return "";
}

Result<std::vector<store::PlanEntryRow>> ContactPlanner::entries(const domain::User& actor,
                                                                 const store::PlanEntryFilter& f,
                                                                 bool business_days,
                                                                 const ListFocus& focus) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  if (focus.called_by && *focus.called_by != actor.id.value)
    if (auto ok = require(actor, Capability::supervise_calls); !ok) return ok.error();
  for (int s : f.statuses)
    if (!domain::contact_status_from(s))
      return Error::invalid("plan_entry.status_invalid", "status");
  if (f.from && f.to && *f.to < *f.from)
    return Error::invalid("contact_plan.range_backwards", "to");
  store::PlanEntryFilter in_my_day = f;
  in_my_day.zone = user_zone(actor);  // the days of the list are the CSR's days
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::PlanEntryRow>> {
    const domain::InstallationSettings settings = store::SettingsRepository::load(tx);
    if (business_days)
      in_my_day.zone =
          is_valid_time_zone(settings.time_zone) ? settings.time_zone : std::string("UTC");
    // The supervisor's figures' rules (domain/supervision/day_counts.h).
    const Instant now = clock_.now();
    const int call_back = domain::to_number(domain::ContactStatus::call_back);
    std::vector<int> open;
    std::size_t count = 0;
    const domain::ContactStatus* all = domain::all_contact_statuses(count);
    for (std::size_t i = 0; i < count; ++i)
      if (domain::is_open(all[i])) open.push_back(domain::to_number(all[i]));
    switch (focus.kind) {
      case ListFocus::Kind::overdue:
        in_my_day.statuses = open;
        in_my_day.due_by = now;
        break;
      case ListFocus::Kind::window_closed:
        in_my_day.statuses = open;
        in_my_day.due_by = now;
        in_my_day.window_closed_by = now;
        break;
      case ListFocus::Kind::callbacks_overdue:
        in_my_day.statuses = {call_back};
        in_my_day.due_by = now;
        break;
      case ListFocus::Kind::released: {
        auto before = domain::released_before(now, settings.callback_release_minutes);
        if (!before) return std::vector<store::PlanEntryRow>{};
        in_my_day.statuses = {call_back};
        in_my_day.personal_only = true;
        in_my_day.due_by = *before;
        break;
      }
      case ListFocus::Kind::none:
        break;
    }
    in_my_day.called_by = focus.called_by;
    auto rows = store::PlanEntryRepository::list(tx, in_my_day);
    // Who holds an entry is shown while Next call's hold lasts: until its
    // time, and only on an open entry (setting a status ends it).
    for (auto& r : rows)
      if (r.hold && (r.hold->until <= now || !domain::is_open(r.entry.status))) r.hold.reset();
    return rows;
  });
}

Result<std::vector<store::PlanEntryRow>> ContactPlanner::upcoming(const domain::User& actor,
                                                                  std::int64_t customer,
                                                                  int limit) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  store::PlanEntryFilter f;
  f.customer = customer;
  f.limit = limit;
  std::size_t count = 0;
  const domain::ContactStatus* all = domain::all_contact_statuses(count);
  for (std::size_t i = 0; i < count; ++i)
    if (domain::is_open(all[i])) f.statuses.push_back(domain::to_number(all[i]));
  return db_.read([&](store::Tx& tx) -> Result<std::vector<store::PlanEntryRow>> {
    return store::PlanEntryRepository::list(tx, f);
  });
}

Result<std::optional<store::PlanEntryRow>> ContactPlanner::next_call(const domain::User& actor) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  // A write: the entry offered is held for this CSR (domain::kNextCallHold).
  return db_.write([&](store::Tx& tx) -> Result<std::optional<store::PlanEntryRow>> {
    const Instant now = clock_.now();
    const int release = store::SettingsRepository::load(tx).callback_release_minutes;
    std::optional<Instant> released_before;
    if (release > 0) released_before = now - std::chrono::minutes{release};
    return store::PlanEntryRepository::next_call(tx, actor.id.value, now, released_before,
                                                 now + domain::kNextCallHold);
  });
}

Result<EntryView> ContactPlanner::entry(const domain::User& actor, Id<domain::PlanEntry> id) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  Instant now = clock_.now();
  return db_.read([&](store::Tx& tx) -> Result<EntryView> {
    auto row = store::PlanEntryRepository::find(tx, id);
    if (!row) return row.error();
    auto plan = store::ContactPlanRepository::find(tx, row->entry.plan);
    if (!plan) return plan.error();
    EntryView view{*row,
                   *plan,
                   store::ContactInfoRepository::find_for(tx, plan->id, row->entry.customer),
                   store::PlanEntryRepository::events(tx, id),
                   {},
                   {},
                   {},
                   {},
                   {}};
    // The earlier contacts on the plan (later ones are still to come).
    for (auto& other :
         store::PlanEntryRepository::of_plan_customer(tx, plan->id, row->entry.customer, 100))
      if (other.entry.contact_date < row->entry.contact_date && view.previous.size() < 10)
        view.previous.push_back(std::move(other));
    view.interactions = store::InteractionRepository::of_customer(
        tx, Id<domain::Customer>{row->entry.customer}, 20);
    view.history = domain::history_lines(view.interactions);
    view.now_position = domain::position_in_window(now, row->earliest, row->latest, row->zone);
    view.local_now = format_local(now, row->zone);
    view.released = domain::callback_released(
        row->entry.status, row->entry.responsible_user.has_value(), row->entry.next_contact_at, now,
        store::SettingsRepository::load(tx).callback_release_minutes);
    return view;
  });
}

Result<StatusOutcome> ContactPlanner::set_status(const domain::User& actor,
                                                 Id<domain::PlanEntry> id, const StatusInput& in) {
  if (auto ok = may_work_plans(actor); !ok) return ok.error();
  auto status = domain::contact_status_from(in.status);
  if (!status) return Error::invalid("plan_entry.status_invalid", "status");
  if (in.note.size() > domain::kMaxNoteLength)
    return Error::invalid("field.too_long", "note",
                          {{"max", std::to_string(domain::kMaxNoteLength)}});
  // The version the CSR saw: a key acts once per shown version.
  if (in.version <= 0) return Error::invalid("field.required", "version");
  Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<StatusOutcome> {
    if (auto repeat = repeated_outcome(tx, actor, id, *status, in, now)) return *repeat;
    auto loaded = load_for_change(tx, id, in.version);
    if (!loaded) return loaded.error();
    const auto& row = loaded->row;
    const auto& plan = loaded->plan;
    auto change = domain::apply_status(row.entry, *status, now, loaded->context(), in.callback_at);
    if (!change) return change.error();
    StatusOutcome outcome;
    outcome.contacted_outside_window =
        domain::position_in_window(now, row.earliest, row.latest, row.zone) !=
        domain::WindowPosition::inside;
    outcome.attempts_exhausted = change->attempts_exhausted;
    outcome.no_day_left = change->no_day_left;
    outcome.outside_window = change->outside_window;
    outcome.not_a_contact_day = change->not_a_contact_day;
    domain::PlanEntry entry = row.entry;
    entry.status = change->status;
    entry.attempt = change->attempt;
    entry.next_contact_at = change->next_contact_at;
    entry.window_ends_at = change->window_ends_at;
    entry.result_note = in.note;
    auto version = store::PlanEntryRepository::save_status(tx, entry, actor_of(actor), now);
    if (!version) return version.error();
    domain::Interaction call;
    call.customer = Id<domain::Customer>{entry.customer};
    call.at = now;
    call.user_name = actor.display_name;
    call.channel = domain::InteractionChannel::call;
    call.direction = domain::InteractionDirection::outbound;
    call.summary = in.note.empty() ? plan.code : plan.code + ": " + in.note;
    call.outcome = std::to_string(domain::to_number(entry.status));
    call.related_type = "contact_plan_entry";
    call.related_id = id.value;
    store::InteractionRepository::insert(tx, call, actor_of(actor));
    auto saved = store::PlanEntryRepository::find(tx, id);
    if (!saved) return saved.error();
    outcome.row = std::move(*saved);
    return outcome;
  });
}

Result<store::PlanEntryRow> ContactPlanner::reopen(const domain::User& actor,
                                                   Id<domain::PlanEntry> id, Version version,
                                                   const std::string& reason) {
  if (auto ok = may_manage_plans(actor); !ok) return ok.error();
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    return Error::invalid("plan_entry.reason_required", "reason");
  if (reason.size() > domain::kMaxNoteLength)
    return Error::invalid("field.too_long", "reason",
                          {{"max", std::to_string(domain::kMaxNoteLength)}});
  const Instant now = clock_.now();
  return db_.write([&](store::Tx& tx) -> Result<store::PlanEntryRow> {
    auto loaded = load_for_change(tx, id, version);
    if (!loaded) return loaded.error();
    const auto& row = loaded->row;
    auto change = domain::reopen(row.entry, now, loaded->context());
    if (!change) return change.error();
    domain::PlanEntry entry = row.entry;
    const std::string was = std::to_string(domain::to_number(entry.status));
    entry.status = change->status;
    entry.attempt = change->attempt;
    entry.next_contact_at = change->next_contact_at;
    entry.window_ends_at = change->window_ends_at;
    entry.result_note = reason;
    auto saved_version = store::PlanEntryRepository::save_status(tx, entry, actor_of(actor), now);
    if (!saved_version) return saved_version.error();
    store::AuditRepository::record(
        tx, actor_of(actor), now, "plan_entry", id.value,
        {{"status", was, std::to_string(domain::to_number(entry.status))},
         {"reopen_reason", std::nullopt, reason}});
    return store::PlanEntryRepository::find(tx, id);
  });
}

}  // namespace rapport::app
