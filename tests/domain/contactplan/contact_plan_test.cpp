#include "domain/contactplan/contact_plan.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;
using rapport::testing::keys_of;
using rapport::testing::ymd;

ContactPlan valid_plan() {
  ContactPlan p;
  p.code = "TUE-THU_1";
  p.name_en = "Weekly orders";
  p.weekdays = *Weekdays::parse("2,4");
  p.valid_from = ymd(2026, 1, 1);
  p.valid_to = ymd(2026, 12, 31);
  return p;
}

TEST(ContactPlanWeekdays, ParsesAndFormatsIsoLists) {
  auto w = Weekdays::parse("4, 2");
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ(w->mask(), 0b0001010);
  EXPECT_TRUE(w->contains(date::Tuesday));
  EXPECT_TRUE(w->contains(date::Thursday));
  EXPECT_FALSE(w->contains(date::Wednesday));
  EXPECT_EQ(w->to_iso_list(), "2,4");
  auto sunday = Weekdays::parse("7");
  ASSERT_TRUE(sunday.has_value());
  EXPECT_TRUE(sunday->contains(date::Sunday));
  EXPECT_EQ(sunday->mask(), 0b1000000);
  EXPECT_EQ(Weekdays::parse("1,2,3,4,5,6,7")->mask(), 0x7f);
}

TEST(ContactPlanWeekdays, EmptyListIsNoWeekdayAndBadListsAreRefused) {
  auto none = Weekdays::parse("");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(none->to_iso_list(), "");
  EXPECT_FALSE(Weekdays::parse("0").has_value());
  EXPECT_FALSE(Weekdays::parse("8").has_value());
  EXPECT_FALSE(Weekdays::parse("1,,3").has_value());
  EXPECT_FALSE(Weekdays::parse("1,").has_value());
  EXPECT_FALSE(Weekdays::parse("mon").has_value());
  EXPECT_FALSE(Weekdays::parse("12").has_value());
}

TEST(ContactPlanWeekdays, AddSetsTheIsoBit) {
  Weekdays w;
  w.add(date::Monday);
  w.add(date::Sunday);
  EXPECT_EQ(w.mask(), 0b1000001);
  EXPECT_EQ(w.to_iso_list(), "1,7");
  EXPECT_EQ(Weekdays(0xff).mask(), 0x7f);
}

TEST(ContactPlanValidation, ValidPlanPasses) {
  EXPECT_TRUE(validate_plan(valid_plan()).empty());
  ContactPlan open_ended = valid_plan();
  open_ended.valid_to.reset();
  open_ended.every_weeks = 2;
  open_ended.frequency_start = ymd(2026, 1, 7);
  open_ended.unavailable = RecalculationRule{30, 3};
  EXPECT_TRUE(validate_plan(open_ended).empty());
}

TEST(ContactPlanValidation, PlanWithNoWeekdayIsRefused) {
  ContactPlan p = valid_plan();
  p.weekdays = Weekdays{};
  auto e = validate_plan(p);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.weekdays_required");
  EXPECT_EQ(e.errors[0].field, "weekdays");
  EXPECT_EQ(e.errors[0].code, ErrorCode::invalid_input);
}

TEST(ContactPlanValidation, ValidToBeforeValidFromIsRefused) {
  ContactPlan p = valid_plan();
  p.valid_to = ymd(2025, 12, 31);
  auto e = validate_plan(p);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.range_backwards");
  EXPECT_EQ(e.errors[0].field, "valid_to");
  p.valid_to = p.valid_from;  // a one-day plan is fine
  EXPECT_TRUE(validate_plan(p).empty());
}

TEST(ContactPlanValidation, CodeMustBeShortUpperCase) {
  for (std::string bad : {"", "abc", "TOO-LONG-CODE", "A B", "É1"}) {
    ContactPlan p = valid_plan();
    p.code = bad;
    auto e = validate_plan(p);
    ASSERT_EQ(e.errors.size(), 1u) << bad;
    EXPECT_EQ(e.errors[0].key, "code.invalid") << bad;
    EXPECT_EQ(e.errors[0].field, "code");
    EXPECT_EQ(e.errors[0].args, (MessageArgs{{"max", "10"}}));
  }
  ContactPlan p = valid_plan();
  p.code = "ABCDEFGHIJ";
  EXPECT_TRUE(validate_plan(p).empty());
}

TEST(ContactPlanValidation, NamesEveryFieldAtFault) {
  ContactPlan p = valid_plan();
  p.name_en.clear();
  p.weekdays = Weekdays{};
  p.every_weeks = 2;  // no frequency start
  p.lead_days = 366;
  p.default_status = ContactStatus::call_back;
  p.busy = RecalculationRule{0, 100};
  p.call_back = RecalculationRule{kMaxDelayMinutes + 1, 5};
  auto e = validate_plan(p);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"name_en", "weekdays", "frequency_start",
                                                    "lead_days", "default_status", "busy_delay",
                                                    "busy_attempts", "call_back_delay"}));
  EXPECT_EQ(keys_of(e),
            (std::vector<std::string>{
                "contact_plan.name_required", "contact_plan.weekdays_required",
                "contact_plan.frequency_start_required", "contact_plan.lead_days_invalid",
                "contact_plan.default_status_not_final", "settings.delay_invalid",
                "settings.attempts_invalid", "settings.delay_invalid"}));
}

