#include "web/api/marketing/marketing_api_json.h"

#include <charconv>
#include <cmath>

#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "store/marketing/marketing_json.h"
#include "web/api/contactplan/planning_io.h"
#include "web/api/json_io.h"
#include "web/ui/marketing/eligibility_text.h"

namespace rapport::web {
namespace {

namespace json = boost::json;
using domain::Campaign;
using domain::Package;

json::value date_or_null(const std::optional<CivilDate>& d) {
  return d ? json::value(format_date(*d)) : json::value(nullptr);
}

json::value id_or_null(const std::optional<std::int64_t>& id) {
  return id ? json::value(*id) : json::value(nullptr);
}

const std::string& text_in(Language language, const std::string& en, const std::string& fr) {
  const std::string& wanted = language == Language::fr ? fr : en;
  return wanted.empty() ? (language == Language::fr ? en : fr) : wanted;
}

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

json::object usage_json(const domain::PartyUsage& u) {
  return {{"usage", std::string(domain::to_code(u.usage))}, {"may_create", u.may_create}};
}

Error bad_member(const std::string& path) {
  return Error::invalid("json.invalid_member", path, {{"member", path}});
}

void read_usage(const json::object& o, const char* name, domain::PartyUsage& u,
                FieldErrors& errors) {
  const auto* uo = api::get_object(o, name, errors);
  if (!uo) return;
  if (auto v = api::get_code<domain::Usage>(*uo, "usage", errors, name)) u.usage = *v;
  if (auto v = api::get_bool(*uo, "may_create", errors, name)) u.may_create = *v;
}

template <typename T>
void take(Result<T> r, T& out, FieldErrors& errors) {
  if (r)
    out = std::move(*r);
  else
    errors.add(r.error());
}

// A number as the text a user would type: whole numbers without decimals.
std::string number_text(const json::value& v) {
  if (v.is_int64()) return std::to_string(v.get_int64());
  if (v.is_uint64()) return std::to_string(v.get_uint64());
  double d = v.get_double();
  if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15)
    return std::to_string(static_cast<long long>(d));
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
  return ec == std::errc{} ? std::string(buffer, end) : std::string("?");
}

// --- Verdicts ---------------------------------------------------------------

json::object criterion_json(const domain::Criterion& c) {
  json::array values;
  for (const auto& v : c.values) values.push_back(store::to_json(v));
  return {{"field", domain::to_code(c.field)},
          {"comparison", std::string(domain::to_code(c.comparison))},
          {"values", std::move(values)}};
}

json::object campaign_summary(const Campaign& c, Language language) {
  return {{"id", c.id.value}, {"code", c.code}, {"description", domain::description(c, language)}};
}

json::object package_summary(const Package& p, Language language) {
  return {{"id", p.id.value},
          {"code", p.code},
          {"description", domain::description(p, language)},
          {"instructions", text_in(language, p.instructions_en, p.instructions_fr)}};
}

json::object campaign_node_json(const app::CampaignNode& n, const JsonLabels& l,
                                const domain::Facts& facts) {
  json::object o = campaign_summary(n.campaign, l.language);
  o["verdict"] =
      verdict_to_json(n.campaign_verdict, n.campaign.rules, n.campaign.questions, l, &facts);
  json::array packages;
  for (const auto& p : n.packages) {
    json::object po = package_summary(p.package, l.language);
    po["display_order"] = p.package.display_order;
    po["verdict"] = verdict_to_json(p.verdict, p.package.rules,
                                    domain::questions_in_scope(n.campaign, &p.package), l, &facts);
    json::array missing;
    for (const auto& q : p.missing_questions)
      missing.push_back(json::object{{"code", q.code},
                                     {"prompt", domain::prompt(q, l.language)},
                                     {"type", std::string(domain::to_code(q.type))}});
    po["missing_questions"] = std::move(missing);
    po["choosable"] = p.verdict.result == domain::Eligibility::eligible;
    packages.push_back(std::move(po));
  }
  o["package_count"] = static_cast<std::int64_t>(n.packages.size());
  o["eligible_count"] = n.eligible_count;
  o["packages"] = std::move(packages);
  return o;
}

}  // namespace

// --- Campaigns and packages -------------------------------------------------

json::object campaign_to_json(const Campaign& c, Language language) {
  return {{"id", c.id.value},
          {"code", c.code},
          {"description", domain::description(c, language)},
          {"description_en", c.description_en},
          {"description_fr", c.description_fr},
          {"active", c.active},
          {"valid_from", format_date(c.valid_from)},
          {"valid_to", date_or_null(c.valid_to)},
          {"target_classes", strings(c.target_classes)},
          {"target_regions", strings(c.target_regions)},
          {"rules", store::to_json(c.rules)},
          {"complete_without_package", c.complete_without_package},
          {"new_person_class", c.new_person_class},
          {"new_person_language", std::string(code(c.new_person_language))},
          {"new_person_relationship", std::string(domain::to_code(c.new_person_relationship))},
          {"premise", usage_json(c.premise)},
          {"account", usage_json(c.account)},
          {"questions", store::to_json(c.questions)},
          {"version", c.version}};
}

