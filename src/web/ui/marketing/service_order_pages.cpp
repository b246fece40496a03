// The service order pages of seed 000 (campaigns-and-orders.md): the list
// with its filters, a new order opened from Control Central's Add order,
// and the order page — prospect, parties, premise, the campaign's questions,
// the chosen package, set-aside answers, and the hold / release / cancel /
// complete forms; a completed order links what it created.
#include <boost/json.hpp>

#include "domain/contactplan/schedule.h"
#include "domain/customers/phone.h"
#include "i18n/format.h"
#include "store/customers/customer_rows.h"
#include "web/problem.h"
#include "web/ui/customers/customer_view_data.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/eligibility_text.h"
#include "web/ui/marketing/service_order_view_data.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::PartyChoice;
using domain::Usage;

constexpr const char* kClasses[] = {"residential", "commercial", "industrial", "public"};
constexpr const char* kPremiseTypes[] = {"house", "apartment", "office", "shop", "site"};
constexpr int kListSize = 50;

// One input: its name is the field an error names, its id the same (the
// error summary links to it).
json::object field(const Request& req, const WebContext& ctx, const json::object& data,
                   const std::string& name, const std::string& label_key, const std::string& value,
                   bool required, int max, const char* type = "text") {
  json::object f{{"name", name},   {"label", text(req, ctx, label_key)},
                 {"value", value}, {"required", required},
                 {"max", max},     {"type", type}};
  if (auto it = data.find(name + "_error"); it != data.end()) f["error"] = it->value();
  return f;
}

void copy_error(json::object& to, const json::object& data, const std::string& field) {
  if (auto it = data.find(field + "_error"); it != data.end()) to["error"] = it->value();
}

json::array code_options(const Request& req, const WebContext& ctx, const std::string& prefix,
                         const std::vector<std::string>& codes, const std::string& selected) {
  json::array out;
  for (const auto& c : codes)
    out.push_back(
        {{"code", c}, {"label", code_label(req, ctx, prefix, c)}, {"selected", c == selected}});
  return out;
}

// The choices a party offers: what the campaign's usage allows (a new
// premise not with a predefined territory). A stored choice no longer
// allowed is left unchecked (saving asks for another) unless only one is left.
json::object party(const Request& req, const WebContext& ctx, const json::object& data,
                   const std::string& name, const std::string& legend_key, PartyChoice current,
                   const std::vector<PartyChoice>& allowed) {
  // One choice left: it is the choice.
  if (allowed.size() == 1) current = allowed.front();
  json::array options;
  for (PartyChoice c : allowed) {
    std::string code(domain::to_code(c));
    options.push_back({{"name", name},
                       {"code", code},
                       {"id", name + "-" + code},
                       {"label", text(req, ctx, "party_choice." + code)},
                       {"checked", c == current}});
  }
  json::object p{
      {"name", name}, {"legend", text(req, ctx, legend_key)}, {"options", std::move(options)}};
  copy_error(p, data, name);
  return p;
}

std::vector<PartyChoice> allowed_by(const domain::PartyUsage& u, bool create_allowed) {
  std::vector<PartyChoice> out;
  if (u.usage == Usage::not_allowed) return {PartyChoice::none};
  if (u.may_create && create_allowed) out.push_back(PartyChoice::create_new);
  out.push_back(PartyChoice::use_existing);
  if (u.usage == Usage::optional) out.push_back(PartyChoice::none);
  return out;
}

// The answer as the input shows it: as typed, else the stored value.
std::string answer_text(const domain::Question& q, const domain::ServiceOrder& o,
                        const OrderForm* typed) {
  if (typed)
    if (auto it = typed->answers.find(q.code); it != typed->answers.end()) return it->second;
  if (const auto* a = domain::find_answer(o.answers, q.code)) return domain::format_value(a->value);
  return {};
}