TEST(ContactPlanValidation, EveryWeeksAndMissingStartDate) {
  ContactPlan p = valid_plan();
  p.every_weeks = 53;
  p.valid_from = CivilDate{};
  p.name_fr = std::string(101, 'x');
  auto e = validate_plan(p);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"name_fr", "every_weeks", "valid_from"}));
  EXPECT_EQ(e.errors[0].key, "field.too_long");
  EXPECT_EQ(e.errors[1].key, "contact_plan.every_weeks_invalid");
  EXPECT_EQ(e.errors[1].args, (MessageArgs{{"max", "52"}}));
  EXPECT_EQ(e.errors[2].key, "field.required");
}

TEST(ContactPlanValidation, PlanNameFallsBackToTheOtherLanguage) {
  ContactPlan p = valid_plan();
  p.name_fr = "Commandes";
  EXPECT_EQ(plan_name(p, Language::fr), "Commandes");
  EXPECT_EQ(plan_name(p, Language::en), "Weekly orders");
  p.name_fr.clear();
  EXPECT_EQ(plan_name(p, Language::fr), "Weekly orders");
}

TEST(ContactPlanException, ValidExceptionsPass) {
  ContactPlan plan = valid_plan();
  PlanException holiday{
      {},           {},         ymd(2026, 12, 24), ymd(2026, 12, 31), ExceptionKind::no_contact,
      std::nullopt, "Christmas"};
  EXPECT_TRUE(validate_exception(holiday, plan).empty());
  PlanException moved{
      {},         {}, ymd(2026, 5, 14), ymd(2026, 5, 14), ExceptionKind::moved, ymd(2026, 5, 13),
      "Ascension"};
  EXPECT_TRUE(validate_exception(moved, plan).empty());
}

TEST(ContactPlanException, OutsideValidityIsRefused) {
  ContactPlan plan = valid_plan();
  PlanException before{
      {}, {}, ymd(2025, 12, 31), ymd(2026, 1, 2), ExceptionKind::no_contact, std::nullopt, ""};
  auto e = validate_exception(before, plan);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.exception_outside_validity");
  EXPECT_EQ(e.errors[0].field, "from");
  PlanException after{
      {}, {}, ymd(2026, 12, 30), ymd(2027, 1, 2), ExceptionKind::no_contact, std::nullopt, ""};
  e = validate_exception(after, plan);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.exception_outside_validity");
  EXPECT_EQ(e.errors[0].field, "to");
  plan.valid_to.reset();  // open-ended plan: any later date is inside
  EXPECT_TRUE(validate_exception(after, plan).empty());
}

TEST(ContactPlanException, MovedExceptionOnARangeIsRefused) {
  ContactPlan plan = valid_plan();
  PlanException moved{
      {}, {}, ymd(2026, 5, 14), ymd(2026, 5, 15), ExceptionKind::moved, ymd(2026, 5, 13), ""};
  auto e = validate_exception(moved, plan);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.moved_single_day");
  EXPECT_EQ(e.errors[0].field, "to");
}

TEST(ContactPlanException, MovedTargetMustBeGivenOtherAndValid) {
  ContactPlan plan = valid_plan();
  PlanException moved{{},           {}, ymd(2026, 5, 14), ymd(2026, 5, 14), ExceptionKind::moved,
                      std::nullopt, ""};
  EXPECT_EQ(keys_of(validate_exception(moved, plan)),
            std::vector<std::string>{"contact_plan.moved_to_required"});
  moved.moved_to = ymd(2026, 5, 14);
  EXPECT_EQ(keys_of(validate_exception(moved, plan)),
            std::vector<std::string>{"contact_plan.moved_to_same_day"});
  moved.moved_to = ymd(2027, 1, 4);
  auto e = validate_exception(moved, plan);
  EXPECT_EQ(keys_of(e), std::vector<std::string>{"contact_plan.moved_to_outside_validity"});
  EXPECT_EQ(fields_of(e), std::vector<std::string>{"moved_to"});
}

TEST(ContactPlanException, BackwardsRangeAndLongReason) {
  ContactPlan plan = valid_plan();
  PlanException ex{{},
                   {},
                   ymd(2026, 5, 14),
                   ymd(2026, 5, 10),
                   ExceptionKind::no_contact,
                   std::nullopt,
                   std::string(201, 'r')};
  auto e = validate_exception(ex, plan);
  EXPECT_EQ(keys_of(e),
            (std::vector<std::string>{"contact_plan.range_backwards", "field.too_long"}));
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"to", "reason"}));
}

