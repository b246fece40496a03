#include "domain/customers/customer_rules.h"

#include <string>

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;
using rapport::testing::keys_of;

Customer helene() {
  Customer c;
  c.kind = CustomerKind::person;
  c.family_name = "Dupré";
  c.given_name = "Hélène";
  c.phones = {{PhoneType::mobile, "+33612345678", true}};
  c.emails = {"helene.dupre@exemple.fr"};
  c.address = {"12 rue Victor-Hugo", "", "75011", "Paris", "", "FR"};
  return c;
}

Customer stranger() {
  Customer c;
  c.family_name = "Martin";
  c.given_name = "Paul";
  c.phones = {{PhoneType::home, "+33142685300", true}};
  c.emails = {"paul.martin@exemple.fr"};
  c.address = {"3 place du Marché", "", "69002", "Lyon", "", "FR"};
  return c;
}

TEST(DuplicateRules, StrangersAreNotDuplicates) {
  EXPECT_TRUE(duplicate_reasons(helene(), stranger()).empty());
}

TEST(DuplicateRules, SamePhoneIsADuplicate) {
  auto other = stranger();
  other.phones.push_back({PhoneType::work, "+33612345678", false});
  EXPECT_EQ(duplicate_reasons(helene(), other), (std::vector<std::string>{"phone"}));
}

TEST(DuplicateRules, SameEmailInAnotherCaseIsADuplicate) {
  auto other = stranger();
  other.emails = {"Helene.DUPRE@Exemple.FR"};
  EXPECT_EQ(duplicate_reasons(helene(), other), (std::vector<std::string>{"email"}));
}

TEST(DuplicateRules, EmailsDifferingOnlyInPunctuationAreNotDuplicates) {
  // Different mailboxes: comparing them like search words would merge them.
  auto other = stranger();
  other.emails = {"helene@dupre.exemple.fr"};
  EXPECT_TRUE(duplicate_reasons(helene(), other).empty());
  other.emails = {"helene-dupre@exemple.fr"};
  EXPECT_TRUE(duplicate_reasons(helene(), other).empty());
}

TEST(DuplicateRules, SameNameAccentsAsideAtTheSamePostalCodeIsADuplicate) {
  auto other = stranger();
  other.family_name = "DUPRE";
  other.given_name = "helene";
  other.address.postal_code = "75 011";
  EXPECT_EQ(duplicate_reasons(helene(), other), (std::vector<std::string>{"name_postal_code"}));
}

TEST(DuplicateRules, SameNameAtAnotherPostalCodeIsNotADuplicate) {
  auto other = stranger();
  other.family_name = "Dupré";
  other.given_name = "Hélène";
  other.address.postal_code = "75012";
  EXPECT_TRUE(duplicate_reasons(helene(), other).empty());
}

TEST(DuplicateRules, SameCompanyNameAtTheSamePostalCodeIsADuplicate) {
  Customer a = helene(), b = stranger();
  a.kind = b.kind = CustomerKind::company;
  a.company_name = "Boulangerie Lefèvre";
  b.company_name = "BOULANGERIE LEFEVRE";
  b.address.postal_code = a.address.postal_code;
  EXPECT_EQ(duplicate_reasons(a, b), (std::vector<std::string>{"name_postal_code"}));
}

TEST(DuplicateRules, GivesEveryReason) {
  EXPECT_EQ(duplicate_reasons(helene(), helene()),
            (std::vector<std::string>{"phone", "email", "name_postal_code"}));
}

TEST(CustomerValidation, AcceptsAWellFormedPerson) {
  EXPECT_TRUE(validate_customer(helene()).empty());
}

TEST(CustomerValidation, PersonNeedsAFamilyName) {
  auto c = helene();
  c.family_name.clear();
  auto e = validate_customer(c);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"family_name"}));
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"field.required"}));
}

TEST(CustomerValidation, CompanyNeedsACompanyNameButNoFamilyName) {
  auto c = helene();
  c.kind = CustomerKind::company;
  c.family_name.clear();
  c.given_name.clear();
  EXPECT_EQ(fields_of(validate_customer(c)), (std::vector<std::string>{"company_name"}));
  c.company_name = "Énergies du Sud";
  EXPECT_TRUE(validate_customer(c).empty());
}

TEST(CustomerValidation, RefusesAnEmailWithoutAt) {
  auto c = helene();
  c.emails = {"helene.dupre.exemple.fr"};
  auto e = validate_customer(c);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"email"}));
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"field.email_invalid"}));
}

TEST(CustomerValidation, RefusesAnUnknownCountry) {
  auto c = helene();
  c.address.country = "XX";
  auto e = validate_customer(c);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"country"}));
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"address.country_unknown"}));
  c.address.country = "";
  EXPECT_EQ(fields_of(validate_customer(c)), (std::vector<std::string>{"country"}));
}

TEST(CustomerValidation, RefusesAPostalCodeNotOfItsCountry) {
  auto c = helene();
  c.address.postal_code = "K1A 0B1";
  auto e = validate_customer(c);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].key, "address.postal_code_invalid");
  EXPECT_EQ(e.errors[0].field, "postal_code");
}

TEST(CustomerValidation, RefusesOverLongNames) {
  auto c = helene();
  c.family_name = std::string(kMaxNameLength + 1, 'x');
  auto e = validate_customer(c);
  EXPECT_EQ(fields_of(e), (std::vector<std::string>{"family_name"}));
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"field.too_long"}));
}

TEST(CustomerValidation, RefusesAnUnknownTimeZone) {
  auto c = helene();
  c.time_zone = "Europe/Atlantis";
  EXPECT_EQ(fields_of(validate_customer(c)), (std::vector<std::string>{"time_zone"}));
}

