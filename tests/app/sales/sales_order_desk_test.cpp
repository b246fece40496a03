// Sales orders on a real database (SQLite and PostgreSQL): lines priced
// from the customer's list, submit refusing with every problem, fulfilment
// making assets only for trackable products, the order completing when its
// lines are done, and stale or late changes refused with nothing changed.
#include "app/sales/sales_order_desk.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "support/fixed_clock.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::fields_of;
using rapport::testing::keys_of;
using rapport::testing::ymd;

class SalesOrderDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    meter = product("SMART-METER", "Smart meter", "Compteur communicant", true, 2000);
    visit = product("INSTALL-VISIT", "Installation visit", "Visite d’installation", false, 1000);
    PriceList list;
    list.code = "STD-2026";
    list.name_en = "Standard 2026";
    list.currency = "EUR";
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = true;
    auto stored = catalog.create_price_list(manager, list);
    ASSERT_TRUE(stored) << stored.error().key;
    standard = *stored;
    ASSERT_TRUE(catalog.set_price(manager, standard.id, {meter.id, 12'000, {{5000, 11'000}}}));
    ASSERT_TRUE(catalog.set_price(manager, standard.id, {visit.id, 8'990, {}}));

    NewCustomer n;
    n.customer.family_name = "Moreau";
    n.customer.given_name = "Lucie";
    n.customer.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = CustomerDesk(t.db(), clock).add(csr, n);
    ASSERT_TRUE(added && added->created) << (added ? "duplicates" : added.error().key);
    customer = added->created->customer.id.value;
  }

  Product product(std::string code, std::string en, std::string fr, bool trackable, VatRate vat) {
    Product p;
    p.code = std::move(code);
    p.name_en = std::move(en);
    p.name_fr = std::move(fr);
    p.trackable = trackable;
    p.vat_rate = vat;
    p.orderable_from = ymd(2026, 1, 1);
    auto stored = catalog.create_product(manager, p);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().key + " " + stored.error().field);
    return stored ? *stored : p;
  }

  SalesOrder new_order(std::optional<CivilDate> delivery = ymd(2026, 3, 20)) {
    SalesOrderHeader h;
    h.customer = customer;
    h.requested_delivery = delivery;
    auto o = desk.create(csr, h);
    EXPECT_TRUE(o) << (o ? "" : o.error().key + " " + o.error().field);
    return o ? *o : SalesOrder{};
  }

  SalesOrder with_line(const SalesOrder& o, const std::string& code, std::int64_t quantity) {
    auto added = desk.add_line(csr, o.id, o.version, {std::nullopt, code, quantity, 0});
    EXPECT_TRUE(added) << (added ? "" : added.error().key + " " + added.error().field);
    return added ? *added : o;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};  // 2026-03-10
  SalesOrderDesk desk{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  Product meter, visit;
  PriceList standard;
  std::int64_t customer = 0;
};

TEST_F(SalesOrderDeskTest, LinesArePricedFromTheCustomersListWithVolumeTiers) {
  auto o = new_order();
  EXPECT_EQ(o.number.substr(0, 4), "ORD-");
  EXPECT_EQ(o.currency, "EUR");
  EXPECT_EQ(o.ship_to.city, "Lyon");  // the customer's address by default
  o = with_line(o, "smart-meter", 2000);
  o = with_line(o, "SMART-METER", 6000);  // six reach the 5-unit tier
  o = with_line(o, "INSTALL-VISIT", 1000);
  ASSERT_EQ(o.lines.size(), 3u);
  EXPECT_EQ(o.lines[0].unit_price, 12'000);
  EXPECT_EQ(o.lines[1].unit_price, 11'000);
  EXPECT_EQ(o.lines[2].vat_rate, 1000);
  auto view = desk.view(csr, o.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->totals.net, 24'000 + 66'000 + 8'990);
  EXPECT_EQ(view->totals.gross, 98'990 + 18'000 + 899);
  EXPECT_EQ(view->customer_name, "Moreau, Lucie");
}

TEST_F(SalesOrderDeskTest, BadLinesAreRefusedWithNothingChanged) {
  auto o = new_order();
  FieldErrors errors;
  auto zero = desk.add_line(csr, o.id, o.version, {std::nullopt, "SMART-METER", 0, 0}, &errors);
  ASSERT_FALSE(zero);
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"sales_order.line_quantity_positive"}));
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"quantity"}));
  EXPECT_EQ(desk.add_line(csr, o.id, o.version, {std::nullopt, "NOPE", 1000, 0}).error().key,
            "product.not_found");
  auto huge = desk.add_line(csr, o.id, o.version, {std::nullopt, "SMART-METER", kMaxQuantity, 0});
  EXPECT_EQ(huge.error().key, "money.too_large");
  auto unpriced = product("ROUTER", "Router", "Routeur", true, 2000);
  EXPECT_EQ(desk.add_line(csr, o.id, o.version, {unpriced.id, "", 1000, 0}).error().key,
            "sales_order.line_price_missing");
  EXPECT_EQ(t.count("sales_order_lines"), 0);
  EXPECT_EQ(desk.view(csr, o.id)->order.version, o.version);
}

