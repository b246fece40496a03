// The manager's package form (campaigns-and-orders.md, "Package",
// "Package eligibility", "Beyond the seed"): its texts, overrides of the
// campaign's questions, own questions, eligibility rules, the service
// agreements completing an order creates, and "Test the rules" — the draft
// package's rules tried on sample answers without saving anything.
#include <charconv>
#include <cstdio>
#include <set>

#include <boost/json.hpp>

#include "web/problem.h"
#include "web/ui/error_page.h"
#include "web/ui/form_view.h"
#include "web/ui/marketing/campaign_editor_view.h"
#include "web/ui/marketing/campaign_form_data.h"
#include "web/ui/marketing/eligibility_text.h"
#include "web/ui/page_text.h"
#include "web/ui/routes.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;
using domain::Campaign;
using domain::Package;

constexpr const char* kPointTypes[] = {"electric_meter", "gas_meter", "broadband_line"};

// The package as typed, with the editors' rows and the samples of the test panel.
struct PackageForm {
  Package package;
  std::string display_order;
  std::vector<QuestionRow> questions;
  std::vector<GroupRow> groups;
  std::vector<AgreementRow> agreements;
  std::map<std::string, std::string> overrides;  // campaign question code → applicability or ""
  std::map<std::string, std::string> samples;    // input name → value typed
};

PackageForm form_of(const Package& p, const Campaign& c, const domain::FieldChoices& known,
                    Language language) {
  PackageForm f{p,
                std::to_string(p.display_order),
                question_rows(p.questions),
                group_rows(p.rules, domain::questions_in_scope(c, &p), known, language),
                agreement_rows(p.agreements),
                {},
                {}};
  for (const auto& o : p.overrides)
    f.overrides[o.code] = std::string(domain::to_code(o.applicability));
  return f;
}

PackageForm read_form(const Request& req, Id<Campaign> campaign) {
  PackageForm f;
  auto& p = f.package;
  p.campaign = campaign;
  p.code = req.form_value("code");
  p.description_en = req.form_value("description_en");
  p.description_fr = req.form_value("description_fr");
  p.active = req.form_value("active") == "1";
  f.display_order = req.form_value("display_order");
  p.instructions_en = req.form_value("instructions_en");
  p.instructions_fr = req.form_value("instructions_fr");
  p.version = form_int(req, "version", 0);
  for (const auto& [k, v] : req.form()) {
    if (k.starts_with("overrides.")) f.overrides[k.substr(10)] = v;
    if (k.starts_with("sample.") || k.starts_with("sample_order.") ||
        k.starts_with("sample_computed."))
      f.samples[k] = v;
  }
  f.questions = read_question_rows(req);
  f.groups = read_group_rows(req);
  f.agreements = read_agreement_rows(req);
  return f;
}

// The campaign questions' overrides as typed, in the campaign's order.
std::vector<domain::QuestionOverride> overrides_of(const PackageForm& f, const Campaign& c) {
  std::vector<domain::QuestionOverride> out;
  for (const auto& q : c.questions) {
    auto it = f.overrides.find(q.code);
    if (it == f.overrides.end()) continue;
    if (auto a = domain::applicability_from(it->second)) out.push_back({q.code, *a});
  }
  return out;
}

// The domain package of the form (blank rows dropped); typing faults in `errors`.
Package to_package(PackageForm& f, const Campaign& c, const domain::FieldChoices& known,
                   Language language, FieldErrors& errors) {
  drop_blank_rows(f.questions, f.groups, &f.agreements);
  Package p = f.package;
  p.display_order = 0;
  if (!f.display_order.empty()) {
    int n = 0;
    const char* end = f.display_order.data() + f.display_order.size();
    auto [ptr, ec] = std::from_chars(f.display_order.data(), end, n);
    if (ec != std::errc() || ptr != end || n < -100000 || n > 100000)
      errors.add(Error::invalid("field.number_invalid", "display_order"));
    else
      p.display_order = n;
  }
  p.questions = to_questions(f.questions, &errors);
  p.overrides = overrides_of(f, c);
  p.agreements = to_agreements(f.agreements);
  p.rules = to_rules(f.groups, domain::questions_in_scope(c, &p), known, language, errors);
  return p;
}

// --- the test panel --------------------------------------------------------

