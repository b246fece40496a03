// A line's quantity and discount as people type them on the quote, sales
// order and change order pages (app/catalog/typed_quantity.h): the same
// reading, default and errors on every page, in each language's way of
// writing numbers.
#include <gtest/gtest.h>

#include "app/catalog/typed_price.h"
#include "app/catalog/typed_quantity.h"

namespace rapport::app {
namespace {

std::vector<std::string> typed_error_keys(const FieldErrors& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors.errors) out.push_back(e.field + ":" + e.key);
  return out;
}

TEST(TypedQuantity, ReadsEachLanguagesWayOfWritingAQuantity) {
  EXPECT_EQ(typed_quantity("2", Language::en), 2000);
  EXPECT_EQ(typed_quantity("1,5", Language::fr), 1500);
  EXPECT_EQ(typed_quantity("1.5", Language::fr), 1500);
  EXPECT_EQ(typed_quantity("1,5", Language::en), 1500);  // a comma alone is the decimal point
  EXPECT_EQ(typed_quantity("1 000", Language::fr), 1'000'000);
  EXPECT_EQ(typed_quantity("1\u202f000,25", Language::fr), 1'000'250);  // as French prints it
  EXPECT_EQ(typed_quantity("1\u00a0000", Language::fr), 1'000'000);
  EXPECT_EQ(typed_quantity("1,000.5", Language::en), 1'000'500);
  EXPECT_EQ(typed_quantity(" 3 ", Language::en), 3000);
  EXPECT_EQ(typed_quantity("1,000.5", Language::fr), std::nullopt);
  EXPECT_EQ(typed_quantity("1.2345", Language::en), std::nullopt);  // three decimals at most
  EXPECT_EQ(typed_quantity("two", Language::en), std::nullopt);
  EXPECT_EQ(typed_quantity("-1", Language::en), std::nullopt);
}

TEST(TypedQuantity, AnEnglishCommaGroupsThousandsAndAFrenchOneIsTheDecimalSeparator) {
  EXPECT_EQ(typed_quantity("1,000", Language::en), 1'000'000);
  EXPECT_EQ(typed_quantity("12,345", Language::en), 12'345'000);
  EXPECT_EQ(typed_quantity("1,234,567", Language::en), 1'234'567'000);
  EXPECT_EQ(typed_quantity(" 2,500 ", Language::en), 2'500'000);
  EXPECT_EQ(typed_quantity("1,000.25", Language::en), 1'000'250);
  // Not groups of three: the comma stays a decimal separator, or is refused.
  EXPECT_EQ(typed_quantity("1,5", Language::en), 1500);
  EXPECT_EQ(typed_quantity("1,50", Language::en), 1500);
  EXPECT_EQ(typed_quantity("1,0000", Language::en), std::nullopt);
  EXPECT_EQ(typed_quantity("1,000,00", Language::en), std::nullopt);
  // French is as it was: a comma is the decimal separator.
  EXPECT_EQ(typed_quantity("1,000", Language::fr), 1000);
  EXPECT_EQ(typed_quantity("1,5", Language::fr), 1500);
  EXPECT_EQ(typed_quantity("1 234,5", Language::fr), 1'234'500);
  // Amounts are read the same way.
  EXPECT_EQ(typed_amount("1,000", "EUR", Language::en), 100'000);
  EXPECT_EQ(typed_amount("1,000", "EUR", Language::fr), std::nullopt);  // three decimals
  EXPECT_EQ(typed_amount("1 234,50", "EUR", Language::fr), 123'450);
}

TEST(TypedQuantity, AnEmptyQuantityIsRequiredAndABadOneNamedOnItsField) {
  FieldErrors errors;
  EXPECT_EQ(read_typed_quantity("", Language::en, "quantity", errors), std::nullopt);
  EXPECT_EQ(read_typed_quantity(" \u00a0", Language::fr, "changes.1.quantity", errors),
            std::nullopt);
  EXPECT_EQ(read_typed_quantity("1,2,3", Language::fr, "changes.0.quantity", errors), std::nullopt);
  EXPECT_EQ(read_typed_quantity("2,5", Language::fr, "quantity", errors), 2500);
  EXPECT_EQ(
      typed_error_keys(errors),
      (std::vector<std::string>{"quantity:field.required", "changes.1.quantity:field.required",
                                "changes.0.quantity:field.quantity_invalid"}));
  EXPECT_EQ(default_quantity_text(), "1");
  EXPECT_EQ(kDefaultLineQuantity, 1000);
}

TEST(TypedDiscount, IsReadInTheUsersLanguageAndEmptyIsNone) {
  FieldErrors errors;
  EXPECT_EQ(read_typed_discount("", "EUR", Language::fr, "discount", errors), 0);
  EXPECT_EQ(read_typed_discount("12,50", "EUR", Language::fr, "discount", errors), 1250);
  EXPECT_EQ(read_typed_discount("1\u202f234,50", "EUR", Language::fr, "discount", errors), 123'450);
  EXPECT_EQ(read_typed_discount("1,234.50", "EUR", Language::en, "discount", errors), 123'450);
  EXPECT_EQ(read_typed_discount("12.5", "EUR", Language::en, "discount", errors), 1250);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(read_typed_discount("ten", "EUR", Language::en, "discount", errors), 0);
  EXPECT_EQ(read_typed_discount("1.234", "EUR", Language::en, "discount", errors), 0);
  EXPECT_EQ(typed_error_keys(errors), (std::vector<std::string>{"discount:field.amount_invalid",
                                                                "discount:field.amount_invalid"}));
}

}  // namespace
}  // namespace rapport::app
