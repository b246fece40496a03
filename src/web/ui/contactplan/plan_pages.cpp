// The manager's contact-plan pages: the list of plans [OIS052], a plan's
// form, its page with exceptions [OIS053], its customers [OIS054] and
// manual entries [OIS056], and the batch generation form [OIS057].
#include <limits>

#include <boost/json.hpp>

#include "app/contactplan/plan_generation.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using date::days;
using date::sys_days;
using domain::ContactPlan;

constexpr const char* kWeekdayKeys[] = {"weekday.mon", "weekday.tue", "weekday.wed", "weekday.thu",
                                        "weekday.fri", "weekday.sat", "weekday.sun"};

bool is_manager(const Request& req) {
  return app::allowed(*req.user, app::Capability::manage_plans);
}

// Plans follow the installation's calendar (app/today.h).
CivilDate today_of(const WebContext& ctx) { return app::business_today(ctx.clock, ctx.db); }

// "Tue, Thu" in the reader's language.
std::string weekday_names(const Request& req, const WebContext& ctx, const domain::Weekdays& w) {
  std::string out;
  for (unsigned i = 0; i < 7; ++i)
    if (w.contains(date::weekday{(i + 1) % 7}))
      out += (out.empty() ? "" : ", ") + text(req, ctx, kWeekdayKeys[i]);
  return out;
}

std::string date_text(const Request& req, const std::optional<CivilDate>& d) {
  return d ? i18n::format_civil_date(req.language, *d) : "";
}

// A date for a date field; empty for none (a form sent without a valid one).
std::string field_date(std::optional<CivilDate> d) {
  return d && d->ok() ? format_date(*d) : std::string();
}

// A form comes back with the dates and numbers as typed, a malformed one
// included, so that the user mends what they typed rather than retype it.
void keep_typed(json::object& data, const Request& req, std::initializer_list<const char*> names) {
  for (const char* name : names) data[name] = req.form_value(name);
}

std::string status_label(const Request& req, const WebContext& ctx, domain::ContactStatus s) {
  return std::to_string(domain::to_number(s)) + " " + text(req, ctx, domain::label_key(s));
}

// The plan as the list and its page show it.
json::object plan_summary(const Request& req, const WebContext& ctx, const ContactPlan& p) {
  std::string frequency = p.every_weeks == 1 ? text(req, ctx, "plan.every_week")
                                             : text(req, ctx, "plan.every_n_weeks",
                                                    {{"n", std::to_string(p.every_weeks)}});
  return {{"id", p.id.value},
          {"code", p.code},
          {"name", domain::plan_name(p, req.language)},
          {"purpose", text(req, ctx, "plan.purpose." + std::string(domain::to_code(p.purpose)))},
          {"weekdays", weekday_names(req, ctx, p.weekdays)},
          {"frequency", frequency},
          {"valid_from", date_text(req, p.valid_from)},
          {"valid_to", date_text(req, p.valid_to)},
          {"departure", p.departure},
          {"lead_days", p.lead_days},
          {"default_status", status_label(req, ctx, p.default_status)},
          {"active", p.active}};
}

// --- the plan form ---------------------------------------------------------

std::string rule_value(const std::optional<domain::RecalculationRule>& r, bool delay) {
  if (!r) return "";
  return std::to_string(delay ? r->delay_minutes : r->max_attempts);
}

