// A customer's and an account's own price list (assigned, cleared,
// version-checked, in the account's currency) and the catalog's CSV import
// (products created or updated by code with their prices; a bad row
// imports nothing and is reported with its line and column), on a real
// database (SQLite and PostgreSQL).
#include <chrono>
#include <memory>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "app/catalog/catalog_desk.h"
#include "app/catalog/catalog_import.h"
#include "app/customers/customer_desk.h"
#include "app/jobs/job_kinds.h"
#include "app/jobs/job_runner.h"
#include "support/fixed_clock.h"
#include "support/job_takeover.h"
#include "support/test_database.h"
#include "support/test_users.h"
#include "support/test_values.h"

namespace rapport::app {
namespace {

using namespace domain;
using rapport::testing::ymd;

class CatalogAssignImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    eur = list("PRO-EUR", "EUR");
    usd = list("EXPORT-USD", "USD");
    NewCustomer n;
    n.customer.family_name = "Moreau";
    n.customer.given_name = "Lucie";
    n.customer.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
    n.save_despite_duplicates = true;
    auto added = CustomerDesk(t.db(), clock).add(csr, n);
    ASSERT_TRUE(added && added->created);
    customer = added->created->customer.id;
    ASSERT_FALSE(added->created->accounts.empty());
    account = added->created->accounts.front().number;
  }

  PriceList list(std::string code, std::string currency) {
    PriceList l;
    l.code = std::move(code);
    l.name_en = "List " + l.code;
    l.currency = std::move(currency);
    l.valid_from = ymd(2026, 1, 1);
    auto stored = desk.create_price_list(manager, l);
    EXPECT_TRUE(stored);
    return stored ? *stored : l;
  }

  CustomerPriceLists lists() {
    auto v = desk.customer_price_lists(csr, customer);
    EXPECT_TRUE(v);
    return v ? *v : CustomerPriceLists{};
  }

  Result<CatalogImportReport> import(const std::string& csv,
                                     std::optional<Id<PriceList>> price_list = std::nullopt) {
    std::istringstream in(csv);
    CatalogImportOptions options;
    options.price_list = price_list;
    return CatalogImportDesk(t.db(), clock).import_catalog(manager, in, options);
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};
  CatalogDesk desk{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  PriceList eur, usd;
  Id<Customer> customer;
  std::string account;
};

TEST_F(CatalogAssignImportTest, AManagerGivesACustomerItsOwnListAndTakesItBack) {
  auto before = lists();
  ASSERT_GE(before.holders.size(), 2u);
  EXPECT_FALSE(before.holders[0].list);
  EXPECT_EQ(
      desk.assign_price_list(csr, customer, "", eur.id, before.holders[0].version).error().code,
      ErrorCode::forbidden);
  auto saved = desk.assign_price_list(manager, customer, "", eur.id, before.holders[0].version);
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(saved->holders[0].list, eur.id);
  EXPECT_EQ(saved->holders[0].version, before.holders[0].version + 1);
  // The orders' pricing sees it.
  auto priced = t.db().read([&](store::Tx& tx) -> Result<std::string> {
    auto l = store::PriceListRepository::for_customer(tx, customer.value, std::nullopt);
    return l ? l->code : std::string("none");
  });
  ASSERT_TRUE(priced);
  EXPECT_EQ(*priced, "PRO-EUR");
  // Audited on the customer.
  auto history = t.db().read([&](store::Tx& tx) -> Result<std::vector<store::AuditRow>> {
    return store::AuditRepository::history(tx, "customer", customer.value);
  });
  ASSERT_TRUE(history && !history->empty());
  EXPECT_EQ(history->front().field, "price_list");
  EXPECT_EQ(history->front().new_value, std::to_string(eur.id.value));
  // Back to the default.
  auto cleared =
      desk.assign_price_list(manager, customer, "", std::nullopt, saved->holders[0].version);
  ASSERT_TRUE(cleared);
  EXPECT_FALSE(cleared->holders[0].list);
}

TEST_F(CatalogAssignImportTest, AStaleAssignmentIsRefusedAndChangesNothing) {
  const Version read = lists().holders[0].version;
  ASSERT_TRUE(desk.assign_price_list(manager, customer, "", eur.id, read));
  auto stale = desk.assign_price_list(manager, customer, "", std::nullopt, read);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(stale.error().key, "record.stale");
  EXPECT_EQ(lists().holders[0].list, eur.id);
}

TEST_F(CatalogAssignImportTest, AnAccountGetsOnlyAListInItsCurrency) {
  auto before = lists();
  const auto& acc = before.holders[1];
  ASSERT_EQ(acc.number, account);
  ASSERT_EQ(acc.currency, "EUR");
  auto refused = desk.assign_price_list(manager, customer, account, usd.id, acc.version);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "price_list.currency_mismatch");
  EXPECT_EQ(refused.error().field, "price_list");
  EXPECT_FALSE(lists().holders[1].list);
  // Nor the customer's list, which prices that account's orders.
  EXPECT_EQ(
      desk.assign_price_list(manager, customer, "", usd.id, before.holders[0].version).error().key,
      "price_list.currency_mismatch");
  auto saved = desk.assign_price_list(manager, customer, account, eur.id, acc.version);
  ASSERT_TRUE(saved) << saved.error().key;
  EXPECT_EQ(saved->holders[1].list, eur.id);
  EXPECT_FALSE(saved->holders[0].list);  // the customer's own stays the default
  EXPECT_EQ(desk.assign_price_list(manager, customer, "A0000000", eur.id, 1).error().key,
            "account.not_found");
}

