#include "web/ui/contactplan/plan_entry_view_data.h"

#include <charconv>

#include <boost/json.hpp>

#include "app/contactplan/contact_planner.h"
#include "domain/contactplan/schedule.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::ContactStatus;

constexpr const char* kMethods[] = {"phone", "email", "visit"};

const std::string& value_of(const CustomerPlanForm* form, std::string_view name) {
  static const std::string kEmpty;
  return form && form->values ? find_value(*form->values, name) : kEmpty;
}

// Sets err_<field> for every field of a form (empty when it has no error),
// so a row's form never picks up another form's error from the page.
void add_errors(json::object& o, const CustomerPlanForm* form,
                std::initializer_list<const char*> fields) {
  for (const char* f : fields) {
    std::string message;
    if (form)
      if (auto it = form->errors.find(f); it != form->errors.end()) message = it->second;
    o[std::string("err_") + f] = message;
  }
}

json::array method_options(const Request& req, const WebContext& ctx, const std::string& selected) {
  json::array out;
  for (const char* m : kMethods)
    out.push_back(
        {{"code", m},
         {"label", ctx.catalog.text(req.language, std::string("customer_plans.method.") + m)},
         {"selected", selected == m}});
  return out;
}

json::array contact_options(const app::CustomerView& view, const std::string& selected) {
  json::array out;
  for (const auto& k : view.contacts) {
    std::string id = std::to_string(k.id.value);
    out.push_back(
        {{"id", id},
         {"name", k.given_name.empty() ? k.family_name : k.given_name + " " + k.family_name},
         {"selected", selected == id}});
  }
  return out;
}

// The edit form of one contact info, as stored or as posted.
json::object info_form(const Request& req, const WebContext& ctx, const app::CustomerView& view,
                       const store::ContactInfoRow& r, const CustomerPlanForm* posted) {
  const auto& i = r.info;
  const CustomerPlanForm* form =
      posted && posted->kind == CustomerPlanForm::Kind::edit && posted->info_id == i.id.value
          ? posted
          : nullptr;
  auto pick = [&](const char* name, std::string stored) {
    return form ? value_of(form, name) : stored;
  };
  std::string method = pick("method", std::string(domain::to_code(i.method)));
  std::string contact = pick("contact", i.contact ? std::to_string(*i.contact) : "");
  json::object o{
      {"prefix", "ci-" + std::to_string(i.id.value)},
      {"action",
       "/customers/" + std::to_string(i.customer) + "/contact-info/" + std::to_string(i.id.value)},
      {"open", form != nullptr},
      {"version", form ? value_of(form, "version") : std::to_string(i.version)},
      {"phone",
       pick("phone", i.phone_e164.empty() ? "" : domain::format_phone_international(i.phone_e164))},
      {"earliest", pick("earliest", domain::format_local_minutes(i.earliest))},
      {"latest", pick("latest", domain::format_local_minutes(i.latest))},
      {"time_zone", pick("time_zone", i.time_zone)},
      {"customer_zone", r.customer_zone},
      {"sequence", pick("sequence", std::to_string(i.sequence))},
      {"note", pick("note", i.note)},
      {"methods", method_options(req, ctx, method)},
      {"has_contact_options", !view.contacts.empty()},
      {"contact_options", contact_options(view, contact)}};
  add_errors(o, form,
             {"phone", "earliest", "latest", "time_zone", "sequence", "note", "method", "contact"});
  return o;
}

}  // namespace

std::string status_label(const Request& req, const WebContext& ctx, ContactStatus s) {
  return ctx.catalog.text(req.language, domain::label_key(s));
}

void add_status(json::object& o, const Request& req, const WebContext& ctx, ContactStatus s) {
  const char* cls = "badge";
  switch (s) {
    case ContactStatus::planned:
      cls = "badge badge-status";
      break;
    case ContactStatus::unavailable:
    case ContactStatus::busy:
      cls = "badge badge-status badge-warn";
      break;
    case ContactStatus::call_back:
      cls = "badge badge-status badge-info";
      break;
    case ContactStatus::completed:
    case ContactStatus::completed_no_order:
      cls = "badge badge-status badge-ok";
      break;
    case ContactStatus::cancelled:
      cls = "badge badge-status badge-off";
      break;
  }
  o["status_code"] = std::to_string(domain::to_number(s));
  o["status_label"] = status_label(req, ctx, s);
  o["status_class"] = cls;
}

