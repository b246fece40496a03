// Limits on text are in characters, as a user counts them, in every module.
#include "domain/text_length.h"

#include <gtest/gtest.h>

#include "domain/customers/customer_rules.h"

namespace rapport::domain {
namespace {

TEST(TextLength, CountsCharactersNotBytes) {
  EXPECT_EQ(characters(""), 0u);
  EXPECT_EQ(characters("Eloise"), 6u);
  EXPECT_EQ(characters("Éloïse"), 6u);  // 8 bytes
  EXPECT_EQ(characters("日本"), 2u);    // 6 bytes
}

TEST(TextLength, AnAccentedNameAtTheLimitIsAcceptedAndOneMoreIsNot) {
  Customer c;
  c.kind = CustomerKind::person;
  c.given_name = "Zoé";
  c.family_name.clear();
  for (std::size_t i = 0; i < kMaxNameLength; ++i) c.family_name += "é";  // 2 bytes each
  auto at_limit = validate_customer(c);
  for (const auto& e : at_limit.errors) EXPECT_NE(e.field, "family_name") << e.key;
  c.family_name += "é";
  auto over = validate_customer(c);
  ASSERT_FALSE(over.empty());
  bool named = false;
  for (const auto& e : over.errors)
    if (e.field == "family_name" && e.key == "field.too_long") named = true;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace rapport::domain
