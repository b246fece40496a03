#include "domain/catalog/product.h"

#include <gtest/gtest.h>

#include "domain/catalog/price_list.h"
#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;
using rapport::testing::keys_of;
using rapport::testing::ymd;

Product meter() {
  Product p;
  p.code = "SMART-METER";
  p.name_en = "Smart meter";
  p.name_fr = "Compteur communicant";
  p.unit = "unit";
  p.trackable = true;
  p.orderable_from = ymd(2026, 1, 1);
  p.orderable_to = ymd(2026, 12, 31);
  return p;
}

TEST(Product, IsOrderableOnlyWithinItsDaysAndWhileActive) {
  auto p = meter();
  EXPECT_TRUE(is_orderable(p, ymd(2026, 1, 1)));
  EXPECT_TRUE(is_orderable(p, ymd(2026, 12, 31)));
  EXPECT_FALSE(is_orderable(p, ymd(2025, 12, 31)));
  EXPECT_FALSE(is_orderable(p, ymd(2027, 1, 1)));
  p.active = false;
  EXPECT_FALSE(is_orderable(p, ymd(2026, 6, 1)));
}

TEST(Product, ValidationNamesEveryFieldAtFault) {
  auto p = meter();
  EXPECT_TRUE(validate_product(p).empty());
  p.code = "bad code";
  p.name_en.clear();
  p.name_fr.clear();
  p.unit = "parsec";
  p.orderable_to = ymd(2025, 1, 1);
  p.vat_rate = 12'000;
  p.features = {{"Power", "9 kVA"}, {"Power", "12 kVA"}, {"", "x"}};
  EXPECT_EQ(fields_of(validate_product(p)),
            (std::vector<std::string>{"code", "name_en", "unit", "orderable_to", "vat_rate",
                                      "features.1.name", "features.2.name"}));
  EXPECT_EQ(keys_of(validate_product(p))[5], "product.feature_repeated");
}

TEST(Product, NameFallsBackToTheOtherLanguage) {
  auto p = meter();
  EXPECT_EQ(product_name(p, Language::fr), "Compteur communicant");
  p.name_fr.clear();
  EXPECT_EQ(product_name(p, Language::fr), "Smart meter");
}

TEST(Product, VatRatesReadAndWrittenAsPercentages) {
  EXPECT_EQ(parse_vat_rate("20"), 2000);
  EXPECT_EQ(parse_vat_rate("5,5"), 550);
  EXPECT_EQ(parse_vat_rate("5.5 %"), 550);
  EXPECT_EQ(parse_vat_rate("2.1"), 210);
  EXPECT_EQ(parse_vat_rate("0"), 0);
  EXPECT_FALSE(parse_vat_rate("100.01"));
  EXPECT_FALSE(parse_vat_rate("5.555"));
  EXPECT_FALSE(parse_vat_rate("-5"));
  EXPECT_FALSE(parse_vat_rate(""));
  EXPECT_EQ(vat_rate_text(2000), "20");
  EXPECT_EQ(vat_rate_text(550), "5.5");
  EXPECT_EQ(vat_rate_text(210), "2.1");
  EXPECT_EQ(vat_rate_text(1), "0.01");
}

TEST(PriceList, TiersGiveTheUnitPriceOfTheHighestReached) {
  ProductPrice price{Id<Product>{1}, 1000, {{10'000, 900}, {100'000, 800}}};
  EXPECT_TRUE(validate_price(price).empty());
  EXPECT_EQ(unit_price_for(price, 1000), 1000);
  EXPECT_EQ(unit_price_for(price, 10'000), 900);
  EXPECT_EQ(unit_price_for(price, 250'000), 800);
  price.tiers = {{100'000, 800}, {10'000, 900}};
  EXPECT_EQ(keys_of(validate_price(price)), (std::vector<std::string>{"price.tiers_order"}));
  price.tiers.clear();
  price.unit_price = -1;
  EXPECT_EQ(keys_of(validate_price(price)), (std::vector<std::string>{"price.negative"}));
}

TEST(PriceList, ValidityAndCurrencyAreChecked) {
  PriceList list{Id<PriceList>{1}, "STD-2026",        "Standard", "Standard", "EUR",
                 ymd(2026, 1, 1),  ymd(2026, 12, 31), true,       1};
  EXPECT_TRUE(validate_price_list(list).empty());
  EXPECT_TRUE(is_valid_on(list, ymd(2026, 12, 31)));
  EXPECT_FALSE(is_valid_on(list, ymd(2027, 1, 1)));
  list.currency = "EURO";
  list.valid_to = ymd(2025, 1, 1);
  EXPECT_EQ(fields_of(validate_price_list(list)),
            (std::vector<std::string>{"currency", "valid_to"}));
}

}  // namespace
}  // namespace rapport::domain
