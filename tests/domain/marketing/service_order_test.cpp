#include "domain/marketing/service_order.h"

#include <string>

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::problems;

using namespace date::literals;

const CivilDate kToday = 2026_y / 5 / 14;

ServiceOrder order() {
  ServiceOrder o;
  o.number = "SO-000001";
  o.prospect.family_name = "Dupré";
  o.prospect.given_name = "Hélène";
  o.prospect.date_of_birth = 1956_y / 5 / 15;
  o.prospect.language = Language::fr;
  o.prospect.address = {"12 rue Victor-Hugo", "", "75011", "Paris", "IDF", "FR"};
  return o;
}

Campaign campaign() {
  Campaign c;
  c.code = "GREEN-2026";
  c.description_en = "Green";
  c.premise = {Usage::optional, true};
  c.account = {Usage::required, true};
  return c;
}

std::string key(const Status& s) { return s ? "ok" : s.error().key; }

// --- Transitions ---------------------------------------------------------------------

TEST(OrderTransitions, HoldWithAReasonAndARemindDateThenRelease) {
  ServiceOrder o = order();
  ASSERT_EQ(key(hold(o, "documents_needed", 2026_y / 5 / 20, kToday)), "ok");
  EXPECT_EQ(o.status, OrderStatus::held);
  EXPECT_EQ(o.hold_reason, "documents_needed");
  EXPECT_EQ(o.remind_on, 2026_y / 5 / 20);
  ASSERT_EQ(key(release(o)), "ok");
  EXPECT_EQ(o.status, OrderStatus::pending);
  EXPECT_EQ(o.remind_on, std::nullopt);  // off the to-do list
}

TEST(OrderTransitions, HoldNeedsAReasonAndADateFromToday) {
  ServiceOrder o = order();
  EXPECT_EQ(key(hold(o, "", 2026_y / 5 / 20, kToday)), "order.hold_reason_required");
  EXPECT_EQ(key(hold(o, "bored", 2026_y / 5 / 20, kToday)), "order.hold_reason_required");
  EXPECT_EQ(key(hold(o, "credit_check", std::nullopt, kToday)), "order.remind_date_required");
  EXPECT_EQ(key(hold(o, "credit_check", 2026_y / 5 / 13, kToday)), "order.remind_date_past");
  EXPECT_EQ(o.status, OrderStatus::pending);  // nothing changed
  EXPECT_EQ(key(hold(o, "credit_check", kToday, kToday)), "ok");
}

TEST(OrderTransitions, OnlyAHeldOrderIsReleased) {
  ServiceOrder o = order();
  EXPECT_EQ(key(release(o)), "order.not_held");
}

TEST(OrderTransitions, CancelNeedsAReasonFromTheList) {
  ServiceOrder o = order();
  EXPECT_EQ(key(cancel(o, "")), "order.cancel_reason_required");
  EXPECT_EQ(key(cancel(o, "whatever")), "order.cancel_reason_required");
  ASSERT_EQ(key(hold(o, "customer_to_call_back", 2026_y / 6 / 1, kToday)), "ok");
  ASSERT_EQ(key(cancel(o, "competitor")), "ok");  // a held order can be canceled
  EXPECT_EQ(o.status, OrderStatus::canceled);
  EXPECT_EQ(o.cancel_reason, "competitor");
  EXPECT_EQ(o.remind_on, std::nullopt);
}

TEST(OrderTransitions, CanceledAndCompleteAreFinal) {
  for (OrderStatus s : {OrderStatus::canceled, OrderStatus::complete}) {
    ServiceOrder o = order();
    o.status = s;
    EXPECT_TRUE(is_final(s));
    EXPECT_EQ(key(hold(o, "credit_check", 2026_y / 6 / 1, kToday)), "order.final");
    EXPECT_EQ(key(release(o)), "order.final");
    EXPECT_EQ(key(cancel(o, "price")), "order.final");
    EXPECT_EQ(o.status, s);
  }
  EXPECT_FALSE(is_final(OrderStatus::pending));
  EXPECT_FALSE(is_final(OrderStatus::held));
}

