#include "domain/contactplan/contact_status.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

TEST(ContactStatus, CodesRoundTripAndUnknownCodesAreRefused) {
  std::size_t count = 0;
  const ContactStatus* all = all_contact_statuses(count);
  ASSERT_EQ(count, 7u);
  std::vector<int> codes;
  for (std::size_t i = 0; i < count; ++i) {
    codes.push_back(to_number(all[i]));
    EXPECT_EQ(contact_status_from(to_number(all[i])), all[i]);
  }
  EXPECT_EQ(codes, (std::vector<int>{10, 11, 20, 21, 90, 92, 93}));
  for (int bad : {0, 1, 12, 22, 91, 94, 99, -10}) EXPECT_FALSE(contact_status_from(bad)) << bad;
}

TEST(ContactStatus, FinalOpenAndRecalculated) {
  std::vector<int> final_codes, recalculated;
  std::size_t count = 0;
  const ContactStatus* all = all_contact_statuses(count);
  for (std::size_t i = 0; i < count; ++i) {
    if (is_final(all[i])) final_codes.push_back(to_number(all[i]));
    if (needs_recalculation(all[i])) recalculated.push_back(to_number(all[i]));
    EXPECT_NE(is_final(all[i]), is_open(all[i]));
  }
  EXPECT_EQ(final_codes, (std::vector<int>{90, 92, 93}));
  EXPECT_EQ(recalculated, (std::vector<int>{11, 20, 21}));
}

TEST(ContactStatus, LabelKeysNameTheCode) {
  EXPECT_EQ(label_key(ContactStatus::planned), "contact_status.10");
  EXPECT_EQ(label_key(ContactStatus::unavailable), "contact_status.11");
  EXPECT_EQ(label_key(ContactStatus::busy), "contact_status.20");
  EXPECT_EQ(label_key(ContactStatus::call_back), "contact_status.21");
  EXPECT_EQ(label_key(ContactStatus::completed), "contact_status.90");
  EXPECT_EQ(label_key(ContactStatus::completed_no_order), "contact_status.92");
  EXPECT_EQ(label_key(ContactStatus::cancelled), "contact_status.93");
}

TEST(ContactStatus, AnOverdueCallBackIsReleasedToTheTeam) {
  const Instant due = *parse_instant("2026-06-02T08:00:00Z");
  const Instant at29 = due + std::chrono::minutes{29}, at30 = due + std::chrono::minutes{30};
  EXPECT_FALSE(callback_released(ContactStatus::call_back, true, due, at29, 30));
  EXPECT_TRUE(callback_released(ContactStatus::call_back, true, due, at30, 30));
  EXPECT_FALSE(callback_released(ContactStatus::call_back, true, due, at30, 0)) << "0: never";
  EXPECT_FALSE(callback_released(ContactStatus::call_back, false, due, at30, 30))
      << "already the team's";
  EXPECT_FALSE(callback_released(ContactStatus::busy, true, due, at30, 30)) << "only call-backs";
}

TEST(ContactStatus, TheSameKeyTwiceWithinSecondsIsOneOutcome) {
  using std::chrono::seconds;
  const Instant at = *parse_instant("2026-06-02T08:00:00Z");
  const Instant callback = *parse_instant("2026-06-02T15:00:00Z");
  const LastOutcome busy{7, at, ContactStatus::busy, "", std::nullopt};
  EXPECT_TRUE(is_repeated_outcome(busy, 7, ContactStatus::busy, "", std::nullopt, at + seconds{2}));
  EXPECT_TRUE(is_repeated_outcome(busy, 7, ContactStatus::busy, "", std::nullopt,
                                  at + kRepeatedOutcomeWindow));
  EXPECT_FALSE(is_repeated_outcome(busy, 7, ContactStatus::busy, "", std::nullopt,
                                   at + kRepeatedOutcomeWindow + seconds{1}))
      << "later: the next attempt";
  EXPECT_FALSE(is_repeated_outcome(busy, 8, ContactStatus::busy, "", std::nullopt, at))
      << "another CSR";
  EXPECT_FALSE(is_repeated_outcome(busy, 7, ContactStatus::unavailable, "", std::nullopt, at))
      << "another status";
  EXPECT_FALSE(is_repeated_outcome(busy, 7, ContactStatus::busy, "still busy", std::nullopt, at))
      << "another note";
  const LastOutcome call_back{7, at, ContactStatus::call_back, "", callback};
  EXPECT_TRUE(is_repeated_outcome(call_back, 7, ContactStatus::call_back, "", callback, at));
  EXPECT_FALSE(is_repeated_outcome(call_back, 7, ContactStatus::call_back, "",
                                   callback + std::chrono::hours{24}, at))
      << "another call-back time";
}

}  // namespace
}  // namespace rapport::domain
