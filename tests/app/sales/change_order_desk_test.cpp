// Change orders on a real database (SQLite and PostgreSQL): a change order
// computed from the customer's assets and open orders disconnects one
// asset, modifies another and adds a product, and once fulfilled the assets
// show it with their history; a change on an inactive asset or a second
// suspend is refused with nothing stored; an open order is revised while
// its lines are not fulfilled, a complete line refused with the way to
// change it, a stale edit refused. The same changes as a change quote:
// sent, accepted, converted (a price changed since: the report
// acknowledged) and fulfilled, the assets change as with an order; a
// change quote on an inactive asset is refused, and one whose asset was
// disconnected meanwhile does not convert.
#include "app/sales/change_order_desk.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/quotes/quote_desk.h"
#include "app/sales/fulfilment_batch.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::keys_of;
using rapport::testing::problems;
using rapport::testing::ymd;

class ChangeOrderDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    PriceList list;
    list.code = "STD-2026";
    list.name_en = "Standard 2026";
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored) << stored.error().key;
    const std::vector<std::tuple<std::string, std::int64_t>> priced = {
        {"FIBRE-1G", 3'990}, {"TV-BOX", 990}, {"MESH-WIFI", 1'490}};
    for (const auto& [code, price] : priced) {
      Product p;
      p.code = code;
      p.name_en = code;
      p.trackable = true;
      p.orderable_from = ymd(2026, 1, 1);
      auto made = catalog.create_product(manager, p);
      ASSERT_TRUE(made) << made.error().key;
      ASSERT_TRUE(catalog.set_price(manager, stored->id, {made->id, price, {}}));
    }
    NewCustomer n;
    n.customer.family_name = "Garnier";
    n.customer.given_name = "Élise";
    n.customer.address = {"4 place Bellecour", "", "69002", "Lyon", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = CustomerDesk(t.db(), clock).add(csr, n);
    ASSERT_TRUE(added && added->created);
    customer = added->created->customer.id.value;
    // Fibre × 1 and a TV box × 2, fulfilled: two assets.
    auto o = orders.create(csr, header());
    ASSERT_TRUE(o);
    o = orders.add_line(csr, o->id, o->version, {std::nullopt, "FIBRE-1G", 1000, 0});
    o = orders.add_line(csr, o->id, o->version, {std::nullopt, "TV-BOX", 2000, 0});
    ASSERT_TRUE(o) << o.error().key;
    fulfil(*o);
    auto assets = orders.assets(csr, customer);
    ASSERT_EQ(assets->size(), 2u);
    tv = (*assets)[0].asset;  // newest first
    fibre = (*assets)[1].asset;
  }

  // Submits the order and completes every line.
  SalesOrder fulfil(const SalesOrder& o) {
    auto open = orders.submit(csr, o.id, o.version);
    EXPECT_TRUE(open) << (open ? "" : open.error().key + " " + open.error().field);
    if (!open) return o;
    SalesOrder done = *open;
    for (const auto& l : open->lines) {
      auto r = orders.complete_line(fulfiller, o.id, std::nullopt, l.id);
      EXPECT_TRUE(r) << (r ? "" : r.error().key);
      if (r) done = *r;
    }
    return done;
  }

  static RequestedChange change(AssetChange kind, const Asset& a,
                                std::optional<std::int64_t> quantity = {}) {
    RequestedChange c;
    c.change = kind;
    c.asset = a.id.value;
    c.quantity = quantity;
    return c;
  }

  SalesOrderHeader header() const {
    SalesOrderHeader h;
    h.customer = customer;
    return h;
  }

  Asset reread(const Asset& a) { return desk.asset(csr, a.id)->asset.asset; }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};  // 2026-03-10
  ChangeOrderDesk desk{t.db(), clock};
  SalesOrderDesk orders{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  std::int64_t customer = 0;
  Asset fibre, tv;
};

