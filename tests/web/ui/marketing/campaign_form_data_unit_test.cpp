// The rules editor's values as typed and as shown: a coded field's value is
// read from its label in either language (or its code) and kept as the
// code; stored values are shown as labels in the reader's language — yes/no
// as Oui/Non in French; an unknown value is refused naming the choices.
#include <gtest/gtest.h>

#include "web/ui/marketing/campaign_form_data.h"

namespace rapport::web::ui {
namespace {

using namespace domain;

Question heating() {
  Question q;
  q.code = "heating";
  q.prompt_en = "How is the home heated?";
  q.type = ValueType::list;
  q.choices = {{"gas", "Gas", "Gaz"}, {"electric", "Electric", "Électrique"}};
  return q;
}

Question owns_ev() {
  Question q;
  q.code = "owns_ev";
  q.prompt_en = "Do you own an electric vehicle?";
  q.type = ValueType::yes_no;
  return q;
}

FieldChoices known() {
  FieldChoices k;
  k.order["customer_class"] = {{"residential", "Residential", "Résidentiel"},
                               {"commercial", "Commercial", "Professionnel"}};
  k.yes_no = {{"yes", "Yes", "Oui"}, {"no", "No", "Non"}};
  return k;
}

std::vector<GroupRow> one_group(std::vector<CriterionRow> criteria) {
  GroupRow g;
  g.label = "Group";
  g.criteria = std::move(criteria);
  return {g};
}

CriterionRow row(std::string field, std::string comparison, std::string values) {
  CriterionRow c;
  c.field = std::move(field);
  c.comparison = std::move(comparison);
  c.values = std::move(values);
  return c;
}

TEST(RuleValues, LabelsInEitherLanguageAreKeptAsCodes) {
  const std::vector<Question> scope{heating(), owns_ev()};
  FieldErrors errors;
  auto rules = to_rules(
      one_group({row("order:customer_class", "in", "Résidentiel, commercial"),
                 row("answer:heating", "eq", "électrique"), row("answer:owns_ev", "eq", "Oui")}),
      scope, known(), Language::fr, errors);
  ASSERT_TRUE(errors.empty()) << errors.errors.front().key;
  const auto& c = rules.groups.at(0).criteria;
  EXPECT_EQ(c.at(0).values,
            (std::vector<Value>{Value::of_text("residential"), Value::of_text("commercial")}));
  EXPECT_EQ(c.at(1).values, std::vector<Value>{Value::of_list("electric")});
  EXPECT_EQ(c.at(2).values, std::vector<Value>{Value::of_yes_no(true)});

  // Shown back as labels in the reader's language.
  auto fr = group_rows(rules, scope, known(), Language::fr).at(0).criteria;
  EXPECT_EQ(fr.at(0).values, "Résidentiel, Professionnel");
  EXPECT_EQ(fr.at(1).values, "Électrique");
  EXPECT_EQ(fr.at(2).values, "Oui");
  auto en = group_rows(rules, scope, known(), Language::en).at(0).criteria;
  EXPECT_EQ(en.at(0).values, "Residential, Commercial");
  EXPECT_EQ(en.at(1).values, "Electric");
  EXPECT_EQ(en.at(2).values, "Yes");
}

TEST(RuleValues, AnUnknownValueIsRefusedBesideItsFieldNamingTheChoices) {
  FieldErrors errors;
  to_rules(one_group({row("order:customer_class", "eq", "Villa")}), {}, known(), Language::fr,
           errors);
  ASSERT_EQ(errors.errors.size(), 1u);
  EXPECT_EQ(errors.errors[0].key, "value.unknown_choice");
  EXPECT_EQ(errors.errors[0].field, "rules.groups.0.criteria.0.values");
  bool named = false;
  for (const auto& [k, v] : errors.errors[0].args)
    named = named || (k == "choices" && v == "Résidentiel, Professionnel");
  EXPECT_TRUE(named);
  // A field without choices takes any text.
  FieldErrors none;
  to_rules(one_group({row("order:city", "eq", "Villa")}), {}, known(), Language::fr, none);
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace rapport::web::ui
