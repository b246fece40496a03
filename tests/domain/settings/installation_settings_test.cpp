#include "domain/settings/installation_settings.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;

TEST(InstallationSettings, DefaultsAreValid) {
  EXPECT_TRUE(validate_settings(InstallationSettings{}).empty());
}

TEST(InstallationSettings, NamesEachInvalidField) {
  InstallationSettings s;
  s.company_name = "";
  s.currency = "XX";
  s.time_zone = "Europe/Atlantis";
  s.smtp_host = "mail server";
  s.smtp_port = 0;
  s.smtp_sender = "nope";
  s.fax_gateway_domain = "fax gateway";
  s.busy = {0, 100};
  EXPECT_EQ(fields_of(validate_settings(s)),
            (std::vector<std::string>{"company_name", "currency", "time_zone", "smtp_host",
                                      "smtp_port", "smtp_sender", "fax_gateway_domain",
                                      "busy_delay", "busy_attempts"}));
}

TEST(InstallationSettings, DelayLimitIsOneWeek) {
  InstallationSettings s;
  s.call_back.delay_minutes = kMaxDelayMinutes;
  EXPECT_TRUE(validate_settings(s).empty());
  s.call_back.delay_minutes = kMaxDelayMinutes + 1;
  EXPECT_EQ(fields_of(validate_settings(s)), std::vector<std::string>{"call_back_delay"});
}

TEST(InstallationSettings, QuoteValidityAndLetterheadAreChecked) {
  InstallationSettings s;
  EXPECT_EQ(s.quote_validity_days, 30);
  s.quote_validity_days = 365;
  s.letterhead_address = "Rapport SA\n1 rue de la Paix\n75002 Paris";
  s.letterhead_email = "devis@rapport.example";
  EXPECT_TRUE(validate_settings(s).empty());
  s.quote_validity_days = 0;
  s.letterhead_address = "1\n2\n3\n4\n5\n6\n7";
  s.letterhead_phone = "01 23\n45";
  s.letterhead_email = "devis";
  EXPECT_EQ(fields_of(validate_settings(s)),
            (std::vector<std::string>{"quote_validity_days", "letterhead_address",
                                      "letterhead_phone", "letterhead_email"}));
}

TEST(InstallationSettings, RecognisesPlausibleEmailAddresses) {
  EXPECT_TRUE(looks_like_email("ventes@exemple.fr"));
  EXPECT_TRUE(looks_like_email("rapport@localhost"));
  EXPECT_FALSE(looks_like_email("ventes.exemple.fr"));
  EXPECT_FALSE(looks_like_email("a@b@c.fr"));
  EXPECT_FALSE(looks_like_email("@exemple.fr"));
  EXPECT_FALSE(looks_like_email("x@exemple"));
  EXPECT_FALSE(looks_like_email("x y@exemple.fr"));
}

}  // namespace
TEST(InstallationSettings, OpeningHoursWithinTheDayOpeningFirst) {
  InstallationSettings s;
  EXPECT_TRUE(validate_settings(s).empty()) << "00:00–24:00, always open";
  s.opens_minutes = 8 * 60;
  s.closes_minutes = 20 * 60;
  EXPECT_TRUE(validate_settings(s).empty());
  s.closes_minutes = 8 * 60;
  auto e = validate_settings(s);
  ASSERT_EQ(e.errors.size(), 1u);
  EXPECT_EQ(e.errors[0].field, "closes");
  EXPECT_EQ(e.errors[0].key, "settings.closes_before_opens");
  s.opens_minutes = -1;  // not read
  s.closes_minutes = 24 * 60 + 1;
  e = validate_settings(s);
  ASSERT_EQ(e.errors.size(), 2u);
  EXPECT_EQ(e.errors[0].field, "opens");
  EXPECT_EQ(e.errors[1].field, "closes");
  EXPECT_EQ(e.errors[1].key, "field.time_invalid");
}

}  // namespace rapport::domain
