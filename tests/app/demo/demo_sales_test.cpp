// The demo catalog and sales: about forty products in English and French
// with French VAT rates, one no longer orderable; two price lists, one with
// volume tiers and given to some customers; sales orders in every status
// with complete and failed lines; assets from the completed trackable
// lines; orders taken from calls of the order-intake plan, one of them on
// an entry still active; a second run adds nothing; --products N adds
// generated products a CSR finds by name. The demo quotes are in every
// state, the sent one shows a change report when converted (a price rose
// after it), and a draft change quote acts on a customer's assets, which
// are ready to be changed.
#include "app/demo/demo_sales.h"

#include <set>

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/catalog/catalog_desk.h"
#include "app/demo/demo_data.h"
#include "app/quotes/quote_desk.h"
#include "app/sales/change_order_desk.h"
#include "app/sales/sales_order_desk.h"
#include "store/row_values.h"
#include "store/users/user_repository.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"

namespace rapport::app {
namespace {

using namespace domain;

class DemoSalesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    options.customers = 60;
    auto report = load_demo_data(t.db(), clock, options);
    ASSERT_TRUE(report) << report.error().key << " " << report.error().detail;
    first = *report;
    auto found = t.db().read([&](store::Tx& tx) -> Result<domain::User> {
      auto u = store::UserRepository::find_by_login(tx, "fulfilment");
      if (!u) return Error::not_found();
      return u->user;
    });
    ASSERT_TRUE(found);
    fulfiller = *found;
  }

  long long scalar(const std::string& sql) {
    long long n = -1;
    EXPECT_TRUE(t.db().read([&](store::Tx& tx) -> Result<int> {
      tx.sql() << sql, soci::into(n);
      return 0;
    }));
    return n;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  DemoOptions options;
  DemoReport first;
  User fulfiller;
};

TEST_F(DemoSalesTest, TheCatalogHasFortyProductsInBothLanguagesAndTwoPriceLists) {
  EXPECT_GE(first.products_created, 40);
  CatalogDesk catalog(t.db(), clock);
  store::ProductFilter all;
  all.limit = 500;
  all.include_inactive = true;
  auto products = catalog.search(fulfiller, all);
  ASSERT_TRUE(products);
  std::set<VatRate> rates;
  int trackable = 0, services = 0;
  for (const auto& p : *products) {
    EXPECT_FALSE(p.name_fr.empty()) << p.code;
    EXPECT_FALSE(p.description_fr.empty()) << p.code;
    rates.insert(p.vat_rate);
    trackable += p.trackable;
    services += p.type == ProductType::service;
  }
  EXPECT_EQ(rates, (std::set<VatRate>{550, 1000, 2000}));
  EXPECT_GT(trackable, 10);
  EXPECT_GT(services, 10);
  EXPECT_LT(trackable, static_cast<int>(products->size()));
  store::ProductFilter orderable;
  orderable.orderable_only = true;
  orderable.limit = 500;
  EXPECT_EQ(catalog.search(fulfiller, orderable)->size(), products->size() - 1)
      << "one product is no longer orderable";
  auto lists = catalog.price_lists(fulfiller);
  ASSERT_TRUE(lists);
  ASSERT_EQ(lists->size(), 2u);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM product_prices WHERE tiers_json <> '[]'"), 6);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM customers WHERE price_list_id IS NOT NULL"), 2);
}

TEST_F(DemoSalesTest, OrdersAreInEveryStatusWithAssetsFromCompletedTrackableLines) {
  for (const char* status : {"pending", "open", "complete", "canceled"})
    EXPECT_GT(
        scalar(std::string("SELECT COUNT(*) FROM sales_orders WHERE status = '") + status + "'"), 0)
        << status;
  for (const char* status : {"open", "complete", "failed"})
    EXPECT_GT(scalar(std::string("SELECT COUNT(*) FROM sales_order_lines WHERE status = '") +
                     status + "'"),
              0)
        << status;
  // An open order with a line done and lines left: the fulfilment queue.
  EXPECT_GT(scalar("SELECT COUNT(*) FROM sales_orders o WHERE o.status = 'open' AND EXISTS "
                   "(SELECT 1 FROM sales_order_lines l WHERE l.order_id = o.id AND l.status = "
                   "'complete')"),
            0);
  SalesOrderDesk desk(t.db(), clock);
  EXPECT_FALSE(desk.fulfilment_queue(fulfiller, 50, 0)->empty());
  const long long assets = scalar("SELECT COUNT(*) FROM assets");
  EXPECT_GT(assets, 5);
  EXPECT_EQ(first.assets_created, assets);
  EXPECT_EQ(assets, scalar("SELECT COUNT(*) FROM sales_order_lines l JOIN products p ON p.id = "
                           "l.product_id WHERE l.status = 'complete' AND p.trackable = 1"));
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM assets a JOIN products p ON p.id = a.product_id WHERE "
                   "p.trackable = 0"),
            0);
}

