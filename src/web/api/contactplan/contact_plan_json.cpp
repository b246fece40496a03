#include "web/api/contactplan/contact_plan_json.h"

#include <boost/json.hpp>

#include "domain/contactplan/schedule.h"
#include "i18n/format.h"
#include "web/api/customers/customer_json.h"

namespace rapport::web {
namespace {

namespace json = boost::json;

json::value date_or_null(const std::optional<CivilDate>& d) {
  return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::value id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

// The wall-clock text of `t` where the customer is, or null without a valid zone.
json::value local_or_null(Instant t, const std::string& zone) {
  if (zone.empty() || !is_valid_time_zone(zone)) return nullptr;
  return json::value(format_local(t, zone));
}

json::value rule_or_null(const std::optional<domain::RecalculationRule>& r) {
  if (!r) return nullptr;
  return json::object{{"delay_minutes", r->delay_minutes}, {"max_attempts", r->max_attempts}};
}

json::array weekdays_json(domain::Weekdays w) {
  json::array out;
  for (int iso = 1; iso <= 7; ++iso)
    if (w.mask() & (1u << (iso - 1))) out.push_back(iso);
  return out;
}

const std::string& name_in(Language language, const std::string& en, const std::string& fr) {
  const std::string& wanted = language == Language::fr ? fr : en;
  return wanted.empty() ? (language == Language::fr ? en : fr) : wanted;
}

json::object warning(const JsonLabels& l, const char* key, const MessageArgs& args) {
  return {{"code", key}, {"detail", l.text(key, args)}};
}

std::string effective_zone(const store::ContactInfoRow& r) {
  if (!r.info.time_zone.empty() && is_valid_time_zone(r.info.time_zone)) return r.info.time_zone;
  return r.customer_zone;
}

}  // namespace

json::object plan_to_json(const domain::ContactPlan& p, const JsonLabels& l) {
  json::object o{{"id", p.id.value},
                 {"code", p.code},
                 {"name", domain::plan_name(p, l.language)},
                 {"name_en", p.name_en},
                 {"name_fr", p.name_fr},
                 {"purpose", std::string(domain::to_code(p.purpose))},
                 {"weekdays", weekdays_json(p.weekdays)},
                 {"every_weeks", p.every_weeks},
                 {"frequency_start", date_or_null(p.frequency_start)},
                 {"valid_from", format_date(p.valid_from)},
                 {"valid_to", date_or_null(p.valid_to)},
                 {"departure", p.departure},
                 {"lead_days", p.lead_days},
                 {"responsible_user_id", id_or_null(p.responsible_user)},
                 {"default_status", domain::to_number(p.default_status)},
                 {"default_status_label", l.text(domain::label_key(p.default_status))},
                 {"active", p.active},
                 {"version", p.version}};
  o["recalculation"] = json::object{{"unavailable", rule_or_null(p.unavailable)},
                                    {"busy", rule_or_null(p.busy)},
                                    {"call_back", rule_or_null(p.call_back)}};
  return o;
}

json::object exception_to_json(const domain::PlanException& e) {
  return {{"id", e.id.value},
          {"plan_id", e.plan.value},
          {"from", format_date(e.from)},
          {"to", format_date(e.to)},
          {"kind", std::string(domain::to_code(e.kind))},
          {"moved_to", date_or_null(e.moved_to)},
          {"reason", e.reason}};
}

json::object contact_info_to_json(const store::ContactInfoRow& r, Language language) {
  const auto& i = r.info;
  return {{"id", i.id.value},
          {"plan_id", i.plan.value},
          {"plan_code", r.plan_code},
          {"plan_name", name_in(language, r.plan_name_en, r.plan_name_fr)},
          {"customer_id", i.customer},
          {"customer_name", r.customer_name},
          {"contact_id", id_or_null(i.contact)},
          {"contact_name", r.contact_name},
          {"phone", i.phone_e164},
          {"time_zone", i.time_zone},
          {"zone", effective_zone(r)},
          {"earliest", domain::format_local_minutes(i.earliest)},
          {"latest", domain::format_local_minutes(i.latest)},
          {"method", std::string(domain::to_code(i.method))},
          {"sequence", i.sequence},
          {"note", i.note},
          {"version", i.version}};
}

json::object non_activity_to_json(const domain::NonActivityPeriod& p) {
  return {{"id", p.id.value},
          {"customer_id", p.customer},
          {"from", format_date(p.from)},
          {"to", format_date(p.to)},
          {"reason", p.reason}};
}

json::object entry_to_json(const store::PlanEntryRow& r, const JsonLabels& l) {
  const auto& e = r.entry;
  json::object o{{"id", e.id.value},
                 {"plan_id", e.plan.value},
                 {"plan_code", r.plan_code},
                 {"plan_name", name_in(l.language, r.plan_name_en, r.plan_name_fr)},
                 {"customer_id", e.customer},
                 {"customer_name", r.customer_name},
                 {"contact_date", format_date(e.contact_date)},
                 {"planned_at", format_instant(e.planned_at)},
                 {"next_contact_at", format_instant(e.next_contact_at)},
                 {"next_contact_local", local_or_null(e.next_contact_at, r.zone)},
                 {"window_ends_at", format_instant(e.window_ends_at)},
                 {"zone", r.zone},
                 {"phone", e.phone_e164},
                 {"status", domain::to_number(e.status)},
                 {"status_label", l.text(domain::label_key(e.status))},
                 {"open", domain::is_open(e.status)},
                 {"attempt", e.attempt},
                 {"responsible_user_id", id_or_null(e.responsible_user)},
                 {"responsible_name", r.responsible_name},
                 {"sales_order_id", id_or_null(e.sales_order)},
                 {"ok", e.sales_order.has_value()},
                 {"result_note", e.result_note},
                 {"version", e.version},
                 {"changed_at", format_instant(e.changed_at)}};
  o["window"] = json::object{{"earliest", domain::format_local_minutes(r.earliest)},
                             {"latest", domain::format_local_minutes(r.latest)}};
  return o;
}

json::object listed_entry_to_json(const store::PlanEntryRow& r, const JsonLabels& l) {
  json::object o = entry_to_json(r, l);
  o["held_by"] = r.hold ? json::value(json::object{{"user_id", r.hold->user},
                                                   {"user_name", r.hold->user_name},
                                                   {"until", format_instant(r.hold->until)}})
                        : json::value(nullptr);
  return o;
}

json::object plan_view_to_json(const app::PlanView& v, const JsonLabels& l) {
  json::array exceptions, infos;
  for (const auto& e : v.exceptions) exceptions.push_back(exception_to_json(e));
  for (const auto& r : v.customers) infos.push_back(contact_info_to_json(r, l.language));
  return {{"plan", plan_to_json(v.plan, l)},
          {"responsible_name", v.responsible_name},
          {"exceptions", std::move(exceptions)},
          {"contact_infos", std::move(infos)}};
}

json::object entry_view_to_json(const app::EntryView& v, const JsonLabels& l) {
  json::array events, previous, interactions, warnings;
  for (const auto& ev : v.events) {
    json::object o{{"at", format_instant(ev.at)},
                   {"user_name", ev.user_name},
                   {"status", domain::to_number(ev.status)},
                   {"status_label", l.text(domain::label_key(ev.status))},
                   {"attempt", ev.attempt},
                   {"note", ev.note}};
    o["next_contact_at"] = ev.next_contact_at ? json::value(format_instant(*ev.next_contact_at))
                                              : json::value(nullptr);
    events.push_back(std::move(o));
  }
  for (const auto& p : v.previous) previous.push_back(entry_to_json(p, l));
  for (const auto& i : v.interactions) interactions.push_back(interaction_to_json(i));
  const char* position = v.now_position == domain::WindowPosition::before  ? "before"
                         : v.now_position == domain::WindowPosition::after ? "after"
                                                                           : "inside";
  // A warning, not a refusal: the CSR may call all the same (contact-planning.md).
  if (v.now_position != domain::WindowPosition::inside)
    warnings.push_back(warning(l, "plan_entry.warning.now_outside_window",
                               {{"local_now", v.local_now},
                                {"earliest", domain::format_local_minutes(v.row.earliest)},
                                {"latest", domain::format_local_minutes(v.row.latest)},
                                {"zone", v.row.zone}}));
  json::object o{{"entry", entry_to_json(v.row, l)},
                 {"plan", plan_to_json(v.plan, l)},
                 {"events", std::move(events)},
                 {"previous", std::move(previous)},
                 {"interactions", std::move(interactions)},
                 {"now_position", position},
                 {"local_now", v.local_now},
                 {"warnings", std::move(warnings)}};
  o["contact_info"] =
      v.info ? json::value(contact_info_to_json(*v.info, l.language)) : json::value(nullptr);
  o["released"] = v.released;  // an overdue call-back offered to the team
  return o;
}

json::object status_outcome_to_json(const app::StatusOutcome& o, const JsonLabels& l) {
  const auto& r = o.row;
  MessageArgs window{{"earliest", domain::format_local_minutes(r.earliest)},
                     {"latest", domain::format_local_minutes(r.latest)},
                     {"zone", r.zone}};
  json::array warnings;
  if (o.attempts_exhausted)
    warnings.push_back(warning(l, "plan_entry.warning.attempts_exhausted",
                               {{"attempts", std::to_string(r.entry.attempt)}}));
  if (o.no_day_left) warnings.push_back(warning(l, "plan_entry.warning.no_day_left", {}));
  if (o.outside_window) {
    MessageArgs args = window;
    auto local = local_or_null(r.entry.next_contact_at, r.zone);
    args.emplace_back("time", local.is_string() ? std::string(local.get_string())
                                                : format_instant(r.entry.next_contact_at));
    warnings.push_back(warning(l, "plan_entry.warning.callback_outside_window", args));
  }
  if (o.not_a_contact_day)
    warnings.push_back(
        warning(l, "plan_entry.warning.callback_not_contact_day",
                {{"day", i18n::format_civil_date_with_weekday(
                             l.language, domain::local_date(r.entry.next_contact_at, r.zone))}}));
  if (o.contacted_outside_window)
    warnings.push_back(warning(l, "plan_entry.warning.contacted_outside_window", window));
  return {{"entry", entry_to_json(r, l)},
          {"attempts_exhausted", o.attempts_exhausted},
          {"outside_window", o.outside_window},
          {"contacted_outside_window", o.contacted_outside_window},
          {"not_a_contact_day", o.not_a_contact_day},
          {"repeated", o.repeated},
          {"warnings", std::move(warnings)}};
}

json::object job_to_json(const domain::Job& job, const JsonLabels& l) {
  const std::string status(domain::to_code(job.status));
  const std::string kind_key = "job.kind." + job.kind;
  json::object counts;
  for (const auto& [name, value] : job.counts) counts[name] = value;
  json::object o{{"id", job.id.value},
                 {"kind", job.kind},
                 {"kind_label", l.catalog.has(l.language, kind_key) ? l.text(kind_key) : job.kind},
                 {"status", status},
                 {"status_label", l.text("job.status." + status)},
                 {"finished", domain::is_final(job.status)},
                 {"done", job.done},
                 {"total", job.total},
                 {"counts", std::move(counts)},
                 {"cancel_requested", job.cancel_requested},
                 {"created_at", format_instant(job.created_at)},
                 {"page", "/jobs/" + std::to_string(job.id.value)}};
  auto percent = domain::percent_done(job);
  o["percent"] = percent ? json::value(*percent) : json::value(nullptr);
  o["started_at"] =
      job.started_at ? json::value(format_instant(*job.started_at)) : json::value(nullptr);
  o["finished_at"] =
      job.finished_at ? json::value(format_instant(*job.finished_at)) : json::value(nullptr);
  // What the job was asked to do, with app's defaults applied (dates, plans).
  boost::system::error_code params_ec;
  auto params =
      job.params.empty() ? json::value(json::object{}) : json::parse(job.params, params_ec);
  o["params"] = params_ec || !params.is_object() ? json::value(json::object{}) : std::move(params);
  o["message_key"] = job.message_key.empty() ? json::value(nullptr) : json::value(job.message_key);
  o["message"] = job.message_key.empty() ? json::value(nullptr)
                                         : json::value(l.text(job.message_key, job.message_args));
  boost::system::error_code ec;
  auto result = job.result.empty() ? json::value(nullptr) : json::parse(job.result, ec);
  o["result"] = !ec && result.is_object() ? result : json::value(nullptr);
  // The shares of the work and the server each ran on (issue 17).
  json::array partitions;
  for (const auto& p : job.partitions) {
    const std::string part_status(domain::to_code(p.status));
    partitions.push_back(json::object{{"number", p.number},
                                      {"status", part_status},
                                      {"server", p.claimed_by},
                                      {"attempt", p.attempt},
                                      {"done", p.done},
                                      {"total", p.total}});
  }
  o["partitions"] = std::move(partitions);
  return o;
}

}  // namespace rapport::web