TEST_F(SalesOrderDeskTest, AProductTypedByNameIsFoundWhenOneMatches) {
  auto o = new_order();
  o = with_line(o, "compteur", 1000);  // its French name: one product
  ASSERT_EQ(o.lines.size(), 1u);
  EXPECT_EQ(o.lines[0].product_code, "SMART-METER");
  product("SMART-PLUG", "Smart plug", "Prise connectée", false, 2000);
  FieldErrors errors;
  auto two = desk.add_line(csr, o.id, o.version, {std::nullopt, "smart", 1000, 0}, &errors);
  ASSERT_FALSE(two);
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"sales_order.product_ambiguous"}));
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"product"}));
  EXPECT_EQ(t.count("sales_order_lines"), 1);
}

TEST_F(SalesOrderDeskTest, ADeliveryDateInThePastIsRefused) {
  SalesOrderHeader h;
  h.customer = customer;
  h.requested_delivery = ymd(2026, 3, 9);
  FieldErrors errors;
  EXPECT_FALSE(desk.create(csr, h, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"sales_order.delivery_past"}));
  EXPECT_EQ(t.count("sales_orders"), 0);
}

TEST_F(SalesOrderDeskTest, SubmitRefusesAndListsEveryProblem) {
  auto empty = new_order();
  FieldErrors errors;
  EXPECT_FALSE(desk.submit(csr, empty.id, empty.version, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"sales_order.no_lines"}));

  auto o = with_line(new_order(), "SMART-METER", 1000);
  SalesOrderHeader h;
  h.customer = customer;
  h.requested_delivery = ymd(2026, 3, 20);
  h.ship_to = PostalAddress{"", "", "69003", "", "", "FR"};
  auto updated = desk.update_header(csr, o.id, o.version, h);
  ASSERT_TRUE(updated) << updated.error().key;
  // The product is withdrawn from the catalog before the delivery date.
  meter.orderable_to = ymd(2026, 3, 15);
  ASSERT_TRUE(catalog.update_product(manager, meter));
  errors = {};
  EXPECT_FALSE(desk.submit(csr, o.id, updated->version, &errors));
  EXPECT_EQ(fields_of(errors),
            (std::vector<std::string>{"ship_to.line1", "ship_to.city", "lines.0.product"}));
  EXPECT_EQ(desk.view(csr, o.id)->order.status, SalesOrderStatus::pending);
}

TEST_F(SalesOrderDeskTest, FulfilmentMakesAssetsOnlyForTrackableLinesAndCompletesTheOrder) {
  auto o = with_line(with_line(new_order(), "SMART-METER", 2000), "INSTALL-VISIT", 1000);
  auto submitted = desk.submit(csr, o.id, o.version);
  ASSERT_TRUE(submitted) << submitted.error().key;
  EXPECT_EQ(submitted->status, SalesOrderStatus::open);
  EXPECT_EQ(desk.submit(csr, o.id, submitted->version).error().key, "sales_order.not_pending");

  // A CSR does not work the fulfilment queue.
  EXPECT_EQ(desk.fulfilment_queue(csr, 50, 0).error().code, ErrorCode::forbidden);
  auto queue = desk.fulfilment_queue(fulfiller, 50, 0);
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].customer_name, "Moreau, Lucie");

  auto first = desk.complete_line(fulfiller, o.id, std::nullopt, submitted->lines[0].id);
  ASSERT_TRUE(first) << first.error().key;
  EXPECT_EQ(first->status, SalesOrderStatus::open);
  ASSERT_TRUE(first->lines[0].asset);
  auto done = desk.complete_line(fulfiller, o.id, std::nullopt, submitted->lines[1].id);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, SalesOrderStatus::complete);
  EXPECT_FALSE(done->lines[1].asset);

  auto assets = desk.assets(csr, customer);
  ASSERT_TRUE(assets);
  ASSERT_EQ(assets->size(), 1u);
  EXPECT_EQ((*assets)[0].product_code, "SMART-METER");
  EXPECT_EQ((*assets)[0].asset.quantity, 2000);
  EXPECT_EQ((*assets)[0].asset.status, AssetStatus::active);
  EXPECT_EQ((*assets)[0].asset.installed_on, ymd(2026, 3, 10));
  EXPECT_EQ((*assets)[0].asset.origin_line, submitted->lines[0].id);
  EXPECT_TRUE(desk.fulfilment_queue(fulfiller, 50, 0)->empty());
}