TEST(ContactPlanContactInfo, LatestBeforeEarliestIsRefused) {
  ContactInfo info;
  EXPECT_TRUE(validate_contact_info(info).empty());
  info.earliest = 17 * 60;
  info.latest = 9 * 60;
  auto e = validate_contact_info(info);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "contact_plan.latest_before_earliest");
  EXPECT_EQ(e.errors[0].field, "latest");
  info.latest = info.earliest;  // an empty window too
  EXPECT_EQ(keys_of(validate_contact_info(info)),
            std::vector<std::string>{"contact_plan.latest_before_earliest"});
  info.earliest = 0;
  info.latest = 1440;  // the whole day
  EXPECT_TRUE(validate_contact_info(info).empty());
}

TEST(ContactPlanContactInfo, NamesEveryFieldAtFault) {
  ContactInfo info;
  info.earliest = 1440;
  info.latest = 1441;
  info.time_zone = "Europe/Atlantis";
  info.sequence = 10000;
  info.note = std::string(1001, 'n');
  auto e = validate_contact_info(info);
  EXPECT_EQ(fields_of(e),
            (std::vector<std::string>{"earliest", "latest", "time_zone", "sequence", "note"}));
  EXPECT_EQ(keys_of(e),
            (std::vector<std::string>{"contact_plan.time_invalid", "contact_plan.time_invalid",
                                      "field.time_zone_invalid", "contact_plan.sequence_invalid",
                                      "field.too_long"}));
  info = ContactInfo{};
  info.time_zone = "America/Toronto";
  EXPECT_TRUE(validate_contact_info(info).empty());
}

TEST(ContactPlanNonActivity, RangeAndReason) {
  NonActivityPeriod p{{}, 7, ymd(2026, 8, 1), ymd(2026, 8, 31), "Closed in August"};
  EXPECT_TRUE(validate_non_activity(p).empty());
  p.to = ymd(2026, 7, 31);
  p.reason.clear();
  auto e = validate_non_activity(p);
  EXPECT_EQ(keys_of(e),
            (std::vector<std::string>{"contact_plan.range_backwards", "field.required"}));
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"to", "reason"}));
}

TEST(ContactPlanGenerationRange, BackwardsAndTooLongRangesAreRefused) {
  EXPECT_TRUE(validate_generation_range(ymd(2026, 3, 1), ymd(2026, 3, 1)).empty());
  auto back = validate_generation_range(ymd(2026, 3, 2), ymd(2026, 3, 1));
  ASSERT_EQ(back.errors.size(), 1u);
  EXPECT_EQ(back.errors[0].key, "contact_plan.range_backwards");
  EXPECT_EQ(back.errors[0].field, "to");
  // 92 days inclusive is the most: 2026-01-01 … 2026-04-02.
  EXPECT_TRUE(validate_generation_range(ymd(2026, 1, 1), ymd(2026, 4, 2)).empty());
  auto longer = validate_generation_range(ymd(2026, 1, 1), ymd(2026, 4, 3));
  ASSERT_EQ(longer.errors.size(), 1u);
  EXPECT_EQ(longer.errors[0].key, "contact_plan.range_too_long");
  EXPECT_EQ(longer.errors[0].field, "to");
  EXPECT_EQ(longer.errors[0].args, (MessageArgs{{"max", "92"}}));
}

TEST(ContactPlanCodes, RoundTrip) {
  for (auto p : {PlanPurpose::order_intake, PlanPurpose::other_contact})
    EXPECT_EQ(plan_purpose_from(to_code(p)), p);
  for (auto m : {ContactMethod::phone, ContactMethod::email, ContactMethod::visit})
    EXPECT_EQ(contact_method_from(to_code(m)), m);
  for (auto k : {ExceptionKind::no_contact, ExceptionKind::moved})
    EXPECT_EQ(exception_kind_from(to_code(k)), k);
  EXPECT_EQ(to_code(PlanPurpose::other_contact), "other_contact");
  EXPECT_EQ(to_code(ExceptionKind::no_contact), "no_contact");
  EXPECT_FALSE(plan_purpose_from("orders").has_value());
  EXPECT_FALSE(contact_method_from("fax").has_value());
  EXPECT_FALSE(exception_kind_from("").has_value());
}

TEST(ContactPlanLocalMinutes, ParseAndFormat) {
  EXPECT_EQ(parse_local_minutes("09:30"), 570);
  EXPECT_EQ(parse_local_minutes("9:30"), 570);
  EXPECT_EQ(parse_local_minutes("00:00"), 0);
  EXPECT_EQ(parse_local_minutes("23:59"), 1439);
  EXPECT_EQ(parse_local_minutes("24:00"), 1440);
  EXPECT_FALSE(parse_local_minutes("24:01").has_value());
  EXPECT_FALSE(parse_local_minutes("12:60").has_value());
  EXPECT_FALSE(parse_local_minutes("1230").has_value());
  EXPECT_FALSE(parse_local_minutes("12:3").has_value());
  EXPECT_FALSE(parse_local_minutes("-1:00").has_value());
  EXPECT_FALSE(parse_local_minutes("").has_value());
  EXPECT_EQ(format_local_minutes(570), "09:30");
  EXPECT_EQ(format_local_minutes(0), "00:00");
  EXPECT_EQ(format_local_minutes(1440), "24:00");
}

}  // namespace
}  // namespace rapport::domain
