#include "web/ui/marketing/eligibility_text.h"

namespace rapport::web::ui {
namespace {

const domain::Question* find_question(const std::vector<domain::Question>& questions,
                                      std::string_view code) {
  for (const auto& q : questions)
    if (q.code == code) return &q;
  return nullptr;
}

std::string quoted(std::string_view text, Language language, const i18n::Catalog& catalog) {
  return catalog.text(language, "eligibility.quoted", {{"text", std::string(text)}});
}

}  // namespace

std::string_view verdict_icon(domain::Eligibility e) {
  switch (e) {
    case domain::Eligibility::eligible:
      return "✔";
    case domain::Eligibility::ineligible:
      return "✘";
    case domain::Eligibility::insufficient_data:
      return "?";
  }
  return "?";
}

std::string_view verdict_class(domain::Eligibility e) {
  switch (e) {
    case domain::Eligibility::eligible:
      return "eligible";
    case domain::Eligibility::ineligible:
      return "ineligible";
    case domain::Eligibility::insufficient_data:
      return "insufficient";
  }
  return "insufficient";
}

std::string verdict_label(domain::Eligibility e, Language language, const i18n::Catalog& catalog) {
  return catalog.text(language, "eligibility." + std::string(domain::to_code(e)));
}

std::string field_label(const domain::FieldRef& field,
                        const std::vector<domain::Question>& questions_in_scope, Language language,
                        const i18n::Catalog& catalog) {
  if (field.source == domain::FieldSource::answer) {
    const auto* q = find_question(questions_in_scope, field.name);
    if (!q) return quoted(field.name, language, catalog);
    const std::string& p = domain::prompt(*q, language);
    return quoted(p.empty() ? q->code : p, language, catalog);
  }
  for (const auto& k : domain::known_fields())
    if (k.field == field) return catalog.text(language, k.label_key);
  return field.name;
}

std::string value_text(const domain::Value& value, const domain::FieldRef& field,
                       const std::vector<domain::Question>& questions_in_scope, Language language,
                       const i18n::Catalog& catalog) {
  switch (value.type) {
    case domain::ValueType::yes_no:
      return catalog.text(language, value.number != 0 ? "eligibility.yes" : "eligibility.no");
    case domain::ValueType::list:
      if (field.source == domain::FieldSource::answer)
        if (const auto* q = find_question(questions_in_scope, field.name))
          return domain::choice_label(*q, value.text, language);
      return value.text;
    default:
      // Order fields whose codes have labels: "customer_class.residential"…
      if (field.source == domain::FieldSource::order &&
          (field.name == "customer_class" || field.name == "customer_kind" ||
           field.name == "premise_type" || field.name == "language")) {
        const std::string key = field.name + "." + value.text;
        if (catalog.has(language, key)) return catalog.text(language, key);
      }
      return domain::format_value(value);
  }
}

std::string criterion_text(const domain::Criterion& c,
                           const std::vector<domain::Question>& questions_in_scope,
                           Language language, const i18n::Catalog& catalog) {
  std::string field = field_label(c.field, questions_in_scope, language, catalog);
  auto value = [&](std::size_t i) {
    return i < c.values.size()
               ? value_text(c.values[i], c.field, questions_in_scope, language, catalog)
               : std::string("…");
  };
  switch (c.comparison) {
    case domain::Comparison::between:
      return catalog.text(language, "criterion.text.between",
                          {{"field", field}, {"low", value(0)}, {"high", value(1)}});
    case domain::Comparison::in: {
      std::string list;
      for (std::size_t i = 0; i < c.values.size(); ++i) list += (i ? ", " : "") + value(i);
      return catalog.text(language, "criterion.text.in", {{"field", field}, {"values", list}});
    }
    default:
      return field + " " + std::string(domain::symbol(c.comparison)) + " " + value(0);
  }
}

std::string group_name(const domain::Rules& rules, int index, Language language,
                       const i18n::Catalog& catalog) {
  std::string n = std::to_string(index + 1);
  if (index < 0 || static_cast<std::size_t>(index) >= rules.groups.size())
    return catalog.text(language, "eligibility.group", {{"n", n}});
  const std::string& label =
      domain::group_label(rules.groups[static_cast<std::size_t>(index)], language);
  if (label.empty()) return catalog.text(language, "eligibility.group", {{"n", n}});
  return catalog.text(language, "eligibility.group_labelled", {{"n", n}, {"label", label}});
}

std::string verdict_reason(const domain::Verdict& verdict, const domain::Rules& rules,
                           const std::vector<domain::Question>& questions_in_scope,
                           Language language, const i18n::Catalog& catalog,
                           const domain::Facts* facts) {
  if (verdict.result == domain::Eligibility::insufficient_data) {
    std::string fields;
    for (const auto& f : verdict.missing)
      fields +=
          (fields.empty() ? "" : ", ") + field_label(f, questions_in_scope, language, catalog);
    return catalog.text(language, "eligibility.reason.missing", {{"fields", fields}});
  }
  if (verdict.group < 0 || static_cast<std::size_t>(verdict.group) >= rules.groups.size())
    return catalog.text(language, rules.groups.empty() ? "eligibility.reason.no_rules"
                                                       : "eligibility.reason.no_group");
  const auto& group = rules.groups[static_cast<std::size_t>(verdict.group)];
  std::string name = group_name(rules, verdict.group, language, catalog);
  if (verdict.criterion >= 0 &&
      static_cast<std::size_t>(verdict.criterion) < group.criteria.size()) {
    const auto& criterion = group.criteria[static_cast<std::size_t>(verdict.criterion)];
    std::string reason = catalog.text(
        language, "eligibility.reason.criterion_failed",
        {{"group", name},
         {"criterion", criterion_text(criterion, questions_in_scope, language, catalog)}});
    const domain::Value* actual = facts ? facts->find(criterion.field) : nullptr;
    if (!actual) return reason;
    return catalog.text(
        language, "eligibility.reason.order_value",
        {{"reason", reason},
         {"value", value_text(*actual, criterion.field, questions_in_scope, language, catalog)}});
  }
  return catalog.text(language, "eligibility.reason.group_met", {{"group", name}});
}

}  // namespace rapport::web::ui
