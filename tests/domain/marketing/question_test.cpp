#include "domain/marketing/question.h"

#include <string>

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::problems;

Question heating() {
  return {"heating",
          "How is the home heated?",
          "Comment le logement est-il chauffé ?",
          ValueType::list,
          {{"gas", "Gas", "Gaz"},
           {"electric", "Electric", "Électrique"},
           {"heat_pump", "Heat pump", ""}},
          Applicability::required};
}

Question owns_ev() {
  return {"owns_ev", "Do you own an electric vehicle?", "", ValueType::yes_no,
          {},        Applicability::with_package};
}

Question household() {
  return {"household",       "", "Combien de personnes vivent au foyer ?",
          ValueType::number, {}, Applicability::optional};
}

std::vector<std::string> codes(const std::vector<Question>& qs) {
  std::vector<std::string> out;
  for (const auto& q : qs) out.push_back(q.code);
  return out;
}

std::vector<std::string> codes(const std::vector<const Question*>& qs) {
  std::vector<std::string> out;
  for (const auto* q : qs) out.push_back(q->code);
  return out;
}

TEST(Question, PromptAndChoiceLabelFallBackToTheOtherLanguage) {
  EXPECT_EQ(prompt(heating(), Language::fr), "Comment le logement est-il chauffé ?");
  EXPECT_EQ(prompt(owns_ev(), Language::fr), "Do you own an electric vehicle?");
  EXPECT_EQ(prompt(household(), Language::en), "Combien de personnes vivent au foyer ?");
  EXPECT_EQ(choice_label(heating(), "electric", Language::fr), "Électrique");
  EXPECT_EQ(choice_label(heating(), "heat_pump", Language::fr), "Heat pump");
  EXPECT_EQ(choice_label(heating(), "wood", Language::en), "wood");
}

TEST(ParseAnswer, ListAnswersMustBeAChoice) {
  auto a = parse_answer(heating(), "gas");
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, (Answer{"heating", Value::of_list("gas")}));
  auto bad = parse_answer(heating(), "wood");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "value.not_a_choice");
  EXPECT_EQ(bad.error().field, "answer.heating");
}

TEST(ParseAnswer, TypedAnswersAreParsedByType) {
  auto a = parse_answer(household(), "3");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->value, Value::of_number(3));
  auto bad = parse_answer(owns_ev(), "perhaps");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().key, "value.not_yes_no");
  EXPECT_EQ(bad.error().field, "answer.owns_ev");
}

Question occupants(std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
  Question q = household();
  q.code = "occupants";
  q.min = min;
  q.max = max;
  return q;
}

MessageArgs bounds(const char* min, const char* max) { return {{"min", min}, {"max", max}}; }

TEST(ParseAnswer, ANumberOutsideTheQuestionsBoundsIsRefusedNamingThem) {
  const Question q = occupants(1, 20);
  for (const char* good : {"1", "20", "4", "2,5"}) EXPECT_TRUE(parse_answer(q, good)) << good;
  for (const char* bad : {"-5", "0", "21", "99999999999", "20.5"}) {
    auto a = parse_answer(q, bad);
    ASSERT_FALSE(a) << bad;
    EXPECT_EQ(a.error().key, "answer.out_of_range") << bad;
    EXPECT_EQ(a.error().field, "answer.occupants");
    EXPECT_EQ(a.error().args, bounds("1", "20"));
  }
}

TEST(ParseAnswer, WithoutBoundsANumberIsACountUpToOneBillion) {
  const Question q = occupants(std::nullopt, std::nullopt);
  EXPECT_TRUE(parse_answer(q, "0"));
  EXPECT_TRUE(parse_answer(q, "1 000 000 000"));
  for (const char* bad : {"-5", "-0,5", "1000000001", "99999999999"}) {
    auto a = parse_answer(q, bad);
    ASSERT_FALSE(a) << bad;
    EXPECT_EQ(a.error().key, "answer.out_of_range") << bad;
    EXPECT_EQ(a.error().args, bounds("0", "1000000000"));
  }
  // Only the lowest given: up to the global limit; a negative lowest allows negatives.
  EXPECT_FALSE(parse_answer(occupants(5, std::nullopt), "4"));
  EXPECT_TRUE(parse_answer(occupants(-40, 50), "-12,5"));
  EXPECT_EQ(parse_answer(occupants(-40, std::nullopt), "-41").error().args,
            bounds("-40", "1000000000"));
}

