// The CSR's side of contact planning (contact-planning.md): the active list
// with its filters [OIS056/B], "my next call", and the contacting page
// [OIS055/E] where a status is set with one key (1–6).
#include <charconv>

#include <boost/json.hpp>

#include "domain/contactplan/schedule.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/routes.h"
#include "web/ui/sales/sales_order_page.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::ContactStatus;
using domain::Role;

constexpr int kPageSize = 50;
// Every status code, in code order, as domain/ lists them.
std::vector<int> status_codes(bool open_only) {
  std::vector<int> out;
  std::size_t count = 0;
  const ContactStatus* all = domain::all_contact_statuses(count);
  for (std::size_t i = 0; i < count; ++i)
    if (!open_only || domain::is_open(all[i])) out.push_back(domain::to_number(all[i]));
  return out;
}

bool sees_every_list(const domain::User& u) {
  return app::allowed(u, app::Capability::supervise_calls);
}

// ---------------------------------------------------------------------------
// The active list [OIS056/B]

// The filter as typed (the form comes back with it).
struct ListQuery {
  std::string plan, from, to, user, customer, after;
  // The list behind a supervisor's figure (app::ListFocus), as linked.
  std::string focus, called_by;
  std::vector<int> statuses;
  // days=business: from/to are business days (the installation's zone),
  // as the supervisor's figures link them; else the user's own days.
  bool business_days = false;
};

ListQuery read_query(const Request& req, CivilDate today) {
  ListQuery q;
  // A submitted form says so, so that emptied fields mean "any" rather
  // than the defaults of a first visit.
  const bool submitted = req.query_value("filtered") == "1";
  q.plan = req.query_value("plan");
  q.from = req.query_value("from");
  q.to = req.query_value("to");
  if (!submitted && q.from.empty()) q.from = format_date(today);
  if (!submitted && q.to.empty()) q.to = format_date(today);
  q.user = req.query_value("user");
  if (q.user.empty() && !submitted) q.user = sees_every_list(*req.user) ? "any" : "me";
  q.customer = req.query_value("customer");
  q.after = req.query_value("after");
  q.focus = req.query_value("focus");
  q.called_by = req.query_value("called_by");
  q.business_days = req.query_value("days") == "business";
  for (const auto& [name, value] : req.query) {
    if (name != "status") continue;
    int code = 0;
    auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), code);
    if (ec == std::errc() && p == value.data() + value.size() && domain::contact_status_from(code))
      q.statuses.push_back(code);
  }
  if (q.statuses.empty() && !submitted) q.statuses = status_codes(true);
  return q;
}

std::string query_string(const ListQuery& q) {
  std::string out = "filtered=1";
  auto add = [&out](const char* name, const std::string& value) {
    if (!value.empty()) out += "&" + std::string(name) + "=" + url_encode(value);
  };
  add("plan", q.plan);
  add("from", q.from);
  add("to", q.to);
  for (int s : q.statuses) add("status", std::to_string(s));
  add("user", q.user.empty() ? "any" : q.user);
  add("customer", q.customer);
  if (q.business_days) add("days", "business");
  add("focus", q.focus);
  add("called_by", q.called_by);
  return out;
}

// "2026-11-23T10:21:54Z_3_123": the last row's next contact time,
// sequence and id (the list's sort keys).
std::string format_cursor(const store::PlanEntryRow& row) {
  const store::PlanEntryListKey key = store::list_key(row);
  return format_instant(key.next_contact_at) + "_" + std::to_string(key.sequence) + "_" +
         std::to_string(key.id);
}

std::optional<store::PlanEntryListKey> parse_cursor(const std::string& text) {
  auto id_sep = text.rfind('_');
  if (id_sep == std::string::npos || id_sep == 0) return std::nullopt;
  auto seq_sep = text.rfind('_', id_sep - 1);
  if (seq_sep == std::string::npos) return std::nullopt;
  auto at = parse_instant(text.substr(0, seq_sep));
  auto id = positive_int(std::string_view(text).substr(id_sep + 1));
  std::string_view seq_text = std::string_view(text).substr(seq_sep + 1, id_sep - seq_sep - 1);
  int seq = -1;
  auto [p, ec] = std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), seq);
  if (!at || !id || ec != std::errc() || p != seq_text.data() + seq_text.size() || seq < 0)
    return std::nullopt;
  return store::PlanEntryListKey{*at, seq, static_cast<std::int64_t>(*id)};
}

