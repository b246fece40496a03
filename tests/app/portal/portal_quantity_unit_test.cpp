// The quantity a customer types in the portal, read the same by its pages
// and its API: the cart needs one, a request on an asset keeps the asset's.
#include <gtest/gtest.h>

#include "app/portal/portal_quantity.h"

namespace rapport::app {
namespace {

TEST(PortalQuantity, TypedQuantitiesAreThousandthsWithADotOrAComma) {
  EXPECT_EQ(*portal_quantity("2", EmptyQuantity::required), 2'000);
  EXPECT_EQ(*portal_quantity("1,5", EmptyQuantity::required), 1'500);
  EXPECT_EQ(*portal_quantity(" 1 000 ", EmptyQuantity::keep), 1'000'000);
}

TEST(PortalQuantity, AQuantityIsReadAsTheStaffFormsReadItInTheCustomersLanguage) {
  // French groups thousands with a (narrow) no-break space; English with a
  // comma when a dot follows: the same rule as the quote and order pages.
  EXPECT_EQ(*portal_quantity("1\u202f000,5", EmptyQuantity::required, Language::fr), 1'000'500);
  EXPECT_EQ(*portal_quantity("1,000.5", EmptyQuantity::required, Language::en), 1'000'500);
}

TEST(PortalQuantity, AnEmptyQuantityIsRequiredInTheCartAndKeepsTheAssetsInARequest) {
  auto none = portal_quantity("  ", EmptyQuantity::required);
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().key, "field.required");
  EXPECT_EQ(none.error().field, "quantity");
  auto kept = portal_quantity("", EmptyQuantity::keep);
  ASSERT_TRUE(kept);
  EXPECT_FALSE(*kept);
}

TEST(PortalQuantity, UnreadableQuantitiesAreRefusedOnTheField) {
  for (const char* typed : {"two", "-1", "1.2345", "?", "99999999999999"}) {
    auto q = portal_quantity(typed, EmptyQuantity::keep);
    ASSERT_FALSE(q) << typed;
    EXPECT_EQ(q.error().key, "field.quantity_invalid") << typed;
    EXPECT_EQ(q.error().field, "quantity");
  }
}

}  // namespace
}  // namespace rapport::app