TEST(OrderTransitions, ReasonsHaveCodes) {
  EXPECT_EQ(hold_reasons(), (std::vector<std::string>{"customer_to_call_back", "documents_needed",
                                                      "credit_check", "other"}));
  EXPECT_EQ(cancel_reasons().size(), 6u);
  for (auto s :
       {OrderStatus::pending, OrderStatus::held, OrderStatus::canceled, OrderStatus::complete})
    EXPECT_EQ(order_status_from(to_code(s)), s);
  for (auto p : {PartyChoice::create_new, PartyChoice::use_existing, PartyChoice::none})
    EXPECT_EQ(party_choice_from(to_code(p)), p);
  EXPECT_FALSE(order_status_from("done"));
}

// --- Parties ----------------------------------------------------------------------------

TEST(ValidateParties, ANewPersonAccountAndPremiseAreFine) {
  EXPECT_TRUE(validate_parties(order(), campaign(), false).empty());
}

TEST(ValidateParties, ANewPersonNeedsAFamilyOrCompanyName) {
  ServiceOrder o = order();
  o.prospect.family_name.clear();
  EXPECT_EQ(problems(validate_parties(o, campaign(), false)),
            (std::vector<std::string>{"prospect.family_name field.required"}));
  o.prospect.kind = CustomerKind::company;
  EXPECT_EQ(problems(validate_parties(o, campaign(), false)),
            (std::vector<std::string>{"prospect.company_name field.required"}));
  o.prospect.company_name = "Boulangerie Dupré";
  EXPECT_TRUE(validate_parties(o, campaign(), false).empty());
}

TEST(ValidateParties, ExistingPartiesMustBeChosen) {
  ServiceOrder o = order();
  o.person = PartyChoice::use_existing;
  o.account = PartyChoice::use_existing;
  o.premise = PartyChoice::use_existing;
  EXPECT_EQ(problems(validate_parties(o, campaign(), false)),
            (std::vector<std::string>{"customer field.required", "existing_account field.required",
                                      "existing_premise field.required"}));
  o.customer = 7;
  o.existing_account = 8;
  o.existing_premise = 9;
  EXPECT_TRUE(validate_parties(o, campaign(), false).empty());
}

TEST(ValidateParties, UsageNotAllowedRequiredAndExistingOnly) {
  Campaign c = campaign();
  c.account = {Usage::not_allowed, false};
  c.premise = {Usage::required, true};
  ServiceOrder o = order();
  o.premise = PartyChoice::none;
  EXPECT_EQ(problems(validate_parties(o, c, false)),
            (std::vector<std::string>{"account order.account_not_allowed",
                                      "premise order.premise_required"}));
  c.account = {Usage::required, true};
  o.account = PartyChoice::none;
  EXPECT_EQ(problems(validate_parties(o, c, false)),
            (std::vector<std::string>{"account order.account_required",
                                      "premise order.premise_required"}));
  c.account = {Usage::optional, false};
  c.premise = {Usage::optional, false};
  o.account = PartyChoice::create_new;
  o.premise = PartyChoice::create_new;
  EXPECT_EQ(problems(validate_parties(o, c, false)),
            (std::vector<std::string>{"account order.account_create_not_allowed",
                                      "premise order.premise_create_not_allowed"}));
  o.account = PartyChoice::none;
  o.premise = PartyChoice::none;
  EXPECT_TRUE(validate_parties(o, c, false).empty());
}

TEST(ValidateParties, APredefinedTerritoryRefusesANewPremise) {
  ServiceOrder o = order();
  EXPECT_EQ(problems(validate_parties(o, campaign(), true)),
            (std::vector<std::string>{"premise territory.premise_required"}));
  o.premise = PartyChoice::use_existing;
  o.existing_premise = 3;
  EXPECT_TRUE(validate_parties(o, campaign(), true).empty());
  o.premise = PartyChoice::none;
  EXPECT_TRUE(validate_parties(o, campaign(), true).empty());  // the premise is optional
}

// --- Facts ------------------------------------------------------------------------------

const Value* fact(const Facts& f, FieldSource s, const std::string& name) {
  return f.find({s, name});
}

