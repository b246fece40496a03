#include "web/ui/marketing/campaign_editor_view.h"

#include <boost/json.hpp>

#include "domain/marketing/eligibility.h"
#include "i18n/format.h"
#include "web/problem.h"
#include "web/web_context.h"

namespace rapport::web::ui {
namespace {

namespace json = boost::json;

const std::vector<std::string>& value_type_codes() {
  static const std::vector<std::string> all{"text", "number", "date", "yes_no", "list"};
  return all;
}
const std::vector<std::string>& applicability_codes() {
  static const std::vector<std::string> all{"required", "optional", "with_package"};
  return all;
}
const std::vector<std::string>& comparison_codes() {
  static const std::vector<std::string> all{"eq", "ne", "lt", "le", "gt", "ge", "between", "in"};
  return all;
}
const std::vector<std::string>& outcome_codes() {
  static const std::vector<std::string> all{"eligible", "ineligible", "check_next"};
  return all;
}

}  // namespace

void set_error(json::object& row, const std::string& key, const std::string& message) {
  // false rather than absent: Mustache would find an outer row's error.
  if (message.empty())
    row[key] = false;
  else
    row[key] = message;
}

ErrorIndex::ErrorIndex(const Request& req, const i18n::Catalog& catalog,
                       const FieldErrors& errors) {
  for (const auto& e : errors.errors)
    items_.push_back({e.field, localized_message(req, catalog, e)});
}

std::string ErrorIndex::take(const std::string& field) {
  std::string out;
  for (auto& item : items_) {
    if (item.taken) continue;
    if (item.field != field && !item.field.starts_with(field + ".")) continue;
    item.taken = true;
    if (out.find(item.message) != std::string::npos) continue;
    out += (out.empty() ? "" : " ") + item.message;
  }
  return out;
}

std::vector<std::string> ErrorIndex::rest() {
  std::vector<std::string> out;
  for (auto& item : items_)
    if (!item.taken) {
      item.taken = true;
      out.push_back(item.message);
    }
  return out;
}

json::array select_options(const Choices& choices, const std::string& selected) {
  json::array out;
  bool found = false;
  for (const auto& [value, label] : choices) {
    found = found || value == selected;
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  if (!found && !selected.empty())
    out.push_back({{"value", selected}, {"label", selected}, {"selected", true}});
  return out;
}

std::string catalog_label(const i18n::Catalog& catalog, Language language,
                          const std::string& prefix, const std::string& code) {
  std::string key = prefix + "." + code;
  return catalog.has(language, key) ? catalog.text(language, key) : code;
}

Choices labelled(const i18n::Catalog& catalog, Language language, const std::string& prefix,
                 const std::vector<std::string>& values) {
  Choices out;
  for (const auto& v : values) out.emplace_back(v, catalog_label(catalog, language, prefix, v));
  return out;
}

const std::vector<std::string>& customer_class_codes() {
  static const std::vector<std::string> all{"residential", "commercial", "industrial", "public"};
  return all;
}

domain::FieldChoices rule_choices(const Request& req, const WebContext& ctx) {
  auto known = ctx.campaigns.field_choices(*req.user, ctx.catalog);
  return known ? std::move(*known) : domain::FieldChoices{};
}

std::string question_label(const domain::Question& q, Language language) {
  const std::string& p = domain::prompt(q, language);
  return p.empty() ? q.code : p + " (" + q.code + ")";
}

void add_questions_editor(json::object& data, const i18n::Catalog& catalog, Language language,
                          const std::vector<QuestionRow>& rows, ErrorIndex& errors) {
  data["bounds_hint"] =
      catalog.text(language, "question.bounds_hint",
                   {{"max", i18n::format_integer(language, domain::kMaxNumberBound)}});
  const Choices types = labelled(catalog, language, "value_type", value_type_codes());
  const Choices applicabilities =
      labelled(catalog, language, "applicability", applicability_codes());
  json::array out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::string prefix = "questions." + std::to_string(i);
    json::object row{{"index", i},
                     {"n", i + 1},
                     {"prefix", prefix},
                     {"code", r.code},
                     {"prompt_en", r.prompt_en},
                     {"prompt_fr", r.prompt_fr},
                     {"choices", r.choices},
                     {"min", r.min},
                     {"max", r.max},
                     {"type_options", select_options(types, r.type)},
                     {"applicability_options", select_options(applicabilities, r.applicability)}};
    for (const char* part :
         {"code", "prompt_en", "prompt_fr", "type", "choices", "applicability", "min", "max"})
      set_error(row, std::string(part) + "_error", errors.take(prefix + "." + part));
    set_error(row, "row_error", errors.take(prefix));
    out.push_back(std::move(row));
  }
  data["has_question_rows"] = !out.empty();
  data["question_rows"] = std::move(out);
  if (auto e = errors.take("questions"); !e.empty()) data["questions_error"] = e;
}

void add_rules_editor(json::object& data, const i18n::Catalog& catalog, Language language,
                      const std::vector<GroupRow>& rows, const std::vector<domain::Question>& scope,
                      const domain::FieldChoices& known, ErrorIndex& errors) {
  // The fields a criterion may look at, by source.
  Choices answers, order, computed;
  for (const auto& q : scope)
    answers.emplace_back(domain::to_code(domain::FieldRef{domain::FieldSource::answer, q.code}),
                         question_label(q, language));
  for (const auto& k : domain::known_fields())
    (k.field.source == domain::FieldSource::order ? order : computed)
        .emplace_back(domain::to_code(k.field), catalog.text(language, k.label_key));
  const Choices comparisons = [&] {
    Choices out;
    for (const auto& code : comparison_codes()) {
      auto c = domain::comparison_from(code);
      std::string sym(domain::symbol(*c));
      std::string label = catalog_label(catalog, language, "comparison", code);
      out.emplace_back(code, sym == code || sym == label ? label : sym + " " + label);
    }
    return out;
  }();
  const Choices outcomes = labelled(catalog, language, "group_outcome", outcome_codes());
  const Choices effects =
      labelled(catalog, language, "criterion_effect", {"holds", "fails", "check_next"});
  const Choices insufficient_effects = labelled(catalog, language, "criterion_effect",
                                                {"needs_data", "holds", "fails", "check_next"});

  auto field_groups = [&](const std::string& selected) {
    json::array groups;
    bool found = selected.empty();
    auto add = [&](const char* label_key, const Choices& choices) {
      json::array options;
      for (const auto& [value, label] : choices) {
        found = found || value == selected;
        options.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
      }
      if (!options.empty())
        groups.push_back({{"label", catalog.text(language, label_key)}, {"options", options}});
    };
    add("rules.fields.answers", answers);
    add("rules.fields.order", order);
    add("rules.fields.computed", computed);
    if (!found)
      groups.push_back(
          {{"label", catalog.text(language, "rules.fields.unknown")},
           {"options",
            json::array{{{"value", selected}, {"label", selected}, {"selected", true}}}}});
    return groups;
  };

  json::array out;
  for (std::size_t g = 0; g < rows.size(); ++g) {
    const auto& gr = rows[g];
    const std::string gp = "rules.groups." + std::to_string(g);
    json::array criteria;
    for (std::size_t c = 0; c < gr.criteria.size(); ++c) {
      const auto& cr = gr.criteria[c];
      const std::string cp = gp + ".criteria." + std::to_string(c);
      json::object row{
          {"g", g},
          {"c", c},
          {"n", c + 1},
          {"prefix", cp},
          {"field_groups", field_groups(cr.field)},
          {"comparison_options", select_options(comparisons, cr.comparison)},
          {"values", cr.values},
          {"if_true_options", select_options(effects, cr.if_true)},
          {"if_false_options", select_options(effects, cr.if_false)},
          {"if_insufficient_options", select_options(insufficient_effects, cr.if_insufficient)}};
      for (const char* part :
           {"field", "comparison", "values", "if_true", "if_false", "if_insufficient"})
        set_error(row, std::string(part) + "_error", errors.take(cp + "." + part));
      set_error(row, "row_error", errors.take(cp));
      // A coded field's choices, offered as the values are typed.
      const auto field = domain::field_ref_from(cr.field);
      if (const auto* choices = field ? domain::field_choices(*field, scope, known) : nullptr) {
        json::array options;
        std::string labels;
        for (const auto& choice : *choices) {
          std::string label = domain::choice_label(*choices, choice.code, language);
          labels += (labels.empty() ? "" : ", ") + label;
          options.push_back(json::object{{"label", label}});
        }
        row["has_choices"] = true;
        row["choices"] = std::move(options);
        row["choices_hint"] =
            catalog.text(language, "criterion.values_choices", {{"choices", labels}});
      } else {
        row["has_choices"] = false;
      }
      criteria.push_back(std::move(row));
    }
    json::object group{{"g", g},
                       {"n", g + 1},
                       {"prefix", gp},
                       {"label", gr.label},
                       {"label_fr", gr.label_fr},
                       {"if_true_options", select_options(outcomes, gr.if_true)},
                       {"if_false_options", select_options(outcomes, gr.if_false)},
                       {"criteria", std::move(criteria)}};
    for (const char* part : {"label", "label_fr", "if_true", "if_false", "criteria"})
      set_error(group, std::string(part) + "_error", errors.take(gp + "." + part));
    set_error(group, "group_error", errors.take(gp));
    out.push_back(std::move(group));
  }
  data["has_group_rows"] = !out.empty();
  data["group_rows"] = std::move(out);
  if (auto e = errors.take("rules"); !e.empty()) data["rules_error"] = e;
}

bool manages_campaigns(const Request& req) {
  return req.user && app::allowed(*req.user, app::Capability::manage_campaigns);
}

}  // namespace rapport::web::ui