// Builds the store's filter; errors name the form's fields.
store::PlanEntryFilter filter_of(const ListQuery& q, const domain::User& me, FieldErrors& errors) {
  store::PlanEntryFilter f;
  if (!q.plan.empty()) {
    if (auto id = positive_int(q.plan))
      f.plans = {*id};
    else
      errors.add(Error::invalid("calls.filter.number_invalid", "plan"));
  }
  if (!q.from.empty()) {
    if (auto d = parse_date(q.from))
      f.from = *d;
    else
      errors.add(Error::invalid("field.date_invalid", "from"));
  }
  if (!q.to.empty()) {
    if (auto d = parse_date(q.to))
      f.to = *d;
    else
      errors.add(Error::invalid("field.date_invalid", "to"));
  }
  if (f.from && f.to && *f.to < *f.from)
    errors.add(Error::invalid("calls.filter.range_backwards", "to"));
  f.statuses = q.statuses;
  if (q.user == "me")
    f.responsible_user = me.id.value;
  else if (auto id = positive_int(q.user))
    f.responsible_user = *id;
  if (!q.customer.empty()) {
    if (auto id = positive_int(q.customer))
      f.customer = *id;
    else
      errors.add(Error::invalid("calls.filter.number_invalid", "customer"));
  }
  if (!q.after.empty()) f.after = parse_cursor(q.after);
  f.limit = kPageSize + 1;
  return f;
}

json::object entry_row(const Request& req, const WebContext& ctx, const store::PlanEntryRow& r,
                       Instant now) {
  const auto& e = r.entry;
  const std::string mine = user_zone(req);
  const std::string zone = usable_zone(r.zone, mine);
  json::object row{
      {"id", e.id.value},
      {"customer_id", e.customer},
      {"customer_name", r.customer_name},
      {"plan_code", r.plan_code},
      {"plan_label", plan_title(req, r.plan_code, r.plan_name_en, r.plan_name_fr)},
      {"contact_date", i18n::format_civil_date(req.language, e.contact_date)},
      {"phone", e.phone_e164.empty() ? "" : domain::format_phone_national(e.phone_e164)},
      {"phone_e164", e.phone_e164},
      {"window", window_text(r.earliest, r.latest, zone)},
      {"window_times", domain::format_local_minutes(r.earliest) + "\u2013" +
                           domain::format_local_minutes(r.latest)},
      {"zone", zone},
      {"local_now", clock_time(now, zone)},
      {"attempt", e.attempt},
      {"is_open", domain::is_open(e.status)},
      {"next_local", when_in(req, e.next_contact_at, zone, now)},
      {"next_user", when_in(req, e.next_contact_at, mine, now)},
      {"ok", e.sales_order.has_value()},
      {"responsible", r.responsible_name}};
  add_status(row, req, ctx, e.status);
  // Offered by Next call to a CSR who still holds it (app/ keeps only a
  // current hold): until when, in the reader's time.
  row["held_by"] = r.hold ? ctx.catalog.text(req.language, "calls.held_by",
                                             {{"name", r.hold->user_name},
                                              {"time", clock_time(r.hold->until, mine)}})
                          : std::string();
  return row;
}