TEST(TimeZoneChoice, KeepsAZoneThatIsSet) {
  auto c = helene();
  c.time_zone = "America/Toronto";
  EXPECT_EQ(choose_time_zone(c, "UTC"), "America/Toronto");
}

TEST(TimeZoneChoice, TakesTheZoneOfTheAddressCountryBeforeThePhone) {
  auto c = helene();
  c.address = {"Rue Neuve 1", "", "1000", "Bruxelles", "", "BE"};
  EXPECT_EQ(choose_time_zone(c, "UTC"), "Europe/Brussels");
}

TEST(TimeZoneChoice, TakesThePhoneAreaCodeInACountrySpanningZones) {
  auto c = helene();
  c.address = {"1055 West Georgia St", "", "V6E 3P3", "Vancouver", "BC", "CA"};
  c.phones = {{PhoneType::mobile, "+16046811234", true}};
  EXPECT_EQ(choose_time_zone(c, "UTC"), "America/Vancouver");
}

TEST(TimeZoneChoice, FallsBackToTheInstallationZone) {
  auto c = helene();
  c.address.country = "CA";
  c.phones.clear();
  EXPECT_EQ(choose_time_zone(c, "America/Toronto"), "America/Toronto");
}

TEST(AddressValidation, NamesFieldsWithThePrefix) {
  PostalAddress a{"", "", "7501", "", "", "FR"};
  EXPECT_EQ(fields_of(validate_address(a, "premise_")),
            (std::vector<std::string>{"premise_line1", "premise_city", "premise_postal_code"}));
}

TEST(PostalCodes, FitTheShapeOfTheirCountry) {
  EXPECT_TRUE(postal_code_fits("75011", "FR"));
  EXPECT_TRUE(postal_code_fits("97400", "RE"));
  EXPECT_FALSE(postal_code_fits("7501", "FR"));
  EXPECT_FALSE(postal_code_fits("750111", "FR"));
  EXPECT_FALSE(postal_code_fits("7501A", "FR"));
  EXPECT_TRUE(postal_code_fits("K1A 0B1", "CA"));
  EXPECT_TRUE(postal_code_fits("h2x1y4", "CA"));
  EXPECT_FALSE(postal_code_fits("K1A 0B", "CA"));
  EXPECT_FALSE(postal_code_fits("11A 0B1", "CA"));
  EXPECT_TRUE(postal_code_fits("10001", "US"));
  EXPECT_TRUE(postal_code_fits("10001-1234", "US"));
  EXPECT_FALSE(postal_code_fits("1000", "US"));
  for (const char* uk : {"SW1A 1AA", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"})
    EXPECT_TRUE(postal_code_fits(uk, "GB")) << uk;
  EXPECT_FALSE(postal_code_fits("1AA 1AA", "GB"));
  EXPECT_FALSE(postal_code_fits("SW1A", "GB"));
  EXPECT_TRUE(postal_code_fits("1000", "BE"));
  EXPECT_FALSE(postal_code_fits("10000", "BE"));
  EXPECT_TRUE(postal_code_fits("1012 AB", "NL"));
  EXPECT_FALSE(postal_code_fits("", "IE"));
}

TEST(Countries, KnowsTheCountriesOfItsAddresses) {
  EXPECT_TRUE(is_known_country("FR"));
  EXPECT_TRUE(is_known_country("CA"));
  EXPECT_FALSE(is_known_country("fr"));
  EXPECT_FALSE(is_known_country("XX"));
}

TEST(PrimaryPhone, ExactlyOneEvenWhenSeveralOrNoneAreMarked) {
  std::vector<PhoneEntry> none = {{PhoneType::home, "+33140000000", false},
                                  {PhoneType::mobile, "+33612345678", false}};
  EXPECT_TRUE(is_primary_phone(none, 0));
  EXPECT_FALSE(is_primary_phone(none, 1));
  std::vector<PhoneEntry> second = {{PhoneType::home, "+33140000000", false},
                                    {PhoneType::mobile, "+33612345678", true},
                                    {PhoneType::work, "+33150000000", true}};
  EXPECT_FALSE(is_primary_phone(second, 0));
  EXPECT_TRUE(is_primary_phone(second, 1));
  EXPECT_FALSE(is_primary_phone(second, 2)) << "a second marked phone is not primary too";
  EXPECT_FALSE(is_primary_phone({}, 0));
}

TEST(CustomerRules, ADateOfBirthIsOneALivingPersonCanHave) {
  const CivilDate today{date::year{2026}, date::month{12}, date::day{5}};
  auto dob = [](int y, unsigned m, unsigned d) {
    return std::optional<CivilDate>{CivilDate{date::year{y}, date::month{m}, date::day{d}}};
  };
  EXPECT_FALSE(check_date_of_birth(std::nullopt, today, "date_of_birth"));
  EXPECT_FALSE(check_date_of_birth(dob(1951, 3, 2), today, "date_of_birth"));
  EXPECT_FALSE(check_date_of_birth(today, today, "date_of_birth")) << "born today";
  EXPECT_FALSE(check_date_of_birth(dob(1896, 12, 5), today, "date_of_birth")) << "130 today";
  auto future = check_date_of_birth(dob(2099, 1, 1), today, "prospect.date_of_birth");
  ASSERT_TRUE(future);
  EXPECT_EQ(future->key, "customer.birth_date_future");
  EXPECT_EQ(future->field, "prospect.date_of_birth");
  auto old = check_date_of_birth(dob(1800, 1, 1), today, "date_of_birth");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->key, "customer.birth_date_too_old");
  EXPECT_TRUE(check_date_of_birth(dob(1896, 12, 4), today, "date_of_birth"));
}

}  // namespace
}  // namespace rapport::domain
