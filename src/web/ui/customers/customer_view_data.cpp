#include "web/ui/customers/customer_view_data.h"

#include <boost/json.hpp>

#include "app/one_snapshot.h"
#include "app/today.h"
#include "domain/contactplan/contact_status.h"
#include "domain/customers/codes.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "web/request.h"
#include "web/ui/contactplan/plan_entry_view_data.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/quotes/quote_view_data.h"
#include "web/ui/sales/sales_view_data.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

std::string local_time_of(const domain::Customer& c, Instant now) {
  if (!is_valid_time_zone(c.time_zone)) return "";
  return format_local(now, c.time_zone).substr(11);  // "HH:MM"
}

std::string outcome_label(const Request& req, const WebContext& ctx, const std::string& outcome) {
  for (const char* code : {"answered", "callback", "sale"}) {
    const std::string key = std::string("interaction.outcome.") + code;
    if (outcome == code || outcome == ctx.catalog.text(Language::en, key) ||
        outcome == ctx.catalog.text(Language::fr, key))
      return ctx.catalog.text(req.language, key);
  }
  return outcome;
}

}  // namespace

std::string code_label(const Request& req, const WebContext& ctx, const std::string& prefix,
                       std::string_view code) {
  std::string key = prefix + "." + std::string(code);
  return ctx.catalog.has(req.language, key) ? ctx.catalog.text(req.language, key)
                                            : std::string(code);
}

std::string one_line(const domain::PostalAddress& a) {
  std::string out = a.line1;
  if (!a.line2.empty()) out += ", " + a.line2;
  out += ", " + a.postal_code + " " + a.city;
  if (!a.region.empty()) out += " " + a.region;
  if (!a.country.empty()) out += ", " + a.country;
  return out;
}

std::string main_phone(const domain::Customer& c) {
  return c.phones.empty() ? "" : domain::format_phone_national(c.phones.front().e164);
}

json::object duplicate_row(const Request& req, const WebContext& ctx,
                           const app::DuplicateCandidate& d) {
  std::string reasons;
  for (const auto& r : d.reasons)
    reasons += (reasons.empty() ? "" : ", ") + code_label(req, ctx, "duplicate_reason", r);
  return {{"id", d.customer.id.value},
          {"name", d.customer.display_name()},
          {"address", one_line(d.customer.address)},
          {"phone", main_phone(d.customer)},
          {"reasons", reasons}};
}

json::object premise_option(const Request& req, const WebContext& ctx,
                            const store::PremiseWithPoints& p, bool checked) {
  json::array points;
  for (const auto& sp : p.points)
    points.push_back({{"id", sp.id.value},
                      {"number", sp.number},
                      {"type", code_label(req, ctx, "service_point_type", sp.type)}});
  return {{"id", p.premise.id.value},
          {"number", p.premise.number},
          {"address", one_line(p.premise.address)},
          {"points", std::move(points)},
          {"checked", checked}};
}

json::object result_row(const Request& req, const WebContext& ctx, const app::SearchResult& r) {
  std::string accounts;
  for (const auto& n : r.account_numbers) accounts += (accounts.empty() ? "" : ", ") + n;
  return {{"id", r.customer.id.value},
          {"name", r.customer.display_name()},
          {"address", one_line(r.customer.address)},
          {"phone", main_phone(r.customer)},
          {"accounts", accounts},
          {"matched", code_label(req, ctx, "search.matched_by", r.matched)},
          {"inactive", r.customer.status == domain::CustomerStatus::inactive}};
}

json::object customer_bar(const Request& req, const WebContext& ctx, const domain::Customer& c) {
  return {
      {"id", c.id.value},         {"name", c.display_name()},
      {"phone", main_phone(c)},   {"local_time", local_time_of(c, ctx.clock.now())},
      {"time_zone", c.time_zone}, {"language", code_label(req, ctx, "language", code(c.language))}};
}