json::object list_data(Request& req, WebContext& ctx, int* http_code) {
  const Instant now = ctx.clock.now();
  const domain::User& me = *req.user;
  const CivilDate today = domain::local_date(now, user_zone(req));
  ListQuery q = read_query(req, today);
  FieldErrors errors;
  store::PlanEntryFilter filter = filter_of(q, me, errors);

  json::object data{{"filter_plan", q.plan},
                    {"filter_from", q.from},
                    {"filter_to", q.to},
                    {"filter_customer", q.customer},
                    {"business_days", q.business_days},
                    {"today", format_date(today)}};
  json::array statuses;
  for (int code : status_codes(false)) {
    auto s = *domain::contact_status_from(code);
    bool checked = std::find(q.statuses.begin(), q.statuses.end(), code) != q.statuses.end();
    statuses.push_back({{"code", std::to_string(code)},
                        {"label", status_label(req, ctx, s)},
                        {"checked", checked}});
  }
  data["statuses"] = std::move(statuses);
  json::array plans;
  if (auto all = ctx.planner.plans(me, false))
    for (const auto& p : *all)
      plans.push_back({{"id", std::to_string(p.id.value)},
                       {"label", plan_title(req, p.code, p.name_en, p.name_fr)},
                       {"inactive", !p.active},
                       {"selected", q.plan == std::to_string(p.id.value)}});
  data["plan_options"] = std::move(plans);
  json::array users{json::object{{"id", "me"},
                                 {"label", ctx.catalog.text(req.language, "calls.filter.user_me")},
                                 {"selected", q.user == "me"}},
                    json::object{{"id", "any"},
                                 {"label", ctx.catalog.text(req.language, "calls.filter.user_any")},
                                 {"selected", q.user == "any" || q.user.empty()}}};
  if (sees_every_list(me))
    if (auto page = ctx.users.list(me, 0, 200))
      for (const auto& u : page->users) {
        if (!u.active || u.id == me.id || !app::allowed(u, app::Capability::take_calls)) continue;
        std::string id = std::to_string(u.id.value);
        users.push_back({{"id", id}, {"label", u.display_name}, {"selected", q.user == id}});
      }
  data["user_options"] = std::move(users);

  app::ListFocus focus;
  if (auto f = app::list_focus_from(q.focus, q.called_by))
    focus = *f;
  else
    errors.add(f.error());
  if (focus.any()) {
    data["focus"] = true;
    data["filter_focus"] = q.focus;
    data["filter_called_by"] = q.called_by;
    std::string what;
    if (focus.kind != app::ListFocus::Kind::none)
      what = ctx.catalog.text(req.language, "calls.focus." + q.focus);
    if (focus.called_by) {
      std::string name = q.called_by;
      if (auto page = ctx.users.list(me, 0, 200))
        for (const auto& u : page->users)
          if (u.id.value == *focus.called_by) name = u.display_name;
      const std::string calls =
          ctx.catalog.text(req.language, "calls.focus.called_by", {{"name", name}});
      what = what.empty() ? calls : what + " · " + calls;
    }
    data["focus_text"] = what;
    ListQuery plain = q;
    plain.focus.clear();
    plain.called_by.clear();
    data["focus_clear_href"] = "/plan-entries?" + query_string(plain);
  }

  json::array rows;
  bool more = false;
  if (errors.empty()) {
    auto found = ctx.planner.entries(me, filter, q.business_days, focus);
    if (!found) {
      errors.add(found.error());
    } else {
      more = static_cast<int>(found->size()) > kPageSize;
      if (more) found->resize(kPageSize);
      for (const auto& r : *found) rows.push_back(entry_row(req, ctx, r, now));
      if (more) {
        data["next_href"] = "/plan-entries?" + query_string(q) +
                            "&after=" + url_encode(format_cursor(found->back()));
      }
      if (!q.after.empty()) data["first_href"] = "/plan-entries?" + query_string(q);
    }
  }
  if (!errors.empty()) {
    add_form_errors(data, req, ctx.catalog, errors);
    // In the results too: an htmx request only replaces those.
    std::string all;
    for (const auto& e : errors.errors)
      all += (all.empty() ? "" : " ") + localized_message(req, ctx.catalog, e);
    data["results_error"] = all;
    *http_code = http_status(errors.errors.front().code);
  }
  data["has_rows"] = !rows.empty();
  data["rows"] = std::move(rows);
  data["searched"] = errors.empty();
  return data;
}

Response list_page(Request& req, WebContext& ctx) {
  if (auto ok = app::require(*req.user, app::Capability::work_plans); !ok)
    return error_page(req, ctx, ok.error());
  int status = 200;
  auto data = list_data(req, ctx, &status);
  // htmx asks for the results alone; a history restore wants the whole page.
  if (req.is_htmx() && req.header("hx-target") == "plan-entry-results" &&
      req.header("hx-history-restore-request").empty())
    return html_response(200, ctx.views.render("partials/plan_entry_results", data, req.language));
  data.erase("results_error");  // the page has the summary and the errors at the fields
  return html_response(status, ctx.views.page(req, "plan_entries", data,
                                              ctx.catalog.text(req.language, "calls.title")));
}

// ---------------------------------------------------------------------------
// My next call

Response next_call(Request& req, WebContext& ctx) {
  auto next = ctx.planner.next_call(*req.user);
  if (!next) return error_page(req, ctx, next.error());
  if (*next) return redirect(req, "/plan-entries/" + std::to_string((*next)->entry.id.value));
  json::object data;
  return html_response(200, ctx.views.page(req, "plan_entry_next", data,
                                           ctx.catalog.text(req.language, "calls.next_call")));
}

// ---------------------------------------------------------------------------
// The contacting page [OIS055/E]