TEST_F(ChangeOrderDeskTest, AChangeOrderDisconnectsOneAssetAndAddsAnotherOnceFulfilled) {
  RequestedChange mesh;
  mesh.change = AssetChange::add;
  mesh.product_code = "mesh-wifi";
  mesh.quantity = 1000;
  auto faster = change(AssetChange::modify, fibre);
  faster.features = std::vector<ProductFeature>{{"Speed", "2 Gb/s"}};
  ChangeOrderRequest request{customer, {change(AssetChange::disconnect, tv), mesh, faster}, {}, ""};
  auto preview = desk.preview(csr, request);
  ASSERT_TRUE(preview) << preview.error().key;
  EXPECT_FALSE(preview->order.id.valid());
  EXPECT_EQ(t.count("sales_orders"), 1);  // a preview stores nothing

  auto made = desk.create(csr, request);
  ASSERT_TRUE(made) << made.error().key << " " << made.error().field;
  EXPECT_EQ(made->status, SalesOrderStatus::pending);
  ASSERT_EQ(made->lines.size(), 3u);
  EXPECT_EQ(made->lines[0].action, LineAction::remove);
  EXPECT_EQ(made->lines[0].target_asset, tv.id.value);
  EXPECT_EQ(made->lines[0].product_code, "TV-BOX");
  EXPECT_EQ(made->lines[0].unit_price, 0);  // a disconnect is not charged
  EXPECT_EQ(made->lines[1].action, LineAction::add);
  EXPECT_EQ(made->lines[1].unit_price, 1'490);
  EXPECT_EQ(made->lines[2].action, LineAction::update);
  EXPECT_EQ(made->lines[2].unit_price, 3'990);  // the customer's list
  // Read back as stored.
  auto stored = orders.view(csr, made->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->order.lines[2].features->front().value, "2 Gb/s");
  EXPECT_EQ(stored->totals.net, 1'490 + 3'990);

  fulfil(*made);
  EXPECT_EQ(reread(tv).status, AssetStatus::inactive);
  EXPECT_EQ(reread(fibre).features, (std::vector<ProductFeature>{{"Speed", "2 Gb/s"}}));
  EXPECT_EQ(reread(fibre).quantity, 1000);
  auto assets = orders.assets(csr, customer);
  ASSERT_EQ(assets->size(), 3u);
  EXPECT_EQ((*assets)[0].product_code, "MESH-WIFI");
  EXPECT_EQ((*assets)[0].asset.status, AssetStatus::active);
  // The TV box's history: the order that made it, the one that disconnected it.
  auto history = desk.asset(csr, tv.id)->history;
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].line.action, LineAction::add);
  EXPECT_EQ(history[1].order_number, made->number);
  EXPECT_EQ(history[1].line.action, LineAction::remove);
  EXPECT_EQ(history[1].order_status, SalesOrderStatus::complete);
  // Audited: the asset's status changed.
  long long audited = t.db()
                          .read([&](store::Tx& tx) -> Result<long long> {
                            long long n = 0, id = tv.id.value;
                            tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE record_type = "
                                        "'asset' AND record_id = :id AND field = 'status' AND "
                                        "new_value = 'inactive'",
                                soci::use(id), soci::into(n);
                            return n;
                          })
                          .value();
  EXPECT_EQ(audited, 1);
}

TEST_F(ChangeOrderDeskTest, OpenOrdersStackAndAnInactiveAssetIsRefused) {
  // An open order suspends the TV box; a second suspend is refused, a
  // resume accepted; a quantity asked as it will be is nothing to do.
  auto suspend = desk.create(csr, {customer, {change(AssetChange::suspend, tv)}, {}, ""});
  ASSERT_TRUE(suspend) << suspend.error().key;
  ASSERT_TRUE(orders.submit(csr, suspend->id, suspend->version));
  FieldErrors errors;
  EXPECT_FALSE(desk.create(csr, {customer, {change(AssetChange::suspend, tv)}, {}, ""}, &errors));
  EXPECT_EQ(problems(errors),
            (std::vector<std::string>{"changes.0.asset change_order.asset_already_suspended"}));
  auto resume = desk.preview(
      csr, {customer,
            {change(AssetChange::resume, tv), change(AssetChange::modify, fibre, 1000)},
            {},
            ""});
  ASSERT_TRUE(resume);
  EXPECT_EQ(resume->order.lines[0].target_status, AssetStatus::active);
  EXPECT_EQ(resume->order.lines[1].action, LineAction::none);

  // Disconnected (fulfilled): no change is taken any more.
  auto gone = desk.create(csr, {customer, {change(AssetChange::disconnect, fibre)}, {}, ""});
  ASSERT_TRUE(gone);
  fulfil(*gone);
  const auto before = t.count("sales_orders");
  errors = {};
  EXPECT_FALSE(
      desk.create(csr, {customer, {change(AssetChange::modify, fibre, 2000)}, {}, ""}, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"change_order.asset_inactive"}));
  EXPECT_EQ(errors.errors.front().args.front().second, fibre.number);
  EXPECT_EQ(t.count("sales_orders"), before);
  // Another customer's asset is not found among theirs; a fulfilment user
  // makes no change order.
  EXPECT_EQ(
      desk.create(fulfiller, {customer, {change(AssetChange::suspend, tv)}, {}, ""}).error().code,
      ErrorCode::forbidden);
}

