#include "domain/sales/change_delta.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::problems;
using rapport::testing::ymd;

Asset customer_asset(std::int64_t id, std::int64_t product, std::int64_t quantity,
                     AssetStatus status = AssetStatus::active) {
  Asset a;
  a.id = Id<Asset>{id};
  a.number = "AS-00000" + std::to_string(id);
  a.product = Id<Product>{product};
  a.customer = 42;
  a.quantity = quantity;
  a.status = status;
  a.installed_on = ymd(2026, 6, 1);
  return a;
}

// An order (pending or open) whose one line changes `asset`.
SalesOrder order_changing(std::int64_t id, std::int64_t asset, LineAction action,
                          std::int64_t quantity, std::optional<AssetStatus> status = {},
                          LineStatus line_status = LineStatus::open) {
  SalesOrder o;
  o.id = Id<SalesOrder>{id};
  o.status = SalesOrderStatus::open;
  SalesOrderLine l;
  l.id = Id<SalesOrderLine>{id * 10};
  l.action = action;
  l.target_asset = asset;
  l.quantity = quantity;
  l.target_status = status;
  l.status = line_status;
  o.lines.push_back(l);
  return o;
}

RequestedChange on_asset(AssetChange change, std::int64_t asset,
                         std::optional<std::int64_t> quantity = {}) {
  RequestedChange c;
  c.change = change;
  c.asset = asset;
  c.quantity = quantity;
  return c;
}

const std::vector<Asset> kAssets = {customer_asset(1, 10, 2000), customer_asset(2, 11, 1000),
                                    customer_asset(3, 12, 1000, AssetStatus::suspended),
                                    customer_asset(4, 13, 1000, AssetStatus::inactive)};

TEST(ChangeDelta, EachChangeGetsItsAction) {
  RequestedChange add;
  add.change = AssetChange::add;
  add.product = Id<Product>{20};
  add.product_code = "FIBRE";
  add.quantity = 1000;
  auto delta =
      change_delta(kAssets, {},
                   {on_asset(AssetChange::modify, 1, 5000), on_asset(AssetChange::disconnect, 2),
                    on_asset(AssetChange::modify, 3, 1000), add, on_asset(AssetChange::resume, 3)});
  ASSERT_TRUE(delta.errors.empty()) << problems(delta.errors).front();
  ASSERT_EQ(delta.lines.size(), 5u);
  EXPECT_EQ(delta.lines[0].action, LineAction::update);
  EXPECT_EQ(delta.lines[0].quantity, 5000);
  EXPECT_EQ(delta.lines[0].target_asset, 1);
  EXPECT_EQ(delta.lines[0].product, Id<Product>{10});
  EXPECT_EQ(delta.lines[1].action, LineAction::remove);
  EXPECT_EQ(delta.lines[1].quantity, 1000);  // what it had
  // The same quantity: nothing to do, shown as none.
  EXPECT_EQ(delta.lines[2].action, LineAction::none);
  EXPECT_EQ(delta.lines[3].action, LineAction::add);
  EXPECT_EQ(delta.lines[3].product_code, "FIBRE");
  EXPECT_FALSE(delta.lines[3].target_asset.has_value());
  EXPECT_EQ(delta.lines[4].action, LineAction::update);
  EXPECT_EQ(delta.lines[4].target_status, AssetStatus::active);
}

TEST(ChangeDelta, FeaturesChangedAreAnUpdateAndTheSameAreNone) {
  auto assets = kAssets;
  assets[0].features = {{"Speed", "1 Gb/s"}};
  auto same = on_asset(AssetChange::modify, 1);
  same.features = std::vector<ProductFeature>{{"Speed", "1 Gb/s"}};
  auto faster = on_asset(AssetChange::modify, 1);
  faster.features = std::vector<ProductFeature>{{"Speed", "2 Gb/s"}};
  auto delta = change_delta(assets, {}, {same, faster});
  ASSERT_EQ(delta.lines.size(), 2u);
  EXPECT_EQ(delta.lines[0].action, LineAction::none);
  EXPECT_EQ(delta.lines[1].action, LineAction::update);
  EXPECT_EQ(delta.lines[1].features->front().value, "2 Gb/s");
  EXPECT_EQ(delta.lines[1].quantity, 2000);  // kept
}

TEST(ChangeDelta, TwoOpenOrdersStackInTheirOrder) {
  // Order 8 (made after 7) sets the quantity to 3; order 7 to 9: the asset
  // will have 3, so asking for 3 is nothing to do and 4 an update.
  std::vector<SalesOrder> orders = {order_changing(8, 1, LineAction::update, 3000),
                                    order_changing(7, 1, LineAction::update, 9000)};
  auto projected = projected_assets(kAssets, orders);
  EXPECT_EQ(projected.at(1).quantity, 3000);
  auto delta = change_delta(
      kAssets, orders,
      {on_asset(AssetChange::modify, 1, 3000), on_asset(AssetChange::modify, 1, 4000)});
  ASSERT_EQ(delta.lines.size(), 2u);
  EXPECT_EQ(delta.lines[0].action, LineAction::none);
  EXPECT_EQ(delta.lines[1].action, LineAction::update);
  // An open order suspending asset 2, then one disconnecting it: nothing
  // more may be asked of it; a completed or failed line counts no more.
  orders.push_back(order_changing(9, 2, LineAction::update, 1000, AssetStatus::suspended));
  orders.push_back(order_changing(10, 2, LineAction::remove, 1000));
  orders.push_back(
      order_changing(11, 1, LineAction::remove, 1000, std::nullopt, LineStatus::failed));
  EXPECT_EQ(projected_assets(kAssets, orders).at(1).status, AssetStatus::active);
  auto refused = change_delta(kAssets, orders, {on_asset(AssetChange::resume, 2)});
  EXPECT_EQ(problems(refused.errors),
            (std::vector<std::string>{"changes.0.asset change_order.asset_inactive"}));
  EXPECT_TRUE(refused.lines.empty());
}

