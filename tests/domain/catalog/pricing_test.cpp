#include "domain/catalog/pricing.h"

#include <gtest/gtest.h>

namespace rapport::domain {
namespace {

TEST(Pricing, LineIsQuantityTimesPriceLessDiscountRoundedOnce) {
  // 2.5 hours at 45.99 = 114.975 → 114.98, less 5.00.
  EXPECT_EQ(line_net({2500, 4599, 500, 2000}), 10998);
  // Half a cent rounds away from zero: 0.333 × 1.50 = 0.4995 → 0.50.
  EXPECT_EQ(line_net({333, 150, 0, 2000}), 50);
  EXPECT_EQ(line_net({1000, 0, 0, 2000}), 0);
}

TEST(Pricing, VatIsPerRateOnTheSumOfItsLines) {
  // Three lines at 5.5 % whose VAT per line would round to 0.02 each (0.06)
  // but is 0.05 on their sum 0.99 (0.05445).
  std::vector<PricedLine> lines{
      {1000, 33, 0, 550}, {1000, 33, 0, 550}, {1000, 33, 0, 550}, {2000, 1000, 0, 2000}};
  auto totals = order_totals(lines);
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->net, 2099);
  ASSERT_EQ(totals->vat.size(), 2u);
  EXPECT_EQ(totals->vat[0], (VatAmount{550, 99, 5}));
  EXPECT_EQ(totals->vat[1], (VatAmount{2000, 2000, 400}));
  EXPECT_EQ(totals->gross, 2099 + 5 + 400);
}

TEST(Pricing, AmountsBeyondTheLimitAreRefusedNotWrapped) {
  EXPECT_FALSE(line_net({kMaxQuantity, kMaxUnitPrice, 0, 0}));
  EXPECT_FALSE(line_net({-1000, 100, 0, 0}));
  EXPECT_FALSE(line_net({1000, 100, 101, 0}));  // a discount above the line
  EXPECT_TRUE(line_net({1000, kMaxUnitPrice, 0, 0}));
  std::vector<PricedLine> two{{1000, kMaxUnitPrice, 0, 0}, {1000, 1, 0, 0}};
  EXPECT_FALSE(order_totals(two));
}

TEST(Pricing, ScaleRoundsHalfAwayFromZeroBothWays) {
  EXPECT_EQ(scale_rounded(5, 1, 10), 1);
  EXPECT_EQ(scale_rounded(-5, 1, 10), -1);
  EXPECT_EQ(scale_rounded(4, 1, 10), 0);
  EXPECT_EQ(scale_rounded(kMaxQuantity, kMaxUnitPrice, kQuantityScale),
            static_cast<std::int64_t>(static_cast<__int128>(kMaxQuantity) * kMaxUnitPrice /
                                      kQuantityScale));
}

TEST(Pricing, QuantitiesAreReadAsTypedInEitherLanguage) {
  EXPECT_EQ(parse_quantity("2"), 2000);
  EXPECT_EQ(parse_quantity("2.5"), 2500);
  EXPECT_EQ(parse_quantity("2,5"), 2500);
  EXPECT_EQ(parse_quantity("1 000"), 1'000'000);
  EXPECT_EQ(parse_quantity("0.125"), 125);
  EXPECT_FALSE(parse_quantity("0.1255"));
  EXPECT_FALSE(parse_quantity("-1"));
  EXPECT_FALSE(parse_quantity("two"));
  EXPECT_FALSE(parse_quantity(""));
  EXPECT_FALSE(parse_quantity("99999999999"));
  EXPECT_EQ(quantity_text(2500), "2.5");
  EXPECT_EQ(quantity_text(125), "0.125");
  EXPECT_EQ(quantity_text(3000), "3");
}

}  // namespace
}  // namespace rapport::domain