json::object form_data(const Request& req, const WebContext& ctx, const ContactPlan& p,
                       bool is_new) {
  json::array weekdays;
  for (unsigned i = 0; i < 7; ++i)
    weekdays.push_back({{"value", i + 1},
                        {"label", text(req, ctx, kWeekdayKeys[i])},
                        {"checked", p.weekdays.contains(date::weekday{(i + 1) % 7})}});
  json::array users;
  users.push_back({{"value", ""},
                   {"label", text(req, ctx, "plan.responsible_none")},
                   {"selected", !p.responsible_user}});
  if (auto page = ctx.users.list(*req.user, 0, 200))
    for (const auto& u : page->users)
      if (u.active && u.is_staff())
        users.push_back({{"value", u.id.value},
                         {"label", u.display_name},
                         {"selected", p.responsible_user && *p.responsible_user == u.id.value}});
  json::array statuses;
  for (auto s : {domain::ContactStatus::completed, domain::ContactStatus::completed_no_order,
                 domain::ContactStatus::cancelled})
    statuses.push_back({{"value", domain::to_number(s)},
                        {"label", status_label(req, ctx, s)},
                        {"selected", p.default_status == s}});
  auto settings = ctx.settings.current();
  auto hint = [&](const domain::RecalculationRule& r) {
    return text(
        req, ctx, "plan.rule_default",
        {{"delay", std::to_string(r.delay_minutes)}, {"max", std::to_string(r.max_attempts)}});
  };
  json::array rules;
  struct RuleRow {
    const char* name;
    domain::ContactStatus status;
    const std::optional<domain::RecalculationRule>& rule;
    domain::RecalculationRule fallback;
  };
  domain::InstallationSettings s = settings ? *settings : domain::InstallationSettings{};
  for (const RuleRow& r :
       {RuleRow{"unavailable", domain::ContactStatus::unavailable, p.unavailable, s.unavailable},
        RuleRow{"busy", domain::ContactStatus::busy, p.busy, s.busy},
        RuleRow{"call_back", domain::ContactStatus::call_back, p.call_back, s.call_back}})
    rules.push_back({{"name", r.name},
                     {"label", status_label(req, ctx, r.status)},
                     {"delay", rule_value(r.rule, true)},
                     {"max", rule_value(r.rule, false)},
                     {"hint", hint(r.fallback)}});
  return {
      {"is_new", is_new},
      {"id", p.id.value},
      {"version", p.version},
      {"code", p.code},
      {"code_hint",
       text(req, ctx, "code.hint", {{"max", std::to_string(domain::kMaxPlanCodeLength)}})},
      {"name_en", p.name_en},
      {"name_fr", p.name_fr},
      {"purpose_order", p.purpose == domain::PlanPurpose::order_intake},
      {"weekday_options", std::move(weekdays)},
      {"every_weeks", p.every_weeks},
      {"frequency_start", field_date(p.frequency_start)},
      {"valid_from", field_date(p.valid_from)},
      {"valid_to", field_date(p.valid_to)},
      {"departure", p.departure},
      {"lead_days", p.lead_days},
      {"user_options", std::move(users)},
      {"status_options", std::move(statuses)},
      {"active", p.active},
      {"rules", std::move(rules)},
      {"action", is_new ? std::string("/plans") : "/plans/" + std::to_string(p.id.value) + "/edit"},
      {"heading",
       is_new ? text(req, ctx, "plan.new") : p.code + " — " + domain::plan_name(p, req.language)}};
}

std::optional<CivilDate> form_date(const Request& req, std::string_view name, FieldErrors& errors) {
  const auto& v = req.form_value(name);
  if (v.empty()) return std::nullopt;
  auto d = parse_date(v);
  if (!d) errors.add(Error::invalid("field.date_invalid", std::string(name)));
  return d;
}

std::optional<domain::RecalculationRule> form_rule(const Request& req, const std::string& name,
                                                   FieldErrors& errors) {
  const auto& delay = req.form_value(name + "_delay");
  const auto& max = req.form_value(name + "_attempts");
  if (delay.empty() && max.empty()) return std::nullopt;
  auto d = positive_int(delay), m = positive_int(max);
  if (!d) errors.add(Error::invalid("field.number_invalid", name + "_delay"));
  if (!m) errors.add(Error::invalid("field.number_invalid", name + "_attempts"));
  if (!d || !m) return std::nullopt;
  return domain::RecalculationRule{static_cast<int>(std::min(*d, 1'000'000LL)),
                                   static_cast<int>(std::min(*m, 1'000LL))};
}

// A whole number as typed: `fallback` when left empty, "field.number_invalid"
// when it is not one (never silently 0).
int form_number(const Request& req, const char* name, int fallback, FieldErrors& errors) {
  if (req.form_value(name).empty()) return fallback;
  int value = form_int(req, name, std::numeric_limits<int>::min());
  if (value == std::numeric_limits<int>::min()) {
    errors.add(Error::invalid("field.number_invalid", name));
    return fallback;
  }
  return value;
}

ContactPlan plan_from_form(const Request& req, FieldErrors& errors) {
  ContactPlan p;
  p.code = req.form_value("code");
  p.name_en = req.form_value("name_en");
  p.name_fr = req.form_value("name_fr");
  p.purpose = domain::plan_purpose_from(req.form_value("purpose"))
                  .value_or(domain::PlanPurpose::other_contact);
  for (const auto& [k, v] : req.form())
    if (k == "weekdays")
      if (auto n = positive_int(v); n && *n <= 7)
        p.weekdays.add(date::weekday{static_cast<unsigned>(*n % 7)});
  p.every_weeks = form_number(req, "every_weeks", 0, errors);
  p.frequency_start = form_date(req, "frequency_start", errors);
  auto from = form_date(req, "valid_from", errors);
  if (!from && req.form_value("valid_from").empty())
    errors.add(Error::invalid("field.required", "valid_from"));
  p.valid_from = from.value_or(CivilDate{});
  p.valid_to = form_date(req, "valid_to", errors);
  p.departure = req.form_value("departure");
  p.lead_days = form_number(req, "lead_days", 0, errors);
  if (auto u = positive_int(req.form_value("responsible_user"))) p.responsible_user = *u;
  if (auto s = domain::contact_status_from(form_int(req, "default_status", 90)))
    p.default_status = *s;
  p.active = req.form_value("active") == "1";
  p.unavailable = form_rule(req, "unavailable", errors);
  p.busy = form_rule(req, "busy", errors);
  p.call_back = form_rule(req, "call_back", errors);
  p.version = form_int(req, "version", 0);
  return p;
}

Response render_form(const Request& req, const WebContext& ctx, int status, json::object data,
                     std::optional<Id<ContactPlan>> id) {
  if (id)
    if (auto history = ctx.planner.plan_history(*req.user, *id))
      add_history(data, req, ctx.catalog, *history);
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "plan_form", data, title));
}

Response new_plan(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_plans); !ok)
    return error_page(req, ctx, ok.error());
  ContactPlan blank;
  blank.valid_from = today_of(ctx);
  blank.weekdays.add(date::Tuesday);
  blank.weekdays.add(date::Thursday);
  return render_form(req, ctx, 200, form_data(req, ctx, blank, true), std::nullopt);
}

