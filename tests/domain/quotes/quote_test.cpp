#include "domain/quotes/quote.h"

#include <gtest/gtest.h>

#include "support/test_values.h"

namespace rapport::domain {
namespace {

using rapport::testing::fields_of;
using rapport::testing::keys_of;
using rapport::testing::utc;
using rapport::testing::ymd;

const CivilDate kQuoteToday = ymd(2026, 12, 4);

Product quote_product(std::int64_t id, std::string code) {
  Product p;
  p.id = Id<Product>{id};
  p.code = std::move(code);
  p.name_en = p.code;
  p.orderable_from = ymd(2026, 1, 1);
  p.vat_rate = 2000;
  p.features = {{"Power", "6 kVA"}, {"Meter", "Linky"}};
  return p;
}

QuoteLine quote_line(int number, std::int64_t product, std::string code) {
  QuoteLine l;
  l.id = Id<QuoteLine>{number};
  l.line_number = number;
  l.product = Id<Product>{product};
  l.product_code = std::move(code);
  l.quantity = 2000;
  l.unit_price = 1500;
  l.vat_rate = 2000;
  l.features = {{"Power", "6 kVA"}, {"Meter", "Linky"}};
  return l;
}

Quote sample_quote() {
  Quote q;
  q.id = Id<Quote>{7};
  q.number = "Q-000007";
  q.status = QuoteStatus::sent;
  q.customer = 3;
  q.price_list = Id<PriceList>{1};
  q.currency = "EUR";
  q.valid_until = ymd(2026, 12, 31);
  q.lines = {quote_line(1, 10, "METER"), quote_line(2, 11, "VISIT")};
  q.version = 4;
  return q;
}

PriceList euro_list() {
  PriceList l;
  l.id = Id<PriceList>{1};
  l.code = "STD";
  l.currency = "EUR";
  l.valid_from = ymd(2026, 1, 1);
  return l;
}

TEST(Quote, ANumberAndTotalsAsSalesOrdersComputeThem) {
  EXPECT_EQ(quote_number(42), "Q-000042");
  auto totals = totals_of(sample_quote());
  ASSERT_TRUE(totals);
  EXPECT_EQ(totals->net, 6000);
  EXPECT_EQ(totals->gross, 7200);
}

TEST(Quote, ExpiresTheDayAfterItsValidUntilWhileDraftOrSent) {
  Quote q = sample_quote();
  EXPECT_EQ(state_on(q, ymd(2026, 12, 31)), QuoteState::sent);
  EXPECT_EQ(state_on(q, ymd(2027, 1, 1)), QuoteState::expired);
  q.status = QuoteStatus::draft;
  EXPECT_EQ(state_on(q, ymd(2027, 1, 1)), QuoteState::expired);
  q.status = QuoteStatus::accepted;
  EXPECT_EQ(state_on(q, ymd(2027, 1, 1)), QuoteState::accepted);
  q.status = QuoteStatus::sent;
  q.sales_order = 5;  // converted: no longer waiting for an answer
  EXPECT_EQ(state_on(q, ymd(2027, 1, 1)), QuoteState::sent);
}

TEST(Quote, ReviseCopiesToTheNextRevisionAsADraft) {
  Quote q = sample_quote();
  q.sent_at = utc("2026-12-01T09:00:00Z");
  q.sent_channel = QuoteChannel::email;
  auto next = revised(q, kQuoteToday, ymd(2027, 1, 3));
  ASSERT_TRUE(next) << next.error().key;
  EXPECT_EQ(next->number, "Q-000007");
  EXPECT_EQ(next->revision, 2);
  EXPECT_EQ(next->status, QuoteStatus::draft);
  EXPECT_FALSE(next->id.valid());
  EXPECT_FALSE(next->sent_at);
  EXPECT_EQ(next->valid_until, ymd(2027, 1, 3));
  ASSERT_EQ(next->lines.size(), 2u);
  EXPECT_FALSE(next->lines[0].id.valid());
  EXPECT_EQ(next->lines[1].product_code, "VISIT");
  EXPECT_EQ(next->lines[1].features, q.lines[1].features);
  EXPECT_EQ(next->lines[1].unit_price, 1500);
}

TEST(Quote, ReviseIsRefusedForAConvertedAnOlderOrAFreshDraftQuote) {
  Quote q = sample_quote();
  q.sales_order = 9;
  EXPECT_EQ(revised(q, kQuoteToday, kQuoteToday).error().key, "quote.converted");
  q = sample_quote();
  q.active = false;
  EXPECT_EQ(revised(q, kQuoteToday, kQuoteToday).error().key, "quote.not_newest");
  q = sample_quote();
  q.status = QuoteStatus::draft;
  EXPECT_EQ(revised(q, kQuoteToday, kQuoteToday).error().key, "quote.revise_draft");
  EXPECT_TRUE(revised(q, ymd(2027, 2, 1), ymd(2027, 3, 1)));  // an expired draft may
  q.status = QuoteStatus::rejected;
  EXPECT_TRUE(revised(q, kQuoteToday, kQuoteToday));
}

TEST(Quote, VerifyListsEveryProblem) {
  Quote q = sample_quote();
  q.lines[0].quantity = 0;
  q.currency = "USD";
  Product gone = quote_product(10, "METER");
  gone.orderable_to = ymd(2026, 6, 30);
  QuoteContext context{{gone, quote_product(11, "VISIT")},
                       {{Id<Product>{10}, 1500, {}}},
                       euro_list(),
                       "",
                       {"", "", "69003", "", "", "FR"},
                       kQuoteToday};
  auto problems = verify_quote(q, context);
  EXPECT_EQ(
      keys_of(problems),
      (std::vector<std::string>{
          "sales_order.currency_mismatch", "quote.customer_incomplete", "quote.address_incomplete",
          "quote.address_incomplete", "sales_order.line_product_not_orderable",
          "sales_order.line_quantity_positive", "sales_order.line_price_missing"}));
  EXPECT_EQ(fields_of(problems), (std::vector<std::string>{
                                     "price_list", "customer", "address.line1", "address.city",
                                     "lines.0.product", "lines.0.quantity", "lines.1.unit_price"}));
  Quote empty = sample_quote();
  empty.lines.clear();
  context.customer_name = "Moreau, Lucie";
  context.address = {"12 rue des Lilas", "", "69003", "Lyon", "", "FR"};
  EXPECT_EQ(keys_of(verify_quote(empty, context)), (std::vector<std::string>{"quote.no_lines"}));
  // An expired quote is not sent again as it is: revised first.
  Quote expired = sample_quote();
  expired.lines.clear();
  expired.status = QuoteStatus::sent;
  expired.valid_until = ymd(2026, 12, 3);
  auto problems_expired = verify_quote(expired, context);
  EXPECT_EQ(keys_of(problems_expired),
            (std::vector<std::string>{"quote.no_lines", "quote.expired"}));
  EXPECT_EQ(fields_of(problems_expired), (std::vector<std::string>{"lines", "valid_until"}));
}

TEST(Quote, OnlyTheNewestUnconvertedDraftOrSentQuoteMayBeSent) {
  Quote q = sample_quote();
  q.status = QuoteStatus::draft;
  EXPECT_TRUE(may_be_sent(q));
  q.status = QuoteStatus::sent;
  EXPECT_TRUE(may_be_sent(q));
  q.status = QuoteStatus::accepted;
  EXPECT_FALSE(may_be_sent(q));
  q.status = QuoteStatus::sent;
  q.active = false;
  EXPECT_FALSE(may_be_sent(q)) << "an older revision";
  q.active = true;
  q.sales_order = 7;
  EXPECT_FALSE(may_be_sent(q)) << "converted";
}

TEST(Quote, AQuoteWithoutLinesCannotBeSentNorAccepted) {
  Quote q = sample_quote();
  q.status = QuoteStatus::draft;
  q.lines.clear();
  EXPECT_EQ(mark_sent(q, QuoteChannel::email, utc("2026-12-04T10:00:00Z")).error().key,
            "quote.no_lines");
  q.status = QuoteStatus::sent;
  EXPECT_EQ(accept(q, kQuoteToday, utc("2026-12-04T10:00:00Z")).error().key, "quote.no_lines");
  q = sample_quote();
  q.status = QuoteStatus::draft;
  ASSERT_TRUE(mark_sent(q, QuoteChannel::fax, utc("2026-12-04T10:00:00Z")));
  EXPECT_EQ(q.status, QuoteStatus::sent);
  EXPECT_EQ(q.sent_channel, QuoteChannel::fax);
  EXPECT_EQ(accept(q, ymd(2027, 1, 1), utc("2027-01-01T10:00:00Z")).error().key, "quote.expired");
  ASSERT_TRUE(accept(q, kQuoteToday, utc("2026-12-04T10:00:00Z")));
  EXPECT_EQ(q.status, QuoteStatus::accepted);
  EXPECT_EQ(reject(q, utc("2026-12-04T10:00:00Z")).error().key, "quote.not_sent");
}

TEST(Quote, AnExpiredQuoteStillConvertsOnceButADraftDoesNot) {
  Quote q = sample_quote();
  EXPECT_TRUE(check_convertible(q));  // sent, expired or not
  q.status = QuoteStatus::draft;
  EXPECT_EQ(check_convertible(q).error().key, "quote.not_convertible");
  q.status = QuoteStatus::accepted;
  q.sales_order = 4;
  EXPECT_EQ(check_convertible(q).error().key, "quote.converted");
}

TEST(Quote, RepricingWithAnUnchangedCatalogReportsNothing) {
  Quote q = sample_quote();
  auto r = reprice(q, {quote_product(10, "METER"), quote_product(11, "VISIT")},
                   {{Id<Product>{10}, 1500, {}}, {Id<Product>{11}, 1500, {}}}, kQuoteToday);
  EXPECT_TRUE(r.changes.empty());
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(fingerprint_of(r.changes), "");
}

TEST(Quote, RepricingReportsAProductNoLongerOrderableAndLeavesItsLineOut) {
  Quote q = sample_quote();
  Product gone = quote_product(10, "METER");
  gone.active = false;
  auto r = reprice(q, {gone, quote_product(11, "VISIT")},
                   {{Id<Product>{10}, 1500, {}}, {Id<Product>{11}, 1500, {}}}, kQuoteToday);
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0], (QuoteChange{1, "METER", QuoteChangeKind::orderable, "yes", "no"}));
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].product_code, "VISIT");
}

