// Quotes on a real database (SQLite and PostgreSQL): priced from the
// customer's list and valid for the installation's days, revised to a new
// draft revision, converted once to a pending sales order repriced with
// today's catalog after the change report is acknowledged, and refused
// edits (stale, converted, another currency) leaving nothing changed.
#include "app/quotes/quote_desk.h"

#include <gtest/gtest.h>

#include "app/access.h"
#include "app/catalog/catalog_desk.h"
#include "app/customers/customer_desk.h"
#include "app/sales/sales_order_desk.h"
#include "app/settings/settings_desk.h"
#include "store/catalog/price_list_repository.h"
#include "store/quotes/quote_repository.h"
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

class QuoteDeskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(t.ok());
    meter = product("SMART-METER", "Smart meter", "Compteur communicant", 2000);
    visit = product("INSTALL-VISIT", "Installation visit", "Visite d’installation", 1000);
    standard = price_list("STD-2026", "EUR", true);
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

  Product product(std::string code, std::string en, std::string fr, VatRate vat) {
    Product p;
    p.code = std::move(code);
    p.name_en = std::move(en);
    p.name_fr = std::move(fr);
    p.trackable = true;
    p.vat_rate = vat;
    p.orderable_from = ymd(2026, 1, 1);
    p.features = {{"Power", "6 kVA"}};
    auto stored = catalog.create_product(manager, p);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().key + " " + stored.error().field);
    return stored ? *stored : p;
  }

  PriceList price_list(std::string code, std::string currency, bool is_default) {
    PriceList list;
    list.code = std::move(code);
    list.name_en = list.code;
    list.currency = std::move(currency);
    list.valid_from = ymd(2026, 1, 1);
    list.is_default = is_default;
    auto stored = catalog.create_price_list(manager, list);
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().key);
    return stored ? *stored : list;
  }

  // A sent quote with a meter (2) and a visit (1).
  Quote sent_quote() {
    QuoteHeader h;
    h.customer = customer;
    auto q = desk.create(csr, h);
    EXPECT_TRUE(q) << (q ? "" : q.error().key + " " + q.error().field);
    if (!q) return {};
    auto with_meter = desk.add_line(csr, q->id, q->version, typed("SMART-METER", 2000));
    EXPECT_TRUE(with_meter) << (with_meter ? "" : with_meter.error().key);
    if (!with_meter) return *q;
    auto with_visit = desk.add_line(csr, q->id, with_meter->version, typed("visite", 1000));
    EXPECT_TRUE(with_visit) << (with_visit ? "" : with_visit.error().key);
    if (!with_visit) return *with_meter;
    auto sent = desk.mark_sent(csr, q->id, with_visit->version, QuoteChannel::email);
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().key);
    return sent ? *sent : *with_visit;
  }

  static QuoteLineInput typed(std::string product, std::int64_t quantity) {
    QuoteLineInput line;
    line.product_code = std::move(product);
    line.quantity = quantity;
    return line;
  }

  testing::TestDatabase t;
  testing::FixedClock clock{testing::test_epoch()};  // 2026-03-10
  QuoteDesk desk{t.db(), clock};
  CatalogDesk catalog{t.db(), clock};
  User csr = testing::add_user(t.db(), clock, "cora", Role::csr, "Cora");
  User manager = testing::add_user(t.db(), clock, "mona", Role::manager, "Mona");
  User fulfiller = testing::add_user(t.db(), clock, "fred", Role::fulfilment, "Fred");
  Product meter, visit;
  PriceList standard;
  std::int64_t customer = 0;
};