Response save_plan(Request& req, WebContext& ctx, bool is_new) {
  std::optional<Id<ContactPlan>> id;
  if (!is_new) {
    id = id_param<ContactPlan>(req);
    if (!id) return error_page(req, ctx, 404);
  }
  FieldErrors errors;
  ContactPlan plan = plan_from_form(req, errors);
  if (id) plan.id = *id;
  if (errors.empty()) {
    FieldErrors found;  // every fault the desk finds
    auto saved = is_new ? ctx.planner.create_plan(*req.user, plan, &found)
                        : ctx.planner.update_plan(*req.user, plan, &found);
    if (saved) return redirect(req, "/plans/" + std::to_string(saved->id.value) + "?saved=1");
    if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
      return error_page(req, ctx, saved.error());
    if (found.empty()) found.add(saved.error());
    errors = std::move(found);
  }
  auto data = form_data(req, ctx, plan, is_new);
  keep_typed(data, req, {"frequency_start", "valid_from", "valid_to", "every_weeks", "lead_days"});
  add_form_errors(data, req, ctx.catalog, errors);
  return render_form(req, ctx, 422, data, id);
}

Response edit_plan(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  if (auto ok = app::require(*req.user, app::Capability::manage_plans); !ok)
    return error_page(req, ctx, ok.error());
  auto view = ctx.planner.plan(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  return render_form(req, ctx, 200, form_data(req, ctx, view->plan, false), id);
}

// --- the list and a plan's page ------------------------------------------

Response list_plans(Request& req, WebContext& ctx) {
  auto plans = ctx.planner.plans(*req.user, false);
  if (!plans) return error_page(req, ctx, plans.error());
  json::array rows;
  for (const auto& p : *plans) rows.push_back(plan_summary(req, ctx, p));
  json::object data{
      {"plans", std::move(rows)}, {"has_plans", !plans->empty()}, {"can_manage", is_manager(req)}};
  return html_response(200, ctx.views.page(req, "plans", data, text(req, ctx, "plans.title")));
}

std::string window_text(const domain::ContactInfo& i) {
  return domain::format_local_minutes(i.earliest) + "–" + domain::format_local_minutes(i.latest);
}

json::object plan_page_data(const Request& req, const WebContext& ctx, const app::PlanView& view) {
  const auto& p = view.plan;
  json::object data = plan_summary(req, ctx, p);
  data["responsible"] = view.responsible_name;
  data["plan_id"] = p.id.value;
  data["can_manage"] = is_manager(req);
  data["csrf_token"] = req.csrf_token;
  json::array exceptions;
  for (const auto& e : view.exceptions) {
    std::string when = i18n::format_civil_date(req.language, e.from);
    if (e.to != e.from) when += " – " + i18n::format_civil_date(req.language, e.to);
    std::string what =
        e.kind == domain::ExceptionKind::no_contact
            ? text(req, ctx, "exception.no_contact")
            : text(req, ctx, "exception.moved_to", {{"date", date_text(req, e.moved_to)}});
    exceptions.push_back(
        {{"id", e.id.value}, {"when", when}, {"what", what}, {"reason", e.reason}});
  }
  data["has_exceptions"] = !exceptions.empty();
  data["exceptions"] = std::move(exceptions);
  json::array customers;
  for (const auto& c : view.customers) {
    const auto& i = c.info;
    customers.push_back(
        {{"customer_id", i.customer},
         {"customer_name", c.customer_name},
         {"contact_name", c.contact_name},
         {"phone", i.phone_e164.empty() ? text(req, ctx, "contact_info.no_phone")
                                        : domain::format_phone_national(i.phone_e164)},
         {"no_phone", i.phone_e164.empty() && i.method == domain::ContactMethod::phone},
         {"window", window_text(i)},
         {"zone", i.time_zone.empty() ? c.customer_zone : i.time_zone},
         {"method", text(req, ctx, "contact_method." + std::string(domain::to_code(i.method)))},
         {"sequence", i.sequence},
         {"note", i.note}});
  }
  data["has_customers"] = !customers.empty();
  data["customer_count"] = static_cast<std::int64_t>(view.customers.size());
  data["customers"] = std::move(customers);
  data["entry_date"] = format_date(today_of(ctx));
  return data;
}

Response render_plan(const Request& req, const WebContext& ctx, int status, Id<ContactPlan> id,
                     json::object extra) {
  auto view = ctx.planner.plan(*req.user, id);
  if (!view) return error_page(req, ctx, view.error());
  auto data = plan_page_data(req, ctx, *view);
  for (auto& [k, v] : extra) data[k] = v;
  if (req.query_value("saved") == "1") data["alert_success"] = text(req, ctx, "form.saved");
  std::string title = view->plan.code + " — " + domain::plan_name(view->plan, req.language);
  return html_response(status, ctx.views.page(req, "plan", data, title));
}

Response show_plan(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  return render_plan(req, ctx, 200, *id, {});
}

// The form sections of the plan page come back filled with their errors.
Response plan_form_error(const Request& req, const WebContext& ctx, Id<ContactPlan> id,
                         const std::string& prefix, json::object values, const Error& error) {
  if (error.code == ErrorCode::forbidden || error.code == ErrorCode::not_found)
    return error_page(req, ctx, error);
  json::object extra;
  for (auto& [k, v] : values) extra[prefix + std::string(k)] = v;
  Error shown = error;
  if (!shown.field.empty()) shown.field = prefix + shown.field;
  add_form_error(extra, req, ctx.catalog, shown);
  extra[prefix + "open"] = true;
  return render_plan(req, ctx, 422, id, std::move(extra));
}

Response add_exception(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  json::object values{{"from", req.form_value("from")},
                      {"to", req.form_value("to")},
                      {"moved_to", req.form_value("moved_to")},
                      {"reason", req.form_value("reason")},
                      {"kind_moved", req.form_value("kind") == "moved"}};
  domain::PlanException e;
  e.plan = *id;
  auto from = parse_date(req.form_value("from"));
  if (!from)
    return plan_form_error(req, ctx, *id, "exception_", values,
                           Error::invalid("field.date_invalid", "from"));
  e.from = *from;
  e.to = *from;
  if (!req.form_value("to").empty()) {
    auto to = parse_date(req.form_value("to"));
    if (!to)
      return plan_form_error(req, ctx, *id, "exception_", values,
                             Error::invalid("field.date_invalid", "to"));
    e.to = *to;
  }
  e.kind = domain::exception_kind_from(req.form_value("kind"))
               .value_or(domain::ExceptionKind::no_contact);
  if (e.kind == domain::ExceptionKind::moved) {
    auto moved = parse_date(req.form_value("moved_to"));
    if (!moved)
      return plan_form_error(req, ctx, *id, "exception_", values,
                             Error::invalid("field.date_invalid", "moved_to"));
    e.moved_to = moved;
  }
  e.reason = req.form_value("reason");
  auto added = ctx.planner.add_exception(*req.user, e);
  if (!added) return plan_form_error(req, ctx, *id, "exception_", values, added.error());
  return redirect(req, "/plans/" + std::to_string(id->value) + "?saved=1#exceptions");
}

Response remove_exception(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  auto exception = id_param<domain::PlanException>(req, "exception_id");
  if (!id || !exception) return error_page(req, ctx, 404);
  if (auto ok = ctx.planner.remove_exception(*req.user, *id, *exception); !ok)
    return error_page(req, ctx, ok.error());
  return redirect(req, "/plans/" + std::to_string(id->value) + "?saved=1#exceptions");
}

Response connect_customer(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  json::object values{{"customer", req.form_value("customer")},
                      {"phone", req.form_value("phone")},
                      {"earliest", req.form_value("earliest")},
                      {"latest", req.form_value("latest")},
                      {"note", req.form_value("note")}};
  auto customer = positive_int(req.form_value("customer"));
  if (!customer)
    return plan_form_error(req, ctx, *id, "connect_", values,
                           Error::invalid("contact_info.customer_unknown", "customer"));
  app::ContactInfoInput in;
  in.plan = id->value;
  in.customer = *customer;
  in.phone = req.form_value("phone");
  in.earliest = req.form_value("earliest");
  in.latest = req.form_value("latest");
  in.method = req.form_value("method").empty() ? "phone" : req.form_value("method");
  in.sequence = std::max(0, form_int(req, "sequence", 0));
  in.note = req.form_value("note");
  auto connected = ctx.planner.connect(*req.user, in);
  if (!connected) return plan_form_error(req, ctx, *id, "connect_", values, connected.error());
  return redirect(req, "/plans/" + std::to_string(id->value) + "?saved=1#customers");
}

Response add_manual_entry(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  json::object values{{"customer", req.form_value("customer")},
                      {"date", req.form_value("date")},
                      {"time", req.form_value("time")}};
  auto customer = positive_int(req.form_value("customer"));
  if (!customer)
    return plan_form_error(req, ctx, *id, "entry_", values,
                           Error::invalid("plan_entry.not_on_plan", "customer"));
  auto day = parse_date(req.form_value("date"));
  if (!day)
    return plan_form_error(req, ctx, *id, "entry_", values,
                           Error::invalid("field.date_invalid", "date"));
  app::ManualEntryInput in{id->value, *customer, *day, req.form_value("time"),
                           req.form_value("override") == "1"};
  auto added = ctx.planner.add_entry(*req.user, in);
  if (!added) return plan_form_error(req, ctx, *id, "entry_", values, added.error());
  return redirect(req, "/plan-entries/" + std::to_string(added->entry.id.value));
}

Response plan_calendar(Request& req, WebContext& ctx) {
  auto id = id_param<ContactPlan>(req);
  if (!id) return error_page(req, ctx, 404);
  auto ics = ctx.planner.calendar(*req.user, id->value, std::nullopt,
                                  [&](std::string_view key, const MessageArgs& args) {
                                    return ctx.catalog.text(req.language, key, args);
                                  });
  if (!ics) return error_page(req, ctx, ics.error());
  Response r = text_response(200, std::move(*ics), "text/calendar; charset=utf-8");
  r.set_header("Content-Disposition",
               "attachment; filename=\"plan-" + std::to_string(id->value) + ".ics\"");
  return r;
}

// --- batch generation ----------------------------------------------------

json::object generate_data(const Request& req, const WebContext& ctx,
                           const app::GenerationParams& p, const std::string& customers,
                           const std::string& categories) {
  json::array plans;
  if (auto all = ctx.planner.plans(*req.user, true))
    for (const auto& plan : *all)
      plans.push_back(
          {{"id", plan.id.value},
           {"label", plan.code + " — " + domain::plan_name(plan, req.language)},
           {"checked", std::find(p.plans.begin(), p.plans.end(), plan.id.value) != p.plans.end()}});
  return {{"plan_options", std::move(plans)}, {"from", field_date(p.from)},
          {"to", field_date(p.to)},           {"customers", customers},
          {"categories", categories},         {"delete_previous", p.delete_previous},
          {"simulate", p.simulate},           {"max_days", domain::kMaxGenerationDays}};
}

Response show_generate(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_plans); !ok)
    return error_page(req, ctx, ok.error());
  app::GenerationParams p = app::generation_defaults(ctx.db, ctx.clock);
  if (auto plan = positive_int(req.query_value("plan"))) p.plans.push_back(*plan);
  return html_response(200, ctx.views.page(req, "plan_generate", generate_data(req, ctx, p, "", ""),
                                           text(req, ctx, "generation.title")));
}

