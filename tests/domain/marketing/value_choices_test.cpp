#include "domain/marketing/value_choices.h"

#include <string>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

const std::vector<ListChoice> kClasses{{"residential", "Residential", "Résidentiel"},
                                       {"commercial", "Commercial", "Professionnel"},
                                       {"public", "Public sector", "Secteur public"}};

std::string arg(const Error& e, const std::string& name) {
  for (const auto& [k, v] : e.args)
    if (k == name) return v;
  return "(none)";
}

TEST(ValueChoices, ATypedValueNamesAChoiceByItsCodeOrALabelInEitherLanguage) {
  EXPECT_EQ(choice_code(kClasses, "residential"), "residential");
  EXPECT_EQ(choice_code(kClasses, "Résidentiel"), "residential");
  EXPECT_EQ(choice_code(kClasses, "Professionnel"), "commercial");
  EXPECT_EQ(choice_code(kClasses, "Commercial"), "commercial");
  // Case and accents aside.
  EXPECT_EQ(choice_code(kClasses, "RÉSIDENTIEL"), "residential");
  EXPECT_EQ(choice_code(kClasses, "residentiel"), "residential");
  EXPECT_EQ(choice_code(kClasses, "secteur PUBLIC"), "public");
  EXPECT_EQ(choice_code(kClasses, "PUBLIC"), "public");       // the code, any case
  EXPECT_EQ(choice_code(kClasses, "Secteur"), std::nullopt);  // no part of a label
  EXPECT_EQ(choice_code(kClasses, "villa"), std::nullopt);
  EXPECT_EQ(choice_code(kClasses, ""), std::nullopt);
}

TEST(ValueChoices, ACodeReadsAsItsLabelInTheReadersLanguage) {
  EXPECT_EQ(choice_label(kClasses, "residential", Language::fr), "Résidentiel");
  EXPECT_EQ(choice_label(kClasses, "residential", Language::en), "Residential");
  const std::vector<ListChoice> half{{"heat_pump", "Heat pump", ""}};
  EXPECT_EQ(choice_label(half, "heat_pump", Language::fr), "Heat pump");
  EXPECT_EQ(choice_label(kClasses, "vip", Language::fr), "vip");
}

TEST(ValueChoices, AnUnknownValueIsRefusedNamingTheChoicesInTheReadersLanguage) {
  auto fr = parse_choice(kClasses, "Villa", "rules.groups.0.criteria.0.values", Language::fr);
  ASSERT_FALSE(fr);
  EXPECT_EQ(fr.error().key, "value.unknown_choice");
  EXPECT_EQ(fr.error().field, "rules.groups.0.criteria.0.values");
  EXPECT_EQ(arg(fr.error(), "value"), "Villa");
  EXPECT_EQ(arg(fr.error(), "choices"), "Résidentiel, Professionnel, Secteur public");
  auto en = parse_choice(kClasses, "Villa", "f", Language::en);
  EXPECT_EQ(arg(en.error(), "choices"), "Residential, Commercial, Public sector");
  EXPECT_EQ(*parse_choice(kClasses, "professionnel", "f", Language::en), "commercial");
}

TEST(ValueChoices, TheChoicesOfAFieldComeFromItsQuestionOrTheKnownLists) {
  FieldChoices known;
  known.order["customer_class"] = kClasses;
  known.yes_no = {{"yes", "Yes", "Oui"}, {"no", "No", "Non"}};
  auto question = [](std::string code, ValueType type, std::vector<ListChoice> choices = {}) {
    Question q;
    q.code = std::move(code);
    q.prompt_en = "?";
    q.type = type;
    q.choices = std::move(choices);
    return q;
  };
  const std::vector<Question> scope{question("heating", ValueType::list, {{"gas", "Gas", "Gaz"}}),
                                    question("owns_ev", ValueType::yes_no),
                                    question("notes", ValueType::text)};
  auto of = [&](FieldSource source, std::string name) {
    return field_choices({source, std::move(name)}, scope, known);
  };
  ASSERT_NE(of(FieldSource::answer, "heating"), nullptr);
  EXPECT_EQ(of(FieldSource::answer, "heating")->front().code, "gas");
  EXPECT_EQ(of(FieldSource::answer, "owns_ev"), &known.yes_no);
  EXPECT_EQ(of(FieldSource::answer, "notes"), nullptr);
  EXPECT_EQ(of(FieldSource::order, "customer_class"), &known.order["customer_class"]);
  EXPECT_EQ(of(FieldSource::order, "city"), nullptr);
  EXPECT_EQ(of(FieldSource::computed, "age"), nullptr);
}

}  // namespace
}  // namespace rapport::domain