struct SampleInput {
  std::string name, label;
  std::string kind = "text";  // input type, or "select"
  Choices choices;
};

std::vector<SampleInput> sample_inputs(const Request& req, const WebContext& ctx,
                                       const std::vector<domain::Question>& scope,
                                       domain::FieldSource source) {
  std::vector<SampleInput> out;
  const Choices yes_no{{"yes", text(req, ctx, "eligibility.yes")},
                       {"no", text(req, ctx, "eligibility.no")}};
  if (source == domain::FieldSource::answer) {
    for (const auto& q : scope) {
      SampleInput in;
      in.name = "sample." + q.code;
      in.label = question_label(q, req.language);
      if (q.type == domain::ValueType::list) {
        in.kind = "select";
        for (const auto& c : q.choices)
          in.choices.emplace_back(c.code, domain::choice_label(q, c.code, req.language));
      } else if (q.type == domain::ValueType::yes_no) {
        in.kind = "select";
        in.choices = yes_no;
      } else if (q.type == domain::ValueType::date) {
        in.kind = "date";
      } else if (q.type == domain::ValueType::number) {
        in.kind = "number";
      }
      out.push_back(std::move(in));
    }
    return out;
  }
  const char* prefix = source == domain::FieldSource::order ? "sample_order." : "sample_computed.";
  const auto known =
      source == domain::FieldSource::order ? rule_choices(req, ctx) : domain::FieldChoices{};
  for (const auto& k : domain::known_fields()) {
    if (k.field.source != source) continue;
    SampleInput in;
    in.name = prefix + k.field.name;
    in.label = text(req, ctx, k.label_key);
    if (const auto* choices = domain::field_choices(k.field, scope, known)) {
      in.kind = "select";
      for (const auto& c : *choices)
        in.choices.emplace_back(c.code, domain::choice_label(*choices, c.code, req.language));
    } else if (k.type == domain::ValueType::number) {
      in.kind = "number";
    }
    out.push_back(std::move(in));
  }
  return out;
}

json::array sample_data(const std::vector<SampleInput>& inputs, const PackageForm& f) {
  json::array out;
  for (const auto& in : inputs) {
    auto it = f.samples.find(in.name);
    std::string value = it == f.samples.end() ? "" : it->second;
    json::object row{{"name", in.name}, {"label", in.label}, {"value", value}};
    if (in.kind == "select") {
      Choices choices{{"", "—"}};
      choices.insert(choices.end(), in.choices.begin(), in.choices.end());
      row["is_select"] = true;
      row["options"] = select_options(choices, value);
    } else {
      row["is_select"] = false;
      row["type"] = in.kind;
    }
    out.push_back(std::move(row));
  }
  return out;
}

// Where a rule error is, in words: "Group 1, criterion 2".
std::string where(const Request& req, const WebContext& ctx, const std::string& field) {
  int g = -1, c = -1;
  if (std::sscanf(field.c_str(), "rules.groups.%d.criteria.%d", &g, &c) == 2)
    return text(req, ctx, "rules.where_criterion",
                {{"group", std::to_string(g + 1)}, {"n", std::to_string(c + 1)}});
  if (std::sscanf(field.c_str(), "rules.groups.%d", &g) == 1)
    return text(req, ctx, "rules.where_group", {{"group", std::to_string(g + 1)}});
  if (std::sscanf(field.c_str(), "questions.%d", &g) == 1)
    return text(req, ctx, "rules.where_question", {{"n", std::to_string(g + 1)}});
  return "";
}

