// web/ui/marketing/eligibility_text.h: eligibility verdicts and rules in words, for
// the package form's "Test the rules" panel and the service order's
// eligibility tree (campaigns-and-orders.md, "The eligibility tree").
//
// Everything is translated through the catalog (keys "eligibility.*",
// "criterion.text.*", the fields' own label keys from
// domain::known_fields()) and returned as plain text: escape it when it
// goes into HTML (Mustache {{…}} does).
//
//   std::string why = verdict_reason(verdict, package.rules,
//                                    domain::questions_in_scope(campaign, &package),
//                                    req.language, ctx.catalog);
//   // "Group 2 “Business customers”: not met — Customer class = commercial"
//   // "Missing: “Do you own an electric vehicle?”, Age"
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/language.h"
#include "domain/marketing/eligibility.h"
#include "domain/marketing/question.h"
#include "i18n/catalog.h"

namespace rapport::web::ui {

// "✔" eligible, "✘" ineligible, "?" insufficient data.
std::string_view verdict_icon(domain::Eligibility e);
// "eligible", "ineligible", "insufficient" — for a CSS class
// ("verdict-eligible"…).
std::string_view verdict_class(domain::Eligibility e);
// "Eligible", "Not eligible", "Needs data" (catalog "eligibility.<code>").
std::string verdict_label(domain::Eligibility e, Language language, const i18n::Catalog& catalog);

// A field as a manager or a CSR reads it: an answer by its question's
// prompt in quotes (“Do you own an electric vehicle?”; the code when the
// question is not in scope), an order or computed field by its catalog
// label ("Customer class", "Age").
std::string field_label(const domain::FieldRef& field,
                        const std::vector<domain::Question>& questions_in_scope, Language language,
                        const i18n::Catalog& catalog);
// One value as read: list codes by their choice label, yes/no translated,
// numbers and dates in their canonical text.
std::string value_text(const domain::Value& value, const domain::FieldRef& field,
                       const std::vector<domain::Question>& questions_in_scope, Language language,
                       const i18n::Catalog& catalog);
// "Customer class = commercial", "Age between 18 and 65",
// "Region in (IDF, NOR)".
std::string criterion_text(const domain::Criterion& criterion,
                           const std::vector<domain::Question>& questions_in_scope,
                           Language language, const i18n::Catalog& catalog);
// "Group 2 “Business customers”" (or "Group 2" without a label); `index` from 0.
std::string group_name(const domain::Rules& rules, int index, Language language,
                       const i18n::Catalog& catalog);

// Why the verdict is what it is, on one line:
//  - insufficient data: "Missing: “Prompt”, Age" (the missing fields);
//  - a group that failed on a criterion: "Group 2 “…”: not met — Age ≥ 18",
//    followed, when `facts` are given and hold the field, by what the order
//    says ("; this order: 42");
//  - a group that was true: "Group 1 “…”: all criteria met";
//  - no group decided: "No group of criteria applies" (ineligible) or
//    "No eligibility criteria" (rules without groups: eligible).
std::string verdict_reason(const domain::Verdict& verdict, const domain::Rules& rules,
                           const std::vector<domain::Question>& questions_in_scope,
                           Language language, const i18n::Catalog& catalog,
                           const domain::Facts* facts = nullptr);

}  // namespace rapport::web::ui