TEST_F(SalesOrderDeskTest, AFailedLineCompletesTheOrderWithoutAnAsset) {
  auto o = with_line(new_order(), "SMART-METER", 1000);
  auto submitted = desk.submit(csr, o.id, o.version);
  ASSERT_TRUE(submitted);
  EXPECT_EQ(desk.fail_line(fulfiller, o.id, std::nullopt, submitted->lines[0].id, "").error().key,
            "sales_order.line_fail_reason_required");
  auto failed =
      desk.fail_line(fulfiller, o.id, std::nullopt, submitted->lines[0].id, "Out of stock");
  ASSERT_TRUE(failed);
  EXPECT_EQ(failed->status, SalesOrderStatus::complete);
  EXPECT_EQ(failed->lines[0].fail_reason, "Out of stock");
  EXPECT_EQ(t.count("assets"), 0);
}

TEST_F(SalesOrderDeskTest, ALineOfACanceledOrderCannotBeCompleted) {
  auto o = with_line(new_order(), "SMART-METER", 1000);
  auto submitted = desk.submit(csr, o.id, o.version);
  ASSERT_TRUE(submitted);
  auto canceled = desk.cancel(csr, o.id, submitted->version);
  ASSERT_TRUE(canceled) << canceled.error().key;
  EXPECT_EQ(desk.complete_line(fulfiller, o.id, std::nullopt, o.lines[0].id).error().key,
            "sales_order.line_not_open");
  EXPECT_EQ(t.count("assets"), 0);
}

TEST_F(SalesOrderDeskTest, AStaleEditIsRefused) {
  auto o = new_order();
  auto first = desk.add_line(csr, o.id, o.version, {std::nullopt, "SMART-METER", 1000, 0});
  ASSERT_TRUE(first);
  auto stale = desk.add_line(csr, o.id, o.version, {std::nullopt, "INSTALL-VISIT", 1000, 0});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(t.count("sales_order_lines"), 1);
}

TEST_F(SalesOrderDeskTest, TheExistingOrderForADeliveryDateIsFound) {
  auto a = new_order(ymd(2026, 3, 20));
  new_order(ymd(2026, 3, 21));
  auto found = desk.existing_order(csr, customer, ymd(2026, 3, 20));
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->number, a.number);
  ASSERT_TRUE(desk.cancel(csr, a.id, a.version));
  EXPECT_FALSE(desk.existing_order(csr, customer, ymd(2026, 3, 20))->has_value());
}

TEST_F(SalesOrderDeskTest, ChangesAreAudited) {
  auto o = with_line(new_order(), "SMART-METER", 1000);
  auto changed = desk.change_line(csr, o.id, o.version, o.lines[0].id, 6000, 500);
  ASSERT_TRUE(changed) << changed.error().key;
  EXPECT_EQ(changed->lines[0].unit_price, 11'000);  // repriced for the tier
  EXPECT_EQ(changed->lines[0].discount, 500);
  long long rows = t.db()
                       .read([&](store::Tx& tx) -> Result<long long> {
                         long long n = 0;
                         long long id = o.id.value;
                         tx.sql() << "SELECT COUNT(*) FROM audit_log WHERE record_type = "
                                     "'sales_order' AND record_id = :id AND field = 'line.1'",
                             soci::use(id), soci::into(n);
                         return n;
                       })
                       .value();
  EXPECT_EQ(rows, 2);  // added, then changed
}

}  // namespace
}  // namespace rapport::app
