// domain/quotes/quote.h: the quote of quotes-orders-assets.md ("Quote",
// "Quote → sales order"): lines of products priced for a customer, sent,
// then accepted or rejected; a sent quote is not edited in place but
// revised (revision + 1, the older one kept, read-only and inactive); an
// accepted or sent quote, also an expired one, converts once to a sales
// order repriced with today's catalog.
//
//   draft ──mark_sent──▶ sent ──accept──▶ accepted
//                          └───reject──▶ rejected
//   expired: a draft or sent quote whose valid_until is before today
//   (computed from the date, never stored).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/result.h"
#include "core/time.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/pricing.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "domain/sales/asset_status.h"
#include "domain/sales/line_action.h"
#include "domain/sales/sales_order.h"

namespace rapport::domain {

enum class QuoteStatus { draft, sent, accepted, rejected };
BOOST_DESCRIBE_ENUM(QuoteStatus, draft, sent, accepted, rejected)
// What a quote shows: its status, or expired.
enum class QuoteState { draft, sent, accepted, rejected, expired };
BOOST_DESCRIBE_ENUM(QuoteState, draft, sent, accepted, rejected, expired)
// The channel a quote was sent through (the sending code names it; web: a
// cart the customer saved as a quote in the portal).
enum class QuoteChannel { email, fax, letter, other, web };
BOOST_DESCRIBE_ENUM(QuoteChannel, email, fax, letter, other, web)
// Where a quote was started: on the CSR desk, or by the customer in the
// portal (a cart, quotes-orders-assets.md "Customer portal").
enum class QuoteOrigin { desk, web };
BOOST_DESCRIBE_ENUM(QuoteOrigin, desk, web)

// The electronic acceptance of a quote by the customer in the portal: the
// name they typed and the client address they accepted from; the time is
// the quote's decided_at.
struct QuoteAcceptance {
  std::string name;
  std::string address;
  bool operator==(const QuoteAcceptance&) const = default;
};
constexpr std::size_t kMaxAcceptanceNameLength = 200;

struct QuoteLine {
  Id<QuoteLine> id;
  int line_number = 0;  // 1, 2, … in the quote, kept when a line is removed
  Id<Product> product;
  std::string product_code;
  std::int64_t quantity = 0;    // thousandths of the product's unit
  std::int64_t unit_price = 0;  // minor units, from the price list when priced
  std::int64_t discount = 0;    // minor units off the line
  VatRate vat_rate = 0;
  std::vector<ProductFeature> features;  // the product's, when the line was priced
  LineAction action = LineAction::add;
  std::optional<std::int64_t> asset;  // the asset a change quote's line changes
  // A change quote's line (change_delta.h): the features the asset will
  // have (none: kept) and its status for suspend and resume (none: kept).
  std::optional<std::vector<ProductFeature>> target_features;
  std::optional<AssetStatus> target_status;
};

struct Quote {
  Id<Quote> id;
  std::string number;  // "Q-000001", shared by the quote's revisions
  int revision = 1;
  bool active = true;  // the newest revision; older ones are read-only
  QuoteStatus status = QuoteStatus::draft;
  std::int64_t customer = 0;
  std::optional<std::int64_t> account;
  std::optional<std::int64_t> contact;
  Id<PriceList> price_list;
  std::string currency;
  CivilDate valid_until{};
  std::string notes;
  std::vector<QuoteLine> lines;
  Instant created_at{};
  std::optional<Instant> sent_at;
  std::optional<QuoteChannel> sent_channel;
  std::optional<Instant> decided_at;        // accepted or rejected
  std::optional<std::int64_t> sales_order;  // the order it was converted to
  QuoteOrigin origin = QuoteOrigin::desk;
  std::optional<QuoteAcceptance> acceptance;  // accepted by the customer in the portal
  Version version = 0;
};

constexpr std::size_t kMaxQuoteLines = 500;
constexpr std::size_t kMaxQuoteNotesLength = 2000;
constexpr int kMaxQuoteValidityDays = 365;

PricedLine priced(const QuoteLine& line);
// nullopt when an amount goes beyond kMaxAmount.
std::optional<OrderTotals> totals_of(const Quote& quote);

// Expired when a draft or sent quote's valid_until is before `today`.
QuoteState state_on(const Quote& quote, CivilDate today);
bool is_expired(const Quote& quote, CivilDate today);

// The customer's cart: a draft started in the portal, of the newest
// revision, not converted (one per customer: the portal reuses it).
bool is_cart(const Quote& quote);

// A draft of the newest revision, not converted: its header and lines may change.
bool may_edit(const Quote& quote);
// Errors (invalid_input): "quote.not_newest", "quote.converted", "quote.not_draft".
Status check_editable(const Quote& quote);

// The header's own faults: notes within kMaxQuoteNotesLength, valid_until
// a date not before `today` when it changed ("quote.valid_until_past").
FieldErrors validate_quote_header(const Quote& quote, CivilDate today, bool valid_until_changed);

// A line's faults as sales_order.h's validate_line (quantity positive and
// within limits, discount, amounts), named "<at>.field".
FieldErrors validate_quote_line(const QuoteLine& line, const std::string& at);

// What Verify checks, every problem listed: at least one line
// ("quote.no_lines"); each line's product orderable today
// ("sales_order.line_product_not_orderable" {code}), priced in the quote's
// list ("sales_order.line_price_missing" {code}), its quantity positive and
// amounts (validate_quote_line); the list valid today
// ("sales_order.price_list_expired") and in the quote's currency
// ("sales_order.currency_mismatch"); the customer's name
// ("quote.customer_incomplete" on customer) and address complete
// ("quote.address_incomplete" on address.line1 / postal_code / city); a
// draft or sent quote not expired ("quote.expired" {date} on valid_until:
// an expired quote is revised before it is sent again).
// A change quote's remove and none lines are not priced: their product
// need not be orderable nor in the list.
struct QuoteContext {
  std::vector<Product> products;     // of the lines' products, any order
  std::vector<ProductPrice> prices;  // in the quote's list, today
  PriceList price_list;
  std::string customer_name;
  PostalAddress address;  // the customer's
  CivilDate today{};
};
FieldErrors verify_quote(const Quote& quote, const QuoteContext& context);

// Transitions (the quote as loaded; the caller saves it).
// mark_sent: a draft or sent quote of the newest revision with lines →
// sent, sent_at = now ("quote.no_lines", "quote.not_newest",
// "quote.converted", "quote.not_sendable").
Status mark_sent(Quote& quote, QuoteChannel channel, Instant now);
// Whether the quote may be sent at all (newest revision, not converted,
// draft or sent): the pages offer Send only then; mark_sent also needs lines.
bool may_be_sent(const Quote& quote);
// accept: a sent quote with lines, not expired ("quote.not_sent",
// "quote.no_lines", "quote.expired" {date}). An electronic acceptance
// needs the typed name ("quote.acceptance_name_required",
// "field.too_long" {max} on accepted_by) and is kept with the quote.
Status accept(Quote& quote, CivilDate today, Instant now,
              const std::optional<QuoteAcceptance>& acceptance = std::nullopt);
// reject: a sent quote ("quote.not_sent").
Status reject(Quote& quote, Instant now);

// Revise: the quote copied to revision + 1 as a draft valid until
// `valid_until`, lines kept (ids cleared); the caller marks `quote`
// inactive. Allowed for a sent, accepted or rejected quote, or an expired
// draft, of the newest revision not converted ("quote.converted",
// "quote.not_newest", "quote.revise_draft").
Result<Quote> revised(const Quote& quote, CivilDate today, CivilDate valid_until);

// Convert: a sent or accepted quote (also expired) of the newest
// revision, not converted yet ("quote.converted", "quote.not_newest",
// "quote.not_convertible", "quote.no_lines").
Status check_convertible(const Quote& quote);

// Repricing with today's catalog: what each line would be now.
enum class QuoteChangeKind { orderable, price, vat_rate, feature };
BOOST_DESCRIBE_ENUM(QuoteChangeKind, orderable, price, vat_rate, feature)
struct QuoteChange {
  int line_number = 0;
  std::string product_code;
  QuoteChangeKind kind = QuoteChangeKind::price;
  // orderable: "yes" / "no"; price: minor units ("" when no price today);
  // vat_rate: vat_rate_text; feature: "Name: value" ("" when absent).
  std::string old_value;
  std::string new_value;
  bool operator==(const QuoteChange&) const = default;
};
struct Repricing {
  // The lines an order would have today: a line whose product is no longer
  // orderable or has no price today is left out; the others take today's
  // unit price (volume tiers apply), VAT rate and features, the discount
  // kept (at most the line's new amount). A change quote's remove and none
  // lines are kept as they are (not priced, never reported).
  std::vector<QuoteLine> lines;
  std::vector<QuoteChange> changes;  // by line number
};
// `products` and `prices` (any order) are today's, of the lines' products.
Repricing reprice(const Quote& quote, const std::vector<Product>& products,
                  const std::vector<ProductPrice>& prices, CivilDate today);
// A short fingerprint of the report ("" when it is empty): the caller
// acknowledges a report by naming it, so a report that changed again must
// be acknowledged again.
std::string fingerprint_of(const std::vector<QuoteChange>& changes);

// The order line a repriced quote line becomes (a change line with its
// action, asset, target features and status).
SalesOrderLine order_line_of(const QuoteLine& line);

// "Q-000042" for the quote row id 42 (the first revision's).
std::string quote_number(std::int64_t id);

}  // namespace rapport::domain
