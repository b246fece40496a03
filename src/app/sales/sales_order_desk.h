// app/sales/sales_order_desk.h: the sales order's use cases
// (quotes-orders-assets.md, "Sales order"): entered by a CSR for a
// customer, lines priced from the customer's price list, submitted to
// fulfilment, whose user (or an external system through the API) completes
// or fails each line; completing a line of a trackable product makes an
// asset. Every face (pages, API) calls these.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/sales/asset.h"
#include "domain/sales/sales_order.h"
#include "domain/users/user.h"
#include "store/database.h"
#include "store/sales/asset_repository.h"
#include "store/sales/sales_order_repository.h"

namespace rapport::app {

// The header as a CSR or a client fills it in.
struct SalesOrderHeader {
  std::int64_t customer = 0;
  std::optional<std::int64_t> account;  // one of the customer's
  std::optional<std::int64_t> contact;  // one of the customer's
  std::optional<CivilDate> requested_delivery;
  std::optional<domain::PostalAddress> ship_to;  // none: the customer's address
  std::string departure;
  std::optional<Id<domain::PriceList>> price_list;  // none: the account's, customer's or default
  std::string notes;
  // The active contact plan entry the order is taken from: set by the
  // orders from a contact (contact_order_desk.h), never by a client; the
  // entry is linked to the order in the same transaction.
  std::optional<std::int64_t> plan_entry;
};

// The header an order now has (a partial change is laid over it).
SalesOrderHeader header_of(const domain::SalesOrder& o);

// A new order (not stored, no lines) for `h` in `tx`: its account and
// contact checked to be the customer's, its price list (and currency)
// found, its header validated — every fault added to `errors`. Errors:
// not_found (customer). What create and the change orders start from.
Result<domain::SalesOrder> new_sales_order(store::Tx& tx, const SalesOrderHeader& h,
                                           CivilDate today, FieldErrors& errors);

// A line to add: the product by id or by code, the quantity in thousandths,
// a discount in minor units off the line.
struct LineInput {
  std::optional<Id<domain::Product>> product;
  std::string product_code;
  std::int64_t quantity = 0;
  std::int64_t discount = 0;
};

// Everything the order page and the API show.
struct SalesOrderView {
  domain::SalesOrder order;
  domain::OrderTotals totals;
  std::string customer_name;
  domain::PriceList price_list;
  std::vector<domain::Product> products;              // of the lines, by code
  std::map<std::int64_t, std::string> asset_numbers;  // of the assets the lines made or act on
};

class SalesOrderDesk {
 public:
  SalesOrderDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // CSRs, managers, admins. The price list decides the currency. Errors:
  // forbidden; not_found (customer); invalid_input (every field in
  // `errors`: validate_header, "sales_order.account_not_customers",
  // "sales_order.contact_not_customers", "sales_order.no_price_list").
  Result<domain::SalesOrder> create(const domain::User& actor, const SalesOrderHeader& header,
                                    FieldErrors* errors = nullptr);
  // The header of a pending order, at `version`. The customer stays.
  Result<domain::SalesOrder> update_header(const domain::User& actor, Id<domain::SalesOrder> id,
                                           Version version, const SalesOrderHeader& header,
                                           FieldErrors* errors = nullptr);
  // The lines of a pending order, and of an open one (a revision: a line
  // added to it is open at once; lines not yet fulfilled are changed or
  // removed, a complete one is refused with
  // "sales_order.line_complete_change_asset" — change its asset by a change
  // order; an open order keeps a line: "sales_order.revise_last_line").
  // Errors of all three: "sales_order.not_revisable" (complete, canceled).
  // Adds a line priced from the order's list (volume tiers apply) at the
  // product's VAT rate. Errors: "product.not_found"
  // (on product), "sales_order.line_price_missing", "sales_order.line_product_not_orderable",
  // validate_line's, "sales_order.too_many_lines"; conflict (stale).
  Result<domain::SalesOrder> add_line(const domain::User& actor, Id<domain::SalesOrder> id,
                                      Version version, const LineInput& line,
                                      FieldErrors* errors = nullptr);
  // A line's new quantity and discount (repriced for the quantity's tier).
  Result<domain::SalesOrder> change_line(const domain::User& actor, Id<domain::SalesOrder> id,
                                         Version version, Id<domain::SalesOrderLine> line,
                                         std::int64_t quantity, std::int64_t discount,
                                         FieldErrors* errors = nullptr);
  Result<domain::SalesOrder> remove_line(const domain::User& actor, Id<domain::SalesOrder> id,
                                         Version version, Id<domain::SalesOrderLine> line);
  // Checks the order (verify_for_submit: every problem in `errors`) and
  // sends it to fulfilment; logs an interaction on the customer.
  Result<domain::SalesOrder> submit(const domain::User& actor, Id<domain::SalesOrder> id,
                                    Version version, FieldErrors* errors = nullptr);
  Result<domain::SalesOrder> cancel(const domain::User& actor, Id<domain::SalesOrder> id,
                                    Version version);
  // Fulfilment (the fulfilment role, managers, admins). `version` of the
  // order when the caller read it; nullopt: the order as it is now (an
  // external system completing lines one by one). Completing a line of a
  // trackable product creates its asset in the same transaction.
  Result<domain::SalesOrder> complete_line(const domain::User& actor, Id<domain::SalesOrder> id,
                                           std::optional<Version> version,
                                           Id<domain::SalesOrderLine> line);
  Result<domain::SalesOrder> fail_line(const domain::User& actor, Id<domain::SalesOrder> id,
                                       std::optional<Version> version,
                                       Id<domain::SalesOrderLine> line, const std::string& reason);

  // CSRs, managers, admins, and the fulfilment role (its queue opens orders);
  // a portal user for their own customer's orders (another's: not_found).
  Result<SalesOrderView> view(const domain::User& actor, Id<domain::SalesOrder> id);
  Result<std::vector<domain::SalesOrder>> list(const domain::User& actor,
                                               const store::SalesOrderFilter& filter);
  // The display names of these orders' customers, by customer id (the
  // order list names them).
  Result<std::map<std::int64_t, std::string>> customer_names(
      const domain::User& actor, const std::vector<domain::SalesOrder>& orders);
  // The order "Customer order #N already exists" names: the customer's
  // newest order for that delivery date that is not canceled.
  Result<std::optional<domain::SalesOrder>> existing_order(const domain::User& actor,
                                                           std::int64_t customer,
                                                           CivilDate delivery);
  Result<std::vector<store::QueueLine>> fulfilment_queue(const domain::User& actor, int limit,
                                                         int offset);
  // The customer's assets (read_customers; a portal user: their own
  // customer's only, another's is not_found).
  Result<std::vector<store::AssetRow>> assets(const domain::User& actor, std::int64_t customer);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
