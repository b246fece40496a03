// The manager's campaign pages (campaigns-and-orders.md, "Campaign",
// "Beyond the seed"): the list of campaigns, a campaign's form with its
// questions and eligibility rules and the list of its packages, and the
// conversion report with its chart. The package form is package_pages.cpp.
#include <boost/json.hpp>

#include "domain/customers/codes.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/campaign_editor_view.h"
#include "web/ui/marketing/campaign_form_data.h"
#include "web/ui/marketing/conversion_chart.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::Campaign;

std::string validity(const Request& req, const Campaign& c) {
  std::string out = i18n::format_civil_date(req.language, c.valid_from);
  if (c.valid_to) out += " – " + i18n::format_civil_date(req.language, *c.valid_to);
  return out;
}

std::string join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

// --- the list --------------------------------------------------------------

Response list_campaigns(Request& req, WebContext& ctx) {
  auto campaigns = ctx.campaigns.listing(*req.user, false);
  if (!campaigns) return error_page(req, ctx, campaigns.error());
  json::array rows;
  for (const auto& [c, offered, packages] : *campaigns) {
    rows.push_back({{"id", c.id.value},
                    {"code", c.code},
                    {"description", domain::description(c, req.language)},
                    {"active", c.active},
                    {"offered", offered},
                    {"validity", validity(req, c)},
                    {"packages", packages}});
  }
  json::object data{{"campaign_rows", std::move(rows)},
                    {"has_campaigns", !campaigns->empty()},
                    {"can_manage", manages_campaigns(req)}};
  return html_response(200,
                       ctx.views.page(req, "campaigns", data, text(req, ctx, "campaigns.title")));
}

// --- the campaign form -----------------------------------------------------

// The campaign as typed, with the editors' rows and the dates as typed.
struct CampaignForm {
  Campaign campaign;
  std::vector<QuestionRow> questions;
  std::vector<GroupRow> groups;
  std::string valid_from, valid_to, target_regions;
};

CampaignForm form_of(const Campaign& c, const domain::FieldChoices& known, Language language) {
  return {c,
          question_rows(c.questions),
          group_rows(c.rules, c.questions, known, language),
          format_date(c.valid_from),
          c.valid_to ? format_date(*c.valid_to) : "",
          join(c.target_regions)};
}

// "<party>.usage" and "<party>.may_create" (premise, account).
domain::PartyUsage party_usage(const Request& req, const std::string& party,
                               domain::Usage fallback) {
  return {domain::usage_from(req.form_value(party + ".usage")).value_or(fallback),
          req.form_value(party + ".may_create") == "1"};
}

CampaignForm read_form(const Request& req) {
  CampaignForm f;
  auto& c = f.campaign;
  c.code = req.form_value("code");
  c.description_en = req.form_value("description_en");
  c.description_fr = req.form_value("description_fr");
  c.active = req.form_value("active") == "1";
  f.valid_from = req.form_value("valid_from");
  f.valid_to = req.form_value("valid_to");
  for (const auto& [k, v] : req.form())
    if (k == "target_classes" && !v.empty()) c.target_classes.push_back(v);
  f.target_regions = req.form_value("target_regions");
  c.target_regions = split_list(f.target_regions);
  c.complete_without_package = req.form_value("complete_without_package") == "1";
  c.new_person_class = req.form_value("new_person_class");
  c.new_person_language =
      parse_language(req.form_value("new_person_language")).value_or(Language::en);
  c.new_person_relationship = domain::parse_relationship(req.form_value("new_person_relationship"));
  c.premise = party_usage(req, "premise", domain::Usage::optional);
  c.account = party_usage(req, "account", domain::Usage::required);
  c.version = form_int(req, "version", 0);
  f.questions = read_question_rows(req);
  f.groups = read_group_rows(req);
  return f;
}