// "12, 40 57" → ids; false on anything else.
bool parse_ids(const std::string& text, std::vector<std::int64_t>& out) {
  std::string token;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char ch = i < text.size() ? text[i] : ' ';
    if (ch == ',' || ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      if (token.empty()) continue;
      auto v = positive_int(token);
      if (!v) return false;
      out.push_back(*v);
      token.clear();
    } else {
      token += ch;
    }
  }
  return true;
}

std::vector<std::string> parse_codes(const std::string& text) {
  std::vector<std::string> out;
  std::string token;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    char ch = i < text.size() ? text[i] : ',';
    if (ch == ',' || ch == ' ' || ch == '\n') {
      if (!token.empty()) out.push_back(token);
      token.clear();
    } else if (ch != '\r') {
      token += ch;
    }
  }
  return out;
}

Response start_generate(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::manage_plans); !ok)
    return error_page(req, ctx, ok.error());
  app::GenerationParams p;  // as typed, to show again on an error
  for (const auto& [k, v] : req.form())
    if (k == "plans")
      if (auto id = positive_int(v)) p.plans.push_back(*id);
  const auto& customers = req.form_value("customers");
  const auto& categories = req.form_value("categories");
  p.delete_previous = req.form_value("delete_previous") == "1";
  p.simulate = req.form_value("simulate") == "1";
  auto fail = [&](const Error& e) {
    auto data = generate_data(req, ctx, p, customers, categories);
    keep_typed(data, req, {"from", "to"});
    add_form_error(data, req, ctx.catalog, e);
    return html_response(
        422, ctx.views.page(req, "plan_generate", data, text(req, ctx, "generation.title")));
  };
  // Dates left empty take app's defaults, as in the API.
  app::GenerationRequest request;
  request.plans = p.plans;
  request.delete_previous = p.delete_previous;
  request.simulate = p.simulate;
  if (!req.form_value("from").empty()) {
    request.from = parse_date(req.form_value("from"));
    if (!request.from) return fail(Error::invalid("field.date_invalid", "from"));
  }
  if (!req.form_value("to").empty()) {
    request.to = parse_date(req.form_value("to"));
    if (!request.to) return fail(Error::invalid("field.date_invalid", "to"));
  }
  if (!parse_ids(customers, request.customers))
    return fail(Error::invalid("generation.customers_invalid", "customers"));
  request.categories = parse_codes(categories);
  auto started = app::start_generation(ctx.jobs, ctx.db, ctx.clock, *req.user, request);
  if (!started) {
    if (started.error().code != ErrorCode::invalid_input)
      return error_page(req, ctx, started.error());
    return fail(started.error());
  }
  return redirect(req, "/jobs/" + std::to_string(started->job.value));
}

}  // namespace