TEST(Quote, RepricingReportsAPriceChangeOrAPriceGoneWithTiersApplied) {
  Quote q = sample_quote();
  auto r = reprice(q, {quote_product(10, "METER"), quote_product(11, "VISIT")},
                   {{Id<Product>{10}, 1700, {{2000, 1650}}}}, kQuoteToday);
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0], (QuoteChange{1, "METER", QuoteChangeKind::price, "1500", "1650"}));
  EXPECT_EQ(r.changes[1], (QuoteChange{2, "VISIT", QuoteChangeKind::price, "1500", ""}));
  ASSERT_EQ(r.lines.size(), 1u);
  EXPECT_EQ(r.lines[0].unit_price, 1650);
}

TEST(Quote, RepricingReportsEachChangedFeatureAndTakesTodaysFeatures) {
  Quote q = sample_quote();
  Product meter = quote_product(10, "METER");
  meter.features = {{"Power", "9 kVA"}, {"Warranty", "2 years"}};
  meter.vat_rate = 550;
  auto r = reprice(q, {meter, quote_product(11, "VISIT")},
                   {{Id<Product>{10}, 1500, {}}, {Id<Product>{11}, 1500, {}}}, kQuoteToday);
  EXPECT_EQ(r.changes, (std::vector<QuoteChange>{
                           {1, "METER", QuoteChangeKind::vat_rate, "20", "5.5"},
                           {1, "METER", QuoteChangeKind::feature, "Power: 6 kVA", "Power: 9 kVA"},
                           {1, "METER", QuoteChangeKind::feature, "Meter: Linky", ""},
                           {1, "METER", QuoteChangeKind::feature, "", "Warranty: 2 years"}}));
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].features, meter.features);
  EXPECT_EQ(r.lines[0].vat_rate, 550);
}