TEST(FactsOf, OrderFieldsFromTheProspect) {
  ServiceOrder o = order();
  o.answers = {{"owns_ev", Value::of_yes_no(true)}};
  Facts f = facts_of(o, kToday, {2, 3});
  auto text = [&](const char* name) {
    const Value* v = fact(f, FieldSource::order, name);
    return v ? v->text : std::string("(none)");
  };
  EXPECT_EQ(text("customer_kind"), "person");
  EXPECT_EQ(text("customer_class"), "residential");
  EXPECT_EQ(text("language"), "fr");
  EXPECT_EQ(text("postal_code"), "75011");
  EXPECT_EQ(text("city"), "Paris");
  EXPECT_EQ(text("region"), "IDF");
  EXPECT_EQ(text("country"), "FR");
  EXPECT_EQ(text("premise_type"), "house");
  EXPECT_EQ(*fact(f, FieldSource::answer, "owns_ev"), Value::of_yes_no(true));
  EXPECT_EQ(*fact(f, FieldSource::computed, "existing_accounts"), Value::of_number(2));
  EXPECT_EQ(*fact(f, FieldSource::computed, "existing_agreements"), Value::of_number(3));
}

TEST(FactsOf, ThePremiseAddressWinsWhenGivenAndPostalCodesAreNormalized) {
  ServiceOrder o = order();
  o.premise_address = {"1234 rue Saint-Denis", "", "h2x 1y4", "Montréal", "QC", "CA"};
  Facts f = facts_of(o, kToday, {});
  EXPECT_EQ(fact(f, FieldSource::order, "postal_code")->text, "H2X1Y4");
  EXPECT_EQ(fact(f, FieldSource::order, "city")->text, "Montréal");
  EXPECT_EQ(fact(f, FieldSource::order, "region")->text, "QC");
  EXPECT_EQ(fact(f, FieldSource::order, "country")->text, "CA");
}

TEST(FactsOf, EmptyFieldsAreMissingNotEmptyText) {
  ServiceOrder o = order();
  o.prospect.address.region.clear();
  o.prospect.customer_class.clear();
  o.prospect.date_of_birth.reset();
  Facts f = facts_of(o, kToday, {});
  EXPECT_EQ(fact(f, FieldSource::order, "region"), nullptr);
  EXPECT_EQ(fact(f, FieldSource::order, "customer_class"), nullptr);
  EXPECT_EQ(fact(f, FieldSource::computed, "age"), nullptr);
  // A new prospect has no accounts yet: zero, not unknown.
  EXPECT_EQ(*fact(f, FieldSource::computed, "existing_accounts"), Value::of_number(0));
}

TEST(FactsOf, AgeInWholeYearsOnTheDay) {
  ServiceOrder o = order();  // born 15 May 1956
  EXPECT_EQ(*fact(facts_of(o, 2026_y / 5 / 14, {}), FieldSource::computed, "age"),
            Value::of_number(69));
  EXPECT_EQ(*fact(facts_of(o, 2026_y / 5 / 15, {}), FieldSource::computed, "age"),
            Value::of_number(70));
  o.prospect.date_of_birth = 2008_y / 2 / 29;
  EXPECT_EQ(*fact(facts_of(o, 2026_y / 2 / 28, {}), FieldSource::computed, "age"),
            Value::of_number(17));
  EXPECT_EQ(*fact(facts_of(o, 2026_y / 3 / 1, {}), FieldSource::computed, "age"),
            Value::of_number(18));
}

// --- Start date -------------------------------------------------------------------------

TEST(StartDate, OnCompletionOrTheFirstOfNextMonth) {
  EXPECT_EQ(start_date(StartOption::on_completion, 2026_y / 5 / 14), 2026_y / 5 / 14);
  EXPECT_EQ(start_date(StartOption::first_of_next_month, 2026_y / 5 / 14), 2026_y / 6 / 1);
  EXPECT_EQ(start_date(StartOption::first_of_next_month, 2026_y / 5 / 1), 2026_y / 6 / 1);
  EXPECT_EQ(start_date(StartOption::first_of_next_month, 2026_y / 12 / 31), 2027_y / 1 / 1);
}

TEST(ServiceOrder, AnAgreementStartingOnCompletionIsActiveAtOnce) {
  const CivilDate today = 2026_y / 5 / 14;
  AgreementToCreate now{"energy", "electricity", StartOption::on_completion, "", false};
  EXPECT_EQ(initial_status(now, start_date(now.start, today), today),
            ServiceAgreementStatus::active);
  AgreementToCreate later = now;
  later.start = StartOption::first_of_next_month;
  EXPECT_EQ(initial_status(later, start_date(later.start, today), today),
            ServiceAgreementStatus::pending_start);
  AgreementToCreate offer = now;
  offer.proposal = true;
  EXPECT_EQ(initial_status(offer, today, today), ServiceAgreementStatus::proposal);
}

}  // namespace
}  // namespace rapport::domain
