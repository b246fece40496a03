#include "domain/customers/phone.h"

#include <string>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

TEST(Phone, ReadsAFrenchNationalNumberAsE164) {
  auto phone = parse_phone("06 12 34 56 78", "FR");
  ASSERT_TRUE(phone);
  EXPECT_EQ(phone->e164, "+33612345678");
  EXPECT_EQ(phone->region, "FR");
}

TEST(Phone, ReadsTheSameFrenchNumberInEveryFormat) {
  for (const char* typed : {"0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
                            "+33612345678", "0033 6 12 34 56 78"}) {
    auto phone = parse_phone(typed, "FR");
    ASSERT_TRUE(phone) << typed;
    EXPECT_EQ(phone->e164, "+33612345678") << typed;
  }
}

TEST(Phone, ReadsATorontoNumberWithItsCountryCode) {
  auto phone = parse_phone("+1 416 967 1111", "FR");
  ASSERT_TRUE(phone);
  EXPECT_EQ(phone->e164, "+14169671111");
  EXPECT_EQ(phone->region, "CA");
}

TEST(Phone, AssumesTheGivenRegionForANumberWithoutCountryCode) {
  // The same digits are a Canadian number in Canada and invalid in France.
  auto in_canada = parse_phone("(416) 967-1111", "CA");
  ASSERT_TRUE(in_canada);
  EXPECT_EQ(in_canada->e164, "+14169671111");
  EXPECT_FALSE(parse_phone("(416) 967-1111", "FR"));
  // A French national number read in Canada is not the French number.
  auto french_in_canada = parse_phone("06 12 34 56 78", "CA");
  EXPECT_TRUE(!french_in_canada || french_in_canada->e164 != "+33612345678");
}

TEST(Phone, RefusesAnInvalidNumberNamingThePhoneField) {
  for (const char* typed : {"12", "06 12 34", "hello", "+33 1", "06 12 34 56 78 90 12"}) {
    auto phone = parse_phone(typed, "FR");
    ASSERT_FALSE(phone) << typed;
    EXPECT_EQ(phone.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(phone.error().key, "phone.invalid");
    EXPECT_EQ(phone.error().field, "phone");
  }
}

TEST(Phone, RefusesEmptyInput) {
  auto phone = parse_phone("", "FR");
  ASSERT_FALSE(phone);
  EXPECT_EQ(phone.error().key, "phone.invalid");
}

TEST(Phone, RefusesOverLongInputAndQuotesOnlyItsStart) {
  std::string typed = "06 12 34 56 78" + std::string(kMaxPhoneInput, ' ');
  auto phone = parse_phone(typed, "FR");
  ASSERT_FALSE(phone);
  EXPECT_EQ(phone.error().key, "phone.invalid");
  ASSERT_EQ(phone.error().args.size(), 1u);
  EXPECT_LE(phone.error().args[0].second.size(), kMaxPhoneInput);
}

TEST(Phone, FormatsAFrenchNumberNationallyAndInternationally) {
  EXPECT_EQ(format_phone_national("+33612345678"), "06 12 34 56 78");
  EXPECT_EQ(format_phone_international("+33612345678"), "+33 6 12 34 56 78");
}

TEST(Phone, FormatsATorontoNumberNationallyAndInternationally) {
  EXPECT_EQ(format_phone_national("+14169671111"), "(416) 967-1111");
  EXPECT_EQ(format_phone_international("+14169671111"), "+1 416-967-1111");
}

TEST(Phone, FormatsUnparsableTextAsItIs) {
  EXPECT_EQ(format_phone_national("not a number"), "not a number");
  EXPECT_EQ(format_phone_international("not a number"), "not a number");
}

TEST(Phone, GuessesParisForAFrenchNumber) {
  auto phone = parse_phone("01 42 68 53 00", "FR");
  ASSERT_TRUE(phone);
  EXPECT_EQ(guess_time_zone(*phone), "Europe/Paris");
}

TEST(Phone, GuessesTheZoneOfANorthAmericanAreaCode) {
  auto toronto = parse_phone("+1 416 967 1111", "FR");
  ASSERT_TRUE(toronto);
  EXPECT_EQ(guess_time_zone(*toronto), "America/Toronto");
  auto vancouver = parse_phone("+1 604 681 1234", "FR");
  ASSERT_TRUE(vancouver);
  EXPECT_EQ(vancouver->region, "CA");
  EXPECT_EQ(guess_time_zone(*vancouver), "America/Vancouver");
}

TEST(Phone, GuessesNoZoneForAnUnknownNorthAmericanAreaCode) {
  // 867 (Yukon, Northwest Territories, Nunavut) spans several zones and is
  // not in the table.
  auto north = parse_phone("+1 867 667 5811", "FR");
  ASSERT_TRUE(north);
  EXPECT_EQ(guess_time_zone(*north), std::nullopt);
  EXPECT_EQ(guess_time_zone(Phone{"+1", "CA"}), std::nullopt);
}

TEST(Phone, GuessesNoZoneForACountryOutsideTheTable) {
  EXPECT_EQ(guess_time_zone(Phone{"+5511987654321", "BR"}), std::nullopt);
}

TEST(Phone, KnowsTheZoneOfSingleZoneCountriesOnly) {
  EXPECT_EQ(country_time_zone("FR"), "Europe/Paris");
  EXPECT_EQ(country_time_zone("BE"), "Europe/Brussels");
  EXPECT_EQ(country_time_zone("CA"), std::nullopt);
  EXPECT_EQ(country_time_zone("US"), std::nullopt);
  EXPECT_EQ(country_time_zone(""), std::nullopt);
}

TEST(Phone, TellsWhatLooksLikeAPhoneNumber) {
  EXPECT_TRUE(looks_like_phone("06 12 34 56 78"));
  EXPECT_TRUE(looks_like_phone("+33 6 12 34 56 78"));
  EXPECT_TRUE(looks_like_phone("(416) 967-1111"));
  EXPECT_FALSE(looks_like_phone("Dupré"));
  EXPECT_FALSE(looks_like_phone("12345"));
  EXPECT_FALSE(looks_like_phone("6+12345678"));
}

}  // namespace
}  // namespace rapport::domain