json::object question_data(const Request& req, const WebContext& ctx, const json::object& data,
                           const domain::Question& q, const domain::ServiceOrder& o,
                           const OrderForm* typed) {
  const std::string value = answer_text(q, o, typed);
  const std::string name = "answer." + q.code;
  json::object d{{"code", q.code},
                 {"name", name},
                 {"prompt", domain::prompt(q, req.language)},
                 {"required", q.applicability != domain::Applicability::optional},
                 {"value", value},
                 {"is_text", q.type == domain::ValueType::text},
                 {"is_number", q.type == domain::ValueType::number},
                 {"is_date", q.type == domain::ValueType::date},
                 {"is_yes_no", q.type == domain::ValueType::yes_no},
                 {"is_list", q.type == domain::ValueType::list},
                 {"range_hint", false}};
  if (q.type == domain::ValueType::number) {
    const auto bounds = domain::answer_bounds(q);
    d["range_hint"] = text(req, ctx, "order.answer_range",
                           {{"min", i18n::format_integer(req.language, bounds.min)},
                            {"max", i18n::format_integer(req.language, bounds.max)}});
  }
  if (q.type == domain::ValueType::yes_no) {
    // What was typed may be "oui" or "true": read it as the parser does.
    auto parsed = domain::parse_value(domain::ValueType::yes_no, value);
    d["yes_checked"] = parsed && parsed->number == 1.0;
    d["no_checked"] = parsed && parsed->number == 0.0;
  }
  if (q.type == domain::ValueType::list) {
    json::array choices;
    for (const auto& c : q.choices)
      choices.push_back({{"code", c.code},
                         {"label", domain::choice_label(q, c.code, req.language)},
                         {"selected", c.code == value}});
    d["choices"] = std::move(choices);
  }
  copy_error(d, data, name);
  return d;
}

// Links to what a completed order created, as the 360° view shows them.
void add_created(json::object& d, const Request& req, const WebContext& ctx,
                 const domain::ServiceOrder& o) {
  const auto& c = o.created;
  std::optional<std::int64_t> customer = c.customer ? c.customer : o.customer;
  if (!customer) return;
  const std::string base = "/customers/" + std::to_string(*customer);
  json::array links;
  auto link = [&](const std::string& href, std::string label, const char* testid) {
    links.push_back({{"href", href}, {"label", std::move(label)}, {"testid", testid}});
  };
  link(base, text(req, ctx, "order.created.customer_view"), "created-customer");
  if (c.account)
    link(base + "#account-" + std::to_string(*c.account),
         text(req, ctx, "order.created.account") + " " + store::account_number_for(*c.account),
         "created-account");
  if (c.premise)
    link(base + "#premise-" + std::to_string(*c.premise),
         text(req, ctx, "order.created.premise") + " " + store::premise_number_for(*c.premise),
         "created-premise");
  for (auto sp : c.service_points)
    link(base + "#service-point-" + std::to_string(sp),
         text(req, ctx, "order.created.service_point") + " " + store::service_point_number_for(sp),
         "created-service-point");
  for (auto sa : c.agreements)
    link(base + "#agreement-" + std::to_string(sa),
         text(req, ctx, "order.created.agreement") + " " + store::agreement_number_for(sa),
         "created-agreement");
  d["has_created"] = true;
  d["created_links"] = std::move(links);
  d["customer_href"] = base;
}

}  // namespace