TEST_F(ChangeOrderDeskTest, AnOpenOrderIsRevisedWhileItsLinesAreNotFulfilled) {
  auto o = orders.create(csr, header());
  o = orders.add_line(csr, o->id, o->version, {std::nullopt, "MESH-WIFI", 1000, 0});
  o = orders.add_line(csr, o->id, o->version, {std::nullopt, "TV-BOX", 1000, 0});
  o = orders.submit(csr, o->id, o->version);
  ASSERT_TRUE(o);
  o = orders.complete_line(fulfiller, o->id, o->version, o->lines[0].id);
  ASSERT_TRUE(o);
  // A line added to the open order goes to fulfilment at once.
  auto added = orders.add_line(csr, o->id, o->version, {std::nullopt, "FIBRE-1G", 1000, 0});
  ASSERT_TRUE(added) << added.error().key;
  EXPECT_EQ(added->lines[2].status, LineStatus::open);
  auto changed = orders.change_line(csr, o->id, added->version, added->lines[1].id, 3000, 0);
  ASSERT_TRUE(changed) << changed.error().key;
  EXPECT_EQ(changed->lines[1].quantity, 3000);
  // The complete line: through a change order on its asset.
  FieldErrors errors;
  auto refused =
      orders.change_line(csr, o->id, changed->version, changed->lines[0].id, 2000, 0, &errors);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "sales_order.line_complete_change_asset");
  EXPECT_EQ(orders.remove_line(csr, o->id, changed->version, changed->lines[0].id).error().key,
            "sales_order.line_complete_change_asset");
  // A stale edit is refused, nothing changed.
  auto stale = orders.remove_line(csr, o->id, added->version, added->lines[1].id);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(orders.view(csr, o->id)->order.lines.size(), 3u);
  // Removing the open lines completes the order with its fulfilled one.
  auto removed = orders.remove_line(csr, o->id, changed->version, changed->lines[1].id);
  ASSERT_TRUE(removed) << removed.error().key;
  removed = orders.remove_line(csr, o->id, removed->version, removed->lines[1].id);
  ASSERT_TRUE(removed) << removed.error().key;
  EXPECT_EQ(removed->status, SalesOrderStatus::complete);
  EXPECT_EQ(
      orders.add_line(csr, o->id, removed->version, {std::nullopt, "TV-BOX", 1000, 0}).error().key,
      "sales_order.not_revisable");
}

TEST_F(ChangeOrderDeskTest, TheBatchRefusesAChangeLineOnAnAssetDisconnectedMeanwhile) {
  // Two open change orders on the TV box: a suspend, then a disconnect
  // fulfilled first; the batch completes the others and refuses the suspend.
  auto suspend = desk.create(csr, {customer, {change(AssetChange::suspend, tv)}, {}, ""});
  ASSERT_TRUE(suspend);
  ASSERT_TRUE(orders.submit(csr, suspend->id, suspend->version));
  auto gone = desk.create(
      csr, {customer,
            {change(AssetChange::disconnect, tv), change(AssetChange::modify, fibre, 2000)},
            {},
            ""});
  ASSERT_TRUE(gone) << gone.error().key;
  auto open = orders.submit(csr, gone->id, gone->version);
  ASSERT_TRUE(open);
  ASSERT_TRUE(orders.complete_line(fulfiller, gone->id, std::nullopt, open->lines[0].id));
  EXPECT_EQ(
      orders.complete_line(fulfiller, suspend->id, std::nullopt, suspend->lines[0].id).error().key,
      "change_order.asset_inactive");
  FulfilmentBatchRequest whole;
  whole.whole_queue = true;
  auto run = run_fulfilment_batch(t.db(), clock, actor_of(fulfiller), whole);
  ASSERT_TRUE(run) << run.error().key;
  EXPECT_EQ(run->counts.completed, 1);  // the fibre's quantity
  EXPECT_EQ(run->counts.refused, 1);    // the suspend of the disconnected box
  EXPECT_EQ(run->counts.assets_changed, 1);
  EXPECT_EQ(reread(fibre).quantity, 2000);
  EXPECT_EQ(reread(tv).status, AssetStatus::inactive);
}