namespace {

// One interaction as the history shows it.
json::object interaction_row(const Request& req, const WebContext& ctx,
                             const domain::Interaction& i, const std::string& zone) {
  json::object row{
      {"when", i18n::format_date_time(req.language, i.at, zone)},
      {"who", i.user_name},
      {"channel", code_label(req, ctx, "interaction.channel", domain::to_code(i.channel))},
      {"summary", i.summary},
      {"outcome", i.outcome}};
  // A status set on a contact plan entry keeps its code ("20"): show its label.
  if (i.related_type == "contact_plan_entry") {
    if (auto code = positive_int(i.outcome))
      if (auto status = domain::contact_status_from(static_cast<int>(*code)))
        row["outcome"] = status_label(req, ctx, *status);
    if (i.related_id > 0) {
      row["related_href"] = "/plan-entries/" + std::to_string(i.related_id);
      row["related_label"] = ctx.catalog.text(req.language, "customer_plans.open_entry");
    }
  }
  // A call's outcome chosen on the page is a code ("callback"), shown in the
  // reader's language; one stored as text in either language before codes
  // (or sent so by the API) is recognised and shown in the reader's too.
  if (i.related_type.empty() && !i.outcome.empty())
    row["outcome"] = outcome_label(req, ctx, i.outcome);
  // A step of a service order keeps its code ("package_chosen"): show its label.
  if (i.related_type == "service_order") {
    row["outcome"] = code_label(req, ctx, "interaction.order_step", i.outcome);
    if (i.related_id > 0) {
      row["related_href"] = "/service-orders/" + std::to_string(i.related_id);
      row["related_label"] = ctx.catalog.text(req.language, "interaction.open_order");
    }
  }
  // A quote's sending keeps its status code, and a failure's message key
  // after it ("failed: mail.unreachable"): shown in the reader's language.
  if (i.related_type == "quote") {
    const auto colon = i.outcome.find(": ");
    std::string outcome = code_label(req, ctx, "sending.status", i.outcome.substr(0, colon));
    if (colon != std::string::npos) {
      const std::string key = i.outcome.substr(colon + 2);
      const auto settings = ctx.settings.current();
      const std::string server =
          settings ? settings->smtp_host + ":" + std::to_string(settings->smtp_port) : "";
      const auto arrow = i.summary.find("→ ");
      const std::string address = arrow == std::string::npos ? "" : i.summary.substr(arrow + 4);
      if (ctx.catalog.has(req.language, key))
        outcome +=
            " — " + ctx.catalog.text(req.language, key, {{"server", server}, {"address", address}});
    }
    row["outcome"] = outcome;
    if (i.related_id > 0) {
      row["related_href"] = "/quotes/" + std::to_string(i.related_id);
      row["related_label"] = ctx.catalog.text(req.language, "interaction.open_quote");
    }
  }
  // A request on an asset made on the portal ("disconnect_requested") is
  // shown in the reader's language, with its order.
  if (i.related_type == "sales_order") {
    const std::string key = "interaction.sales_order." + i.outcome;
    if (ctx.catalog.has(req.language, key)) row["outcome"] = ctx.catalog.text(req.language, key);
    if (i.related_id > 0) {
      row["related_href"] = "/sales-orders/" + std::to_string(i.related_id);
      row["related_label"] = ctx.catalog.text(req.language, "interaction.open_sales_order");
    }
  }
  // What the customer did in the portal keeps its step's code ("accepted").
  if (i.channel == domain::InteractionChannel::web &&
      ctx.catalog.has(req.language, "interaction.web_step." + i.outcome))
    row["outcome"] = code_label(req, ctx, "interaction.web_step", i.outcome);
  if (i.direction != domain::InteractionDirection::none)
    row["direction"] = code_label(req, ctx, "interaction.direction", domain::to_code(i.direction));
  return row;
}

}  // namespace

void add_interactions(json::object& data, const Request& req, const WebContext& ctx,
                      const std::vector<domain::HistoryLine>& history) {
  const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
  // The newest lines stay in view (a call just recorded shows at once);
  // the earlier ones fold.
  json::array recent, earlier;
  for (const auto& l : history) {
    json::object row = interaction_row(req, ctx, l.line, zone);
    // A service order is one line; its steps (oldest first) are inside it.
    if (l.steps.size() > 1) {
      json::array steps;
      for (const auto& step : l.steps) steps.push_back(interaction_row(req, ctx, step, zone));
      row["has_steps"] = true;
      row["steps"] = std::move(steps);
    }
    (recent.size() < kFoldAfterRows ? recent : earlier).push_back(std::move(row));
  }
  data["has_interactions"] = !recent.empty();
  data["interactions"] = std::move(recent);
  if (!earlier.empty()) {
    data["has_earlier_interactions"] = true;
    data["earlier_interactions_label"] = ctx.catalog.text(
        req.language, "customer.earlier_interactions", {{"count", std::to_string(earlier.size())}});
    data["earlier_interactions"] = std::move(earlier);
  }
  data["call_count_text"] =
      ctx.catalog.text(req.language, "customer.call_count",
                       {{"count", std::to_string(domain::call_count(history))}});
}

void add_fold(json::object& data, const std::string& section, std::size_t rows) {
  data[section + "_count"] = rows;
  data[section + "_open"] = rows <= kFoldAfterRows;
}

