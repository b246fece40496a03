#include "domain/marketing/campaign.h"

#include <string>

#include <gtest/gtest.h>

#include "domain/marketing/service_order.h"
#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::problems;

using namespace date::literals;

Campaign green() {
  Campaign c;
  c.code = "GREEN-2026";
  c.description_en = "Green energy 2026";
  c.description_fr = "Énergie verte 2026";
  c.valid_from = 2026_y / 1 / 1;
  c.valid_to = 2026_y / 12 / 31;
  c.questions = {{"owns_ev",
                  "Do you own an electric vehicle?",
                  "Avez-vous un véhicule électrique ?",
                  ValueType::yes_no,
                  {},
                  Applicability::optional},
                 {"heating",
                  "Heating?",
                  "Chauffage ?",
                  ValueType::list,
                  {{"gas", "Gas", "Gaz"}, {"electric", "Electric", "Électricité"}},
                  Applicability::required}};
  c.rules.groups = {
      {"Residential",
       {{{FieldSource::order, "customer_class"}, Comparison::eq, {Value::of_text("residential")}}},
       GroupOutcome::eligible,
       GroupOutcome::ineligible}};
  return c;
}

Package green_home_ev() {
  Package p;
  p.code = "HOME-EV";
  p.description_en = "Green Home + EV";
  p.rules.groups = {{"EV owners",
                     {{{FieldSource::answer, "owns_ev"}, Comparison::eq, {Value::of_yes_no(true)}},
                      {{FieldSource::answer, "charger"}, Comparison::eq, {Value::of_list("wall")}}},
                     GroupOutcome::eligible,
                     GroupOutcome::ineligible}};
  p.questions = {{"charger",
                  "Charger?",
                  "",
                  ValueType::list,
                  {{"wall", "Wall box", ""}},
                  Applicability::with_package}};
  p.overrides = {{"owns_ev", Applicability::required}};
  p.agreements = {
      {"energy", "ELEC-GREEN", StartOption::first_of_next_month, "electric_meter", false}};
  return p;
}

TEST(Campaign, OfferedWhenActiveAndValid) {
  Campaign c = green();
  EXPECT_TRUE(is_offered(c, 2026_y / 1 / 1));
  EXPECT_TRUE(is_offered(c, 2026_y / 12 / 31));
  EXPECT_FALSE(is_offered(c, 2025_y / 12 / 31));
  EXPECT_FALSE(is_offered(c, 2027_y / 1 / 1));
  c.valid_to.reset();
  EXPECT_TRUE(is_offered(c, 2030_y / 6 / 1));
  c.active = false;
  EXPECT_FALSE(is_offered(c, 2026_y / 6 / 1));
}

TEST(Campaign, TargetsClassesAndRegionsOrPostalCodePrefixes) {
  Campaign c = green();
  EXPECT_TRUE(targets(c, "commercial", "", ""));  // no targets: everyone
  c.target_classes = {"residential"};
  c.target_regions = {"IDF", "69", "h2x"};
  EXPECT_TRUE(targets(c, "residential", "IDF", "75011"));
  EXPECT_TRUE(targets(c, "residential", "ARA", "69002"));
  EXPECT_TRUE(targets(c, "residential", "QC", "H2X 1Y4"));
  EXPECT_FALSE(targets(c, "residential", "BRE", "35000"));
  EXPECT_FALSE(targets(c, "commercial", "IDF", "75011"));
  EXPECT_FALSE(targets(c, "residential", "", ""));
}

TEST(Campaign, DescriptionInTheLanguageElseTheOther) {
  Campaign c = green();
  EXPECT_EQ(description(c, Language::fr), "Énergie verte 2026");
  c.description_fr.clear();
  EXPECT_EQ(description(c, Language::fr), "Green energy 2026");
  Package p = green_home_ev();
  EXPECT_EQ(description(p, Language::fr), "Green Home + EV");
}

TEST(CampaignEligibility, SameRulesModelOnTheOrdersData) {
  const Campaign c = green();
  ServiceOrder o;
  o.prospect.family_name = "Dupré";
  o.prospect.customer_class = "residential";
  EXPECT_EQ(evaluate(c.rules, facts_of(o, 2026_y / 5 / 4, {})),
            (Verdict{Eligibility::eligible, 0, -1, {}}));
  o.prospect.customer_class = "commercial";
  EXPECT_EQ(evaluate(c.rules, facts_of(o, 2026_y / 5 / 4, {})),
            (Verdict{Eligibility::ineligible, 0, 0, {}}));
  o.prospect.customer_class.clear();
  EXPECT_EQ(
      evaluate(c.rules, facts_of(o, 2026_y / 5 / 4, {})),
      (Verdict{Eligibility::insufficient_data, 0, -1, {{FieldSource::order, "customer_class"}}}));
}