json::object campaign_to_json(const store::CampaignWithPackages& c, Language language) {
  json::object o = campaign_to_json(c.campaign, language);
  json::array packages;
  for (const auto& p : c.packages) packages.push_back(package_to_json(p, language));
  o["packages"] = std::move(packages);
  return o;
}

json::object package_to_json(const Package& p, Language language) {
  return {{"id", p.id.value},
          {"campaign_id", p.campaign.value},
          {"code", p.code},
          {"description", domain::description(p, language)},
          {"description_en", p.description_en},
          {"description_fr", p.description_fr},
          {"active", p.active},
          {"display_order", p.display_order},
          {"instructions", text_in(language, p.instructions_en, p.instructions_fr)},
          {"instructions_en", p.instructions_en},
          {"instructions_fr", p.instructions_fr},
          {"rules", store::to_json(p.rules)},
          {"questions", store::to_json(p.questions)},
          {"overrides", store::to_json(p.overrides)},
          {"agreements", store::to_json(p.agreements)},
          {"version", p.version}};
}

void apply_campaign(const json::object& o, Campaign& c, FieldErrors& errors) {
  using api::get_bool;
  using api::get_string;
  if (auto v = get_string(o, "code", errors)) c.code = *v;
  if (auto v = get_string(o, "description_en", errors)) c.description_en = *v;
  if (auto v = get_string(o, "description_fr", errors)) c.description_fr = *v;
  if (auto v = get_bool(o, "active", errors)) c.active = *v;
  if (auto v = api::get_date(o, "valid_from", errors)) c.valid_from = *v;
  if (api::is_null_member(o, "valid_to"))
    c.valid_to.reset();
  else if (auto v = api::get_date(o, "valid_to", errors))
    c.valid_to = *v;
  if (auto v = api::get_strings(o, "target_classes", errors)) c.target_classes = *v;
  if (auto v = api::get_strings(o, "target_regions", errors)) c.target_regions = *v;
  if (auto v = get_bool(o, "complete_without_package", errors)) c.complete_without_package = *v;
  if (auto v = get_string(o, "new_person_class", errors)) c.new_person_class = *v;
  if (auto v = api::get_code<Language>(o, "new_person_language", errors))
    c.new_person_language = *v;
  if (auto v = api::get_code<domain::AccountRelationship>(o, "new_person_relationship", errors))
    c.new_person_relationship = *v;
  read_usage(o, "premise", c.premise, errors);
  read_usage(o, "account", c.account, errors);
  // Questions first: they type the answer fields of the rules.
  if (const auto* v = api::get_member(o, "questions"))
    take(store::questions_from_json(*v), c.questions, errors);
  if (const auto* v = api::get_member(o, "rules"))
    take(store::rules_from_json(*v, c.questions), c.rules, errors);
}

void apply_package(const json::object& o, Package& p, const Campaign& campaign,
                   FieldErrors& errors) {
  using api::get_bool;
  using api::get_string;
  if (auto v = get_string(o, "code", errors)) p.code = *v;
  if (auto v = get_string(o, "description_en", errors)) p.description_en = *v;
  if (auto v = get_string(o, "description_fr", errors)) p.description_fr = *v;
  if (auto v = get_bool(o, "active", errors)) p.active = *v;
  if (auto v = api::get_int(o, "display_order", errors)) p.display_order = *v;
  if (auto v = get_string(o, "instructions_en", errors)) p.instructions_en = *v;
  if (auto v = get_string(o, "instructions_fr", errors)) p.instructions_fr = *v;
  if (const auto* v = api::get_member(o, "questions"))
    take(store::questions_from_json(*v), p.questions, errors);
  if (const auto* v = api::get_member(o, "overrides"))
    take(store::overrides_from_json(*v), p.overrides, errors);
  if (const auto* v = api::get_member(o, "agreements"))
    take(store::agreements_from_json(*v), p.agreements, errors);
  if (const auto* v = api::get_member(o, "rules"))
    take(store::rules_from_json(*v, domain::questions_in_scope(campaign, &p)), p.rules, errors);
}

