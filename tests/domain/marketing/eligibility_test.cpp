#include "domain/marketing/eligibility.h"

#include <string>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

using namespace date::literals;
using E = CriterionEffect;
using O = GroupOutcome;

FieldRef answer(const std::string& name) { return {FieldSource::answer, name}; }
FieldRef order(const std::string& name) { return {FieldSource::order, name}; }
FieldRef computed(const std::string& name) { return {FieldSource::computed, name}; }

Criterion criterion(FieldRef f, Comparison c, std::vector<Value> values, E if_true = E::holds,
                    E if_false = E::fails, E if_insufficient = E::needs_data) {
  return {std::move(f), c, std::move(values), if_true, if_false, if_insufficient};
}

CriteriaGroup group(std::vector<Criterion> criteria, O if_true, O if_false) {
  return {"", std::move(criteria), if_true, if_false};
}

// A residential prospect of 70 in Paris heating with gas, no EV answer.
Facts facts() {
  Facts f;
  f.set(order("customer_class"), Value::of_text("residential"));
  f.set(order("postal_code"), Value::of_text("75011"));
  f.set(order("region"), Value::of_text("IDF"));
  f.set(computed("age"), Value::of_number(70));
  f.set(computed("existing_agreements"), Value::of_number(0));
  f.set_answers({{"heating", Value::of_list("gas")},
                 {"move_in", Value::of_date(2026_y / 3 / 1)},
                 {"solar", Value::of_yes_no(true)}});
  return f;
}

std::optional<bool> test(FieldRef f, Comparison c, std::vector<Value> values) {
  return test_criterion(criterion(std::move(f), c, std::move(values)), facts());
}

// --- Comparisons -------------------------------------------------------------------

TEST(TestCriterion, EqualsComparesTextIgnoringCaseAndListCodesExactly) {
  EXPECT_EQ(test(order("customer_class"), Comparison::eq, {Value::of_text("RESIDENTIAL")}), true);
  EXPECT_EQ(test(order("customer_class"), Comparison::eq, {Value::of_text("commercial")}), false);
  EXPECT_EQ(test(answer("heating"), Comparison::eq, {Value::of_list("gas")}), true);
  EXPECT_EQ(test(answer("heating"), Comparison::eq, {Value::of_list("GAS")}), false);
  EXPECT_EQ(test(answer("solar"), Comparison::eq, {Value::of_yes_no(true)}), true);
  EXPECT_EQ(test(answer("solar"), Comparison::eq, {Value::of_yes_no(false)}), false);
}

TEST(TestCriterion, NotEqual) {
  EXPECT_EQ(test(order("customer_class"), Comparison::ne, {Value::of_text("commercial")}), true);
  EXPECT_EQ(test(order("customer_class"), Comparison::ne, {Value::of_text("Residential")}), false);
  EXPECT_EQ(test(computed("age"), Comparison::ne, {Value::of_number(70)}), false);
}

TEST(TestCriterion, OrderedComparisonsOnNumbersAtTheirBoundaries) {
  EXPECT_EQ(test(computed("age"), Comparison::lt, {Value::of_number(70)}), false);
  EXPECT_EQ(test(computed("age"), Comparison::lt, {Value::of_number(71)}), true);
  EXPECT_EQ(test(computed("age"), Comparison::le, {Value::of_number(70)}), true);
  EXPECT_EQ(test(computed("age"), Comparison::le, {Value::of_number(69.5)}), false);
  EXPECT_EQ(test(computed("age"), Comparison::gt, {Value::of_number(70)}), false);
  EXPECT_EQ(test(computed("age"), Comparison::gt, {Value::of_number(65)}), true);
  EXPECT_EQ(test(computed("age"), Comparison::ge, {Value::of_number(70)}), true);
  EXPECT_EQ(test(computed("age"), Comparison::ge, {Value::of_number(71)}), false);
}

TEST(TestCriterion, BetweenIsInclusive) {
  EXPECT_EQ(
      test(computed("age"), Comparison::between, {Value::of_number(60), Value::of_number(70)}),
      true);
  EXPECT_EQ(
      test(computed("age"), Comparison::between, {Value::of_number(70), Value::of_number(80)}),
      true);
  EXPECT_EQ(
      test(computed("age"), Comparison::between, {Value::of_number(18), Value::of_number(64)}),
      false);
  EXPECT_EQ(test(computed("age"), Comparison::between, {Value::of_number(60)}), false);
}

