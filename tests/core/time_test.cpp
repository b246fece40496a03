#include "core/time.h"

#include <gtest/gtest.h>

namespace rapport {
namespace {

TEST(Time, FormatsAndParsesInstantsAsIsoUtc) {
  Instant t = date::sys_days{date::year{2026} / 11 / 23} + std::chrono::hours{10} +
              std::chrono::minutes{21} + std::chrono::seconds{54};
  EXPECT_EQ(format_instant(t), "2026-11-23T10:21:54Z");
  EXPECT_EQ(parse_instant("2026-11-23T10:21:54Z"), t);
  EXPECT_EQ(parse_instant("2026-11-23 10:21:54Z"), t);
}

TEST(Time, RefusesMalformedInstants) {
  EXPECT_FALSE(parse_instant(""));
  EXPECT_FALSE(parse_instant("2026-11-23T10:21:54"));
  EXPECT_FALSE(parse_instant("2026-11-23T10:21:54+01:00"));
  EXPECT_FALSE(parse_instant("yesterday at noon!!"));
}

// Found by fuzz/: date::parse reads the seconds as a floating-point number,
// and a minus sign or a letter in the time made it convert a NaN to an
// integer (undefined behaviour). Anything but digits where digits go is
// refused before.
TEST(Time, RefusesInstantsAndDatesWithSignsOrLettersForDigits) {
  EXPECT_FALSE(parse_instant("2026-11-23T10:-1:54Z"));
  EXPECT_FALSE(parse_instant("2026-11-23 101A2:54Z"));
  EXPECT_FALSE(parse_instant("2026-11-23T1 :21:54Z"));
  EXPECT_FALSE(parse_instant("+026-11-23T10:21:54Z"));
  EXPECT_FALSE(parse_date("+026-11-23"));
  EXPECT_FALSE(parse_date("2026-1-023"));
  EXPECT_TRUE(parse_instant("2026-11-23T23:59:59Z"));
}

TEST(Time, ParsesCivilDatesAndRefusesImpossibleOnes) {
  auto d = parse_date("2028-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(format_date(*d), "2028-02-29");
  EXPECT_FALSE(parse_date("2026-02-29"));
  EXPECT_FALSE(parse_date("2026-13-01"));
  EXPECT_FALSE(parse_date("26-1-1"));
}

TEST(Time, KnowsIanaZones) {
  EXPECT_TRUE(is_valid_time_zone("Europe/Paris"));
  EXPECT_TRUE(is_valid_time_zone("America/Toronto"));
  EXPECT_FALSE(is_valid_time_zone("Mars/Olympus"));
  EXPECT_FALSE(is_valid_time_zone(""));
}

TEST(Time, ShowsWallClockTimeOfAZoneAcrossDaylightSaving) {
  // 2026-03-29 01:30 UTC is 03:30 in Paris (summer time began at 01:00 UTC).
  Instant t = date::sys_days{date::year{2026} / 3 / 29} + std::chrono::minutes{90};
  EXPECT_EQ(format_local(t, "Europe/Paris"), "2026-03-29 03:30");
  EXPECT_EQ(format_local(t, "America/Toronto"), "2026-03-28 21:30");
}

}  // namespace
}  // namespace rapport