// The test's outcome: "test_done", the verdict's icon, class, label and
// reason, or the errors that kept it from being decided.
json::object test_result(const Request& req, const WebContext& ctx, PackageForm& f,
                         const Campaign& campaign) {
  json::object out{{"test_done", true}};
  FieldErrors typing;
  Package draft = to_package(f, campaign, rule_choices(req, ctx), req.language, typing);
  const auto scope = domain::questions_in_scope(campaign, &draft);
  json::array problems;
  auto problem = [&](const std::string& at, const Error& e) {
    std::string message = localized_message(req, ctx.catalog, e);
    problems.push_back(json::string(
        at.empty() ? message
                   : text(req, ctx, "rules.problem_at", {{"at", at}, {"message", message}})));
  };
  // Labels of the sample inputs, for their errors.
  std::map<std::string, std::string> labels;
  for (auto source :
       {domain::FieldSource::answer, domain::FieldSource::order, domain::FieldSource::computed})
    for (const auto& in : sample_inputs(req, ctx, scope, source)) {
      auto dot = in.name.find('.');
      labels.emplace(in.name.substr(dot + 1), in.label);
    }
  auto fail = [&](const char* key) {
    out["test_failed"] = true;
    out["test_failure"] = text(req, ctx, key);
    out["test_problems"] = std::move(problems);
    return out;
  };
  if (!typing.empty()) {
    for (const auto& e : typing.errors) problem(where(req, ctx, e.field), e);
    return fail("rules.test_rules_invalid");
  }
  app::RuleTestInput input;
  input.draft = draft;
  for (const auto& [name, value] : f.samples) {
    if (value.empty()) continue;
    if (name.starts_with("sample_order."))
      input.order_fields[name.substr(13)] = value;
    else if (name.starts_with("sample_computed."))
      input.computed[name.substr(16)] = value;
    else
      input.answers[name.substr(7)] = value;
  }
  auto tested = ctx.campaigns.test_rules(*req.user, input);
  if (!tested) {
    problem("", tested.error());
    return fail("rules.test_failed");
  }
  if (!tested->rule_errors.empty() || !tested->sample_errors.empty()) {
    for (const auto& e : tested->rule_errors.errors) problem(where(req, ctx, e.field), e);
    for (const auto& e : tested->sample_errors.errors) {
      std::string name = e.field.starts_with("sample.") ? e.field.substr(7) : e.field;
      auto it = labels.find(name);
      problem(it != labels.end() ? it->second : name, e);
    }
    return fail(tested->rule_errors.empty() ? "rules.test_samples_invalid"
                                            : "rules.test_rules_invalid");
  }
  const auto& v = tested->verdict;
  out["test_icon"] = std::string(verdict_icon(v.result));
  out["test_class"] = std::string(verdict_class(v.result));
  out["test_label"] = verdict_label(v.result, req.language, ctx.catalog);
  out["test_reason"] = verdict_reason(v, draft.rules, scope, req.language, ctx.catalog);
  return out;
}

// --- the form --------------------------------------------------------------

