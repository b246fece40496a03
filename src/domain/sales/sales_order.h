// domain/sales/sales_order.h: the sales order of quotes-orders-assets.md
// ("Sales order"): lines of products for a customer, submitted to
// fulfilment, whose lines are completed or failed one by one.
//
//   pending ──submit──▶ open ──(every line complete or failed)──▶ complete
//      │                  │
//      └──────cancel──────┴──▶ canceled   (not once a line is complete)
#pragma once

#include <cstddef>
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

namespace rapport::domain {

enum class SalesOrderStatus { pending, open, complete, canceled };
BOOST_DESCRIBE_ENUM(SalesOrderStatus, pending, open, complete, canceled)
enum class LineStatus { pending, open, complete, failed };
BOOST_DESCRIBE_ENUM(LineStatus, pending, open, complete, failed)

struct SalesOrderLine {
  Id<SalesOrderLine> id;
  int line_number = 0;  // 1, 2, … in the order, kept when a line is removed
  Id<Product> product;
  std::string product_code;     // as ordered, for lists and history
  std::int64_t quantity = 0;    // thousandths of the product's unit
  std::int64_t unit_price = 0;  // minor units, from the price list when added
  std::int64_t discount = 0;    // minor units off the line
  VatRate vat_rate = 0;
  LineStatus status = LineStatus::pending;
  std::string fail_reason;
  std::optional<std::int64_t> asset;  // the asset its fulfilment made or changed
  // A change line (change_delta.h): what it does, to which asset, and the
  // state it asks for: `quantity` above, these features (none: kept), this
  // status (suspend, resume; none: kept). An ordinary line adds.
  LineAction action = LineAction::add;
  std::optional<std::int64_t> target_asset;
  std::optional<std::vector<ProductFeature>> features;
  std::optional<AssetStatus> target_status;
};

struct SalesOrder {
  Id<SalesOrder> id;
  std::string number;  // "O-000001"
  SalesOrderStatus status = SalesOrderStatus::pending;
  std::int64_t customer = 0;
  std::optional<std::int64_t> account;
  std::optional<std::int64_t> contact;
  std::optional<CivilDate> requested_delivery;
  PostalAddress ship_to;
  std::string departure;  // delivery route (from a contact plan)
  Id<PriceList> price_list;
  std::string currency;
  std::string notes;
  std::optional<std::int64_t> plan_entry;  // the active contact plan entry it was taken from
  std::optional<std::int64_t> quote;       // the quote it was converted from (set by the link)
  std::vector<SalesOrderLine> lines;
  Instant created_at{};
  std::optional<Instant> submitted_at;
  std::optional<Instant> completed_at;
  Version version = 0;
};

constexpr std::size_t kMaxOrderLines = 500;
constexpr std::size_t kMaxOrderNotesLength = 2000;
constexpr std::size_t kMaxDepartureLength = 40;
constexpr std::size_t kMaxFailReasonLength = 200;

// The line's amounts as pricing.h computes them.
PricedLine priced(const SalesOrderLine& line);
// nullopt when an amount goes beyond kMaxAmount.
std::optional<OrderTotals> totals_of(const SalesOrder& order);

// The header's own faults: notes and departure lengths, a delivery date
// not before `today` when it is given or changed ("sales_order.delivery_past" on
// requested_delivery), the ship-to lines on one line.
FieldErrors validate_header(const SalesOrder& order, CivilDate today, bool delivery_changed);

// A line's faults before it is added or changed, named "lines.N.field"
// for line index N: positive quantity within kMaxQuantity
// ("sales_order.line_quantity_positive", "sales_order.line_quantity_too_large"), a discount not
// negative nor above the line's amount ("sales_order.line_discount_invalid"), an amount
// within kMaxAmount ("money.too_large").
FieldErrors validate_line(const SalesOrderLine& line, const std::string& at);

// What Submit (and a quote's Verify) checks, every problem listed:
// at least one line ("sales_order.no_lines"); each line's product orderable on
// the delivery date ("sales_order.line_product_not_orderable" {code}), priced in the
// order's list ("sales_order.line_price_missing" {code}), its quantity and amounts
// (validate_line); the list valid on that day ("sales_order.price_list_expired")
// and in the order's currency ("sales_order.currency_mismatch"); a delivery
// date not past ("sales_order.delivery_past"); a complete ship-to address
// ("sales_order.address_incomplete" on ship_to.line1 / postal_code / city);
// totals within the limit. `products` and `prices` are those of the lines'
// products (any order); the day checked is the delivery date, else today.
struct SubmitContext {
  std::vector<Product> products;
  std::vector<ProductPrice> prices;
  PriceList price_list;
  CivilDate today{};
};
FieldErrors verify_for_submit(const SalesOrder& order, const SubmitContext& context);

// Transitions (the order as loaded; the caller saves it). Errors
// (invalid_input, on no field): "sales_order.not_pending" (submit, change the
// lines), "sales_order.cancel_not_allowed" (complete or canceled, or a line
// already complete), "sales_order.line_not_open" (fulfilment of a line that is not
// open: its order is pending, canceled, or the line is done).
Status submit(SalesOrder& order, Instant now);
Status cancel(SalesOrder& order);
// Completes or fails line `line_id`; the order completes (completed_at =
// now) when every line is complete or failed. Fail needs a reason
// ("sales_order.line_fail_reason_required").
Status complete_line(SalesOrder& order, Id<SalesOrderLine> line_id, Instant now);
Status fail_line(SalesOrder& order, Id<SalesOrderLine> line_id, const std::string& reason,
                 Instant now);
bool may_edit_lines(const SalesOrder& order);  // pending only (the header)
// Revising an order's lines: a pending or an open order, whose lines not yet
// fulfilled may be added, changed or removed ("sales_order.not_revisable").
// A complete line is changed by a change order on its asset
// ("sales_order.line_complete_change_asset" {line}); a failed one is done
// ("sales_order.line_not_open").
Status may_revise_lines(const SalesOrder& order);
Status may_revise_line(const SalesOrder& order, const SalesOrderLine& line);
// An open order whose remaining lines are all complete or failed (a line
// removed by a revision) completes.
void close_when_fulfilled(SalesOrder& order, Instant now);

// The order of `orders` (the customer's) for `delivery`, not canceled, the
// newest first: the one "Customer order #N already exists" names.
const SalesOrder* existing_order_on(const std::vector<SalesOrder>& orders, CivilDate delivery);

}  // namespace rapport::domain