// What the last status change brought (after a redirect, from the query).
struct Outcome {
  bool set = false;
  bool exhausted = false;
  bool outside_window = false;
  bool no_day_left = false;
  bool repeated = false;  // the same key pressed twice: recorded once
  bool not_a_contact_day = false;
};

// The status form as posted, with its errors.
struct StatusForm {
  std::string note;
  std::string callback_at;
  std::string note_error;
  std::string callback_error;
  std::string alert_error;
};

Result<json::object> entry_data(Request& req, WebContext& ctx, Id<domain::PlanEntry> id,
                                const Outcome& outcome, const StatusForm* form) {
  auto view = ctx.planner.entry(*req.user, id);
  if (!view) return view.error();
  const Instant now = ctx.clock.now();
  const auto& r = view->row;
  const auto& e = r.entry;
  const auto& c = ctx.catalog;
  const Language lang = req.language;
  const std::string mine = user_zone(req);
  const std::string zone = usable_zone(r.zone, mine);
  const bool final = domain::is_final(e.status);
  const std::string earliest = domain::format_local_minutes(r.earliest);
  const std::string latest = domain::format_local_minutes(r.latest);

  json::object d{{"id", e.id.value},
                 {"version", e.version},
                 {"csrf_token", req.csrf_token},
                 {"customer_id", e.customer},
                 {"customer_name", r.customer_name},
                 {"plan_id", e.plan.value},
                 {"plan_label", plan_title(req, r.plan_code, r.plan_name_en, r.plan_name_fr)},
                 {"purpose", c.text(lang, view->plan.purpose == domain::PlanPurpose::order_intake
                                              ? "calls.purpose.order_intake"
                                              : "calls.purpose.other_contact")},
                 {"phone", e.phone_e164.empty() ? "" : domain::format_phone_national(e.phone_e164)},
                 {"phone_e164", e.phone_e164},
                 {"window", window_text(r.earliest, r.latest, zone)},
                 {"zone", zone},
                 {"local_now", clock_time(now, zone)},
                 {"local_today", i18n::format_civil_date(lang, domain::local_date(now, zone))},
                 {"contact_date", i18n::format_civil_date(lang, e.contact_date)},
                 {"planned_local", when_in(req, e.planned_at, zone, now)},
                 {"attempt", e.attempt},
                 {"is_final", final},
                 {"released", view->released},
                 {"can_reopen", final && app::allowed(*req.user, app::Capability::manage_plans)},
                 {"next_local", when_in(req, e.next_contact_at, zone, now)},
                 {"next_user", when_in(req, e.next_contact_at, mine, now)},
                 {"user_zone", mine},
                 {"ok", e.sales_order.has_value()},
                 {"responsible", r.responsible_name},
                 {"result_note", e.result_note}};
  add_status(d, req, ctx, e.status);
  if (e.sales_order) d["sales_order"] = *e.sales_order;
  if (view->plan.purpose == domain::PlanPurpose::order_intake) add_entry_order(d, req, ctx, id);
  if (view->info) {
    d["contact_name"] = view->info->contact_name;
    d["info_note"] = view->info->info.note;
    d["method"] = c.text(
        lang, "customer_plans.method." + std::string(domain::to_code(view->info->info.method)));
  }
  // Outside the window: a yellow warning, never a refusal.
  if (!final && view->now_position != domain::WindowPosition::inside)
    d["window_warning"] =
        c.text(lang,
               view->now_position == domain::WindowPosition::before ? "calls.warn_before_window"
                                                                    : "calls.warn_after_window",
               {{"time", clock_time(now, zone)}, {"earliest", earliest}, {"latest", latest}});

  json::array buttons;
  int key = 1;
  for (ContactStatus s : kSettableStatuses) {
    json::object b{{"key", key++}, {"label", status_label(req, ctx, s)}};
    add_status(b, req, ctx, s);
    b["primary"] = s == ContactStatus::completed;
    // A final status cannot be undone by the CSR: its key asks to be pressed
    // again (app.js), so one slip of a finger does not close the entry.
    if (domain::is_final(s))
      b["confirm"] =
          c.text(lang, "calls.confirm_final",
                 {{"key", std::to_string(key - 1)}, {"status", status_label(req, ctx, s)}});
    buttons.push_back(std::move(b));
  }
  d["status_buttons"] = std::move(buttons);
  d["note"] = form ? form->note : "";
  d["callback_at"] = form ? form->callback_at : "";
  d["callback_min"] = local_input_value(now, zone);
  d["note_error"] = form ? form->note_error : "";
  d["callback_error"] = form ? form->callback_error : "";
  if (form && !form->alert_error.empty()) d["alert_error"] = form->alert_error;
  if (form && (!form->note_error.empty() || !form->callback_error.empty())) {
    json::array list;
    if (!form->callback_error.empty())
      list.push_back({{"field", "callback_at"}, {"message", form->callback_error}});
    if (!form->note_error.empty())
      list.push_back({{"field", "note"}, {"message", form->note_error}});
    d["has_form_errors"] = true;
    d["error_list"] = std::move(list);
  }

  if (outcome.set) {
    d["outcome_saved"] =
        c.text(lang, outcome.repeated ? "calls.outcome.repeated" : "calls.outcome.saved",
               {{"status", status_label(req, ctx, e.status)}});
    if (!final)
      d["outcome_next"] = c.text(lang, "calls.outcome.next",
                                 {{"local", when_in(req, e.next_contact_at, zone, now)},
                                  {"zone", zone},
                                  {"mine", when_in(req, e.next_contact_at, mine, now)}});
    json::array warnings;
    if (outcome.exhausted)
      warnings.push_back(json::string(
          c.text(lang, "calls.outcome.exhausted", {{"status", status_label(req, ctx, e.status)}})));
    if (outcome.no_day_left)
      warnings.push_back(json::string(c.text(lang, "plan_entry.warning.no_day_left")));
    if (outcome.not_a_contact_day)
      warnings.push_back(
          json::string(c.text(lang, "calls.outcome.not_contact_day",
                              {{"day", i18n::format_civil_date_with_weekday(
                                           lang, domain::local_date(e.next_contact_at, zone))}})));
    if (outcome.outside_window)
      warnings.push_back(
          json::string(c.text(lang, "calls.outcome.outside_window",
                              {{"window", window_text(r.earliest, r.latest, zone)}})));
    d["has_outcome_warnings"] = !warnings.empty();
    d["outcome_warnings"] = std::move(warnings);
  }

  json::array events;
  for (const auto& ev : view->events) {
    json::object o{
        {"when", i18n::format_date_time(lang, ev.at, mine)},
        {"who", ev.user_name},
        {"attempt", ev.attempt},
        {"next_local", ev.next_contact_at ? when_in(req, *ev.next_contact_at, zone, now) : ""},
        {"note", ev.note}};
    add_status(o, req, ctx, ev.status);
    events.push_back(std::move(o));
  }
  d["has_events"] = !events.empty();
  d["events"] = std::move(events);

  json::array previous;
  for (const auto& p : view->previous) {
    // Earlier contacts only: the planner's list holds the plan's later entries too.
    if (!(p.entry.contact_date < e.contact_date)) continue;
    json::object o{{"id", p.entry.id.value},
                   {"contact_date", i18n::format_civil_date(lang, p.entry.contact_date)},
                   {"attempt", p.entry.attempt},
                   {"note", p.entry.result_note},
                   {"ok", p.entry.sales_order.has_value()},
                   {"changed", i18n::format_date_time(lang, p.entry.changed_at, mine)}};
    add_status(o, req, ctx, p.entry.status);
    previous.push_back(std::move(o));
  }
  d["has_previous"] = !previous.empty();
  d["previous"] = std::move(previous);
  add_interactions(d, req, ctx, view->history);

  if (auto customer = ctx.customers.view(*req.user, Id<domain::Customer>{e.customer}))
    d["customer_bar"] = customer_bar(req, ctx, customer->customer);
  return d;
}