TEST_F(QuoteDeskTest, AQuoteIsPricedFromTheCustomersListAndValidForTheInstallationsDays) {
  auto q = sent_quote();
  EXPECT_EQ(q.number, "Q-" + std::string(6 - std::to_string(q.id.value).size(), '0') +
                          std::to_string(q.id.value));
  EXPECT_EQ(q.revision, 1);
  EXPECT_EQ(q.currency, "EUR");
  EXPECT_EQ(q.valid_until, ymd(2026, 4, 9));  // 2026-03-10 + 30 days
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_EQ(q.lines[0].unit_price, 12'000);
  EXPECT_EQ(q.lines[0].features, (std::vector<ProductFeature>{{"Power", "6 kVA"}}));
  EXPECT_EQ(q.lines[1].product_code, "INSTALL-VISIT");
  EXPECT_EQ(q.lines[1].action, LineAction::add);
  auto view = desk.view(csr, q.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->state, QuoteState::sent);
  EXPECT_EQ(view->totals.net, 24'000 + 8'990);
  EXPECT_EQ(view->customer.display_name(), "Moreau, Lucie");
  EXPECT_FALSE(desk.view(fulfiller, q.id));

  // Fifty days later the quote shows expired.
  clock.advance(std::chrono::hours{24 * 50});
  EXPECT_EQ(desk.view(csr, q.id)->state, QuoteState::expired);
  EXPECT_EQ(desk.accept(csr, q.id, q.version).error().key, "quote.expired");
}

TEST_F(QuoteDeskTest, AQuoteForACompanyWithOneContactIsAddressedToThem) {
  CustomerDesk customers(t.db(), clock);
  NewCustomer n;
  n.customer.kind = CustomerKind::company;
  n.customer.company_name = "Hartmann Logistique";
  n.customer.address = {"12 rue de la Gare", "", "67000", "Strasbourg", "", "FR"};
  n.save_despite_duplicates = true;
  auto added = customers.add(csr, n);
  ASSERT_TRUE(added && added->created);
  const auto company = added->created->customer.id;
  auto make_contact = [&](std::string given, std::string family) {
    Contact c;
    c.customer = company;
    c.given_name = std::move(given);
    c.family_name = std::move(family);
    c.email = c.given_name + "@hartmann.example";
    auto stored = customers.add_contact(csr, c, "");
    EXPECT_TRUE(stored) << (stored ? "" : stored.error().key);
    return stored ? stored->id.value : 0;
  };
  QuoteHeader h;
  h.customer = company.value;
  EXPECT_FALSE(desk.create(csr, h)->contact) << "no contact yet";
  const auto ingrid = make_contact("ingrid", "Hartmann");
  EXPECT_EQ(desk.create(csr, h)->contact, ingrid);
  make_contact("paul", "Weber");
  EXPECT_FALSE(desk.create(csr, h)->contact) << "two contacts: the CSR chooses";
  h.contact = ingrid;
  EXPECT_EQ(desk.create(csr, h)->contact, ingrid);
}

TEST_F(QuoteDeskTest, TheValidityFollowsTheSettings) {
  SettingsDesk settings(t.db(), clock);
  auto s = settings.get(testing::add_user(t.db(), clock, "ada", Role::admin, "Ada"));
  ASSERT_TRUE(s);
  auto admin = testing::add_user(t.db(), clock, "alan", Role::admin, "Alan");
  s->quote_validity_days = 10;
  ASSERT_TRUE(settings.update(admin, *s));
  QuoteHeader h;
  h.customer = customer;
  EXPECT_EQ(desk.create(csr, h)->valid_until, ymd(2026, 3, 20));
}

TEST_F(QuoteDeskTest, VerifyListsEveryProblemAndAnEmptyQuoteIsNotSent) {
  QuoteHeader h;
  h.customer = customer;
  auto q = desk.create(csr, h);
  ASSERT_TRUE(q);
  auto problems = desk.verify(csr, q->id);
  ASSERT_TRUE(problems);
  EXPECT_EQ(keys_of(*problems), (std::vector<std::string>{"quote.no_lines"}));
  EXPECT_EQ(desk.mark_sent(csr, q->id, q->version, QuoteChannel::letter).error().key,
            "quote.no_lines");
  auto with = desk.add_line(csr, q->id, q->version, typed("SMART-METER", 1000));
  ASSERT_TRUE(with);
  meter.orderable_to = ymd(2026, 3, 9);
  ASSERT_TRUE(catalog.update_product(manager, meter));
  problems = desk.verify(csr, q->id);
  EXPECT_EQ(fields_of(*problems), (std::vector<std::string>{"lines.0.product"}));
}

TEST_F(QuoteDeskTest, ReviseMakesANewDraftRevisionAndKeepsTheOldOneReadOnly) {
  auto q = sent_quote();
  auto next = desk.revise(csr, q.id, q.version);
  ASSERT_TRUE(next) << next.error().key;
  EXPECT_EQ(next->number, q.number);
  EXPECT_EQ(next->revision, 2);
  EXPECT_EQ(next->status, QuoteStatus::draft);
  EXPECT_EQ(next->lines.size(), 2u);
  auto old = desk.view(csr, q.id);
  ASSERT_TRUE(old);
  EXPECT_FALSE(old->quote.active);
  EXPECT_EQ(old->revisions.size(), 2u);
  EXPECT_EQ(desk.add_line(csr, q.id, old->quote.version, typed("SMART-METER", 1000)).error().key,
            "quote.not_newest");
  EXPECT_EQ(desk.revise(csr, q.id, old->quote.version).error().key, "quote.not_newest");
  EXPECT_TRUE(desk.add_line(csr, next->id, next->version, typed("SMART-METER", 1000)));
  auto list = desk.of_customer(csr, customer);
  ASSERT_TRUE(list);
  EXPECT_EQ(list->size(), 2u);
}

TEST_F(QuoteDeskTest, AStaleEditIsRefusedWithNothingChanged) {
  auto q = sent_quote();
  auto accepted = desk.accept(csr, q.id, q.version);
  ASSERT_TRUE(accepted);
  auto stale = desk.reject(csr, q.id, q.version);
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(desk.view(csr, q.id)->quote.status, QuoteStatus::accepted);
}

TEST_F(QuoteDeskTest, ConvertingUnchangedMakesAPendingOrderOnceLinkedBothWays) {
  auto first = sent_quote();
  auto accepted = desk.accept(csr, first.id, first.version);
  ASSERT_TRUE(accepted) << accepted.error().key;
  auto order = desk.convert(csr, first.id, accepted->version, "");
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->status, SalesOrderStatus::pending);
  ASSERT_EQ(order->lines.size(), 2u);
  EXPECT_EQ(order->lines[0].unit_price, 12'000);
  EXPECT_EQ(order->ship_to.city, "Lyon");
  auto view = desk.view(csr, first.id);
  ASSERT_TRUE(view);
  EXPECT_EQ(view->quote.sales_order, order->id.value);
  EXPECT_EQ(view->order_number, order->number);
  auto linked = t.db().read([&](store::Tx& tx) -> Result<std::optional<std::int64_t>> {
    return store::QuoteRepository::quote_of_order(tx, order->id.value);
  });
  ASSERT_TRUE(linked);
  EXPECT_EQ(*linked, first.id.value);

  auto twice = desk.convert(csr, first.id, view->quote.version, "");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().key, "quote.converted");
  EXPECT_EQ(desk.revise(csr, first.id, view->quote.version).error().key, "quote.converted");
  EXPECT_EQ(t.count("sales_orders"), 1);
}