TEST(PackageEligibility, InsufficientDataNamesTheUnansweredQuestions) {
  const Package p = green_home_ev();
  ServiceOrder o;
  o.answers = {{"owns_ev", Value::of_yes_no(true)}};
  auto v = evaluate(p.rules, facts_of(o, 2026_y / 5 / 4, {}));
  EXPECT_EQ(v.result, Eligibility::insufficient_data);
  EXPECT_EQ(v.missing, (std::vector<FieldRef>{{FieldSource::answer, "charger"}}));
  o.answers.push_back({"charger", Value::of_list("wall")});
  EXPECT_EQ(evaluate(p.rules, facts_of(o, 2026_y / 5 / 4, {})).result, Eligibility::eligible);
}

TEST(ValidateCampaign, AcceptsASoundCampaign) { EXPECT_TRUE(validate_campaign(green()).empty()); }

TEST(ValidateCampaign, ReportsEveryFault) {
  Campaign c = green();
  c.code = "green 2026";
  c.description_en.clear();
  c.description_fr.clear();
  c.valid_to = 2025_y / 12 / 31;
  c.target_regions.assign(51, "IDF");
  c.premise = {Usage::not_allowed, true};
  c.questions[1].choices.clear();
  c.rules.groups[0].criteria[0].values = {Value::of_number(1)};
  EXPECT_EQ(
      problems(validate_campaign(c)),
      (std::vector<std::string>{"code code.invalid", "description_en campaign.description_required",
                                "valid_to campaign.valid_to_before_from",
                                "target_regions campaign.too_many_targets",
                                "premise.may_create campaign.create_not_allowed",
                                "questions.1.choices question.choices_required",
                                "rules.groups.0.criteria.0.values.0 criterion.type_mismatch"}));
}

TEST(ValidateCampaign, ANotAllowedPartyThatCannotBeCreatedIsFine) {
  Campaign c = green();
  c.account = {Usage::not_allowed, false};
  c.premise = {Usage::required, false};
  EXPECT_TRUE(validate_campaign(c).empty());
}

TEST(ValidatePackage, AcceptsASoundPackage) {
  EXPECT_TRUE(validate_package(green_home_ev(), green()).empty());
}

TEST(ValidatePackage, RulesSeeTheCampaignsAndThePackagesQuestions) {
  Package p = green_home_ev();
  // Charger is the package's own question: without it the rule's field is unknown.
  p.questions.clear();
  EXPECT_EQ(problems(validate_package(p, green())),
            (std::vector<std::string>{"rules.groups.0.criteria.1.field criterion.field_unknown"}));
  const Package full = green_home_ev();
  EXPECT_EQ(questions_in_scope(green(), nullptr).size(), 2u);
  ASSERT_EQ(questions_in_scope(green(), &full).size(), 3u);
  EXPECT_EQ(questions_in_scope(green(), &full)[2].code, "charger");
}

TEST(ValidatePackage, ReportsEveryFault) {
  Package p = green_home_ev();
  p.code = "";
  p.description_en.clear();
  p.instructions_fr = std::string(2001, 'x');
  p.overrides.push_back({"pool", Applicability::required});
  p.questions.push_back(
      {"heating", "Heating again?", "", ValueType::text, {}, Applicability::optional});
  p.agreements.push_back({"", "", StartOption::on_completion, "", false});
  EXPECT_EQ(problems(validate_package(p, green())),
            (std::vector<std::string>{
                "code code.invalid", "description_en package.description_required",
                "instructions_fr field.too_long", "overrides.1.code package.override_unknown",
                "questions.1.code question.code_duplicate",
                "agreements.1.division agreement.division_required",
                "agreements.1.agreement_type agreement.type_required"}));
}

TEST(ValidatePackage, OneToTenAgreementsToCreate) {
  Package p = green_home_ev();
  p.agreements.clear();
  EXPECT_EQ(problems(validate_package(p, green())),
            (std::vector<std::string>{"agreements package.agreements_required"}));
  p.agreements.assign(11, green_home_ev().agreements[0]);
  EXPECT_EQ(problems(validate_package(p, green())),
            (std::vector<std::string>{"agreements package.agreements_required"}));
  p.agreements.pop_back();
  EXPECT_TRUE(validate_package(p, green()).empty());
}

TEST(CampaignCodes, RoundTrip) {
  for (auto u : {Usage::not_allowed, Usage::optional, Usage::required})
    EXPECT_EQ(usage_from(to_code(u)), u);
  for (auto s : {StartOption::on_completion, StartOption::first_of_next_month})
    EXPECT_EQ(start_option_from(to_code(s)), s);
  EXPECT_EQ(to_code(Usage::not_allowed), "not_allowed");
  EXPECT_FALSE(usage_from("maybe"));
}

}  // namespace
}  // namespace rapport::domain