Response render_order_page(const Request& req, const WebContext& ctx, int status,
                           const OrderPage& page, json::object data) {
  const app::OrderView& view = *page.view;
  const domain::ServiceOrder& o = page.typed ? page.typed->order : view.order;
  const domain::ServiceOrder& stored = view.order;
  const auto& p = o.prospect;
  const Language lang = req.language;
  const bool is_final = domain::is_final(stored.status);
  const std::string id = std::to_string(stored.id.value);

  data["is_new"] = page.is_new;
  data["id"] = stored.id.value;
  data["version"] = o.version;
  data["action"] = page.is_new ? std::string("/service-orders") : "/service-orders/" + id;
  data["heading"] = page.is_new ? text(req, ctx, "order.new_title") : stored.number;
  data["is_final"] = is_final;
  data["is_pending"] = stored.status == domain::OrderStatus::pending;
  data["is_held"] = stored.status == domain::OrderStatus::held;
  data["is_complete"] = stored.status == domain::OrderStatus::complete;
  add_order_status(data, req, ctx, stored.status);
  // Not saved yet: not "pending" (En cours) but new.
  if (page.is_new) {
    data["status_code"] = "new";
    data["status_label"] = text(req, ctx, "order.status.unsaved");
    data["status_class"] = "badge badge-info";
  }
  if (stored.status == domain::OrderStatus::held) {
    data["hold_text"] =
        text(req, ctx, "order.held_until",
             {{"reason", code_label(req, ctx, "order.hold_reason", stored.hold_reason)},
              {"date", stored.remind_on ? i18n::format_civil_date(lang, *stored.remind_on) : "—"}});
  }
  if (stored.status == domain::OrderStatus::canceled)
    data["cancel_text"] = code_label(req, ctx, "order.cancel_reason", stored.cancel_reason);

  // The campaign, and the picker when the installation names no default.
  data["campaign_id"] = o.campaign.value;
  data["campaign_code"] = view.campaign.code;
  data["campaign_description"] = domain::description(view.campaign, lang);
  if (page.is_new && page.no_default_campaign) {
    data["no_default_campaign"] = true;
    json::array options;
    if (auto all = ctx.campaigns.campaigns(*req.user, true))
      for (const auto& c : *all)
        options.push_back({{"id", c.id.value},
                           {"label", c.code + " · " + domain::description(c, lang)},
                           {"selected", c.id == o.campaign}});
    data["campaign_options"] = std::move(options);
  }

  // The prospect.
  data["is_company"] = p.kind == domain::CustomerKind::company;
  data["lang_fr"] = p.language == Language::fr;
  std::vector<std::string> classes(std::begin(kClasses), std::end(kClasses));
  if (std::find(classes.begin(), classes.end(), p.customer_class) == classes.end())
    classes.push_back(p.customer_class);
  data["classes"] = code_options(req, ctx, "customer_class", classes, p.customer_class);
  const std::string phone =
      page.typed ? page.typed->typed_phone
                 : (p.phone_e164.empty() ? "" : domain::format_phone_national(p.phone_e164));
  std::string dob = page.typed ? page.typed->typed_date_of_birth
                               : (p.date_of_birth ? format_date(*p.date_of_birth) : "");
  data["name_fields"] = json::array{field(req, ctx, data, "prospect.given_name",
                                          "customer.field.given_name", p.given_name, false, 100),
                                    field(req, ctx, data, "prospect.family_name",
                                          "customer.field.family_name", p.family_name, true, 100)};
  data["company_fields"] =
      json::array{field(req, ctx, data, "prospect.company_name", "customer.field.company_name",
                        p.company_name, false, 100)};
  data["contact_fields"] = json::array{
      field(req, ctx, data, "prospect.phone", "customer.field.phone", phone, false, 40, "tel"),
      field(req, ctx, data, "prospect.email", "customer.field.email", p.email, false, 200, "email"),
      field(req, ctx, data, "prospect.identifier", "order.identifier", p.identifier, false, 40),
      field(req, ctx, data, "prospect.date_of_birth", "order.date_of_birth", dob, false, 10,
            "date")};
  data["address_fields"] =
      json::array{field(req, ctx, data, "prospect.address.line1", "customer.field.line1",
                        p.address.line1, false, 200),
                  field(req, ctx, data, "prospect.address.line2", "customer.field.line2",
                        p.address.line2, false, 200),
                  field(req, ctx, data, "prospect.address.postal_code",
                        "customer.field.postal_code", p.address.postal_code, false, 20),
                  field(req, ctx, data, "prospect.address.city", "customer.field.city",
                        p.address.city, false, 100),
                  field(req, ctx, data, "prospect.address.country", "customer.field.country",
                        p.address.country, false, 2)};
  for (const char* f : {"prospect.kind", "prospect.language", "prospect.customer_class"})
    if (auto it = data.find(std::string(f) + "_error"); it != data.end())
      data[std::string(f).substr(9) + "_field_error"] = it->value();

  // Parties. The person is fixed once it exists.
  std::optional<app::CustomerView> customer;
  if (o.customer) {
    if (auto c = ctx.customers.view(*req.user, Id<domain::Customer>{*o.customer}))
      customer = std::move(*c);
  }
  if (o.customer && !page.is_new && stored.customer) {
    data["person_fixed"] = true;
    data["person_href"] = "/customers/" + std::to_string(*o.customer);
    data["person_name"] =
        view.customer_name.empty() ? "#" + std::to_string(*o.customer) : view.customer_name;
  } else {
    data["person_party"] =
        party(req, ctx, data, "person", "order.party.person", o.person,
              {PartyChoice::create_new, PartyChoice::use_existing, PartyChoice::none});
    data["customer_field"] = field(req, ctx, data, "customer", "order.existing_customer",
                                   o.customer ? std::to_string(*o.customer) : "", false, 15);
  }
  data["account_party"] = party(req, ctx, data, "account", "order.party.account", o.account,
                                allowed_by(view.campaign.account, true));
  data["premise_party"] = party(req, ctx, data, "premise", "order.party.premise", o.premise,
                                allowed_by(view.campaign.premise, !view.territory_predefined));
  data["territory_predefined"] = view.territory_predefined;
  data["account_not_allowed"] = view.campaign.account.usage == Usage::not_allowed;
  data["premise_not_allowed"] = view.campaign.premise.usage == Usage::not_allowed;
  // Existing accounts and premises: the customer's when known, else typed
  // by number. Either way the page sends the number (app resolves it).
  const std::string typed_account = page.typed ? page.typed->account_number : "";
  const std::string typed_premise = page.typed ? page.typed->premise_number : "";
  auto named = [](const std::string& typed, const std::string& number) {
    return !typed.empty() && typed == number;
  };
  json::array accounts, premises;
  if (customer) {
    for (const auto& a : customer->accounts)
      accounts.push_back({{"id", a.number},
                          {"label", a.number},
                          {"selected", (o.existing_account && *o.existing_account == a.id.value) ||
                                           named(typed_account, a.number)}});
    for (const auto& pr : customer->premises)
      premises.push_back(
          {{"id", pr.premise.number},
           {"label", pr.premise.number + " · " + one_line(pr.premise.address)},
           {"selected", (o.existing_premise && *o.existing_premise == pr.premise.id.value) ||
                            named(typed_premise, pr.premise.number)}});
  }
  data["has_account_options"] = !accounts.empty();
  data["account_options"] = std::move(accounts);
  data["has_premise_options"] = !premises.empty();
  data["premise_list"] = std::move(premises);
  // A predefined territory: the premise picked by search stays picked, with
  // its service points, through every save and every error.
  std::optional<store::PremiseWithPoints> picked;
  if (o.premise == PartyChoice::use_existing) {
    if (o.existing_premise) {
      if (auto p = ctx.customers.premise(*req.user, Id<domain::Premise>{*o.existing_premise}))
        picked = std::move(*p);
    } else if (!typed_premise.empty()) {
      if (auto p = ctx.customers.premise_by_number(*req.user, typed_premise))
        picked = std::move(*p);
    }
  }
  if (view.territory_predefined && picked)
    data["premise_options"] = json::array{premise_option(req, ctx, *picked, true)};
  auto number_field = [&](const char* name, const char* label, const std::string& value,
                          const char* example) {
    json::object f = field(req, ctx, data, name, label, value, false, 20);
    f["hint"] = text(req, ctx, "order.number_hint", {{"example", example}});
    return f;
  };
  std::string account_text = typed_account;
  if (account_text.empty() && o.existing_account && customer)
    for (const auto& a : customer->accounts)
      if (a.id.value == *o.existing_account) account_text = a.number;
  data["existing_account_field"] =
      number_field("existing_account", "order.existing_account", account_text, "A1000302");
  data["existing_premise_field"] = number_field("existing_premise", "order.existing_premise",
                                                !typed_premise.empty() ? typed_premise
                                                : picked               ? picked->premise.number
                                                                       : std::string(),
                                                "P1000017");
  data["premise_fields"] =
      json::array{field(req, ctx, data, "premise_address.line1", "customer.field.line1",
                        o.premise_address.line1, false, 200),
                  field(req, ctx, data, "premise_address.postal_code", "customer.field.postal_code",
                        o.premise_address.postal_code, false, 20),
                  field(req, ctx, data, "premise_address.city", "customer.field.city",
                        o.premise_address.city, false, 100),
                  field(req, ctx, data, "premise_address.country", "customer.field.country",
                        o.premise_address.country, false, 2)};
  std::vector<std::string> types(std::begin(kPremiseTypes), std::end(kPremiseTypes));
  if (std::find(types.begin(), types.end(), o.premise_type) == types.end())
    types.push_back(o.premise_type);
  data["premise_types"] = code_options(req, ctx, "premise_type", types, o.premise_type);
  if (!view.premise_address.empty()) data["premise_line"] = view.premise_address;
  if (!view.account_number.empty()) data["account_number"] = view.account_number;

  // The campaign's (and package's) questions.
  json::array questions;
  for (const auto& q : view.questions)
    questions.push_back(question_data(req, ctx, data, q, o, page.typed));
  data["has_questions"] = !questions.empty();
  data["questions"] = std::move(questions);

  // The chosen package.
  if (view.package) {
    const auto& pk = *view.package;
    const std::string& instructions =
        lang == Language::fr && !pk.instructions_fr.empty()
            ? pk.instructions_fr
            : (pk.instructions_en.empty() ? pk.instructions_fr : pk.instructions_en);
    data["package"] = json::object{{"id", pk.id.value},
                                   {"code", pk.code},
                                   {"description", domain::description(pk, lang)},
                                   {"instructions", instructions}};
  }

  // Answers set aside by a campaign switch.
  json::array aside;
  for (const auto& a : stored.set_aside) {
    domain::FieldRef f{domain::FieldSource::answer, a.question};
    aside.push_back(
        {{"code", a.question}, {"value", value_text(a.value, f, {}, lang, ctx.catalog)}});
  }
  data["has_set_aside"] = !aside.empty();
  data["set_aside"] = std::move(aside);

  // Hold and cancel.
  // The desk judges remind dates by the installation's calendar.
  data["today"] = format_date(app::business_today(ctx.clock, ctx.db));
  data["hold_reasons"] = code_options(req, ctx, "order.hold_reason", domain::hold_reasons(),
                                      req.form_value("hold_reason"));
  data["cancel_reasons"] = code_options(req, ctx, "order.cancel_reason", domain::cancel_reasons(),
                                        req.form_value("cancel_reason"));
  data["remind_on"] = req.form_value("remind_on");

  // The order's history.
  const std::string zone = app::user_zone(*req.user);
  json::array events;
  for (const auto& e : view.events) {
    json::object ev{{"when", i18n::format_date_time(lang, e.at, zone)}, {"who", e.user_name}};
    add_order_status(ev, req, ctx, e.status);
    if (!e.reason.empty())
      ev["reason"] = code_label(
          req, ctx,
          e.status == domain::OrderStatus::canceled ? "order.cancel_reason" : "order.hold_reason",
          e.reason);
    events.push_back(std::move(ev));
  }
  data["has_events"] = !events.empty();
  data["events"] = std::move(events);

  if (stored.status == domain::OrderStatus::complete) add_created(data, req, ctx, stored);
  if (page.tree) data["tree"] = eligibility_tree_data(req, ctx, view, *page.tree);
  if (customer) data["customer_bar"] = customer_bar(req, ctx, customer->customer);

  std::string title = page.is_new ? text(req, ctx, "order.new_title") : stored.number;
  return html_response(status, ctx.views.page(req, "service_order", std::move(data), title));
}