std::string usable_zone(const std::string& zone, const std::string& fallback) {
  if (!zone.empty() && is_valid_time_zone(zone)) return zone;
  if (!fallback.empty() && is_valid_time_zone(fallback)) return fallback;
  return "UTC";
}

std::string user_zone(const Request& req) {
  return req.user ? app::user_zone(*req.user) : std::string("UTC");
}

std::string window_text(domain::LocalMinutes earliest, domain::LocalMinutes latest,
                        const std::string& zone) {
  return domain::format_local_minutes(earliest) + "\u2013" + domain::format_local_minutes(latest) +
         " " + zone;
}

std::string clock_time(Instant t, const std::string& zone) {
  return format_local(t, zone).substr(11);
}

std::string when_in(const Request& req, Instant t, const std::string& zone, Instant now) {
  // 24-hour times throughout, like the contact windows.
  CivilDate day = domain::local_date(t, zone);
  if (day == domain::local_date(now, zone)) return clock_time(t, zone);
  return i18n::format_civil_date(req.language, day) + " " + clock_time(t, zone);
}

std::string plan_title(const Request& req, const std::string& code, const std::string& name_en,
                       const std::string& name_fr) {
  const std::string& own = req.language == Language::fr ? name_fr : name_en;
  const std::string& other = req.language == Language::fr ? name_en : name_fr;
  const std::string& name = own.empty() ? other : own;
  return name.empty() ? code : code + " \u00b7 " + name;
}

std::optional<Instant> parse_local_input(std::string_view text, const std::string& zone) {
  // "YYYY-MM-DDTHH:MM", seconds tolerated (some browsers send ":SS").
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  if (text[10] != 'T' && text[10] != ' ') return std::nullopt;
  if (zone.empty() || !is_valid_time_zone(zone)) return std::nullopt;
  auto day = parse_date(text.substr(0, 10));
  auto minutes = domain::parse_local_minutes(text.substr(11, 5));
  if (!day || !minutes || *minutes >= 24 * 60) return std::nullopt;
  if (text.size() == 19 && (text[16] != ':' || text.substr(17) < "00" || text.substr(17) > "59"))
    return std::nullopt;
  // The one-minute window that starts at that local time, with the zone's
  // rules for the days the clocks change.
  return domain::window_on(*day, *minutes, *minutes + 1, zone).start;
}

std::string local_input_value(Instant t, const std::string& zone) {
  std::string local = format_local(t, zone);  // "YYYY-MM-DD HH:MM"
  local[10] = 'T';
  return local;
}

std::string plan_form_field(const std::string& field) {
  if (field == "customer") return "plan";
  return field;
}