TEST(CheckAnswer, OnlyNumbersHaveBounds) {
  EXPECT_FALSE(check_answer(heating(), Value::of_list("gas")));
  EXPECT_FALSE(check_answer(occupants(1, 20), Value::of_number(20)));
  auto e = check_answer(occupants(1, 20), Value::of_number(-5));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "answer.out_of_range");
}

TEST(CarryOver, ANumberOutsideTheNewQuestionsBoundsIsSetAside) {
  const std::vector<Answer> answers{{"occupants", Value::of_number(12)}};
  EXPECT_EQ(carry_over(answers, {occupants(1, 20)}).kept.size(), 1u);
  auto carried = carry_over(answers, {occupants(1, 10)});
  EXPECT_TRUE(carried.kept.empty());
  EXPECT_EQ(carried.set_aside, answers);
}

TEST(ValidateQuestions, BoundsAreWholeNumbersWithinALimitTheLowestFirst) {
  Question widest = occupants(-1000000000, 1000000000);
  widest.code = "widest";
  EXPECT_TRUE(validate_questions({occupants(1, 20), widest}, "questions.").empty());
  Question text_bounds = owns_ev();
  text_bounds.min = 1;
  Question reversed = occupants(20, 1);
  reversed.code = "reversed";
  Question negative_max = occupants(std::nullopt, -5);  // the lowest is then 0
  negative_max.code = "negative_max";
  Question huge = occupants(-1000000001, 99999999999);
  huge.code = "huge";
  Question fine = occupants(std::nullopt, 20);
  fine.code = "fine";
  auto e = validate_questions({text_bounds, reversed, negative_max, huge, fine}, "questions.");
  EXPECT_EQ(problems(e), (std::vector<std::string>{
                             "questions.0.min question.bounds_numbers_only",
                             "questions.1.max question.bounds_order",
                             "questions.2.max question.bounds_order",
                             "questions.3.min question.bound_invalid",
                             "questions.3.max question.bound_invalid",
                         }));
  EXPECT_EQ(e.errors[1].args, bounds("20", "1"));
  EXPECT_EQ(e.errors[3].args, bounds("-1000000000", "1000000000"));
}

TEST(EffectiveQuestions, WithoutAPackageWithPackageQuestionsAreLeftOut) {
  const std::vector<Question> campaign{heating(), owns_ev(), household()};
  EXPECT_EQ(codes(effective_questions(campaign, nullptr, nullptr)),
            (std::vector<std::string>{"heating", "household"}));
}

TEST(EffectiveQuestions, APackageAppliesItsOverridesThenAddsItsQuestions) {
  const std::vector<Question> campaign{heating(), owns_ev(), household()};
  const std::vector<QuestionOverride> overrides{{"household", Applicability::required},
                                                {"heating", Applicability::optional}};
  const std::vector<Question> own{
      {"meter_number", "Meter number?", "", ValueType::text, {}, Applicability::with_package}};
  auto qs = effective_questions(campaign, &overrides, &own);
  ASSERT_EQ(codes(qs),
            (std::vector<std::string>{"heating", "owns_ev", "household", "meter_number"}));
  EXPECT_EQ(qs[0].applicability, Applicability::optional);
  EXPECT_EQ(qs[1].applicability, Applicability::required);  // with_package counts as required
  EXPECT_EQ(qs[2].applicability, Applicability::required);
  EXPECT_EQ(qs[3].applicability, Applicability::required);
}