Response render_form(const Request& req, const WebContext& ctx, int status, const PackageForm& f,
                     const Campaign& campaign, const FieldErrors& errors, json::object test) {
  const Package& p = f.package;
  const bool is_new = p.id.value == 0;
  const bool editable = manages_campaigns(req);
  ErrorIndex index(req, ctx.catalog, errors);
  json::object data = std::move(test);
  json::array summary;
  for (const auto& e : errors.errors)
    if (!e.field.empty())
      summary.push_back({{"field", e.field}, {"message", localized_message(req, ctx.catalog, e)}});
  data["has_form_errors"] = !summary.empty();
  data["error_list"] = std::move(summary);

  data["is_new"] = is_new;
  data["editable"] = editable;
  data["id"] = p.id.value;
  data["campaign_id"] = campaign.id.value;
  data["campaign_code"] = campaign.code;
  data["campaign_description"] = domain::description(campaign, req.language);
  data["version"] = p.version;
  data["action"] = is_new ? "/campaigns/" + std::to_string(campaign.id.value) + "/packages"
                          : "/packages/" + std::to_string(p.id.value);
  data["heading"] = is_new ? text(req, ctx, "package.new")
                           : p.code + " — " + domain::description(p, req.language);
  data["code"] = p.code;
  data["code_hint"] =
      text(req, ctx, "code.hint", {{"max", std::to_string(domain::kMaxCampaignCode)}});
  data["description_en"] = p.description_en;
  data["description_fr"] = p.description_fr;
  data["active"] = p.active;
  data["display_order"] = f.display_order;
  data["instructions_en"] = p.instructions_en;
  data["instructions_fr"] = p.instructions_fr;
  for (const char* name : {"code", "description_en", "description_fr", "active", "display_order",
                           "instructions_en", "instructions_fr"})
    set_error(data, std::string(name) + "_error", index.take(name));

  // Overrides of the campaign's questions.
  const Choices override_choices = [&] {
    Choices out{{"", text(req, ctx, "package.override_inherit")}};
    for (const auto& [v, l] : labelled(ctx.catalog, req.language, "applicability",
                                       {"required", "optional", "with_package"}))
      out.emplace_back(v, l);
    return out;
  }();
  json::array overrides;
  for (const auto& q : campaign.questions) {
    auto it = f.overrides.find(q.code);
    overrides.push_back(
        {{"code", q.code},
         {"prompt", domain::prompt(q, req.language)},
         {"campaign_applicability", catalog_label(ctx.catalog, req.language, "applicability",
                                                  std::string(domain::to_code(q.applicability)))},
         {"options", select_options(override_choices, it == f.overrides.end() ? "" : it->second)}});
  }
  data["has_override_rows"] = !overrides.empty();
  data["override_rows"] = std::move(overrides);
  set_error(data, "overrides_error", index.take("overrides"));

  // The agreements to create.
  Choices types{{"", "—"}}, divisions{{"", "—"}};
  std::set<std::string> seen_divisions;
  if (auto all = ctx.campaigns.agreement_types(*req.user))
    for (const auto& t : *all) {
      std::string label = req.language == Language::fr && !t.label_fr.empty() ? t.label_fr
                          : t.label_en.empty()                                ? t.code
                                                                              : t.label_en;
      types.emplace_back(t.code, label);
      if (seen_divisions.insert(t.division).second)
        divisions.emplace_back(t.division,
                               catalog_label(ctx.catalog, req.language, "division", t.division));
    }
  Choices point_types{{"", text(req, ctx, "package.no_service_point")}};
  for (const char* code : kPointTypes)
    point_types.emplace_back(code,
                             catalog_label(ctx.catalog, req.language, "service_point_type", code));
  const Choices starts =
      labelled(ctx.catalog, req.language, "start_option", {"on_completion", "first_of_next_month"});
  json::array agreements;
  for (std::size_t i = 0; i < f.agreements.size(); ++i) {
    const auto& a = f.agreements[i];
    const std::string prefix = "agreements." + std::to_string(i);
    json::object row{{"index", i},
                     {"n", i + 1},
                     {"prefix", prefix},
                     {"division_options", select_options(divisions, a.division)},
                     {"type_options", select_options(types, a.agreement_type)},
                     {"start_options", select_options(starts, a.start)},
                     {"point_options", select_options(point_types, a.service_point_type)},
                     {"proposal", a.proposal}};
    for (const char* part :
         {"division", "agreement_type", "start", "service_point_type", "proposal"})
      set_error(row, std::string(part) + "_error", index.take(prefix + "." + part));
    set_error(row, "row_error", index.take(prefix));
    agreements.push_back(std::move(row));
  }
  data["has_agreement_rows"] = !agreements.empty();
  data["agreement_rows"] = std::move(agreements);
  set_error(data, "agreements_error", index.take("agreements"));

  // The editors, over the questions as typed.
  Package draft = p;
  draft.questions = to_questions(f.questions);
  draft.overrides = overrides_of(f, campaign);
  const auto scope = domain::questions_in_scope(campaign, &draft);
  data["questions_legend"] = text(req, ctx, "package.questions");
  add_questions_editor(data, ctx.catalog, req.language, f.questions, index);
  add_rules_editor(data, ctx.catalog, req.language, f.groups, scope, rule_choices(req, ctx), index);
  if (auto rest = index.rest(); !rest.empty()) {
    std::string all;
    for (const auto& r : rest) all += (all.empty() ? "" : " ") + r;
    data["alert_error"] = all;
  }

  // The test panel.
  data["sample_answers"] =
      sample_data(sample_inputs(req, ctx, scope, domain::FieldSource::answer), f);
  data["has_sample_answers"] = !scope.empty();
  data["sample_order"] = sample_data(sample_inputs(req, ctx, scope, domain::FieldSource::order), f);
  data["sample_computed"] =
      sample_data(sample_inputs(req, ctx, scope, domain::FieldSource::computed), f);

  if (!is_new)
    if (auto history = ctx.campaigns.history(*req.user, "package", p.id.value))
      add_history(data, req, ctx.catalog, *history);
  if (req.query_value("saved") == "1" && status == 200)
    data["alert_success"] = text(req, ctx, "form.saved");
  std::string title = data["heading"].as_string().c_str();
  return html_response(status, ctx.views.page(req, "package_form", data, title));
}

