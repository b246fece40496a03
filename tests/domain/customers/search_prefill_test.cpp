// Control Central's search text split for Add order (domain/customers/search_prefill.h).
#include "domain/customers/search_prefill.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

TEST(SearchPrefill, NameAlone) {
  EXPECT_EQ(split_search_text("Zoé Lambert"), (SearchPrefill{"Zoé Lambert", "", "", ""}));
  EXPECT_EQ(split_search_text("  Zoé   Lambert "), (SearchPrefill{"Zoé Lambert", "", "", ""}));
  EXPECT_EQ(split_search_text(""), SearchPrefill{});
}

TEST(SearchPrefill, PhoneInAnyFormat) {
  EXPECT_EQ(split_search_text("06 12 34 56 78").phone, "06 12 34 56 78");
  EXPECT_EQ(split_search_text("+33612345678").phone, "+33612345678");
  EXPECT_EQ(split_search_text("(416) 555-0142").phone, "(416) 555-0142");
  auto p = split_search_text("Dupré 06.12.34.56.78");
  EXPECT_EQ(p.name, "Dupré");
  EXPECT_EQ(p.phone, "06.12.34.56.78");
}

TEST(SearchPrefill, EmailAndPostalCode) {
  auto p = split_search_text("helene.dupre@exemple.fr");
  EXPECT_EQ(p.email, "helene.dupre@exemple.fr");
  EXPECT_TRUE(p.name.empty());
  p = split_search_text("Hélène Dupré 69002");
  EXPECT_EQ(p.name, "Hélène Dupré");
  EXPECT_EQ(p.postal_code, "69002");
  EXPECT_TRUE(p.phone.empty());
  p = split_search_text("Tremblay H2X 1Y4");
  EXPECT_EQ(p.name, "Tremblay");
  EXPECT_EQ(p.postal_code, "H2X 1Y4");
  EXPECT_EQ(split_search_text("m5v3l9").postal_code, "m5v 3l9");
}

TEST(SearchPrefill, Everything) {
  auto p = split_search_text("Noémie Garnier, 35000, 07 61 32 43 54, noemie@exemple.fr");
  EXPECT_EQ(p, (SearchPrefill{"Noémie Garnier", "07 61 32 43 54", "noemie@exemple.fr", "35000"}));
}

TEST(SearchPrefill, ShortNumbersStayInTheName) {
  // A house number is neither a phone nor a postal code.
  auto p = split_search_text("12 rue Victor-Hugo");
  EXPECT_EQ(p.name, "12 rue Victor-Hugo");
  EXPECT_TRUE(p.phone.empty());
  EXPECT_TRUE(p.postal_code.empty());
}

TEST(SearchPrefill, MergeKeepsTheFieldsTypedOverTheSplit) {
  // Add customer and Add order start from the same merge.
  auto p = merge_search_fields("Zacharie Vasseur 06 71 82 93 04", {});
  EXPECT_EQ(p.name, "Zacharie Vasseur");
  EXPECT_EQ(p.phone, "06 71 82 93 04");
  p = merge_search_fields("Zacharie Vasseur 06 71 82 93 04", {"", "07 00 00 00 01", "", "75011"});
  EXPECT_EQ(p, (SearchPrefill{"Zacharie Vasseur", "07 00 00 00 01", "", "75011"}));
}

TEST(PersonName, TheLastWordIsTheFamilyNameUnlessACommaSaysOtherwise) {
  EXPECT_EQ(split_person_name("Hélène Dupré"), (PersonName{"Hélène", "Dupré"}));
  EXPECT_EQ(split_person_name("Jean Pierre Martin"), (PersonName{"Jean Pierre", "Martin"}));
  EXPECT_EQ(split_person_name("Dupré, Hélène"), (PersonName{"Hélène", "Dupré"}));
  EXPECT_EQ(split_person_name("  Dupré  "), (PersonName{"", "Dupré"}));
  EXPECT_EQ(split_person_name("\tHélène Dupré\n"), (PersonName{"Hélène", "Dupré"}));
  EXPECT_EQ(split_person_name(""), (PersonName{"", ""}));
}

}  // namespace
}  // namespace rapport::domain