// The domain campaign of the form; typing faults in `errors`.
Campaign to_campaign(CampaignForm& f, const domain::FieldChoices& known, Language language,
                     FieldErrors& errors) {
  drop_blank_rows(f.questions, f.groups, nullptr);
  Campaign c = f.campaign;
  if (f.valid_from.empty()) {
    errors.add(Error::invalid("field.required", "valid_from"));
  } else if (auto d = parse_date(f.valid_from)) {
    c.valid_from = *d;
  } else {
    errors.add(Error::invalid("field.date_invalid", "valid_from"));
  }
  c.valid_to.reset();
  if (!f.valid_to.empty()) {
    if (auto d = parse_date(f.valid_to))
      c.valid_to = *d;
    else
      errors.add(Error::invalid("field.date_invalid", "valid_to"));
  }
  c.questions = to_questions(f.questions, &errors);
  c.rules = to_rules(f.groups, c.questions, known, language, errors);
  return c;
}

json::object usage_data(const Request& req, const WebContext& ctx, const domain::PartyUsage& u) {
  return {{"options", select_options(labelled(ctx.catalog, req.language, "usage",
                                              {"not_allowed", "optional", "required"}),
                                     std::string(domain::to_code(u.usage)))},
          {"may_create", u.may_create}};
}

// The packages of the campaign, for the table below its form.
json::array package_rows(const Request& req, const WebContext& ctx,
                         const std::vector<domain::Package>& packages) {
  std::map<std::string, std::string> type_labels;
  if (auto types = ctx.campaigns.agreement_types(*req.user))
    for (const auto& t : *types)
      type_labels[t.code] = req.language == Language::fr && !t.label_fr.empty() ? t.label_fr
                            : t.label_en.empty()                                ? t.code
                                                                                : t.label_en;
  json::array rows;
  for (const auto& p : packages) {
    std::vector<std::string> agreements;
    for (const auto& a : p.agreements) {
      auto it = type_labels.find(a.agreement_type);
      std::string label = it != type_labels.end() ? it->second : a.agreement_type;
      if (a.proposal) label += " (" + text(req, ctx, "agreement.proposal_short") + ")";
      agreements.push_back(label);
    }
    rows.push_back({{"id", p.id.value},
                    {"code", p.code},
                    {"description", domain::description(p, req.language)},
                    {"display_order", p.display_order},
                    {"active", p.active},
                    {"agreements", join(agreements)}});
  }
  return rows;
}