json::object verdict_to_json(const domain::Verdict& v, const domain::Rules& rules,
                             const std::vector<domain::Question>& questions, const JsonLabels& l,
                             const domain::Facts* facts) {
  const bool has_group = v.group >= 0 && v.group < static_cast<int>(rules.groups.size());
  const domain::Criterion* failed = nullptr;
  if (has_group && v.criterion >= 0 &&
      v.criterion < static_cast<int>(rules.groups[v.group].criteria.size()))
    failed = &rules.groups[v.group].criteria[v.criterion];
  json::array missing;
  json::array missing_labels;
  for (const auto& f : v.missing) {
    missing.emplace_back(domain::to_code(f));
    missing_labels.emplace_back(ui::field_label(f, questions, l.language, l.catalog));
  }
  // The same words as the pages (web/ui/marketing/eligibility_text.h).
  return {
      {"result", std::string(domain::to_code(v.result))},
      {"group", has_group ? json::value(v.group) : json::value(nullptr)},
      {"group_label", has_group
                          ? json::value(domain::group_label(rules.groups[v.group], l.language))
                          : json::value(nullptr)},
      {"criterion", failed ? json::value(v.criterion) : json::value(nullptr)},
      {"failed_criterion", failed ? json::value(criterion_json(*failed)) : json::value(nullptr)},
      {"missing", std::move(missing)},
      {"missing_labels", std::move(missing_labels)},
      {"reason", ui::verdict_reason(v, rules, questions, l.language, l.catalog, facts)}};
}

std::map<std::string, std::string> typed_values(const json::value* v, const std::string& path,
                                                FieldErrors& errors, bool keep_nulls) {
  std::map<std::string, std::string> out;
  if (!v || v->is_null()) return out;
  const auto* o = v->if_object();
  if (!o) {
    errors.add(json_type_error("json.type_object", path));
    return out;
  }
  for (const auto& m : *o) {
    if (m.value().is_null() && !keep_nulls) continue;
    const std::string code(m.key());
    if (auto typed = typed_answer(m.value(), path + "." + code, errors)) out[code] = *typed;
  }
  return out;
}

json::object conversion_to_json(const store::Conversion& c, Id<Campaign> campaign,
                                const JsonLabels& l) {
  json::array reasons;
  for (const auto& [reason, count] : c.canceled_by_reason)
    reasons.push_back(json::object{
        {"reason", reason}, {"label", l.text("order.cancel_reason." + reason)}, {"count", count}});
  return {{"campaign_id", campaign.value},
          {"started", c.started},
          {"pending", c.pending},
          {"held", c.held},
          {"canceled", c.canceled},
          {"complete", c.complete},
          {"canceled_by_reason", std::move(reasons)}};
}

// --- Service orders ---------------------------------------------------------

json::object order_to_json(const domain::ServiceOrder& o) {
  json::object parties{{"person", std::string(domain::to_code(o.person))},
                       {"customer_id", id_or_null(o.customer)},
                       {"account", std::string(domain::to_code(o.account))},
                       {"account_id", id_or_null(o.existing_account)},
                       {"premise", std::string(domain::to_code(o.premise))},
                       {"premise_id", id_or_null(o.existing_premise)},
                       {"premise_address", store::to_json(o.premise_address)},
                       {"premise_type", o.premise_type}};
  return {{"id", o.id.value},
          {"number", o.number},
          {"status", std::string(domain::to_code(o.status))},
          {"campaign_id", o.campaign.value},
          {"package_id", o.package ? json::value(o.package->value) : json::value(nullptr)},
          {"prospect", store::to_json(o.prospect)},
          {"parties", std::move(parties)},
          {"answers", store::to_json(o.answers)},
          {"set_aside", store::to_json(o.set_aside)},
          {"hold_reason", o.hold_reason},
          {"remind_on", date_or_null(o.remind_on)},
          {"cancel_reason", o.cancel_reason},
          {"created", store::to_json(o.created)},
          {"assigned_user_id", id_or_null(o.assigned_user)},
          {"created_at", format_instant(o.created_at)},
          {"completed_at",
           o.completed_at ? json::value(format_instant(*o.completed_at)) : json::value(nullptr)},
          {"version", o.version}};
}

json::object order_row_to_json(const store::ServiceOrderRow& r) {
  json::object o = order_to_json(r.order);
  o["campaign_code"] = r.campaign_code;
  o["package_code"] = r.package_code;
  o["prospect_name"] = r.prospect_name;
  return o;
}

json::object order_view_to_json(const app::OrderView& v, const JsonLabels& l) {
  json::object o = order_to_json(v.order);
  o["campaign"] = campaign_summary(v.campaign, l.language);
  o["package"] =
      v.package ? json::value(package_summary(*v.package, l.language)) : json::value(nullptr);
  o["questions"] = store::to_json(v.questions);
  json::array events;
  for (const auto& e : v.events)
    events.push_back(json::object{{"at", format_instant(e.at)},
                                  {"user_name", e.user_name},
                                  {"status", std::string(domain::to_code(e.status))},
                                  {"reason", e.reason}});
  o["events"] = std::move(events);
  o["customer_name"] = v.customer_name;
  o["account_number"] = v.account_number;
  o["premise_address"] = v.premise_address;
  o["territory_predefined"] = v.territory_predefined;
  return o;
}