TEST(TestCriterion, DatesCompareInTime) {
  EXPECT_EQ(test(answer("move_in"), Comparison::ge, {Value::of_date(2026_y / 2 / 28)}), true);
  EXPECT_EQ(test(answer("move_in"), Comparison::lt, {Value::of_date(2026_y / 3 / 1)}), false);
  EXPECT_EQ(test(answer("move_in"), Comparison::between,
                 {Value::of_date(2026_y / 1 / 1), Value::of_date(2026_y / 12 / 31)}),
            true);
}

TEST(TestCriterion, InAList) {
  EXPECT_EQ(
      test(answer("heating"), Comparison::in, {Value::of_list("electric"), Value::of_list("gas")}),
      true);
  EXPECT_EQ(
      test(answer("heating"), Comparison::in, {Value::of_list("electric"), Value::of_list("wood")}),
      false);
  EXPECT_EQ(test(order("region"), Comparison::in, {Value::of_text("bre"), Value::of_text("idf")}),
            true);
  EXPECT_EQ(test(order("region"), Comparison::in, {}), false);
}

TEST(TestCriterion, AnEmptyFieldIsInsufficientData) {
  EXPECT_EQ(test(answer("owns_ev"), Comparison::eq, {Value::of_yes_no(true)}), std::nullopt);
  EXPECT_EQ(test(order("city"), Comparison::ne, {Value::of_text("Paris")}), std::nullopt);
}

TEST(TestCriterion, AValueOfAnotherTypeIsFalseWhateverTheComparison) {
  EXPECT_EQ(test(computed("age"), Comparison::eq, {Value::of_text("70")}), false);
  EXPECT_EQ(test(computed("age"), Comparison::ne, {Value::of_text("70")}), false);
  EXPECT_EQ(test(order("customer_class"), Comparison::ne, {Value::of_list("commercial")}), false);
  EXPECT_EQ(test(answer("heating"), Comparison::eq, {Value::of_text("gas")}), false);
  EXPECT_EQ(test(computed("age"), Comparison::ge, {Value::of_date(2026_y / 1 / 1)}), false);
  // "<" on text is refused by validate_rules; if one slips through it is false.
  EXPECT_EQ(test(order("customer_class"), Comparison::lt, {Value::of_text("z")}), false);
}

// --- Criterion effects: every raw result × every effect --------------------------

struct EffectCase {
  const char* name;
  Value value;  // compared with age 70 by =
  bool field_present;
  E effect;  // put on the raw result the case produces
  Eligibility expected;
};

TEST(Evaluate, EveryRawResultMapsThroughEveryEffect) {
  const Value seventy = Value::of_number(70), sixty = Value::of_number(60);
  const std::vector<EffectCase> cases = {
      {"true/holds", seventy, true, E::holds, Eligibility::eligible},
      {"true/fails", seventy, true, E::fails, Eligibility::ineligible},
      {"true/check_next", seventy, true, E::check_next, Eligibility::eligible},
      {"true/needs_data", seventy, true, E::needs_data, Eligibility::insufficient_data},
      {"false/holds", sixty, true, E::holds, Eligibility::eligible},
      {"false/fails", sixty, true, E::fails, Eligibility::ineligible},
      {"false/check_next", sixty, true, E::check_next, Eligibility::eligible},
      {"false/needs_data", sixty, true, E::needs_data, Eligibility::insufficient_data},
      {"insufficient/holds", seventy, false, E::holds, Eligibility::eligible},
      {"insufficient/fails", seventy, false, E::fails, Eligibility::ineligible},
      {"insufficient/check_next", seventy, false, E::check_next, Eligibility::eligible},
      // The missing result may be true or false, and here both fail (the
      // other effect, see below): the group is false whatever the answer.
      // NeedsDataFollowsBothResults covers needs_data with differing effects.
      {"insufficient/needs_data", seventy, false, E::needs_data, Eligibility::ineligible},
  };
  for (const auto& c : cases) {
    // The effect goes on the result the case produces and the opposite one
    // on the other two results, so that reading the wrong one shows.
    Criterion crit = criterion(computed("age"), Comparison::eq, {c.value});
    const E other = c.effect == E::fails ? E::holds : E::fails;
    crit.if_true = crit.if_false = crit.if_insufficient = other;
    (!c.field_present     ? crit.if_insufficient
     : c.value == seventy ? crit.if_true
                          : crit.if_false) = c.effect;
    Facts f = facts();
    if (!c.field_present) f.clear(computed("age"));
    const Verdict v = evaluate({{group({crit}, O::eligible, O::ineligible)}}, f);
    EXPECT_EQ(v.result, c.expected) << c.name;
    EXPECT_EQ(v.group, 0) << c.name;
    EXPECT_EQ(v.criterion, c.expected == Eligibility::ineligible ? 0 : -1) << c.name;
    EXPECT_EQ(v.missing, c.expected == Eligibility::insufficient_data
                             ? std::vector<FieldRef>{computed("age")}
                             : std::vector<FieldRef>{})
        << c.name;
  }
}