TEST_F(QuoteDeskTest, AChangeReportMustBeAcknowledgedAndAgainWhenItChanges) {
  auto q = sent_quote();
  ASSERT_TRUE(catalog.set_price(manager, standard.id, {meter.id, 13'000, {}}));
  ConversionPreview report;
  auto refused = desk.convert(csr, q.id, q.version, "", &report);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_EQ(refused.error().key, "quote.changes_to_acknowledge");
  ASSERT_EQ(report.changes.size(), 1u);
  EXPECT_EQ(report.changes[0],
            (QuoteChange{1, "SMART-METER", QuoteChangeKind::price, "12000", "13000"}));
  EXPECT_EQ(desk.preview_conversion(csr, q.id)->fingerprint, report.fingerprint);
  EXPECT_EQ(t.count("sales_orders"), 0);

  // The catalog moves again before the CSR confirms: the old
  // acknowledgement no longer holds.
  meter.features = {{"Power", "9 kVA"}};
  ASSERT_TRUE(catalog.update_product(manager, meter));
  ConversionPreview again;
  auto stale_ack = desk.convert(csr, q.id, q.version, report.fingerprint, &again);
  ASSERT_FALSE(stale_ack);
  EXPECT_EQ(stale_ack.error().key, "quote.changes_to_acknowledge");
  EXPECT_EQ(again.changes.size(), 2u);
  EXPECT_NE(again.fingerprint, report.fingerprint);
  EXPECT_EQ(t.count("sales_orders"), 0);

  auto order = desk.convert(csr, q.id, q.version, again.fingerprint);
  ASSERT_TRUE(order) << order.error().key;
  EXPECT_EQ(order->lines[0].unit_price, 13'000);
  EXPECT_EQ(order->lines[1].unit_price, 8'990);
}

TEST_F(QuoteDeskTest, AProductNoLongerOrderableIsLeftOutOfTheOrder) {
  auto q = sent_quote();
  visit.active = false;
  ASSERT_TRUE(catalog.update_product(manager, visit));
  auto preview = desk.preview_conversion(csr, q.id);
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->changes.size(), 1u);
  EXPECT_EQ(preview->changes[0].kind, QuoteChangeKind::orderable);
  auto order = desk.convert(csr, q.id, q.version, preview->fingerprint);
  ASSERT_TRUE(order) << order.error().key;
  ASSERT_EQ(order->lines.size(), 1u);
  EXPECT_EQ(order->lines[0].product_code, "SMART-METER");
}

TEST_F(QuoteDeskTest, ACustomerOfAnotherCurrencyIsRefused) {
  auto q = sent_quote();
  auto dollars = price_list("USD-2026", "USD", false);
  ASSERT_TRUE(catalog.set_price(manager, dollars.id, {meter.id, 15'000, {}}));
  // A quote on a dollar list for a customer billed in euros.
  QuoteHeader h;
  h.customer = customer;
  h.price_list = dollars.id;
  FieldErrors errors;
  EXPECT_FALSE(desk.create(csr, h, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"quote.currency_mismatch"}));
  EXPECT_EQ(fields_of(errors), (std::vector<std::string>{"price_list"}));
  auto header = quote_header_of(q);
  header.price_list = dollars.id;
  errors = {};
  auto draft = desk.revise(csr, q.id, q.version);
  ASSERT_TRUE(draft);
  EXPECT_FALSE(desk.update_header(csr, draft->id, draft->version, header, &errors));
  EXPECT_EQ(keys_of(errors), (std::vector<std::string>{"quote.currency_mismatch"}));
  EXPECT_EQ(t.count("quotes"), 2);

  // The customer priced in dollars since (as an import could leave it):
  // the euro quote does not convert.
  ASSERT_TRUE(t.db().write([&](store::Tx& tx) -> Status {
    store::PriceListRepository::assign(tx, customer, std::nullopt, dollars.id, system_actor(),
                                       clock.now());
    return Ok{};
  }));
  auto accepted = desk.view(csr, draft->id);
  ASSERT_TRUE(accepted);
  auto sent = desk.mark_sent(csr, draft->id, draft->version, QuoteChannel::email);
  ASSERT_TRUE(sent) << sent.error().key;
  auto refused = desk.convert(csr, sent->id, sent->version, "");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().key, "quote.currency_changed");
  EXPECT_EQ(t.count("sales_orders"), 0);
}

}  // namespace
}  // namespace rapport::app
