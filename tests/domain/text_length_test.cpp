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

namespace rapport::domain {
namespace {

TEST(TextLength, ANameIsOneLine) {
  for (std::string name : {"Du\npont", "Du\r\npont", "Du\tpont", "Dupont\r"}) {
    FieldErrors e;
    check_line(e, name, 100, "family_name");
    ASSERT_EQ(e.errors.size(), 1u) << ::testing::PrintToString(name);
    EXPECT_EQ(e.errors[0].key, "text.one_line");
    EXPECT_EQ(e.errors[0].field, "family_name");
  }
  FieldErrors fine;
  check_line(fine, "Jean-Éloïse d’Arc", 100, "family_name");
  EXPECT_TRUE(fine.empty());

  Customer c;
  c.kind = CustomerKind::person;
  c.family_name = "Du\r\npont";
  c.given_name = "Zoé";
  bool named = false;
  for (const auto& e : validate_customer(c).errors)
    named = named || (e.field == "family_name" && e.key == "text.one_line");
  EXPECT_TRUE(named) << "a customer's family name refuses CR LF";
}

}  // namespace
}  // namespace rapport::domain
