#include "domain/sales/sales_order.h"

#include <gtest/gtest.h>

#include "domain/sales/asset.h"
#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;
using rapport::testing::keys_of;
using rapport::testing::utc;
using rapport::testing::ymd;

const CivilDate kOrderDay = ymd(2026, 12, 4);

Product catalog_product(std::int64_t id, std::string code, bool trackable) {
  Product p;
  p.id = Id<Product>{id};
  p.code = std::move(code);
  p.name_en = p.code;
  p.trackable = trackable;
  p.orderable_from = ymd(2026, 1, 1);
  return p;
}

SalesOrderLine order_line(std::int64_t id, std::int64_t catalog_product, std::string code) {
  SalesOrderLine l;
  l.id = Id<SalesOrderLine>{id};
  l.line_number = static_cast<int>(id);
  l.product = Id<Product>{catalog_product};
  l.product_code = std::move(code);
  l.quantity = 2000;
  l.unit_price = 1500;
  l.vat_rate = 2000;
  return l;
}

SalesOrder sales_order() {
  SalesOrder o;
  o.id = Id<SalesOrder>{7};
  o.customer = 42;
  o.requested_delivery = ymd(2026, 12, 8);
  o.ship_to = {"12 rue Victor-Hugo", "", "75011", "Paris", "", "FR"};
  o.price_list = Id<PriceList>{1};
  o.currency = "EUR";
  o.lines = {order_line(1, 10, "METER"), order_line(2, 11, "VISIT")};
  return o;
}

SubmitContext submit_context() {
  SubmitContext c;
  c.products = {catalog_product(10, "METER", true), catalog_product(11, "VISIT", false)};
  c.prices = {{Id<Product>{10}, 1500, {}}, {Id<Product>{11}, 1500, {}}};
  c.price_list = {Id<PriceList>{1}, "STD",        "Standard", "Standard", "EUR",
                  ymd(2026, 1, 1),  std::nullopt, true,       1};
  c.today = kOrderDay;
  return c;
}

TEST(SalesOrder, SubmitChecksListEveryProblem) {
  EXPECT_TRUE(verify_for_submit(sales_order(), submit_context()).empty());
  auto o = sales_order();
  o.ship_to.city.clear();
  o.lines[0].quantity = 0;
  o.lines[1].product = Id<Product>{99};
  o.lines[1].product_code = "GONE";
  auto c = submit_context();
  c.prices.pop_back();
  auto problems = verify_for_submit(o, c);
  EXPECT_EQ(fields_of(problems),
            (std::vector<std::string>{"ship_to.city", "lines.0.quantity", "lines.1.product",
                                      "lines.1.unit_price"}));
  EXPECT_EQ(keys_of(problems)[2], "sales_order.line_product_not_orderable");
}

TEST(SalesOrder, SubmitRefusesAnEmptyOrderAPastDateAndAnotherCurrency) {
  auto o = sales_order();
  o.lines.clear();
  o.requested_delivery = ymd(2026, 12, 1);
  o.currency = "CAD";
  EXPECT_EQ(keys_of(verify_for_submit(o, submit_context())),
            (std::vector<std::string>{"sales_order.no_lines", "sales_order.delivery_past",
                                      "sales_order.currency_mismatch"}));
}

TEST(SalesOrder, AProductIsOrderableOnTheDeliveryDayNotToday) {
  auto c = submit_context();
  c.products[0].orderable_to = ymd(2026, 12, 7);  // withdrawn before the delivery
  EXPECT_EQ(keys_of(verify_for_submit(sales_order(), c)),
            (std::vector<std::string>{"sales_order.line_product_not_orderable"}));
}

