// The conversions of the contacting page: a call-back time typed in the
// customer's zone (datetime-local) to an instant and back, and the texts of
// contact windows.
#include <gtest/gtest.h>

#include "web/ui/contactplan/plan_entry_view_data.h"

namespace rapport::web::ui {
namespace {

Instant utc(const char* text) { return parse_instant(text).value(); }

TEST(PlanEntryView, CallBackTimeIsReadInTheCustomersZone) {
  EXPECT_EQ(parse_local_input("2026-11-24T14:30", "Europe/Paris"), utc("2026-11-24T13:30:00Z"));
  EXPECT_EQ(parse_local_input("2026-11-24T14:30", "America/Toronto"), utc("2026-11-24T19:30:00Z"));
  // Seconds, as some browsers send them.
  EXPECT_EQ(parse_local_input("2026-11-24T14:30:00", "Europe/Paris"), utc("2026-11-24T13:30:00Z"));
}

TEST(PlanEntryView, CallBackTimeAcrossDaylightSavingChanges) {
  // 29 March 2026, Paris: 02:00 → 03:00; 02:30 does not exist and moves to 03:00 CEST.
  EXPECT_EQ(parse_local_input("2026-03-29T02:30", "Europe/Paris"), utc("2026-03-29T01:00:00Z"));
  EXPECT_EQ(parse_local_input("2026-03-29T03:30", "Europe/Paris"), utc("2026-03-29T01:30:00Z"));
  // 25 October 2026, Paris: 02:30 happens twice; the earlier one (CEST) is taken.
  EXPECT_EQ(parse_local_input("2026-10-25T02:30", "Europe/Paris"), utc("2026-10-25T00:30:00Z"));
}

TEST(PlanEntryView, CallBackTimeRefusesWhatIsNotADateAndTime) {
  EXPECT_FALSE(parse_local_input("", "Europe/Paris"));
  EXPECT_FALSE(parse_local_input("2026-11-24", "Europe/Paris"));
  EXPECT_FALSE(parse_local_input("2026-11-24T25:00", "Europe/Paris"));
  EXPECT_FALSE(parse_local_input("2026-02-30T10:00", "Europe/Paris"));
  EXPECT_FALSE(parse_local_input("24/11/2026 14:30", "Europe/Paris"));
  EXPECT_FALSE(parse_local_input("2026-11-24T14:30", "Mars/Olympus"));
}

TEST(PlanEntryView, LocalInputValueRoundTrips) {
  Instant t = utc("2026-11-24T13:30:00Z");
  EXPECT_EQ(local_input_value(t, "Europe/Paris"), "2026-11-24T14:30");
  EXPECT_EQ(parse_local_input(local_input_value(t, "America/Toronto"), "America/Toronto"), t);
}

TEST(PlanEntryView, WindowsAndZones) {
  EXPECT_EQ(window_text(9 * 60, 12 * 60, "Europe/Paris"), "09:00\u201312:00 Europe/Paris");
  EXPECT_EQ(clock_time(utc("2026-11-24T13:05:00Z"), "Europe/Paris"), "14:05");
  EXPECT_EQ(usable_zone("", "America/Toronto"), "America/Toronto");
  EXPECT_EQ(usable_zone("Nowhere/Land", ""), "UTC");
  EXPECT_EQ(usable_zone("Europe/Paris", "UTC"), "Europe/Paris");
}

}  // namespace
}  // namespace rapport::web::ui
