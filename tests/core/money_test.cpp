#include "core/money.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(Money, ParsesAmountsAsTypedByUsersIntoMinorUnits) {
  EXPECT_EQ(parse_money("1234.5", "EUR"), (Money{123450, "EUR"}));
  EXPECT_EQ(parse_money("1 234,56", "EUR"), (Money{123456, "EUR"}));
  EXPECT_EQ(parse_money("-0.01", "CAD"), (Money{-1, "CAD"}));
  EXPECT_EQ(parse_money("1500", "JPY"), (Money{1500, "JPY"}));
}

TEST(Money, RefusesTooManyDecimalsUnknownCurrenciesAndText) {
  EXPECT_FALSE(parse_money("1.234", "EUR"));
  EXPECT_FALSE(parse_money("1.5", "JPY"));
  EXPECT_FALSE(parse_money("12", "XXX"));
  EXPECT_FALSE(parse_money("douze", "EUR"));
  EXPECT_FALSE(parse_money("", "EUR"));
  EXPECT_FALSE(parse_money("99999999999999999999", "EUR"));
}

// Found by fuzz/form_values: 18 digits fit an int64 as units, but not once
// scaled to cents (signed overflow, undefined behaviour).
TEST(Money, RefusesAnAmountThatOverflowsOnceInMinorUnits) {
  EXPECT_FALSE(parse_money("777777777777777777", "EUR"));
  EXPECT_FALSE(parse_money("92233720368547758.1", "EUR"));
  EXPECT_EQ(parse_money("92233720368547758.0", "EUR"), (Money{9223372036854775800LL, "EUR"}));
  EXPECT_EQ(parse_money("777777777777777777", "JPY"), (Money{777777777777777777LL, "JPY"}));
}

TEST(Money, KnowsCurrencyExponents) {
  EXPECT_EQ(currency_exponent("EUR"), 2);
  EXPECT_EQ(currency_exponent("JPY"), 0);
  EXPECT_FALSE(is_known_currency("EURO"));
}

}  // namespace
}  // namespace rapport
