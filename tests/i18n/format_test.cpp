#include "i18n/format.h"

#include <gtest/gtest.h>

namespace rapport::i18n {
namespace {

// French groups thousands with a narrow no-break space (U+202F) and puts
// the euro sign after a no-break space (U+00A0), as CLDR says.
TEST(Format, WritesMoneyTheFrenchWay) {
  EXPECT_EQ(format_money(Language::fr, {123456, "EUR"}), "1\u202f234,56\u00a0€");
  EXPECT_EQ(format_money(Language::fr, {-5, "EUR"}), "-0,05\u00a0€");
}

TEST(Format, WritesMoneyTheEnglishWay) {
  EXPECT_EQ(format_money(Language::en, {123456, "EUR"}), "€1,234.56");
  EXPECT_EQ(format_money(Language::en, {100, "CAD"}), "CA$1.00");
  EXPECT_EQ(format_money(Language::en, {1500, "JPY"}), "¥1,500");
}

TEST(Format, WritesIntegersWithLocaleGrouping) {
  EXPECT_EQ(format_integer(Language::en, 1234567), "1,234,567");
  EXPECT_EQ(format_integer(Language::fr, 1234567), "1\u202f234\u202f567");
}

TEST(Format, WritesDatesPerLanguage) {
  CivilDate d{date::year{2026} / 11 / 23};
  EXPECT_EQ(format_civil_date(Language::en, d), "Nov 23, 2026");
  EXPECT_EQ(format_civil_date(Language::fr, d), "23 nov. 2026");
  // A sentence about the day itself names the weekday.
  EXPECT_EQ(format_civil_date_with_weekday(Language::en, d), "Monday, November 23, 2026");
  EXPECT_EQ(format_civil_date_with_weekday(Language::fr, d), "lundi 23 novembre 2026");
}

TEST(Format, WritesDateTimesInTheGivenZone) {
  Instant t = date::sys_days{date::year{2026} / 11 / 23} + std::chrono::hours{10};
  EXPECT_EQ(format_date_time(Language::fr, t, "Europe/Paris"), "23 nov. 2026, 11:00");
  EXPECT_EQ(format_date_time(Language::en, t, "America/Toronto"), "Nov 23, 2026, 5:00\u202fAM");
}

}  // namespace
}  // namespace rapport::i18n