Response render_form(const Request& req, const WebContext& ctx, int status, const CampaignForm& f,
                     const FieldErrors& errors, const std::vector<domain::Package>* packages) {
  const Campaign& c = f.campaign;
  const bool is_new = c.id.value == 0;
  const bool editable = manages_campaigns(req);
  ErrorIndex index(req, ctx.catalog, errors);
  json::object data;
  // The summary at the top names every error.
  json::array summary;
  for (const auto& e : errors.errors)
    if (!e.field.empty())
      summary.push_back({{"field", e.field}, {"message", localized_message(req, ctx.catalog, e)}});
  data["has_form_errors"] = !summary.empty();
  data["error_list"] = std::move(summary);

  data["is_new"] = is_new;
  data["editable"] = editable;
  data["id"] = c.id.value;
  data["version"] = c.version;
  data["action"] = is_new ? std::string("/campaigns") : "/campaigns/" + std::to_string(c.id.value);
  data["heading"] = is_new ? text(req, ctx, "campaign.new")
                           : c.code + " — " + domain::description(c, req.language);
  data["code"] = c.code;
  data["code_hint"] =
      text(req, ctx, "code.hint", {{"max", std::to_string(domain::kMaxCampaignCode)}});
  data["description_en"] = c.description_en;
  data["description_fr"] = c.description_fr;
  data["active"] = c.active;
  data["valid_from"] = f.valid_from;
  data["valid_to"] = f.valid_to;
  data["target_regions"] = f.target_regions;
  data["complete_without_package"] = c.complete_without_package;
  json::array classes;
  for (const auto& code : customer_class_codes())
    classes.push_back({{"code", code},
                       {"label", catalog_label(ctx.catalog, req.language, "customer_class", code)},
                       {"checked", std::find(c.target_classes.begin(), c.target_classes.end(),
                                             code) != c.target_classes.end()}});
  for (const auto& code : c.target_classes)  // a class the list does not know
    if (std::find(customer_class_codes().begin(), customer_class_codes().end(), code) ==
        customer_class_codes().end())
      classes.push_back({{"code", code}, {"label", code}, {"checked", true}});
  data["class_options"] = std::move(classes);
  data["new_person_class_options"] =
      select_options(labelled(ctx.catalog, req.language, "customer_class", customer_class_codes()),
                     c.new_person_class);
  data["new_person_language_options"] =
      select_options(labelled(ctx.catalog, req.language, "language", {"en", "fr"}),
                     std::string(code(c.new_person_language)));
  data["new_person_relationship_options"] =
      select_options(labelled(ctx.catalog, req.language, "account_relationship",
                              {"main", "financially_responsible", "other"}),
                     std::string(domain::to_code(c.new_person_relationship)));
  data["premise_usage"] = usage_data(req, ctx, c.premise);
  data["account_usage"] = usage_data(req, ctx, c.account);
  for (const char* name :
       {"code", "description_en", "description_fr", "active", "valid_from", "valid_to",
        "target_classes", "target_regions", "complete_without_package", "new_person_class",
        "new_person_language", "new_person_relationship"})
    set_error(data, std::string(name) + "_error", index.take(name));
  for (const char* party : {"premise", "account"}) {
    set_error(data, std::string(party) + "_usage_error", index.take(std::string(party) + ".usage"));
    set_error(data, std::string(party) + "_may_create_error",
              index.take(std::string(party) + ".may_create"));
  }
  data["questions_legend"] = text(req, ctx, "campaign.questions");
  add_questions_editor(data, ctx.catalog, req.language, f.questions, index);
  add_rules_editor(data, ctx.catalog, req.language, f.groups, to_questions(f.questions),
                   rule_choices(req, ctx), index);
  if (auto rest = index.rest(); !rest.empty()) data["alert_error"] = join(rest, " ");

  if (packages) {
    data["package_rows"] = package_rows(req, ctx, *packages);
    data["has_packages"] = !packages->empty();
  }
  if (!is_new)
    if (auto history = ctx.campaigns.history(*req.user, "campaign", c.id.value))
      add_history(data, req, ctx.catalog, *history);
  if (req.query_value("saved") == "1" && status == 200)
    data["alert_success"] = text(req, ctx, "form.saved");
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "campaign_form", data, title));
}

Response new_campaign(Request& req, WebContext& ctx) {
  if (!manages_campaigns(req)) return error_page(req, ctx, Error::forbidden());
  return render_form(req, ctx, 200, form_of(ctx.campaigns.blank_campaign(), {}, req.language), {},
                     nullptr);
}

Response show_campaign(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return error_page(req, ctx, 404);
  auto full = ctx.campaigns.campaign(*req.user, *id);
  if (!full) return error_page(req, ctx, full.error());
  return render_form(req, ctx, 200, form_of(full->campaign, rule_choices(req, ctx), req.language),
                     {}, &full->packages);
}