json::object view_data(const Request& req, const WebContext& ctx, const app::CustomerView& v) {
  const auto& c = v.customer;
  json::array phones, emails, accounts, premises, agreements, contacts;
  for (const auto& k : v.contacts)
    contacts.push_back(
        {{"name", k.given_name.empty() ? k.family_name : k.given_name + " " + k.family_name},
         {"role", k.role},
         {"phone", k.phone_e164.empty() ? "" : domain::format_phone_national(k.phone_e164)},
         {"tel", k.phone_e164},
         {"email", k.email},
         {"id", k.id.value},
         {"given_name", k.given_name},
         {"family_name", k.family_name},
         {"version", k.version},
         {"phone_typed",
          k.phone_e164.empty() ? "" : domain::format_phone_international(k.phone_e164)},
         {"customer_id", c.id.value},
         {"can_edit_contact", req.user && app::allowed(*req.user, app::Capability::edit_customers)},
         {"can_invite", !k.email.empty() && req.user &&
                            app::allowed(*req.user, app::Capability::edit_customers)}});
  for (const auto& p : c.phones)
    phones.push_back({{"number", domain::format_phone_national(p.e164)},
                      {"tel", p.e164},  // a tel: link: a softphone dials in one click
                      {"type", code_label(req, ctx, "phone_type", domain::to_code(p.type))}});
  for (const auto& e : c.emails) emails.push_back(json::string(e));
  for (const auto& a : v.accounts)
    accounts.push_back(
        {{"id", a.id.value},
         {"number", a.number},
         {"currency", a.currency},
         {"start_date", i18n::format_civil_date(req.language, a.start_date)},
         {"status",
          code_label(req, ctx, "account.status",
                     a.status == domain::AccountStatus::inactive ? "inactive" : "active")}});
  for (const auto& p : v.premises) {
    json::array points;
    for (const auto& sp : p.points)
      points.push_back(
          {{"id", sp.id.value},
           {"number", sp.number},
           {"type", code_label(req, ctx, "service_point_type", sp.type)},
           {"status", code_label(req, ctx, "installation_status", sp.installation_status)}});
    premises.push_back({{"id", p.premise.id.value},
                        {"number", p.premise.number},
                        {"address", one_line(p.premise.address)},
                        {"type", code_label(req, ctx, "premise_type", p.premise.premise_type)},
                        {"points", std::move(points)}});
  }
  for (const auto& sa : v.agreements) {
    std::string account;
    for (const auto& a : v.accounts)
      if (a.id == sa.account) account = a.number;
    agreements.push_back(
        {{"id", sa.id.value},
         {"number", sa.number},
         {"type", code_label(req, ctx, "agreement_type", sa.type)},
         {"division", code_label(req, ctx, "division", sa.division)},
         {"account", account},
         {"start_date", i18n::format_civil_date(req.language, sa.start_date)},
         {"status", code_label(req, ctx, "agreement.status", domain::to_code(sa.status))}});
  }
  json::object data{
      {"id", c.id.value},
      {"version", c.version},
      {"name", c.display_name()},
      {"inactive", c.status == domain::CustomerStatus::inactive},
      {"kind_label", code_label(req, ctx, "customer.kind", domain::to_code(c.kind))},
      {"class_label", code_label(req, ctx, "customer_class", c.customer_class)},
      {"category", c.category},
      {"language_label", code_label(req, ctx, "language", code(c.language))},
      {"address", one_line(c.address)},
      {"phones", std::move(phones)},
      {"emails", std::move(emails)},
      {"time_zone", c.time_zone},
      {"local_time", local_time_of(c, ctx.clock.now())},
      {"tax_id", c.tax_id},
      {"is_company", c.kind == domain::CustomerKind::company},
      {"has_contacts", !contacts.empty()},
      {"contacts", std::move(contacts)},
      {"has_accounts", !accounts.empty()},
      {"accounts", std::move(accounts)},
      {"has_premises", !premises.empty()},
      {"premises", std::move(premises)},
      {"has_agreements", !agreements.empty()},
      {"agreements", std::move(agreements)},
      {"can_edit", req.user && app::allowed(*req.user, app::Capability::edit_customers)},
      {"can_order", req.user && app::allowed(*req.user, app::Capability::take_orders) &&
                        c.status != domain::CustomerStatus::inactive},
      {"customer_bar", customer_bar(req, ctx, c)}};
  if (v.inactive_because) {
    const auto& why = *v.inactive_because;
    const std::string zone = req.user ? app::user_zone(*req.user) : std::string("UTC");
    data["inactive_reason"] =
        ctx.catalog.text(req.language, "customer.inactive_because",
                         {{"when", i18n::format_date_time(req.language, why.at, zone)},
                          {"who", why.user_name},
                          {"reason", why.new_value.value_or("")}});
  }
  add_interactions(data, req, ctx, v.history);
  add_customer_planning(data, req, ctx, v);
  add_customer_orders(data, req, ctx, c.id.value);
  add_customer_sales(data, req, ctx, v);
  add_customer_quotes(data, req, ctx, c.id.value);
  // The call panel: the next scheduled contact is the first upcoming one.
  if (auto up = data.find("upcoming");
      up != data.end() && up->value().is_array() && !up->value().as_array().empty())
    data["next_contact"] = up->value().as_array().front();
  add_fold(data, "premises", v.premises.size());
  add_fold(data, "agreements", v.agreements.size());
  if (auto orders = data.find("service_orders"); orders != data.end())
    add_fold(data, "service_orders", orders->value().as_array().size());
  return data;
}

Result<CustomerPage> customer_page(const Request& req, WebContext& ctx, Id<domain::Customer> id) {
  CustomerPage page;
  auto read = app::in_one_snapshot(ctx.db, [&]() -> Status {
    auto view = ctx.customers.view(*req.user, id);
    if (!view) return view.error();
    page.data = view_data(req, ctx, *view);
    page.title = view->customer.display_name();
    return Ok{};
  });
  if (!read) return read.error();
  return page;
}

}  // namespace rapport::web::ui
