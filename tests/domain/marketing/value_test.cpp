#include "domain/marketing/value.h"

#include <string>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

using namespace date::literals;

double number(std::string_view typed) {
  auto v = parse_value(ValueType::number, typed);
  EXPECT_TRUE(v) << typed;
  return v ? v->number : -999;
}

std::string error_key(ValueType type, std::string_view typed) {
  auto v = parse_value(type, typed, "answer.x");
  if (v) return "parsed";
  EXPECT_EQ(v.error().field, "answer.x");
  return v.error().key;
}

TEST(ParseValue, NumbersWithADotOrAFrenchDecimalComma) {
  EXPECT_DOUBLE_EQ(number("42"), 42);
  EXPECT_DOUBLE_EQ(number("-3.75"), -3.75);
  EXPECT_DOUBLE_EQ(number("1,5"), 1.5);
  EXPECT_DOUBLE_EQ(number("1 250,5"), 1250.5);
  EXPECT_DOUBLE_EQ(number("1\u00a0250,5"), 1250.5);  // no-break space, as typed in French
  EXPECT_DOUBLE_EQ(number("1\u202f250,5"), 1250.5);  // narrow no-break space
  EXPECT_DOUBLE_EQ(number("1,250.5"), 1250.5);
  EXPECT_DOUBLE_EQ(number("1.250.000,25"), 1250000.25);
  EXPECT_DOUBLE_EQ(number("  +7  "), 7);
}

TEST(ParseValue, BadNumbersAreRefused) {
  EXPECT_EQ(error_key(ValueType::number, "douze"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "12 kg"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "1,2,3"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "1e5"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "-"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "+-3"), "value.not_a_number");
  EXPECT_EQ(error_key(ValueType::number, "   "), "value.required");
  EXPECT_EQ(error_key(ValueType::number, "1000000000001"), "value.number_too_large");
  EXPECT_EQ(error_key(ValueType::number, "-1000000000001"), "value.number_too_large");
  EXPECT_EQ(error_key(ValueType::number, "1000000000000"), "parsed");
}

TEST(ParseValue, Dates) {
  auto v = parse_value(ValueType::date, "2026-03-01");
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, Value::of_date(2026_y / 3 / 1));
  EXPECT_EQ(v->number, Value::of_date(2026_y / 2 / 28).number + 1);
  EXPECT_EQ(error_key(ValueType::date, "01/03/2026"), "value.not_a_date");
  EXPECT_EQ(error_key(ValueType::date, "2026-02-30"), "value.not_a_date");
  EXPECT_EQ(error_key(ValueType::date, ""), "value.required");
}

TEST(ParseValue, YesNoInEnglishOrFrenchAnyCase) {
  for (auto yes : {"yes", "YES", "Oui", "true", "1"}) {
    auto v = parse_value(ValueType::yes_no, yes);
    ASSERT_TRUE(v) << yes;
    EXPECT_EQ(*v, Value::of_yes_no(true)) << yes;
  }
  for (auto no : {"no", "Non", "FALSE", "0"}) {
    auto v = parse_value(ValueType::yes_no, no);
    ASSERT_TRUE(v) << no;
    EXPECT_EQ(*v, Value::of_yes_no(false)) << no;
  }
  EXPECT_EQ(error_key(ValueType::yes_no, "maybe"), "value.not_yes_no");
  EXPECT_EQ(error_key(ValueType::yes_no, "y"), "value.not_yes_no");
}

TEST(ParseValue, TextIsTrimmedAndLimitedIn500Characters) {
  auto v = parse_value(ValueType::text, "  Hêtre rouge ");
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, Value::of_text("Hêtre rouge"));
  EXPECT_EQ(error_key(ValueType::text, " \t "), "value.required");
  // 500 "é" are 1000 bytes but 500 characters.
  std::string e500;
  for (int i = 0; i < 500; ++i) e500 += "é";
  EXPECT_TRUE(parse_value(ValueType::text, e500));
  EXPECT_EQ(error_key(ValueType::text, e500 + "x"), "value.too_long");
}

TEST(ParseValue, ListValuesAreTheirCode) {
  auto v = parse_value(ValueType::list, " heat_pump ");
  ASSERT_TRUE(v);
  EXPECT_EQ(*v, Value::of_list("heat_pump"));
}

TEST(FormatValue, ReadsBackAsTheSameValue) {
  EXPECT_EQ(format_value(Value::of_number(1250.5)), "1250.5");
  EXPECT_EQ(format_value(Value::of_number(18)), "18");
  EXPECT_EQ(format_value(Value::of_number(0.1)), "0.1");
  EXPECT_EQ(format_value(Value::of_number(1e12)), "1000000000000");
  EXPECT_EQ(format_value(Value::of_date(2026_y / 3 / 1)), "2026-03-01");
  EXPECT_EQ(format_value(Value::of_yes_no(true)), "yes");
  EXPECT_EQ(format_value(Value::of_yes_no(false)), "no");
  EXPECT_EQ(format_value(Value::of_list("heat_pump")), "heat_pump");
  for (const Value& v : {Value::of_number(-3.75), Value::of_date(1969_y / 12 / 31),
                         Value::of_yes_no(false), Value::of_text("Paris")}) {
    auto back = parse_value(v.type, format_value(v));
    ASSERT_TRUE(back) << format_value(v);
    EXPECT_EQ(*back, v);
  }
}

TEST(ValueType, CodesRoundTrip) {
  for (ValueType t :
       {ValueType::text, ValueType::number, ValueType::date, ValueType::yes_no, ValueType::list})
    EXPECT_EQ(value_type_from(to_code(t)), t);
  EXPECT_EQ(to_code(ValueType::yes_no), "yes_no");
  EXPECT_FALSE(value_type_from("boolean"));
}

}  // namespace
}  // namespace rapport::domain