Response new_package(Request& req, WebContext& ctx) {
  auto id = id_param<Campaign>(req);
  if (!id) return error_page(req, ctx, 404);
  if (!manages_campaigns(req)) return error_page(req, ctx, Error::forbidden());
  auto full = ctx.campaigns.campaign(*req.user, *id);
  if (!full) return error_page(req, ctx, full.error());
  Package blank;
  blank.campaign = *id;
  int last = 0;
  for (const auto& p : full->packages) last = std::max(last, p.display_order);
  blank.display_order = full->packages.empty() ? 10 : last + 10;
  PackageForm f = form_of(blank, full->campaign, {}, req.language);
  f.agreements.emplace_back();
  return render_form(req, ctx, 200, f, full->campaign, {}, {});
}

Response show_package(Request& req, WebContext& ctx) {
  auto id = id_param<Package>(req);
  if (!id) return error_page(req, ctx, 404);
  auto p = ctx.campaigns.package(*req.user, *id);
  if (!p) return error_page(req, ctx, p.error());
  auto full = ctx.campaigns.campaign(*req.user, p->campaign);
  if (!full) return error_page(req, ctx, full.error());
  return render_form(req, ctx, 200,
                     form_of(*p, full->campaign, rule_choices(req, ctx), req.language),
                     full->campaign, {}, {});
}

Response post_package(Request& req, WebContext& ctx, bool is_new) {
  std::optional<Id<Package>> package_id;
  Id<Campaign> campaign_id;
  if (is_new) {
    auto id = id_param<Campaign>(req);
    if (!id) return error_page(req, ctx, 404);
    campaign_id = *id;
  } else {
    package_id = id_param<Package>(req);
    if (!package_id) return error_page(req, ctx, 404);
    auto stored = ctx.campaigns.package(*req.user, *package_id);
    if (!stored) return error_page(req, ctx, stored.error());
    campaign_id = stored->campaign;
  }
  if (!manages_campaigns(req)) return error_page(req, ctx, Error::forbidden());
  auto full = ctx.campaigns.campaign(*req.user, campaign_id);
  if (!full) return error_page(req, ctx, full.error());
  const Campaign& campaign = full->campaign;
  PackageForm f = read_form(req, campaign_id);
  if (package_id) f.package.id = *package_id;
  const std::string& action = req.form_value("action");

  if (action == "test") {
    PackageForm tried = f;  // the form keeps its blank rows
    json::object result = test_result(req, ctx, tried, campaign);
    if (req.is_htmx())
      return html_response(200, ctx.views.render("package_rule_test", result, req.language));
    return render_form(req, ctx, 200, f, campaign, {}, std::move(result));
  }
  if (apply_row_action(action, f.questions, f.groups, &f.agreements))
    return render_form(req, ctx, 200, f, campaign, {}, {});

  FieldErrors errors;
  Package p = to_package(f, campaign, rule_choices(req, ctx), req.language, errors);
  if (!errors.empty()) {
    for (auto& e : domain::validate_package(p, campaign).errors) {
      bool known = false;
      for (const auto& seen : errors.errors) known = known || seen.field == e.field;
      if (!known) errors.add(std::move(e));
    }
    return render_form(req, ctx, 422, f, campaign, errors, {});
  }
  auto saved = ctx.campaigns.save_package(*req.user, p, &errors);
  if (saved) return redirect(req, "/packages/" + std::to_string(saved->id.value) + "?saved=1");
  if (saved.error().code == ErrorCode::forbidden || saved.error().code == ErrorCode::not_found)
    return error_page(req, ctx, saved.error());
  if (errors.empty()) errors.add(saved.error());
  return render_form(req, ctx, http_status(saved.error().code), f, campaign, errors, {});
}

}  // namespace

void register_package_pages(Router& router, WebContext& ctx) {
  router.get("/campaigns/{id}/packages/new", Access::staff,
             [&ctx](Request& r) { return new_package(r, ctx); });
  router.post("/campaigns/{id}/packages", Access::staff,
              [&ctx](Request& r) { return post_package(r, ctx, true); });
  router.get("/packages/{id}", Access::staff, [&ctx](Request& r) { return show_package(r, ctx); });
  router.post("/packages/{id}", Access::staff,
              [&ctx](Request& r) { return post_package(r, ctx, false); });
}

}  // namespace rapport::web::ui