Response render_entry(Request& req, WebContext& ctx, Id<domain::PlanEntry> id, int status,
                      const Outcome& outcome, const StatusForm* form) {
  auto data = entry_data(req, ctx, id, outcome, form);
  if (!data) return error_page(req, ctx, data.error());
  // htmx swaps the entry in place (#plan-entry); errors come with 200 so
  // that htmx shows them.
  if (req.is_htmx()) return html_response(200, ctx.views.render("plan_entry", *data, req.language));
  std::string title = data->at("customer_name").as_string().c_str();
  return html_response(status, ctx.views.page(req, "plan_entry", std::move(*data), title));
}

Response show_entry(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return error_page(req, ctx, 404);
  Outcome outcome{req.query_value("set") == "1",      req.query_value("exhausted") == "1",
                  req.query_value("outside") == "1",  req.query_value("no_day") == "1",
                  req.query_value("repeated") == "1", req.query_value("not_day") == "1"};
  if (req.query_value("reopened") == "1") {
    auto data = entry_data(req, ctx, *id, outcome, nullptr);
    if (!data) return error_page(req, ctx, data.error());
    (*data)["alert_success"] = ctx.catalog.text(req.language, "calls.reopened");
    std::string title = data->at("customer_name").as_string().c_str();
    return html_response(200, ctx.views.page(req, "plan_entry", std::move(*data), title));
  }
  return render_entry(req, ctx, *id, 200, outcome, nullptr);
}

