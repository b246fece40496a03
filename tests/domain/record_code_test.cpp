#include "domain/record_code.h"

#include <gtest/gtest.h>

#include "domain/contactplan/contact_plan.h"
#include "domain/marketing/campaign.h"

namespace rapport::domain {
namespace {

TEST(RecordCode, OneRuleForPlansCampaignsAndPackages) {
  for (std::string_view good : {"A", "ORDERS", "WINTER-24", "RES_GAS", "0123456789"})
    EXPECT_TRUE(well_formed_code(good, 10)) << good;
  for (std::string_view bad : {"", "orders", "A B", "É1", "A.B", "A/B", "ABCDEFGHIJK"})
    EXPECT_FALSE(well_formed_code(bad, 10)) << bad;
  EXPECT_TRUE(well_formed_code("ABCDEFGHIJK", 20));
}

TEST(RecordCode, OneMessageNamingTheLimit) {
  auto e = check_code("winter 24", kMaxCampaignCode, "code");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->key, "code.invalid");
  EXPECT_EQ(e->field, "code");
  EXPECT_EQ(e->args, (MessageArgs{{"max", "20"}}));
  EXPECT_FALSE(check_code("WINTER-24", kMaxCampaignCode, "code"));
  // A plan says the same, with its own length.
  auto plan = check_code("winter 24", kMaxPlanCodeLength, "code");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->key, e->key);
  EXPECT_EQ(plan->args, (MessageArgs{{"max", "10"}}));
}

}  // namespace
}  // namespace rapport::domain