TEST_F(DemoSalesTest, OrdersTakenFromContactPlanCallsLeaveAnActiveEntryWithItsOrder) {
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM plan_entries e JOIN sales_orders o ON o.id = "
                   "e.sales_order_id WHERE e.status IN (11, 20, 21) AND EXISTS (SELECT 1 FROM "
                   "sales_order_lines l WHERE l.order_id = o.id)"),
            1);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM plan_entries e JOIN sales_orders o ON o.id = "
                   "e.sales_order_id WHERE e.status = 90 AND o.status = 'open'"),
            1);
}

TEST_F(DemoSalesTest, ASecondRunAddsNothingAndProductsAddsGeneratedOnes) {
  const long long orders = scalar("SELECT COUNT(*) FROM sales_orders");
  const long long products = scalar("SELECT COUNT(*) FROM products");
  auto again = load_demo_data(t.db(), clock, options);
  ASSERT_TRUE(again) << again.error().key;
  EXPECT_TRUE(again->already_loaded);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM sales_orders"), orders);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM products"), products);

  options.products = 30;
  auto more = load_demo_data(t.db(), clock, options);
  ASSERT_TRUE(more) << more.error().key;
  EXPECT_EQ(more->products_created, 30);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM products"), products + 30);
  EXPECT_EQ(scalar("SELECT COUNT(*) FROM products p JOIN product_prices pp ON pp.product_id = "
                   "p.id WHERE p.code LIKE 'GEN-%'"),
            30);
  CatalogDesk catalog(t.db(), clock);
  store::ProductFilter f;
  f.text = "fibre box";
  auto found = catalog.search(fulfiller, f);
  ASSERT_TRUE(found);
  EXPECT_GE(found->size(), 2u);

  options.products = kMaxDemoProducts + 1;
  auto refused = load_demo_data(t.db(), clock, options);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "demo.products_invalid");
}

TEST_F(DemoSalesTest, QuotesAreInEveryStateAndAChangeQuoteActsOnAssetsReadyToChange) {
  auto csr = t.db().read([&](store::Tx& tx) -> Result<domain::User> {
    auto u = store::UserRepository::find_by_login(tx, "csr");
    if (!u) return Error::not_found();
    return u->user;
  });
  ASSERT_TRUE(csr);
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(t.db().read([&](store::Tx& tx) -> Result<int> {
    soci::rowset<soci::row> rs = tx.sql().prepare << "SELECT id FROM quotes ORDER BY id";
    for (const auto& r : rs) ids.push_back(store::int64_at(r, 0));
    return 0;
  }));
  QuoteDesk quotes(t.db(), clock);
  std::set<QuoteState> states;
  int converted = 0, reports = 0, change_quotes = 0;
  for (auto id : ids) {
    auto v = quotes.view(*csr, Id<Quote>{id});
    ASSERT_TRUE(v) << v.error().key;
    states.insert(v->state);
    converted += v->quote.sales_order.has_value();
    if (v->state == QuoteState::sent && v->quote.active) {
      auto preview = quotes.preview_conversion(*csr, v->quote.id);
      ASSERT_TRUE(preview) << preview.error().key;
      reports += !preview->changes.empty();
    }
    if (std::any_of(v->quote.lines.begin(), v->quote.lines.end(), [](const auto& l) {
          return l.action == LineAction::remove && l.asset.has_value();
        })) {
      ++change_quotes;
      EXPECT_EQ(v->state, QuoteState::draft);
      EXPECT_TRUE(quotes.verify(*csr, v->quote.id)->empty());
    }
  }
  EXPECT_EQ(states, (std::set<QuoteState>{QuoteState::draft, QuoteState::sent, QuoteState::accepted,
                                          QuoteState::rejected, QuoteState::expired}));
  EXPECT_EQ(converted, 1);
  EXPECT_GE(reports, 1);  // a price changed after the sent quote
  EXPECT_EQ(change_quotes, 1);
  // Assets ready to change: a modify of an active asset computes.
  const long long asset = scalar("SELECT MIN(id) FROM assets WHERE status = 'active'");
  const long long customer =
      scalar("SELECT customer_id FROM assets WHERE id = " + std::to_string(asset));
  RequestedChange suspend;
  suspend.change = AssetChange::suspend;
  suspend.asset = asset;
  auto preview = ChangeOrderDesk(t.db(), clock).preview(*csr, {customer, {suspend}, {}, ""});
  ASSERT_TRUE(preview) << preview.error().key << " " << preview.error().field;
  EXPECT_EQ(preview->order.lines.front().target_status, AssetStatus::suspended);
}

}  // namespace
}  // namespace rapport::app