// --- Groups ---------------------------------------------------------------------------

const Criterion kResidential =
    criterion(order("customer_class"), Comparison::eq, {Value::of_text("residential")});
const Criterion kCommercial =
    criterion(order("customer_class"), Comparison::eq, {Value::of_text("commercial")});
const Criterion kSenior = criterion(computed("age"), Comparison::ge, {Value::of_number(65)});
const Criterion kOwnsEv = criterion(answer("owns_ev"), Comparison::eq, {Value::of_yes_no(true)});

TEST(Evaluate, RulesWithoutGroupsMakeEveryoneEligible) {
  EXPECT_EQ(evaluate({}, facts()), (Verdict{Eligibility::eligible, -1, -1, {}}));
  EXPECT_EQ(evaluate({}, Facts{}).result, Eligibility::eligible);
}

TEST(Evaluate, AGroupIsTrueWhenEveryCriterionHolds) {
  Rules r{{group({kResidential, kSenior}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::eligible, 0, -1, {}}));
}

TEST(Evaluate, AFalseGroupNamesTheCriterionThatFailed) {
  Rules r{{group({kSenior, kCommercial, kResidential}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, 0, 1, {}}));
}

TEST(Evaluate, AFalseGroupMayMakeEligible) {
  Rules r{{group({kCommercial}, O::ineligible, O::eligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::eligible, 0, 0, {}}));
}

TEST(Evaluate, ATrueGroupMayMakeIneligible) {
  Rules r{{group({kResidential}, O::ineligible, O::eligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, 0, -1, {}}));
}