TEST(SalesOrder, StatusesMoveAsTheLifecycleSays) {
  auto o = sales_order();
  ASSERT_TRUE(submit(o, utc("2026-12-04T10:00:00Z")));
  EXPECT_EQ(o.status, SalesOrderStatus::open);
  EXPECT_EQ(o.lines[0].status, LineStatus::open);
  EXPECT_EQ(submit(o, utc("2026-12-04T10:00:00Z")).error().key, "sales_order.not_pending");
  ASSERT_TRUE(complete_line(o, Id<SalesOrderLine>{1}, utc("2026-12-05T09:00:00Z")));
  EXPECT_EQ(o.status, SalesOrderStatus::open);
  EXPECT_EQ(complete_line(o, Id<SalesOrderLine>{1}, utc("2026-12-05T09:00:00Z")).error().key,
            "sales_order.line_not_open");
  EXPECT_EQ(fail_line(o, Id<SalesOrderLine>{2}, "", utc("2026-12-05T09:00:00Z")).error().key,
            "sales_order.line_fail_reason_required");
  ASSERT_TRUE(fail_line(o, Id<SalesOrderLine>{2}, "Out of stock", utc("2026-12-05T09:05:00Z")));
  EXPECT_EQ(o.status, SalesOrderStatus::complete);
  EXPECT_EQ(o.completed_at, utc("2026-12-05T09:05:00Z"));
  EXPECT_EQ(cancel(o).error().key, "sales_order.cancel_not_allowed");
}

TEST(SalesOrder, CancelIsRefusedOnceALineIsFulfilledAndLinesOfACanceledOrderCannotBeCompleted) {
  auto o = sales_order();
  ASSERT_TRUE(cancel(o));
  EXPECT_EQ(o.status, SalesOrderStatus::canceled);
  EXPECT_EQ(complete_line(o, Id<SalesOrderLine>{1}, utc("2026-12-05T09:00:00Z")).error().key,
            "sales_order.line_not_open");
  auto p = sales_order();
  ASSERT_TRUE(submit(p, utc("2026-12-04T10:00:00Z")));
  ASSERT_TRUE(complete_line(p, Id<SalesOrderLine>{1}, utc("2026-12-05T09:00:00Z")));
  EXPECT_EQ(cancel(p).error().key, "sales_order.cancel_not_allowed");
  EXPECT_FALSE(may_edit_lines(p));
}

TEST(SalesOrder, ExistingOrderIsTheNewestNotCanceledOnThatDeliveryDate) {
  auto a = sales_order();
  auto b = sales_order();
  b.id = Id<SalesOrder>{9};
  auto canceled = sales_order();
  canceled.id = Id<SalesOrder>{12};
  canceled.status = SalesOrderStatus::canceled;
  auto other_day = sales_order();
  other_day.id = Id<SalesOrder>{15};
  other_day.requested_delivery = ymd(2026, 12, 9);
  std::vector<SalesOrder> orders{a, b, canceled, other_day};
  ASSERT_NE(existing_order_on(orders, ymd(2026, 12, 8)), nullptr);
  EXPECT_EQ(existing_order_on(orders, ymd(2026, 12, 8))->id.value, 9);
  EXPECT_EQ(existing_order_on(orders, ymd(2026, 12, 10)), nullptr);
}

TEST(SalesOrder, LinesAreCheckedBeforeTheyAreAdded) {
  auto l = order_line(1, 10, "METER");
  EXPECT_TRUE(validate_line(l, "lines.0").empty());
  l.quantity = -1000;
  EXPECT_EQ(keys_of(validate_line(l, "lines.0")),
            (std::vector<std::string>{"sales_order.line_quantity_positive"}));
  l.quantity = 1000;
  l.discount = 1501;
  EXPECT_EQ(keys_of(validate_line(l, "lines.0")),
            (std::vector<std::string>{"sales_order.line_discount_invalid"}));
  l.discount = 0;
  l.quantity = kMaxQuantity;
  l.unit_price = kMaxUnitPrice;
  EXPECT_EQ(keys_of(validate_line(l, "lines.0")), (std::vector<std::string>{"money.too_large"}));
}

TEST(SalesOrder, OnlyTrackableProductsBecomeAssets) {
  auto o = sales_order();
  auto c = submit_context();
  auto asset = asset_from_line(o, o.lines[0], c.products[0], kOrderDay);
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->customer, 42);
  EXPECT_EQ(asset->quantity, 2000);
  EXPECT_EQ(asset->service_address.city, "Paris");
  EXPECT_EQ(asset->installed_on, kOrderDay);
  EXPECT_EQ(asset->origin_line.value, 1);
  EXPECT_FALSE(asset_from_line(o, o.lines[1], c.products[1], kOrderDay));
}

}  // namespace
}  // namespace rapport::domain