TEST_F(CatalogAssignImportTest, TheImportCreatesAndUpdatesProductsWithTheirPrices) {
  ASSERT_TRUE(desk.create_product(manager, [] {
    Product p;
    p.code = "ROUTER-X2";
    p.name_en = "Old router";
    p.name_fr = "Ancien routeur";
    p.orderable_from = ymd(2026, 1, 1);
    return p;
  }()));
  const Version read = desk.price_list(csr, eur.id)->list.version;
  auto report = import(
      "code,name_en,name_fr,type,unit,trackable,vat_rate,features,price,tiers\n"
      "router-x2,Fibre router X2,,goods,unit,yes,20,Wi-Fi=6; Ports=4,89.00,10=85.00; 50=79.50\n"
      "INSTALL,Installation,Installation,service,hour,no,\"5,5\",,\"45,50\",\n",
      eur.id);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(report->created, 1u);
  EXPECT_EQ(report->updated, 1u);
  EXPECT_EQ(report->priced, 2u);
  auto view = desk.price_list(csr, eur.id);
  ASSERT_TRUE(view);
  ASSERT_EQ(view->products.size(), 2u);
  const auto& install = view->products[0];
  const auto& router = view->products[1];
  EXPECT_EQ(install.code, "INSTALL");
  EXPECT_EQ(install.vat_rate, 550);
  EXPECT_EQ(install.type, ProductType::service);
  EXPECT_EQ(router.name_en, "Fibre router X2");
  EXPECT_EQ(router.name_fr, "Ancien routeur");  // an empty cell keeps what is stored
  EXPECT_TRUE(router.trackable);
  EXPECT_EQ(router.features, (std::vector<ProductFeature>{{"Wi-Fi", "6"}, {"Ports", "4"}}));
  EXPECT_EQ(view->prices[0].unit_price, 4550);
  EXPECT_EQ(view->prices[1].unit_price, 8900);
  EXPECT_EQ(view->prices[1].tiers, (std::vector<PriceTier>{{10'000, 8500}, {50'000, 7950}}));
  // The import changed the list's prices: a price set on the list as read
  // before it is refused, and nothing changes.
  EXPECT_GT(view->list.version, read);
  auto stale = desk.set_price(manager, eur.id, {install.id, 1, {}}, read);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(desk.price_list(csr, eur.id)->prices[0].unit_price, 4550);
}