TEST(Evaluate, CheckNextGoesOnToTheNextGroup) {
  Rules true_then{{group({kResidential}, O::check_next, O::ineligible),
                   group({kSenior}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(true_then, facts()), (Verdict{Eligibility::eligible, 1, -1, {}}));
  Rules false_then{{group({kCommercial}, O::eligible, O::check_next),
                    group({kResidential, kCommercial}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(false_then, facts()), (Verdict{Eligibility::ineligible, 1, 1, {}}));
}

TEST(Evaluate, GroupsAreCheckedInOrderAndTheFirstDecisionWins) {
  const CriteriaGroup yes = group({kResidential}, O::eligible, O::check_next);
  const CriteriaGroup no = group({kSenior}, O::ineligible, O::check_next);
  EXPECT_EQ(evaluate({{yes, no}}, facts()), (Verdict{Eligibility::eligible, 0, -1, {}}));
  EXPECT_EQ(evaluate({{no, yes}}, facts()), (Verdict{Eligibility::ineligible, 0, -1, {}}));
}

TEST(Evaluate, WhenEveryGroupSaysCheckNextThePackageIsIneligible) {
  // True, false, and needing data with both outcomes "check next".
  Rules r{{group({kResidential}, O::check_next, O::ineligible),
           group({kCommercial}, O::eligible, O::check_next),
           group({kOwnsEv}, O::check_next, O::check_next)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, -1, -1, {}}));
}

TEST(Evaluate, MissingDataNamesTheFieldsInRuleOrderOnce) {
  Criterion heat_pump = criterion(answer("heat_pump_age"), Comparison::lt, {Value::of_number(10)});
  Rules r{{group({kOwnsEv, kResidential, heat_pump, kOwnsEv}, O::eligible, O::ineligible)}};
  EXPECT_EQ(
      evaluate(r, facts()),
      (Verdict{
          Eligibility::insufficient_data, 0, -1, {answer("owns_ev"), answer("heat_pump_age")}}));
}

TEST(Evaluate, AFailingCriterionOutweighsMissingData) {
  Rules r{{group({kOwnsEv, kCommercial}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, 0, 1, {}}));
}

TEST(Evaluate, AGroupNeedingDataDecidesNothingWhenBothOutcomesCheckNext) {
  Rules skipped{{group({kOwnsEv}, O::check_next, O::check_next),
                 group({kSenior}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(skipped, facts()), (Verdict{Eligibility::eligible, 1, -1, {}}));
}

TEST(Evaluate, AGroupNeedingDataIsPassedOverWhenTheNextGroupsGiveTheSameVerdict) {
  // Before three-valued evaluation this was insufficient data naming
  // owns_ev. But an EV owner is eligible by group 1, and anyone else goes on
  // to group 2, which makes this senior eligible too: the answer cannot
  // change the verdict, so nothing is asked. Group 2 is the group that
  // decides on every branch still open.
  Rules r{
      {group({kOwnsEv}, O::eligible, O::check_next), group({kSenior}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::eligible, 1, -1, {}}));
}

TEST(Evaluate, AnsweringTheMissingQuestionDecides) {
  Rules r{{group({kResidential, kOwnsEv}, O::eligible, O::ineligible)}};
  Facts f = facts();
  EXPECT_EQ(evaluate(r, f).result, Eligibility::insufficient_data);
  f.set(answer("owns_ev"), Value::of_yes_no(true));
  EXPECT_EQ(evaluate(r, f).result, Eligibility::eligible);
  f.set(answer("owns_ev"), Value::of_yes_no(false));
  EXPECT_EQ(evaluate(r, f), (Verdict{Eligibility::ineligible, 0, 1, {}}));
}

TEST(Evaluate, ACriterionIgnoredWhenDataIsMissing) {
  // "If you told us about an EV it must be yes; if not, never mind."
  Criterion optional_ev = kOwnsEv;
  optional_ev.if_insufficient = E::check_next;
  Rules r{{group({optional_ev, kResidential}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::eligible, 0, -1, {}}));
}

TEST(Evaluate, NeedsDataFollowsBothResults) {
  // owns_ev is unanswered; its criterion needs data and its if-true and
  // if-false effects say what each answer would do to the group.
  auto verdict = [](E if_true, E if_false) {
    Criterion ev = criterion(answer("owns_ev"), Comparison::eq, {Value::of_yes_no(true)}, if_true,
                             if_false, E::needs_data);
    return evaluate({{group({ev, kResidential}, O::eligible, O::ineligible)}}, facts());
  };
  // Either answer could make the group false or not: ask.
  EXPECT_EQ(verdict(E::holds, E::fails),
            (Verdict{Eligibility::insufficient_data, 0, -1, {answer("owns_ev")}}));
  EXPECT_EQ(verdict(E::fails, E::check_next),
            (Verdict{Eligibility::insufficient_data, 0, -1, {answer("owns_ev")}}));
  // Either answer leaves the group true ("EV owners welcome, not required").
  EXPECT_EQ(verdict(E::holds, E::check_next), (Verdict{Eligibility::eligible, 0, -1, {}}));
  // Either answer makes it false: it is, and the criterion is the reason.
  EXPECT_EQ(verdict(E::fails, E::fails), (Verdict{Eligibility::ineligible, 0, 0, {}}));
}

// The home-owner packages: a yearly consumption group, then home owners.
const FieldRef kYearlyKwh = answer("yearly_kwh");
const Criterion kBigConsumer = criterion(kYearlyKwh, Comparison::ge, {Value::of_number(10000)});
const Criterion kSmallConsumer = criterion(kYearlyKwh, Comparison::lt, {Value::of_number(1000)});
const Criterion kHomeOwner =
    criterion(answer("home_owner"), Comparison::eq, {Value::of_yes_no(true)});

Facts home_owner(bool owner) {
  Facts f = facts();  // no yearly_kwh, no owns_ev
  f.set(answer("home_owner"), Value::of_yes_no(owner));
  return f;
}

TEST(Evaluate, AHomeOwnerIsEligibleWithoutSayingTheirConsumption) {
  // Big consumers are eligible, others go on to group 2, where home owners
  // are eligible: whatever the yearly kWh, a home owner is eligible, and is
  // not asked for it. Group 2 is where every branch still open ends.
  Rules r{{group({kBigConsumer}, O::eligible, O::check_next),
           group({kHomeOwner}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, home_owner(true)), (Verdict{Eligibility::eligible, 1, -1, {}}));
  // A tenant's consumption decides: a big consumer is eligible, a small
  // one is not.
  EXPECT_EQ(evaluate(r, home_owner(false)),
            (Verdict{Eligibility::insufficient_data, 0, -1, {kYearlyKwh}}));
}

TEST(Evaluate, ATenantIsIneligibleWithoutSayingTheirConsumption) {
  // Small consumers are ineligible, others go on to group 2, which turns
  // away tenants: a tenant is ineligible whatever the yearly kWh, for
  // failing group 2's only criterion.
  Rules r{{group({kSmallConsumer}, O::ineligible, O::check_next),
           group({kHomeOwner}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, home_owner(false)), (Verdict{Eligibility::ineligible, 1, 0, {}}));
}

TEST(Evaluate, WhenTheAnswerDecidesOnlyItsFieldIsNamed) {
  // A home owner: a small consumer is ineligible by group 1, any other is
  // eligible by group 2, so the yearly kWh decides. Group 3's EV question
  // is never reached: it is not asked.
  Rules r{{group({kSmallConsumer}, O::ineligible, O::check_next),
           group({kHomeOwner}, O::eligible, O::check_next),
           group({kOwnsEv}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, home_owner(true)),
            (Verdict{Eligibility::insufficient_data, 0, -1, {kYearlyKwh}}));
  Facts small = home_owner(true);
  small.set(kYearlyKwh, Value::of_number(800));
  EXPECT_EQ(evaluate(r, small), (Verdict{Eligibility::ineligible, 0, -1, {}}));
  Facts big = home_owner(true);
  big.set(kYearlyKwh, Value::of_number(4000));
  EXPECT_EQ(evaluate(r, big), (Verdict{Eligibility::eligible, 1, -1, {}}));
}

TEST(Evaluate, OfTwoMissingFieldsInAGroupOnlyTheOneThatMattersIsNamed) {
  // Group 1 turns away small consumers; EV owners are welcome there, but
  // the EV criterion neither holds nor fails the group (if false: check
  // next). Both are unanswered: only the consumption can change the verdict.
  Criterion ev_welcome = kOwnsEv;
  ev_welcome.if_false = E::check_next;
  Rules r{{group({ev_welcome, kSmallConsumer}, O::ineligible, O::check_next),
           group({kResidential}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::insufficient_data, 0, -1, {kYearlyKwh}}));
}

TEST(Evaluate, OfTwoMissingFieldsInDifferentGroupsOnlyTheOneThatMattersIsNamed) {
  // Group 1: a small consumer is ineligible. Group 2: EV owners are
  // eligible, others go on to group 3, which makes residential customers
  // eligible: past group 1 the prospect is eligible whatever the EV answer,
  // so only the consumption is asked, though both groups need data.
  Rules r{{group({kSmallConsumer}, O::ineligible, O::check_next),
           group({kOwnsEv}, O::eligible, O::check_next),
           group({kResidential}, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::insufficient_data, 0, -1, {kYearlyKwh}}));
}

TEST(Evaluate, EveryGroupWhoseAnswerCouldDecideIsNamed) {
  // An EV owner is eligible by group 1; anyone else by group 2 if not a
  // small consumer: answering either question may settle it.
  Rules r{{group({kOwnsEv}, O::eligible, O::check_next),
           group({kSmallConsumer}, O::ineligible, O::eligible)}};
  EXPECT_EQ(evaluate(r, facts()),
            (Verdict{Eligibility::insufficient_data, 0, -1, {answer("owns_ev"), kYearlyKwh}}));
}

TEST(Evaluate, AGroupWhoseOutcomesBothCheckNextIsNotAsked) {
  // Group 1 needs the EV answer but checks the next group either way.
  Rules r{{group({kOwnsEv}, O::check_next, O::check_next),
           group({kSmallConsumer}, O::ineligible, O::eligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::insufficient_data, 1, -1, {kYearlyKwh}}));
  Facts f = facts();
  f.set(kYearlyKwh, Value::of_number(4000));
  EXPECT_EQ(evaluate(r, f), (Verdict{Eligibility::eligible, 1, 0, {}}));
}

TEST(Evaluate, BranchesThatAllFallThroughEveryGroupAreIneligible) {
  // Group 1 may make ineligible or check next; group 2 may check next or
  // make ineligible; past them nothing applies: ineligible on every branch.
  Rules r{{group({kOwnsEv}, O::ineligible, O::check_next),
           group({kSmallConsumer}, O::check_next, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, -1, -1, {}}));
}

TEST(Evaluate, TwentyUndecidedGroupsAreFollowedInOnePass) {
  // Twenty groups (the most rules may have; 25 as rules stored before the
  // limit might), each on its own unanswered question: true makes
  // ineligible, false checks the next group, and past the last nothing
  // applies. Whatever the answers, ineligible.
  for (const int n : {20, 25}) {
    Rules r;
    for (int i = 0; i < n; ++i)
      r.groups.push_back(group(
          {criterion(answer("q" + std::to_string(i)), Comparison::eq, {Value::of_yes_no(true)})},
          O::ineligible, O::check_next));
    EXPECT_EQ(evaluate(r, facts()), (Verdict{Eligibility::ineligible, -1, -1, {}})) << n;
    // The last group makes eligible when false: each answer may now settle
    // it (yes: ineligible), so all are asked, in rule order.
    r.groups.back().if_false = O::eligible;
    const Verdict v = evaluate(r, facts());
    EXPECT_EQ(v.result, Eligibility::insufficient_data) << n;
    ASSERT_EQ(v.missing.size(), static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) EXPECT_EQ(v.missing[i], answer("q" + std::to_string(i))) << n;
  }
}

TEST(Evaluate, AGroupOfMoreCriteriaThanRulesAllowNamesItsMissingFields) {
  // 40 criteria (rules stored before the limit of 20): the 36th is
  // unanswered and decides.
  std::vector<Criterion> criteria(40, kResidential);
  criteria[35] = kOwnsEv;
  Rules r{{group(criteria, O::eligible, O::ineligible)}};
  EXPECT_EQ(evaluate(r, facts()),
            (Verdict{Eligibility::insufficient_data, 0, -1, {answer("owns_ev")}}));
}

// --- Facts ------------------------------------------------------------------------------

TEST(Facts, FindsByBothSourceAndName) {
  Facts f;
  f.set(order("region"), Value::of_text("IDF"));
  f.set(answer("region"), Value::of_list("north"));
  f.set(answer("a"), Value::of_number(1));
  f.set(answer("bb"), Value::of_number(2));
  f.set(answer("ab"), Value::of_number(3));
  ASSERT_TRUE(f.find(order("region")));
  EXPECT_EQ(*f.find(order("region")), Value::of_text("IDF"));
  EXPECT_EQ(*f.find(answer("region")), Value::of_list("north"));
  EXPECT_EQ(*f.find(answer("a")), Value::of_number(1));
  EXPECT_EQ(*f.find(answer("bb")), Value::of_number(2));
  EXPECT_EQ(*f.find(answer("ab")), Value::of_number(3));
  EXPECT_EQ(f.find(computed("region")), nullptr);
  EXPECT_EQ(f.find(answer("b")), nullptr);
  EXPECT_EQ(f.find(answer("regions")), nullptr);
}

TEST(Facts, SetReplacesAndClearRemoves) {
  Facts f;
  f.set(computed("age"), Value::of_number(30));
  f.set(computed("age"), Value::of_number(31));
  EXPECT_EQ(*f.find(computed("age")), Value::of_number(31));
  f.clear(computed("age"));
  EXPECT_EQ(f.find(computed("age")), nullptr);
}

TEST(Facts, SetAnswersReplacesThePreviousAnswersOnly) {
  Facts f = facts();
  f.set_answers({{"owns_ev", Value::of_yes_no(true)}});
  EXPECT_EQ(f.find(answer("heating")), nullptr);
  EXPECT_EQ(*f.find(answer("owns_ev")), Value::of_yes_no(true));
  EXPECT_EQ(*f.find(order("region")), Value::of_text("IDF"));
}

// --- Codes --------------------------------------------------------------------------------

TEST(EligibilityCodes, RoundTrip) {
  EXPECT_EQ(to_code(answer("owns_ev")), "answer:owns_ev");
  EXPECT_EQ(to_code(computed("age")), "computed:age");
  EXPECT_EQ(field_ref_from("order:customer_class"), order("customer_class"));
  EXPECT_FALSE(field_ref_from("customer_class"));
  EXPECT_FALSE(field_ref_from("person:age"));
  EXPECT_FALSE(field_ref_from("answer:"));
  EXPECT_FALSE(field_ref_from("answer:Owns EV"));
  for (auto c : {Comparison::eq, Comparison::ne, Comparison::lt, Comparison::le, Comparison::gt,
                 Comparison::ge, Comparison::between, Comparison::in})
    EXPECT_EQ(comparison_from(to_code(c)), c);
  EXPECT_EQ(symbol(Comparison::ge), "≥");
  for (auto e : {E::holds, E::fails, E::check_next, E::needs_data})
    EXPECT_EQ(criterion_effect_from(to_code(e)), e);
  for (auto o : {O::eligible, O::ineligible, O::check_next})
    EXPECT_EQ(group_outcome_from(to_code(o)), o);
  EXPECT_EQ(to_code(Eligibility::insufficient_data), "insufficient_data");
  EXPECT_FALSE(comparison_from("like"));
}

TEST(FieldType, FromTheQuestionsOrTheKnownFields) {
  const std::vector<Question> qs{
      {"owns_ev", "EV?", "", ValueType::yes_no, {}, Applicability::optional}};
  EXPECT_EQ(field_type(answer("owns_ev"), qs), ValueType::yes_no);
  EXPECT_EQ(field_type(answer("pool"), qs), std::nullopt);
  EXPECT_EQ(field_type(order("postal_code"), qs), ValueType::text);
  EXPECT_EQ(field_type(computed("age"), qs), ValueType::number);
  EXPECT_EQ(field_type(computed("owns_ev"), qs), std::nullopt);
  for (const KnownField& k : known_fields())
    EXPECT_EQ(std::string(k.label_key),
              std::string("field.") +
                  (k.field.source == FieldSource::order ? "order." : "computed.") + k.field.name);
}

// --- validate_rules ----------------------------------------------------------------------------

const std::vector<Question> kQuestions{
    {"owns_ev", "EV?", "", ValueType::yes_no, {}, Applicability::optional},
    {"heating",
     "Heating?",
     "",
     ValueType::list,
     {{"gas", "", ""}, {"electric", "", ""}},
     Applicability::required},
    {"move_in", "Moving in on?", "", ValueType::date, {}, Applicability::optional},
};

std::vector<std::string> problems(const Rules& r) {
  std::vector<std::string> out;
  for (const auto& e : validate_rules(r, kQuestions, "rules.").errors)
    out.push_back(e.field + " " + e.key);
  return out;
}

TEST(ValidateRules, AcceptsSoundRules) {
  Rules r{{group(
      {kResidential, kSenior, criterion(answer("heating"), Comparison::in, {Value::of_list("gas")}),
       criterion(answer("move_in"), Comparison::between,
                 {Value::of_date(2026_y / 1 / 1), Value::of_date(2026_y / 1 / 1)}),
       criterion(computed("age"), Comparison::ge, {Value::of_number(18)}, E::holds, E::check_next,
                 E::fails)},
      O::eligible, O::check_next)}};
  EXPECT_TRUE(problems(r).empty());
}

TEST(ValidateRules, ValuesMustBeOfTheFieldsType) {
  Rules r{{group({criterion(computed("age"), Comparison::ge, {Value::of_text("18")}),
                  criterion(order("city"), Comparison::eq, {Value::of_number(75)})},
                 O::eligible, O::check_next)}};
  auto e = validate_rules(r, kQuestions, "rules.");
  ASSERT_EQ(e.errors.size(), 2u);
  EXPECT_EQ(e.errors[0].key, "criterion.type_mismatch");
  EXPECT_EQ(e.errors[0].field, "rules.groups.0.criteria.0.values.0");
  EXPECT_EQ(e.errors[0].args, (MessageArgs{{"field", "age"}}));
  EXPECT_EQ(e.errors[1].field, "rules.groups.0.criteria.1.values.0");
}

TEST(ValidateRules, BetweenTakesALowAndAHighValue) {
  Rules r{{group({criterion(computed("age"), Comparison::between,
                            {Value::of_number(65), Value::of_number(18)}),
                  criterion(computed("age"), Comparison::between, {Value::of_number(18)})},
                 O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r), (std::vector<std::string>{
                             "rules.groups.0.criteria.0.values criterion.between_reversed",
                             "rules.groups.0.criteria.1.values criterion.between_two_values"}));
}

TEST(ValidateRules, UnknownFieldsAreRefused) {
  Rules r{{group({criterion(answer("pool"), Comparison::eq, {Value::of_yes_no(true)}),
                  criterion(order("income"), Comparison::gt, {Value::of_number(1)})},
                 O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r),
            (std::vector<std::string>{"rules.groups.0.criteria.0.field criterion.field_unknown",
                                      "rules.groups.0.criteria.1.field criterion.field_unknown"}));
}

TEST(ValidateRules, InNeedsOneToFiftyValues) {
  std::vector<Value> many(51, Value::of_text("IDF"));
  Rules r{{group({criterion(order("region"), Comparison::in, {}),
                  criterion(order("region"), Comparison::in, many)},
                 O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r),
            (std::vector<std::string>{"rules.groups.0.criteria.0.values criterion.in_values",
                                      "rules.groups.0.criteria.1.values criterion.in_values"}));
}

TEST(ValidateRules, OrderedComparisonsOnlyOnNumbersAndDates) {
  Rules r{{group({criterion(order("customer_class"), Comparison::lt, {Value::of_text("m")}),
                  criterion(answer("owns_ev"), Comparison::ge, {Value::of_yes_no(true)}),
                  criterion(answer("move_in"), Comparison::lt, {Value::of_date(2027_y / 1 / 1)})},
                 O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r), (std::vector<std::string>{
                             "rules.groups.0.criteria.0.comparison criterion.not_ordered",
                             "rules.groups.0.criteria.1.comparison criterion.not_ordered"}));
}

TEST(ValidateRules, OneValueForSimpleComparisonsAndListValuesAmongTheChoices) {
  Rules r{{group(
      {criterion(computed("age"), Comparison::eq, {}),
       criterion(computed("age"), Comparison::eq, {Value::of_number(1), Value::of_number(2)}),
       criterion(answer("heating"), Comparison::in,
                 {Value::of_list("gas"), Value::of_list("wood")})},
      O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r),
            (std::vector<std::string>{"rules.groups.0.criteria.0.values criterion.one_value",
                                      "rules.groups.0.criteria.1.values criterion.one_value",
                                      "rules.groups.0.criteria.2.values.1 value.not_a_choice"}));
}

TEST(ValidateRules, NeedsDataOnlyAsTheInsufficientDataEffect) {
  Rules r{{group({criterion(computed("age"), Comparison::ge, {Value::of_number(18)}, E::needs_data,
                            E::needs_data, E::needs_data)},
                 O::eligible, O::check_next)}};
  EXPECT_EQ(problems(r),
            (std::vector<std::string>{
                "rules.groups.0.criteria.0.if_true criterion.needs_data_only_if_insufficient",
                "rules.groups.0.criteria.0.if_false criterion.needs_data_only_if_insufficient"}));
}

TEST(ValidateRules, GroupAndCriteriaCounts) {
  Rules r;
  for (int i = 0; i < 21; ++i)
    r.groups.push_back(group({kResidential}, O::eligible, O::check_next));
  r.groups[1].criteria.clear();
  r.groups[2].criteria.assign(21, kSenior);
  r.groups[3].label = std::string(201, 'x');
  r.groups[4].label_fr = std::string(201, 'x');
  EXPECT_EQ(problems(r),
            (std::vector<std::string>{
                "rules.groups rules.too_many_groups", "rules.groups.1.criteria rules.group_empty",
                "rules.groups.2.criteria rules.too_many_criteria",
                "rules.groups.3.label field.too_long", "rules.groups.4.label_fr field.too_long"}));
}

TEST(GroupLabel, InTheReadersLanguageElseTheOther) {
  CriteriaGroup g = group({kResidential}, O::eligible, O::check_next);
  g.label = "Commercial customers";
  g.label_fr = "Clients professionnels";
  EXPECT_EQ(group_label(g, Language::en), "Commercial customers");
  EXPECT_EQ(group_label(g, Language::fr), "Clients professionnels");
  g.label_fr.clear();
  EXPECT_EQ(group_label(g, Language::fr), "Commercial customers");
  g.label_fr = "Clients professionnels";
  g.label.clear();
  EXPECT_EQ(group_label(g, Language::en), "Clients professionnels");
  g.label_fr.clear();
  EXPECT_EQ(group_label(g, Language::fr), "");
}

}  // namespace
}  // namespace rapport::domain
