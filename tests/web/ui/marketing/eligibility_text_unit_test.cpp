// Eligibility verdicts in words, as the tree and the API give them: the
// failing criterion with what the order says, the missing fields by their
// prompts, and the cases where no group decided — in English and French.
#include <gtest/gtest.h>

#include "support/test_database.h"
#include "web/ui/marketing/eligibility_text.h"

namespace rapport::web::ui {
namespace {

using namespace domain;

class EligibilityTextTest : public ::testing::Test {
 protected:
  EligibilityTextTest() {
    rules.groups = {
        {"Commercial customers",
         {{{FieldSource::answer, "owns_ev"}, Comparison::eq, {Value::of_yes_no(true)}},
          {{FieldSource::order, "customer_class"}, Comparison::in, {Value::of_text("commercial")}}},
         GroupOutcome::eligible,
         GroupOutcome::ineligible,
         "Clients professionnels"}};
    questions = {{"owns_ev",
                  "Do you own an electric vehicle?",
                  "Possédez-vous un véhicule électrique ?",
                  ValueType::yes_no,
                  {},
                  Applicability::optional}};
    facts.set({FieldSource::order, "customer_class"}, Value::of_text("residential"));
    facts.set({FieldSource::answer, "owns_ev"}, Value::of_yes_no(true));
  }

  i18n::Catalog catalog{testing::test_locale_dir()};
  Rules rules;
  std::vector<Question> questions;
  Facts facts;
};

TEST_F(EligibilityTextTest, AFailedCriterionQuotesWhatTheOrderSays) {
  const Verdict v = evaluate(rules, facts);
  ASSERT_EQ(v.result, Eligibility::ineligible);
  EXPECT_EQ(verdict_reason(v, rules, questions, Language::en, catalog, &facts),
            "Group 1 “Commercial customers”: not met — Customer class in (Commercial); this "
            "order: Residential");
  EXPECT_EQ(verdict_reason(v, rules, questions, Language::fr, catalog, &facts),
            "Groupe 1 « Clients professionnels » : critère non rempli — Catégorie de client parmi "
            "(Professionnel) ; cette commande : Résidentiel");
  // A group labelled in one language only reads that label in the other.
  Rules english_only = rules;
  english_only.groups[0].label_fr.clear();
  EXPECT_EQ(verdict_reason(v, english_only, questions, Language::fr, catalog, &facts)
                .rfind("Groupe 1 « Commercial customers » : ", 0),
            0u);
  // Without the facts (the editor's test panel) the reason stops at the criterion.
  EXPECT_EQ(verdict_reason(v, rules, questions, Language::en, catalog),
            "Group 1 “Commercial customers”: not met — Customer class in (Commercial)");
}

TEST_F(EligibilityTextTest, MissingDataNamesTheQuestionByItsPrompt) {
  Facts partial;
  partial.set({FieldSource::order, "customer_class"}, Value::of_text("commercial"));
  const Verdict v = evaluate(rules, partial);
  ASSERT_EQ(v.result, Eligibility::insufficient_data);
  EXPECT_NE(verdict_reason(v, rules, questions, Language::en, catalog)
                .find("“Do you own an electric vehicle?”"),
            std::string::npos);
  EXPECT_NE(verdict_reason(v, rules, questions, Language::fr, catalog)
                .find("Possédez-vous un véhicule électrique ?"),
            std::string::npos);
}

TEST_F(EligibilityTextTest, RulesWithoutGroupsAndUndecidedRulesSaySo) {
  EXPECT_NE(verdict_reason(evaluate({}, facts), {}, questions, Language::en, catalog),
            verdict_reason(Verdict{Eligibility::ineligible, -1, -1, {}}, rules, questions,
                           Language::en, catalog));
}

}  // namespace
}  // namespace rapport::web::ui
