// app/sales/change_order_desk.h: change orders (quotes-orders-assets.md,
// "Change orders"): from the customer's assets the CSR asks to modify
// (quantity, features), disconnect, suspend or resume some, or to add
// products; Rapport computes the lines and their actions (the delta,
// domain/sales/change_delta.h) against the assets and every unfulfilled
// line of the customer's pending and open orders, and makes a pending
// sales order of them, priced with the customer's list. Fulfilling it
// changes the assets (fulfilment.h). An asset shows the orders that made
// and changed it. The same request may make a draft change quote instead
// (create_quote), converted later like any quote. Every face (pages, API)
// calls these.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/sales/sales_order_desk.h"
#include "core/result.h"
#include "domain/quotes/quote.h"
#include "domain/sales/change_delta.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"
#include "store/sales/sales_order_repository.h"

namespace rapport::app {

// The delta of `changes` for `customer`, in the caller's transaction: the
// customer's assets and pending and open orders are read, the product of
// an add found by id (RequestedChange::product) or else by code
// (product_code, any case; "product.not_found" on changes.N.product), and
// every line gets its product's code. Errors: invalid_input with every
// fault in `errors_out` (domain::ChangeDelta's, on "changes.N.…").
Result<std::vector<domain::DeltaLine>> change_delta_in(store::Tx& tx, std::int64_t customer,
                                                       std::vector<domain::RequestedChange> changes,
                                                       FieldErrors* errors_out = nullptr);

// The change order as a CSR asks for it: the changes, and the header's
// delivery date and notes (the rest as a new order's: the customer's
// address, their price list).
struct ChangeOrderRequest {
  std::int64_t customer = 0;
  std::vector<domain::RequestedChange> changes;
  std::optional<CivilDate> requested_delivery;
  std::string notes;
};

// What the change order page shows before it is made: the order it would
// be (not stored: no id nor number), with its totals and the assets its
// lines act on.
struct ChangeOrderPreview {
  domain::SalesOrder order;
  domain::OrderTotals totals;
  std::vector<store::AssetRow> assets;  // the customer's, newest first
};

// An asset with the lines that made and changed it, oldest first.
struct AssetView {
  store::AssetRow asset;
  std::string customer_name;
  std::vector<store::AssetHistoryLine> history;
};

class ChangeOrderDesk {
 public:
  ChangeOrderDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // CSRs, managers, admins (take_orders), and a customer for their own
  // customer (require_desk, require_own: another customer's answers
  // not_found, as an unknown one; an asset not the customer's is
  // "change_order.asset_unknown"). Lines priced from the customer's
  // list for add and update (volume tiers apply; "sales_order.line_price_missing"
  // on changes.N.product), free for remove and none. Errors: forbidden;
  // not_found (customer); invalid_input (every fault in `errors`:
  // change_delta_in's, new_sales_order's, "sales_order.too_many_lines").
  Result<ChangeOrderPreview> preview(const domain::User& actor, const ChangeOrderRequest& request,
                                     FieldErrors* errors = nullptr);
  // The same order, stored pending (audited), ready to submit.
  Result<domain::SalesOrder> create(const domain::User& actor, const ChangeOrderRequest& request,
                                    FieldErrors* errors = nullptr);
  // The customer's own request (the portal): the same order submitted at
  // once for fulfilment (open, checked as SalesOrderDesk::submit checks it:
  // its faults on "requested_delivery", "price_list", "ship_to.*",
  // "lines.N.*"), the submission recorded for webhooks, and one
  // interaction per change logged on the customer — channel web for a
  // customer (note for staff), outcome "<change>_requested", summary the
  // asset's number and the order's, linked to the order. Errors: preview's.
  Result<domain::SalesOrder> request(const domain::User& actor, const ChangeOrderRequest& request,
                                     FieldErrors* errors = nullptr);
  // The same lines as a draft change quote (audited): each line with its
  // action, asset, target features and status, priced as the order's; the
  // customer's list and account; valid until today + the installation's
  // quote validity (the request's delivery date is an order's, not kept).
  // Sent, accepted and converted as any quote (QuoteDesk), its order's
  // fulfilment changes the assets. Errors: preview's.
  Result<domain::Quote> create_quote(const domain::User& actor, const ChangeOrderRequest& request,
                                     FieldErrors* errors = nullptr);
  // CSRs, managers, admins (read_customers). Errors: not_found ("asset.not_found").
  Result<AssetView> asset(const domain::User& actor, Id<domain::Asset> id);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