TEST_F(CatalogAssignImportTest, ABadRowImportsNothingAndIsReportedByLineAndColumn) {
  auto report = import(
      "code,name_en,orderable_from,orderable_to,price,tiers\n"
      "GOOD,Good product,2026-01-01,,10.00,\n"
      "BAD CODE,Bad,2026-01-01,,10.00,\n"
      "LATE,Late,2026-06-01,2026-05-01,ten,\n"
      "TIERS,Tiers,,,10.00,50=9.00; 10=8.00\n"
      "HUGE,Huge,,,999999999999.00,\n",
      eur.id);
  ASSERT_TRUE(report) << report.error().key;
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->invalid, 4u);
  std::vector<std::string> found;
  for (const auto& p : report->problems)
    found.push_back(std::to_string(p.line) + " " + p.column + " " + p.reason.key);
  EXPECT_EQ(found,
            (std::vector<std::string>{"3 code code.invalid", "4 price field.amount_invalid",
                                      "4 orderable_to field.end_before_start",
                                      "5 tiers price.tiers_order", "6 price money.too_large"}));
  EXPECT_TRUE(desk.search(csr, {}).value().empty());
  // A price needs a list to go to.
  auto without = import("code,name_en,price\nGOOD,Good,1.00\n");
  ASSERT_TRUE(without);
  ASSERT_EQ(without->problems.size(), 1u);
  EXPECT_EQ(without->problems[0].reason.key, "catalog_import.price_list_missing");
}

// Issue 17: an import whose server died after its first chunk is taken
// over by another server's worker once the lease ran out, and resumes after
// that chunk: the counts and the rows are a single run's — a product the
// first server created is not updated again (nor counted as updated), none
// is missing, every price is set once.
TEST_F(CatalogAssignImportTest, AnImportWhoseServerDiedIsTakenOverAfterItsLastCommittedChunk) {
  using namespace std::chrono_literals;
  constexpr int kRows = 1200, kAlready = 10;  // chunks of 500: 500, 500, 200
  auto code = [](int i) { return "BULK-" + std::to_string(10000 + i); };
  for (int i = 0; i < kAlready; ++i) {
    Product p;
    p.code = code(i);
    p.name_en = "Old";
    p.orderable_from = ymd(2026, 1, 1);
    ASSERT_TRUE(desk.create_product(manager, p));
  }
  std::string csv = "code,name_en,price\n";
  for (int i = 0; i < kRows; ++i) csv += code(i) + ",Bulk product,12.50\n";

  const std::string written = "products WHERE name_en = 'Bulk product'";
  auto a_db = store::Database::open(t.url(), 4);
  ASSERT_TRUE(a_db);
  auto a = testing::takeover_runner(**a_db, clock, 400ms);
  auto id = a->start(manager, "catalog_import",
                     "{\"price_list\":" + std::to_string(eur.id.value) + "}", csv);
  ASSERT_TRUE(id) << id.error().key;
  // As kill -9 once its first chunk is committed.
  testing::kill_after_first_chunk(a, [&] { return t.count(written) > 0; });
  a_db->reset();
  EXPECT_EQ(t.count(written), 500) << "the first chunk only";

  auto b = testing::takeover_runner(t.db(), clock, 0ms);
  b->start_workers();
  domain::Job job = testing::wait_final(*b, manager, *id);
  ASSERT_EQ(job.status, domain::JobStatus::done) << job.message_key;
  EXPECT_EQ(job.message_key, "catalog_import.done");
  ASSERT_EQ(job.partitions.size(), 1u);
  EXPECT_EQ(job.partitions.front().attempt, 2) << "taken over";
  EXPECT_EQ(job.partitions.front().claimed_by, b->server_id());
  EXPECT_EQ(job.counts["rows"], kRows);
  EXPECT_EQ(job.counts["products_created"], kRows - kAlready);
  EXPECT_EQ(job.counts["products_updated"], kAlready);
  EXPECT_EQ(job.counts["invalid"], 0);
  EXPECT_NE(job.result.find("\"priced\":" + std::to_string(kRows)), std::string::npos)
      << job.result;
  EXPECT_EQ(t.count(written), kRows) << "none missing";
  EXPECT_EQ(t.count("products WHERE code LIKE 'BULK-%' AND version = 2"), kAlready)
      << "none written twice";
  EXPECT_EQ(t.count("products WHERE code LIKE 'BULK-%' AND version > 2"), 0);
  EXPECT_EQ(t.count("product_prices WHERE price_list_id = " + std::to_string(eur.id.value) +
                    " AND unit_price = 1250"),
            kRows);
}

}  // namespace
}  // namespace rapport::app