TEST(MissingRequired, NamesTheUnansweredRequiredQuestionsInOrder) {
  const std::vector<Question> campaign{heating(), owns_ev(), household()};
  const std::vector<QuestionOverride> none;
  auto qs = effective_questions(campaign, &none, nullptr);
  EXPECT_EQ(codes(missing_required(qs, {})), (std::vector<std::string>{"heating", "owns_ev"}));
  const std::vector<Answer> answers{{"owns_ev", Value::of_yes_no(false)}};
  EXPECT_EQ(codes(missing_required(qs, answers)), (std::vector<std::string>{"heating"}));
  const std::vector<Answer> all{{"owns_ev", Value::of_yes_no(false)},
                                {"heating", Value::of_list("gas")}};
  EXPECT_TRUE(missing_required(qs, all).empty());
}

TEST(CarryOver, KeepsAnswersTheNewCampaignAlsoAsks) {
  const std::vector<Answer> answers{{"heating", Value::of_list("gas")},
                                    {"owns_ev", Value::of_yes_no(true)},
                                    {"household", Value::of_number(4)},
                                    {"pool", Value::of_yes_no(false)}};
  Question household_text = household();
  household_text.type = ValueType::text;  // same code, another type
  Question heating_no_gas = heating();
  heating_no_gas.choices.erase(heating_no_gas.choices.begin());  // "gas" no longer a choice
  auto carried = carry_over(answers, {owns_ev(), household_text, heating_no_gas});
  EXPECT_EQ(carried.kept, (std::vector<Answer>{{"owns_ev", Value::of_yes_no(true)}}));
  EXPECT_EQ(carried.set_aside, (std::vector<Answer>{{"heating", Value::of_list("gas")},
                                                    {"household", Value::of_number(4)},
                                                    {"pool", Value::of_yes_no(false)}}));
  auto same = carry_over(answers, {heating(), household()});
  EXPECT_EQ(same.kept.size(), 2u);
  EXPECT_EQ(same.set_aside.size(), 2u);
}

TEST(ValidateQuestions, AcceptsGoodQuestions) {
  EXPECT_TRUE(validate_questions({heating(), owns_ev(), household()}, "questions.").empty());
}

TEST(ValidateQuestions, ReportsEveryFaultWithItsPath) {
  Question bad_code = household();
  bad_code.code = "Household";
  Question duplicate = owns_ev();
  Question no_prompt = household();
  no_prompt.code = "rooms";
  no_prompt.prompt_fr.clear();
  Question long_prompt = household();
  long_prompt.code = "floors";
  long_prompt.prompt_en = std::string(301, 'a');
  Question no_choices = heating();
  no_choices.code = "fuel";
  no_choices.choices.clear();
  Question bad_choices = heating();
  bad_choices.code = "water";
  bad_choices.choices = {{"gas", "Gas", ""}, {"gas", "Gas again", ""}, {"two words", "", ""}};
  auto e = validate_questions(
      {owns_ev(), bad_code, duplicate, no_prompt, long_prompt, no_choices, bad_choices},
      "questions.");
  EXPECT_EQ(problems(e), (std::vector<std::string>{
                             "questions.1.code question.code_invalid",
                             "questions.2.code question.code_duplicate",
                             "questions.3.prompt_en question.prompt_required",
                             "questions.4.prompt_en field.too_long",
                             "questions.5.choices question.choices_required",
                             "questions.6.choices.1.code question.choice_invalid",
                             "questions.6.choices.2.code question.choice_invalid",
                         }));
}

TEST(ValidateQuestions, AtMostFiftyQuestions) {
  std::vector<Question> many;
  for (int i = 0; i < 51; ++i) {
    Question q = household();
    q.code = "q" + std::to_string(i);
    many.push_back(q);
  }
  auto e = validate_questions(many, "questions.");
  EXPECT_EQ(problems(e), (std::vector<std::string>{"questions question.too_many"}));
  many.pop_back();
  EXPECT_TRUE(validate_questions(many, "questions.").empty());
}

TEST(Applicability, CodesRoundTrip) {
  for (auto a : {Applicability::required, Applicability::optional, Applicability::with_package})
    EXPECT_EQ(applicability_from(to_code(a)), a);
  EXPECT_FALSE(applicability_from("sometimes"));
}

}  // namespace
}  // namespace rapport::domain