void register_plan_pages(Router& router, WebContext& ctx) {
  router.get("/plans", Access::staff, [&ctx](Request& r) { return list_plans(r, ctx); });
  router.get("/plans/new", Access::staff, [&ctx](Request& r) { return new_plan(r, ctx); });
  router.post("/plans", Access::staff, [&ctx](Request& r) { return save_plan(r, ctx, true); });
  router.get("/plans/generate", Access::staff,
             [&ctx](Request& r) { return show_generate(r, ctx); });
  router.post("/plans/generate", Access::staff,
              [&ctx](Request& r) { return start_generate(r, ctx); });
  register_contact_info_import_pages(router, ctx);
  router.get("/plans/{id}", Access::staff, [&ctx](Request& r) { return show_plan(r, ctx); });
  router.get("/plans/{id}/edit", Access::staff, [&ctx](Request& r) { return edit_plan(r, ctx); });
  router.post("/plans/{id}/edit", Access::staff,
              [&ctx](Request& r) { return save_plan(r, ctx, false); });
  router.post("/plans/{id}/exceptions", Access::staff,
              [&ctx](Request& r) { return add_exception(r, ctx); });
  router.post("/plans/{id}/exceptions/{exception_id}/remove", Access::staff,
              [&ctx](Request& r) { return remove_exception(r, ctx); });
  router.post("/plans/{id}/customers", Access::staff,
              [&ctx](Request& r) { return connect_customer(r, ctx); });
  router.post("/plans/{id}/entries", Access::staff,
              [&ctx](Request& r) { return add_manual_entry(r, ctx); });
  router.get("/plans/{id}/calendar.ics", Access::staff,
             [&ctx](Request& r) { return plan_calendar(r, ctx); });
}

}  // namespace rapport::web::ui