Response post_campaign(Request& req, WebContext& ctx, bool is_new) {
  std::optional<Id<Campaign>> id;
  std::vector<domain::Package> packages;
  if (!is_new) {
    id = id_param<Campaign>(req);
    if (!id) return error_page(req, ctx, 404);
    auto full = ctx.campaigns.campaign(*req.user, *id);
    if (!full) return error_page(req, ctx, full.error());
    packages = std::move(full->packages);
  }
  if (!manages_campaigns(req)) return error_page(req, ctx, Error::forbidden());
  CampaignForm f = read_form(req);
  if (id) f.campaign.id = *id;
  const auto* listed = is_new ? nullptr : &packages;
  // The editors' buttons change the rows and show the form again.
  if (apply_row_action(req.form_value("action"), f.questions, f.groups, nullptr))
    return render_form(req, ctx, 200, f, {}, listed);

  FieldErrors errors;
  Campaign c = to_campaign(f, rule_choices(req, ctx), req.language, errors);
  if (!errors.empty()) {
    // Typing faults first, then what the domain finds on the rest.
    for (auto& e : domain::validate_campaign(c).errors) {
      bool known = false;
      for (const auto& seen : errors.errors) known = known || seen.field == e.field;
      if (!known) errors.add(std::move(e));
    }
    return render_form(req, ctx, 422, f, errors, listed);
  }
  auto saved = ctx.campaigns.save_campaign(*req.user, c, &errors);
  if (saved) return redirect(req, "/campaigns/" + std::to_string(saved->id.value) + "?saved=1");
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  return render_form(req, ctx, http_status(saved.error().code), f, errors, listed);
}

// --- conversion ------------------------------------------------------------

Response show_conversion(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return error_page(req, ctx, 404);
  auto full = ctx.campaigns.campaign(*req.user, *id);
  if (!full) return error_page(req, ctx, full.error());
  auto figures = ctx.campaigns.conversion(*req.user, *id);
  if (!figures) return error_page(req, ctx, figures.error());
  const auto& c = full->campaign;
  const auto& f = *figures;
  auto number = [&](long n) { return i18n::format_integer(req.language, n); };
  auto bar = [&](const char* key, long n, const char* kind, bool indent = false) {
    return ChartBar{text(req, ctx, key), n, number(n), kind, indent};
  };
  std::vector<ChartBar> bars{bar("conversion.started", f.started, "started"),
                             bar("conversion.pending", f.pending, "pending"),
                             bar("conversion.held", f.held, "held"),
                             bar("conversion.canceled", f.canceled, "canceled")};
  for (const auto& [reason, n] : f.canceled_by_reason)
    bars.push_back({catalog_label(ctx.catalog, req.language, "order.cancel_reason", reason), n,
                    number(n), "canceled-reason", true});
  bars.push_back(bar("conversion.complete", f.complete, "complete"));
  const std::string title = text(req, ctx, "conversion.chart_title", {{"code", c.code}});
  json::object data{{"id", c.id.value},
                    {"code", c.code},
                    {"description", domain::description(c, req.language)},
                    {"chart", bar_chart_svg(bars, title)},
                    {"has_orders", f.started > 0}};
  if (f.started > 0)
    data["completion_rate"] =
        text(req, ctx, "conversion.rate",
             {{"rate", number(static_cast<long>(100.0 * f.complete / f.started + 0.5))}});
  return html_response(200, ctx.views.page(req, "campaign_conversion", data,
                                           text(req, ctx, "conversion.title") + " — " + c.code));
}

}  // namespace

void register_campaign_pages(Router& router, WebContext& ctx) {
  router.get("/campaigns", Access::staff, [&ctx](Request& r) { return list_campaigns(r, ctx); });
  router.get("/campaigns/new", Access::staff, [&ctx](Request& r) { return new_campaign(r, ctx); });
  router.post("/campaigns", Access::staff,
              [&ctx](Request& r) { return post_campaign(r, ctx, true); });
  router.get("/campaigns/{id}", Access::staff,
             [&ctx](Request& r) { return show_campaign(r, ctx); });
  router.post("/campaigns/{id}", Access::staff,
              [&ctx](Request& r) { return post_campaign(r, ctx, false); });
  router.get("/campaigns/{id}/conversion", Access::staff,
             [&ctx](Request& r) { return show_conversion(r, ctx); });
}

}  // namespace rapport::web::ui