TEST(ChangeDelta, SuspendedByAnOpenOrderMayBeResumedNotSuspended) {
  std::vector<SalesOrder> orders = {
      order_changing(7, 1, LineAction::update, 2000, AssetStatus::suspended)};
  auto delta = change_delta(kAssets, orders,
                            {on_asset(AssetChange::suspend, 1), on_asset(AssetChange::resume, 1),
                             on_asset(AssetChange::resume, 2)});
  EXPECT_EQ(problems(delta.errors),
            (std::vector<std::string>{"changes.0.asset change_order.asset_already_suspended",
                                      "changes.2.asset change_order.asset_not_suspended"}));
  ASSERT_EQ(delta.lines.size(), 1u);
  EXPECT_EQ(delta.lines[0].target_status, AssetStatus::active);
}

TEST(ChangeDelta, AnInactiveOrUnknownAssetAndBadInputAreRefused) {
  RequestedChange add;
  add.change = AssetChange::add;
  auto bad_features = on_asset(AssetChange::modify, 1);
  bad_features.features = std::vector<ProductFeature>{{"", "x"}};
  auto delta = change_delta(
      kAssets, {},
      {on_asset(AssetChange::disconnect, 4), on_asset(AssetChange::modify, 99, 1000),
       on_asset(AssetChange::modify, 1, 0), add, bad_features, on_asset(AssetChange::modify, 1)});
  EXPECT_EQ(problems(delta.errors),
            (std::vector<std::string>{"changes.0.asset change_order.asset_inactive",
                                      "changes.1.asset change_order.asset_unknown",
                                      "changes.2.quantity sales_order.line_quantity_positive",
                                      "changes.3.product field.required",
                                      "changes.3.quantity field.required",
                                      "changes.4.features.0.name product.feature_name_required",
                                      "changes.5.quantity field.required"}));
  EXPECT_EQ(delta.errors.errors.front().args.front().second, "AS-000004");
  EXPECT_EQ(problems(change_delta(kAssets, {}, {}).errors),
            (std::vector<std::string>{"changes change_order.no_changes"}));
}

TEST(ChangeDelta, FulfillingAChangeLineChangesTheAsset) {
  auto a = kAssets[0];
  SalesOrderLine l;
  l.action = LineAction::update;
  l.quantity = 7000;
  l.features = std::vector<ProductFeature>{{"Speed", "2 Gb/s"}};
  l.target_status = AssetStatus::suspended;
  ASSERT_TRUE(apply_change_line(a, l));
  EXPECT_EQ(a.quantity, 7000);
  EXPECT_EQ(a.features.size(), 1u);
  EXPECT_EQ(a.status, AssetStatus::suspended);
  l.action = LineAction::remove;
  ASSERT_TRUE(apply_change_line(a, l));
  EXPECT_EQ(a.status, AssetStatus::inactive);
  auto refused = apply_change_line(a, l);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "change_order.asset_inactive");
}

TEST(SalesOrderRevision, ACompleteLineIsChangedByAChangeOrder) {
  SalesOrder o;
  o.status = SalesOrderStatus::open;
  SalesOrderLine done, waiting;
  done.line_number = 1;
  done.status = LineStatus::complete;
  waiting.line_number = 2;
  waiting.status = LineStatus::open;
  o.lines = {done, waiting};
  auto refused = may_revise_line(o, o.lines[0]);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "sales_order.line_complete_change_asset");
  EXPECT_TRUE(may_revise_line(o, o.lines[1]));
  o.lines.pop_back();
  close_when_fulfilled(o, Instant{});
  EXPECT_EQ(o.status, SalesOrderStatus::complete);
  EXPECT_FALSE(may_revise_lines(o));
}

TEST(SalesOrderRevision, SubmitAsksNoPriceNorOrderableProductOfADisconnect) {
  SalesOrder o;
  o.currency = "EUR";
  o.ship_to = {"1 rue", "", "75001", "Paris", "", "FR"};
  SalesOrderLine l;
  l.product = Id<Product>{10};
  l.product_code = "OLD";
  l.quantity = 1000;
  l.action = LineAction::remove;
  l.target_asset = 1;
  o.lines = {l};
  SubmitContext c;
  c.price_list.currency = "EUR";
  c.price_list.valid_from = ymd(2026, 1, 1);
  c.today = ymd(2026, 12, 4);
  EXPECT_TRUE(verify_for_submit(o, c).empty());
  o.lines[0].action = LineAction::add;
  EXPECT_EQ(problems(verify_for_submit(o, c)),
            (std::vector<std::string>{"lines.0.product sales_order.line_product_not_orderable",
                                      "lines.0.unit_price sales_order.line_price_missing"}));
}

}  // namespace
}  // namespace rapport::domain