void add_customer_planning(json::object& data, const Request& req, const WebContext& ctx,
                           const app::CustomerView& view, const CustomerPlanForm* form) {
  data["can_plan"] = false;
  if (!req.user || !app::require(*req.user, app::Capability::work_plans)) return;
  const auto& c = view.customer;
  auto infos = ctx.planner.contact_infos_of(*req.user, c.id.value);
  auto periods = ctx.planner.non_activity_of(*req.user, c.id.value);
  auto plans = ctx.planner.plans(*req.user, true);
  if (!infos || !periods || !plans) return;
  data["can_plan"] = true;
  data["customer_id"] = c.id.value;
  const std::string own_zone = usable_zone(c.time_zone, user_zone(req));

  json::array rows;
  for (const auto& r : *infos) {
    const auto& i = r.info;
    std::string zone = usable_zone(i.time_zone, usable_zone(r.customer_zone, own_zone));
    rows.push_back(
        {{"id", i.id.value},
         {"plan_id", i.plan.value},
         {"plan_code", r.plan_code},
         {"plan_label", plan_title(req, r.plan_code, r.plan_name_en, r.plan_name_fr)},
         {"contact_name", r.contact_name},
         {"phone", i.phone_e164.empty() ? "" : domain::format_phone_national(i.phone_e164)},
         {"tel", i.phone_e164},
         {"window", window_text(i.earliest, i.latest, zone)},
         {"method", ctx.catalog.text(req.language, "customer_plans.method." +
                                                       std::string(domain::to_code(i.method)))},
         {"sequence", i.sequence},
         {"note", i.note},
         {"edit", info_form(req, ctx, view, r, form)}});
  }
  data["has_contact_infos"] = !rows.empty();
  data["contact_infos"] = std::move(rows);

  // The next scheduled contacts, at the customer's own time.
  json::array upcoming;
  if (auto next = ctx.planner.upcoming(*req.user, c.id.value))
    for (const auto& r : *next) {
      const std::string zone = usable_zone(r.zone, own_zone);
      upcoming.push_back(
          {{"id", r.entry.id.value},
           {"plan_label", plan_title(req, r.plan_code, r.plan_name_en, r.plan_name_fr)},
           {"date", i18n::format_civil_date(req.language,
                                            domain::local_date(r.entry.next_contact_at, zone))},
           {"time", clock_time(r.entry.next_contact_at, zone) + " " + zone},
           {"status", status_label(req, ctx, r.entry.status)},
           {"responsible", r.responsible_name}});
    }
  data["has_upcoming"] = !upcoming.empty();
  data["upcoming"] = std::move(upcoming);

  // Connecting to a plan: the active plans the customer is not on yet.
  const CustomerPlanForm* connect =
      form && form->kind == CustomerPlanForm::Kind::connect ? form : nullptr;
  const std::string chosen = value_of(connect, "plan");
  json::array plan_options;
  for (const auto& p : *plans) {
    bool taken = false;
    for (const auto& r : *infos) taken = taken || r.info.plan == p.id;
    if (taken) continue;
    std::string id = std::to_string(p.id.value);
    plan_options.push_back({{"id", id},
                            {"label", plan_title(req, p.code, p.name_en, p.name_fr)},
                            {"selected", chosen == id}});
  }
  auto pick = [&](const char* name, const char* fallback) {
    return connect ? value_of(connect, name) : std::string(fallback);
  };
  std::string main = c.phones.empty() ? "" : domain::format_phone_national(c.phones.front().e164);
  for (const auto& p : c.phones)
    if (p.primary) main = domain::format_phone_national(p.e164);
  json::object connect_form{
      {"prefix", "ci-new"},
      {"open", connect != nullptr},
      {"has_plan_options", !plan_options.empty()},
      {"plan_options", std::move(plan_options)},
      {"phone", pick("phone", "")},
      {"main_phone", main},
      {"earliest", pick("earliest", "09:00")},
      {"latest", pick("latest", "17:00")},
      {"time_zone", pick("time_zone", "")},
      {"customer_zone", own_zone},
      {"sequence", pick("sequence", "0")},
      {"note", pick("note", "")},
      {"methods", method_options(req, ctx, connect ? value_of(connect, "method") : "phone")},
      {"has_contact_options", !view.contacts.empty()},
      {"contact_options", contact_options(view, value_of(connect, "contact"))}};
  add_errors(connect_form, connect,
             {"plan", "phone", "earliest", "latest", "time_zone", "sequence", "note", "method",
              "contact"});
  data["connect"] = std::move(connect_form);

  json::array period_rows;
  for (const auto& p : *periods)
    period_rows.push_back({{"id", p.id.value},
                           {"from", i18n::format_civil_date(req.language, p.from)},
                           {"to", i18n::format_civil_date(req.language, p.to)},
                           {"from_iso", format_date(p.from)},
                           {"to_iso", format_date(p.to)},
                           {"reason", p.reason}});
  // Long sections fold, unless a form in them is being filled.
  const std::size_t plan_rows =
      data["contact_infos"].as_array().size() + data["upcoming"].as_array().size();
  add_fold(data, "plans", form ? 0 : plan_rows);
  data["plans_count"] = plan_rows;
  add_fold(data, "non_activity", form ? 0 : period_rows.size());
  data["non_activity_count"] = period_rows.size();
  data["has_non_activity"] = !period_rows.empty();
  data["non_activity"] = std::move(period_rows);
  const CustomerPlanForm* na =
      form && form->kind == CustomerPlanForm::Kind::non_activity ? form : nullptr;
  json::object na_form{{"open", na != nullptr},
                       {"from", value_of(na, "from")},
                       {"to", value_of(na, "to")},
                       {"reason", value_of(na, "reason")}};
  add_errors(na_form, na, {"from", "to", "reason"});
  data["non_activity_form"] = std::move(na_form);
}

std::string status_outcome_query(const app::StatusOutcome& saved) {
  return std::string("?set=1") + (saved.attempts_exhausted ? "&exhausted=1" : "") +
         (saved.outside_window ? "&outside=1" : "") + (saved.no_day_left ? "&no_day=1" : "") +
         (saved.repeated ? "&repeated=1" : "") + (saved.not_a_contact_day ? "&not_day=1" : "");
}

}  // namespace rapport::web::ui