// A manager reopens a final entry; the reason is required.
Response reopen(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return error_page(req, ctx, 404);
  const std::string& reason = req.form_value("reason");
  auto reopened = ctx.planner.reopen(*req.user, *id, form_int(req, "version", 0), reason);
  if (reopened) return redirect(req, "/plan-entries/" + std::to_string(id->value) + "?reopened=1");
  const Error& e = reopened.error();
  if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict)
    return error_page(req, ctx, e);
  auto data = entry_data(req, ctx, *id, {}, nullptr);
  if (!data) return error_page(req, ctx, data.error());
  const std::string message = localized_message(req, ctx.catalog, e);
  if (e.field == "reason")
    (*data)["reopen_error"] = message;
  else
    (*data)["alert_error"] = message;
  (*data)["reopen_reason"] = reason;
  std::string title = data->at("customer_name").as_string().c_str();
  return html_response(http_status(e.code),
                       ctx.views.page(req, "plan_entry", std::move(*data), title));
}

Response set_status(Request& req, WebContext& ctx) {
  auto id = id_param<domain::PlanEntry>(req);
  if (!id) return error_page(req, ctx, 404);
  StatusForm form{req.form_value("note"), req.form_value("callback_at"), {}, {}, {}};
  // Enter in a field (without script) sends the form with no status.
  if (req.form_value("status").empty()) {
    form.alert_error = ctx.catalog.text(req.language, "calls.choose_status");
    return render_entry(req, ctx, *id, 422, {}, &form);
  }
  app::StatusInput in;
  in.status = form_int(req, "status", 0);
  in.note = form.note;
  in.version = form_int(req, "version", 0);
  // The call-back time is typed in the customer's time: only 21 uses it.
  if (in.status == domain::to_number(ContactStatus::call_back) && !form.callback_at.empty()) {
    auto view = ctx.planner.entry(*req.user, *id);
    if (!view) return error_page(req, ctx, view.error());
    auto at = parse_local_input(form.callback_at, usable_zone(view->row.zone, user_zone(req)));
    if (!at) {
      form.callback_error = ctx.catalog.text(req.language, "calls.callback_invalid");
      return render_entry(req, ctx, *id, 422, {}, &form);
    }
    in.callback_at = *at;
  }
  auto saved = ctx.planner.set_status(*req.user, *id, in);
  if (!saved) {
    const Error& e = saved.error();
    if (e.code != ErrorCode::invalid_input && e.code != ErrorCode::conflict)
      return error_page(req, ctx, e);
    std::string message = localized_message(req, ctx.catalog, e);
    if (e.field == "callback_at")
      form.callback_error = message;
    else if (e.field == "note")
      form.note_error = message;
    else
      form.alert_error = message;
    return render_entry(req, ctx, *id, http_status(e.code), {}, &form);
  }
  Outcome outcome{true,
                  saved->attempts_exhausted,
                  saved->outside_window,
                  saved->no_day_left,
                  saved->repeated,
                  saved->not_a_contact_day};
  if (!req.is_htmx())
    return redirect(req,
                    "/plan-entries/" + std::to_string(id->value) + status_outcome_query(*saved));
  return render_entry(req, ctx, *id, 200, outcome, nullptr);
}

}  // namespace

void register_plan_entry_pages(Router& router, WebContext& ctx) {
  router.get("/plan-entries", Access::staff, [&ctx](Request& r) { return list_page(r, ctx); });
  router.get("/plan-entries/next", Access::staff, [&ctx](Request& r) { return next_call(r, ctx); });
  router.get("/plan-entries/{id}", Access::staff,
             [&ctx](Request& r) { return show_entry(r, ctx); });
  router.post("/plan-entries/{id}/reopen", Access::staff,
              [&ctx](Request& r) { return reopen(r, ctx); });
  router.post("/plan-entries/{id}/status", Access::staff,
              [&ctx](Request& r) { return set_status(r, ctx); });
  register_customer_plan_pages(router, ctx);
}

}  // namespace rapport::web::ui