TEST(Quote, TheFingerprintFollowsTheReport) {
  std::vector<QuoteChange> a{{1, "METER", QuoteChangeKind::price, "1500", "1650"}};
  auto b = a;
  b[0].new_value = "1700";
  EXPECT_EQ(fingerprint_of(a).size(), 16u);
  EXPECT_EQ(fingerprint_of(a), fingerprint_of(a));
  EXPECT_NE(fingerprint_of(a), fingerprint_of(b));
}

TEST(Quote, AChangeQuotesDisconnectIsNeitherRepricedNorVerifiedAgainstTheCatalog) {
  // Line 1 disconnects an asset whose product is sold no more; line 2
  // suspends another, priced, its requested state handed to the order.
  Quote q = sample_quote();
  q.lines[0].action = LineAction::remove;
  q.lines[0].asset = 41;
  q.lines[0].unit_price = 0;
  q.lines[1].action = LineAction::update;
  q.lines[1].asset = 42;
  q.lines[1].target_status = AssetStatus::suspended;
  q.lines[1].target_features = std::vector<ProductFeature>{{"Power", "9 kVA"}};
  Product gone = quote_product(10, "METER");
  gone.active = false;
  auto r =
      reprice(q, {gone, quote_product(11, "VISIT")}, {{Id<Product>{11}, 1500, {}}}, kQuoteToday);
  EXPECT_TRUE(r.changes.empty());
  ASSERT_EQ(r.lines.size(), 2u);
  EXPECT_EQ(r.lines[0].unit_price, 0);
  const SalesOrderLine removed = order_line_of(r.lines[0]);
  EXPECT_EQ(removed.action, LineAction::remove);
  EXPECT_EQ(removed.target_asset, 41);
  const SalesOrderLine suspended = order_line_of(r.lines[1]);
  EXPECT_EQ(suspended.target_status, AssetStatus::suspended);
  EXPECT_EQ(suspended.features, (std::vector<ProductFeature>{{"Power", "9 kVA"}}));
  QuoteContext context{{gone, quote_product(11, "VISIT")},
                       {{Id<Product>{11}, 1500, {}}},
                       euro_list(),
                       "Garnier",
                       {"4 place Bellecour", "", "69002", "Lyon", "", "FR"},
                       kQuoteToday};
  EXPECT_TRUE(verify_quote(q, context).empty());
}

}  // namespace
}  // namespace rapport::domain