TEST_F(ChangeOrderDeskTest, AChangeQuoteIsConvertedAndItsOrderChangesTheAssetsOnceFulfilled) {
  RequestedChange mesh;
  mesh.change = AssetChange::add;
  mesh.product_code = "mesh-wifi";
  mesh.quantity = 1000;
  auto faster = change(AssetChange::modify, fibre);
  faster.features = std::vector<ProductFeature>{{"Speed", "2 Gb/s"}};
  ChangeOrderRequest request{
      customer, {change(AssetChange::disconnect, tv), mesh, faster}, {}, "Moving to mesh"};
  const auto orders_before = t.count("sales_orders");
  auto made = desk.create_quote(csr, request);
  ASSERT_TRUE(made) << made.error().key << " " << made.error().field;
  EXPECT_EQ(t.count("sales_orders"), orders_before);  // a quote, no order yet
  QuoteDesk quotes(t.db(), clock);
  auto view = quotes.view(csr, made->id);
  ASSERT_TRUE(view);
  const Quote& q = view->quote;
  EXPECT_EQ(q.status, QuoteStatus::draft);
  EXPECT_EQ(q.valid_until, ymd(2026, 4, 9));  // today + the default 30 days
  EXPECT_EQ(q.currency, "EUR");
  EXPECT_EQ(q.notes, "Moving to mesh");
  ASSERT_EQ(q.lines.size(), 3u);
  EXPECT_EQ(q.lines[0].action, LineAction::remove);
  EXPECT_EQ(q.lines[0].asset, tv.id.value);
  EXPECT_EQ(q.lines[0].unit_price, 0);  // a disconnect is not charged
  EXPECT_EQ(q.lines[1].action, LineAction::add);
  EXPECT_EQ(q.lines[1].unit_price, 1'490);
  EXPECT_EQ(q.lines[2].action, LineAction::update);
  EXPECT_EQ(q.lines[2].asset, fibre.id.value);
  EXPECT_EQ(q.lines[2].unit_price, 3'990);
  EXPECT_EQ(q.lines[2].target_features, (std::vector<ProductFeature>{{"Speed", "2 Gb/s"}}));
  EXPECT_EQ(view->totals.net, 1'490 + 3'990);
  EXPECT_EQ(view->asset_numbers.at(tv.id.value), tv.number);
  // A disconnect line's quantity is not changed on the quote.
  FieldErrors errors;
  EXPECT_FALSE(quotes.change_line(csr, q.id, q.version, q.lines[0].id, 2000, 0, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"quote.change_line_fixed"}));
  EXPECT_TRUE(quotes.verify(csr, q.id)->empty());

  auto sent = quotes.mark_sent(csr, q.id, q.version, QuoteChannel::email);
  ASSERT_TRUE(sent) << sent.error().key;
  auto accepted = quotes.accept(csr, q.id, sent->version);
  ASSERT_TRUE(accepted) << accepted.error().key;
  // The mesh costs more since: the report names that line only.
  auto mesh_product = catalog.product_by_code(manager, "MESH-WIFI");
  ASSERT_TRUE(catalog.set_price(manager, q.price_list, {mesh_product->id, 1'690, {}}));
  auto report = quotes.preview_conversion(csr, q.id);
  ASSERT_TRUE(report) << report.error().key;
  ASSERT_EQ(report->changes.size(), 1u);
  EXPECT_EQ(report->changes[0].line_number, 2);
  EXPECT_EQ(report->changes[0].new_value, "1690");
  auto refused = quotes.convert(csr, q.id, accepted->version, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "quote.changes_to_acknowledge");
  auto order = quotes.convert(csr, q.id, accepted->version, report->fingerprint);
  ASSERT_TRUE(order) << order.error().key;
  ASSERT_EQ(order->lines.size(), 3u);
  EXPECT_EQ(order->lines[0].action, LineAction::remove);
  EXPECT_EQ(order->lines[0].target_asset, tv.id.value);
  EXPECT_EQ(order->lines[1].unit_price, 1'690);
  EXPECT_EQ(order->lines[2].action, LineAction::update);
  EXPECT_EQ(order->lines[2].features, (std::vector<ProductFeature>{{"Speed", "2 Gb/s"}}));
  EXPECT_EQ(quotes.quote_of_order(csr, order->id.value)->value().id, q.id);

  fulfil(*order);
  EXPECT_EQ(reread(tv).status, AssetStatus::inactive);
  EXPECT_EQ(reread(fibre).features, (std::vector<ProductFeature>{{"Speed", "2 Gb/s"}}));
  auto assets = orders.assets(csr, customer);
  ASSERT_EQ(assets->size(), 3u);
  EXPECT_EQ((*assets)[0].product_code, "MESH-WIFI");
  EXPECT_EQ((*assets)[0].asset.status, AssetStatus::active);
  auto history = desk.asset(csr, tv.id)->history;
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].order_number, order->number);
}

TEST_F(ChangeOrderDeskTest, AChangeQuoteSuspendsAndIsRefusedOnAnInactiveAsset) {
  QuoteDesk quotes(t.db(), clock);
  auto suspend = desk.create_quote(csr, {customer, {change(AssetChange::suspend, tv)}, {}, ""});
  ASSERT_TRUE(suspend) << suspend.error().key;
  EXPECT_EQ(quotes.view(csr, suspend->id)->quote.lines[0].target_status, AssetStatus::suspended);
  auto gone = desk.create_quote(csr, {customer, {change(AssetChange::disconnect, fibre)}, {}, ""});
  ASSERT_TRUE(gone);
  // Sent; meanwhile a change order disconnects the fibre.
  auto sent_gone = quotes.mark_sent(csr, gone->id, gone->version, QuoteChannel::letter);
  ASSERT_TRUE(sent_gone);
  auto order = desk.create(csr, {customer, {change(AssetChange::disconnect, fibre)}, {}, ""});
  ASSERT_TRUE(order);
  fulfil(*order);
  // A change quote on the inactive asset: refused, nothing stored.
  const auto quotes_before = t.count("quotes");
  FieldErrors errors;
  EXPECT_FALSE(desk.create_quote(
      csr, {customer, {change(AssetChange::modify, fibre, 2000)}, {}, ""}, &errors));
  EXPECT_EQ(problems(errors),
            (std::vector<std::string>{"changes.0.asset change_order.asset_inactive"}));
  EXPECT_EQ(t.count("quotes"), quotes_before);
  // The sent quote on it no longer converts.
  const auto orders_before = t.count("sales_orders");
  auto late = quotes.convert(csr, gone->id, sent_gone->version, "");
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().key, "change_order.asset_inactive");
  EXPECT_EQ(t.count("sales_orders"), orders_before);
  EXPECT_FALSE(quotes.view(csr, gone->id)->quote.sales_order);

  // The suspend quote converts and its order suspends the TV box.
  auto sent = quotes.mark_sent(csr, suspend->id, suspend->version, QuoteChannel::email);
  ASSERT_TRUE(sent);
  auto suspended = quotes.convert(csr, suspend->id, sent->version, "");
  ASSERT_TRUE(suspended) << suspended.error().key;
  EXPECT_EQ(suspended->lines[0].target_status, AssetStatus::suspended);
  fulfil(*suspended);
  EXPECT_EQ(reread(tv).status, AssetStatus::suspended);
  // A fulfilment user makes no change quote.
  EXPECT_EQ(desk.create_quote(fulfiller, {customer, {change(AssetChange::resume, tv)}, {}, ""})
                .error()
                .code,
            ErrorCode::forbidden);
}

}  // namespace
}  // namespace rapport::app
