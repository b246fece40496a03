// The catalog on a real database (SQLite and PostgreSQL): who may change
// it, what a product must have, the search by code or name in either
// language, and one default price list at a time.
#include "app/catalog/catalog_desk.h"

#include <gtest/gtest.h>

#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::fields_of;
using rapport::testing::ymd;

class CatalogDeskTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(t.ok()); }

  Product product(std::string code, std::string en, std::string fr) {
    Product p;
    p.code = std::move(code);
    p.name_en = std::move(en);
    p.name_fr = std::move(fr);
    p.orderable_from = ymd(2026, 1, 1);
    return p;
  }

  std::vector<std::string> codes_found(const std::string& text) {
    store::ProductFilter f;
    f.text = text;
    auto found = desk.search(csr, f);
    EXPECT_TRUE(found);
    std::vector<std::string> out;
    if (found)
      for (const auto& p : *found) out.push_back(p.code);
    return out;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CatalogDesk desk{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
};

TEST_F(CatalogDeskTest, OnlyManagersChangeTheCatalog) {
  EXPECT_EQ(desk.create_product(csr, product("METER", "Meter", "Compteur")).error().code,
            ErrorCode::forbidden);
  auto created = desk.create_product(manager, product("meter", "Meter", "Compteur"));
  ASSERT_TRUE(created);
  EXPECT_EQ(created->code, "METER");  // upper-cased
  auto again = desk.create_product(manager, product("METER", "Other", "Autre"));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().key, "product.code_taken");
}

TEST_F(CatalogDeskTest, EveryFaultOfAProductIsReported) {
  auto p = product("BAD CODE", "", "");
  p.vat_rate = -1;
  FieldErrors errors;
  EXPECT_FALSE(desk.create_product(manager, p, &errors));
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"code", "name_en", "vat_rate"}));
}

TEST_F(CatalogDeskTest, SearchFindsCodeOrNameInEitherLanguageAccentsAside) {
  ASSERT_TRUE(desk.create_product(
      manager, product("EV-CHARGER", "Home charging point", "Borne de recharge à domicile")));
  ASSERT_TRUE(
      desk.create_product(manager, product("METER", "Smart meter", "Compteur communicant")));
  EXPECT_EQ(codes_found("charger"), (std::vector<std::string>{"EV-CHARGER"}));
  EXPECT_EQ(codes_found("DOMICILE borne"), (std::vector<std::string>{"EV-CHARGER"}));
  EXPECT_EQ(codes_found("a domicile"), (std::vector<std::string>{"EV-CHARGER"}));
  EXPECT_EQ(codes_found("compteur"), (std::vector<std::string>{"METER"}));
  EXPECT_EQ(codes_found(""), (std::vector<std::string>{"EV-CHARGER", "METER"}));
  EXPECT_TRUE(codes_found("fridge").empty());
}

TEST_F(CatalogDeskTest, AStaleProductEditIsRefused) {
  auto created = desk.create_product(manager, product("METER", "Meter", "Compteur"));
  ASSERT_TRUE(created);
  auto first = *created;
  first.name_en = "Smart meter";
  ASSERT_TRUE(desk.update_product(manager, first));
  auto second = *created;
  second.name_en = "Old meter";
  auto stale = desk.update_product(manager, second);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(desk.product(csr, created->id)->name_en, "Smart meter");
}

TEST_F(CatalogDeskTest, OneDefaultPriceListAtATime) {
  PriceList a{{}, "STD", "Standard", "Standard", "eur", ymd(2026, 1, 1), std::nullopt, true, 0};
  auto first = desk.create_price_list(manager, a);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->currency, "EUR");
  PriceList b = a;
  b.code = "PRO";
  auto second = desk.create_price_list(manager, b);
  ASSERT_TRUE(second);
  auto lists = desk.price_lists(csr);
  ASSERT_TRUE(lists);
  ASSERT_EQ(lists->size(), 2u);
  // By code: PRO, the new default, then STD, no longer the default.
  EXPECT_EQ((*lists)[0].code, "PRO");
  EXPECT_TRUE((*lists)[0].is_default);
  EXPECT_FALSE((*lists)[1].is_default);
}

TEST_F(CatalogDeskTest, APriceSetOrRemovedOnAStaleListIsRefused) {
  auto meter = desk.create_product(manager, product("METER", "Meter", "Compteur"));
  ASSERT_TRUE(meter);
  PriceList l{{}, "STD", "Standard", "Standard", "EUR", ymd(2026, 1, 1), std::nullopt, true, 0};
  auto list = desk.create_price_list(manager, l);
  ASSERT_TRUE(list);
  // Two managers read the list at the same version; the first sets a price.
  auto moved = desk.set_price(manager, list->id, {meter->id, 12'000, {}}, list->version);
  ASSERT_TRUE(moved);
  EXPECT_EQ(*moved, list->version + 1);
  // The second, still at the version read, is refused: nothing changes.
  auto stale = desk.set_price(manager, list->id, {meter->id, 9'000, {}}, list->version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto removed = desk.remove_price(manager, list->id, meter->id, list->version);
  ASSERT_FALSE(removed);
  EXPECT_EQ(removed.error().code, ErrorCode::conflict);
  auto view = desk.price_list(csr, list->id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->list.version, *moved);
  ASSERT_EQ(view->prices.size(), 1u);
  EXPECT_EQ(view->prices[0].unit_price, 12'000);
  // At the current version the removal goes through.
  ASSERT_TRUE(desk.remove_price(manager, list->id, meter->id, *moved));
  EXPECT_TRUE(desk.price_list(csr, list->id)->prices.empty());
}

}  // namespace
}  // namespace rapport::app