namespace {

// ---------------------------------------------------------------------------
// The list

Response list_page(Request& req, WebContext& ctx) {
  store::ServiceOrderFilter filter;
  const std::string& status = req.query_value("status");
  const std::string& campaign = req.query_value("campaign");
  filter.status = domain::order_status_from(status);
  if (auto id = positive_int(campaign)) filter.campaign = *id;
  int page = 1;
  if (auto n = positive_int(req.query_value("page"))) page = static_cast<int>(std::min(*n, 1000LL));
  filter.limit = kListSize + 1;
  filter.offset = (page - 1) * kListSize;
  // "Held, reminder due" and "mine" are scopes the desk applies with its today.
  const bool due = req.query_value("due") == "1", mine = req.query_value("mine") == "1";
  auto found = ctx.orders.list(*req.user, filter, {due, mine});
  // A refused filter (due with another status than held) is shown beside
  // the filters, as the API answers it with a 422.
  if (!found && found.error().code != ErrorCode::invalid_input)
    return error_page(req, ctx, found.error());
  std::vector<store::ServiceOrderRow> listed = found ? std::move(*found) : decltype(listed){};
  const bool more = static_cast<int>(listed.size()) > kListSize;
  if (more) listed.resize(kListSize);
  json::array rows;
  for (const auto& r : listed) rows.push_back(order_row(req, ctx, r));

  json::array statuses;
  for (auto s : {domain::OrderStatus::pending, domain::OrderStatus::held,
                 domain::OrderStatus::canceled, domain::OrderStatus::complete}) {
    std::string code(domain::to_code(s));
    statuses.push_back({{"code", code},
                        {"label", text(req, ctx, "order.status." + code)},
                        {"selected", code == status}});
  }
  json::array campaigns;
  if (auto all = ctx.campaigns.campaigns(*req.user, false))
    for (const auto& c : *all) {
      std::string cid = std::to_string(c.id.value);
      campaigns.push_back({{"id", cid}, {"label", c.code}, {"selected", cid == campaign}});
    }
  std::string query = "status=" + url_encode(status) + "&campaign=" + url_encode(campaign) +
                      (due ? "&due=1" : "") + (mine ? "&mine=1" : "") + "&page=";
  json::object data{{"rows", std::move(rows)},
                    {"has_rows", !listed.empty()},
                    {"due", due},
                    {"mine", mine},
                    {"statuses", std::move(statuses)},
                    {"campaign_filter", std::move(campaigns)}};
  if (more) data["next_href"] = "/service-orders?" + query + std::to_string(page + 1);
  if (page > 1) data["prev_href"] = "/service-orders?" + query + std::to_string(page - 1);
  if (!found) add_form_error(data, req, ctx.catalog, found.error());
  return html_response(found ? 200 : 422, ctx.views.page(req, "service_orders", std::move(data),
                                                         text(req, ctx, "order.list_title")));
}

// ---------------------------------------------------------------------------
// A new order, from Control Central's Add order

app::OrderPrefill prefill_of(const Request& req) {
  app::OrderPrefill p;
  p.name = req.query_value("name");
  p.phone = req.query_value("phone");
  p.email = req.query_value("email");
  p.postal_code = req.query_value("postal_code");
  p.address = req.query_value("address");
  if (auto id = positive_int(req.query_value("campaign"))) p.campaign = *id;
  if (auto id = positive_int(req.query_value("customer"))) p.customer = *id;
  p.form_token = req.query_value("form");
  return p;
}

std::string prefill_query(const Request& req) {
  std::string q;
  for (const char* name : {"name", "phone", "email", "postal_code", "address", "customer"}) {
    const auto& v = req.query_value(name);
    if (v.empty()) continue;
    q += (q.empty() ? "" : "&") + std::string(name) + "=" + url_encode(v);
  }
  return q;
}

Response new_order(Request& req, WebContext& ctx) {
  auto draft = ctx.orders.start(*req.user, prefill_of(req));
  if (!draft) return error_page(req, ctx, draft.error());
  const std::string query = prefill_query(req);
  // Territory predefined: the seed points to Add customer instead.
  if (draft->territory_predefined && req.query_value("continue") != "1") {
    std::string customer_query = query;
    if (!req.query_value("name").empty())
      customer_query =
          "q=" + url_encode(req.query_value("name")) + (query.empty() ? "" : "&" + query);
    json::object data{{"add_customer_href",
                       "/customers/new" + (customer_query.empty() ? "" : "?" + customer_query)},
                      {"continue_href",
                       "/service-orders/new?" + (query.empty() ? "" : query + "&") + "continue=1"}};
    return html_response(200, ctx.views.page(req, "service_order_territory", std::move(data),
                                             text(req, ctx, "order.new_title")));
  }
  // The form's token is in its address, so Back shows this same form, and
  // once saved leads to the order it made — never to a second one.
  if (draft->saved_as)
    return redirect(
        req, "/service-orders/" + std::to_string(draft->saved_as->value) + "?done=form_saved");
  if (req.query_value("form") != draft->form_token) {
    std::string same;
    for (const auto& [name, value] : req.query)
      if (name != "form") same += name + "=" + url_encode(value) + "&";
    return redirect(req, "/service-orders/new?" + same + "form=" + url_encode(draft->form_token));
  }
  app::OrderView view;
  view.order = draft->order;
  view.campaign = draft->campaign;
  view.questions = domain::effective_questions(draft->campaign.questions, nullptr, nullptr);
  view.territory_predefined = draft->territory_predefined;
  OrderPage page{&view, nullptr, true, draft->no_default_campaign, nullptr, &query};
  return render_order_page(req, ctx, 200, page, {{"form_token", draft->form_token}});
}

Response show_order(Request& req, WebContext& ctx) {
  auto id = id_param<domain::ServiceOrder>(req);
  if (!id) return error_page(req, ctx, 404);
  auto view = ctx.orders.view(*req.user, *id);
  if (!view) return error_page(req, ctx, view.error());
  json::object data;
  std::optional<app::EligibilityTree> tree;
  if (req.query_value("eligibility") == "1" && !domain::is_final(view->order.status)) {
    auto t = ctx.orders.eligibility(*req.user, *id);
    if (t)
      tree = std::move(*t);
    else
      add_form_error(data, req, ctx.catalog, t.error());
  }
  const std::string& done = req.query_value("done");
  if (done == "saved")
    data["alert_success"] = text(req, ctx, "form.saved");
  else if (done == "switched")
    data["alert_success"] = text(req, ctx, "order.switched", {{"campaign", view->campaign.code}});
  else if (done == "package")
    data["alert_success"] = text(req, ctx, "order.package_chosen");
  else if (done == "held")
    data["alert_success"] = text(req, ctx, "order.held");
  else if (done == "released")
    data["alert_success"] = text(req, ctx, "order.released");
  else if (done == "canceled")
    data["alert_success"] = text(req, ctx, "order.canceled");
  else if (done == "complete")
    data["alert_success"] = text(req, ctx, "order.completed");
  else if (done == "form_saved")
    data["alert_warning"] = text(req, ctx, "order.form_saved_as", {{"number", view->order.number}});
  else if (done == "already_saved")
    data["alert_warning"] =
        text(req, ctx, "order.form_already_saved", {{"number", view->order.number}});
  OrderPage page{&*view, nullptr, false, false, tree ? &*tree : nullptr, nullptr};
  return render_order_page(req, ctx, 200, page, std::move(data));
}

}  // namespace

void register_service_order_pages(Router& router, WebContext& ctx) {
  router.get("/service-orders", Access::staff, [&ctx](Request& r) { return list_page(r, ctx); });
  router.get("/service-orders/new", Access::staff,
             [&ctx](Request& r) { return new_order(r, ctx); });
  router.get("/service-orders/{id}", Access::staff,
             [&ctx](Request& r) { return show_order(r, ctx); });
  register_eligibility_tree_pages(router, ctx);
  register_service_order_actions(router, ctx);
}

}  // namespace rapport::web::ui