json::object eligibility_to_json(const app::EligibilityTree& t, Id<domain::ServiceOrder> order,
                                 const JsonLabels& l) {
  json::array alternates;
  for (const auto& a : t.alternates) alternates.push_back(campaign_node_json(a, l, t.facts));
  return {{"order_id", order.value},
          {"campaign", campaign_node_json(t.order_campaign, l, t.facts)},
          {"alternates", std::move(alternates)}};
}

namespace {

std::optional<std::string> answer_text(const json::value& v) {
  if (v.is_null()) return std::string();
  if (const auto* s = v.if_string()) return std::string(*s);
  if (v.is_bool()) return std::string(v.get_bool() ? "yes" : "no");
  if (v.is_number()) return number_text(v);
  if (const auto* o = v.if_object()) {
    // The stored form {"type": "...", "value": "..."}.
    const auto* inner = o->if_contains("value");
    if (inner && !inner->is_object() && !inner->is_array() && o->if_contains("type"))
      return answer_text(*inner);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> typed_answer(const json::value& v, const std::string& path,
                                        FieldErrors& errors) {
  auto text = answer_text(v);
  if (!text) errors.add(bad_member(path));
  return text;
}

void apply_order(const json::object& o, app::OrderInput& in, FieldErrors& errors) {
  auto& order = in.order;
  if (const auto* v = api::get_member(o, "prospect")) {
    if (const auto* po = v->if_object()) {
      // Members merged over the current prospect, so a change may send only
      // what changes.
      json::object merged = store::to_json(order.prospect).as_object();
      for (const auto& m : *po)
        if (m.key() != "phone") merged[m.key()] = m.value();
      take(store::prospect_from_json(merged, "prospect"), order.prospect, errors);
      if (auto it = po->find("phone"); it != po->end()) {
        if (it->value().is_string())
          in.typed_phone = std::string(it->value().get_string());
        else if (it->value().is_null())
          in.typed_phone.clear();
        else
          errors.add(
              Error::invalid("json.type_string", "prospect.phone", {{"field", "prospect.phone"}}));
      } else if (po->contains("phone_e164")) {
        in.typed_phone = order.prospect.phone_e164;
      }
    } else {
      errors.add(Error::invalid("json.type_object", "prospect", {{"field", "prospect"}}));
    }
  }
  if (const auto* v = api::get_member(o, "parties")) {
    if (const auto* p = v->if_object()) {
      for (auto [name, target] :
           {std::pair{"person", &order.person}, std::pair{"account", &order.account},
            std::pair{"premise", &order.premise}})
        if (auto v = api::get_code<domain::PartyChoice>(*p, name, errors, "parties")) *target = *v;
      for (auto [name, target] : {std::pair{"customer_id", &order.customer},
                                  std::pair{"account_id", &order.existing_account},
                                  std::pair{"premise_id", &order.existing_premise}}) {
        if (api::is_null_member(*p, name))
          target->reset();
        else if (auto id = api::get_id(*p, name, errors, "parties"))
          *target = *id;
      }
      if (const auto* a = api::get_member(*p, "premise_address"))
        take(store::address_from_json(*a, "parties.premise_address"), order.premise_address,
             errors);
      if (auto t = api::get_string(*p, "premise_type", errors, "parties")) order.premise_type = *t;
    } else {
      errors.add(Error::invalid("json.type_object", "parties", {{"field", "parties"}}));
    }
  }
  for (auto& [code, value] : typed_values(api::get_member(o, "answers"), "answers", errors, true))
    in.answers[code] = std::move(value);
}

Error order_api_field(Error e) {
  static const std::pair<const char*, const char*> names[] = {
      {"existing_account", "parties.account_id"},
      {"existing_premise", "parties.premise_id"},
      {"existing_customer", "parties.customer_id"},
      {"existing_person", "parties.customer_id"},
      {"customer", "parties.customer_id"},
      {"person", "parties.person"},
      {"account", "parties.account"},
      {"premise", "parties.premise"},
      {"premise_type", "parties.premise_type"},
      {"premise_address", "parties.premise_address"},
      {"phone", "prospect.phone"},
      {"typed_phone", "prospect.phone"},
      {"campaign", "campaign_id"},
      {"package", "package_id"},
      {"hold_reason", "reason"},
      {"cancel_reason", "reason"},
  };
  for (const auto& [from, to] : names)
    if (e.field == from) {
      e.field = to;
      return e;
    }
  if (e.field.starts_with("answer."))
    e.field = "answers." + e.field.substr(7);
  else if (e.field.starts_with("premise_address."))
    e.field = "parties." + e.field;
  return e;
}

}  // namespace rapport::web
