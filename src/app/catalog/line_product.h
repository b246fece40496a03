// app/catalog/line_product.h: what the sales-order and quote desks share —
// the account, contact and price list of the customer's order or quote,
// the product a CSR types on a line (by id, by code, or by words of its
// code or name) and its unit price in the list, and the checks of a line
// just added or changed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "core/time.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "store/database.h"

namespace rapport::app {

// The account and contact of an order or a quote, checked as the
// customer's ("sales_order.account_not_customers" on account,
// "sales_order.contact_not_customers" on contact), and its price list:
// `named`, else `kept` (the record's own, when valid), else the account's,
// the customer's or the default ("sales_order.no_price_list" on
// price_list). Faults go to `errors`.
struct OrderParties {
  std::optional<domain::Account> account;
  std::optional<domain::PriceList> list;
};
OrderParties order_parties_of(store::Tx& tx, const domain::Customer& customer,
                              std::optional<std::int64_t> account,
                              std::optional<std::int64_t> contact,
                              std::optional<Id<domain::PriceList>> named,
                              Id<domain::PriceList> kept, FieldErrors& errors);

// The product: by id, by code, else the one product whose code or name
// holds every typed word (a CSR typing "fibre 1g" rather than a code).
// Errors (on "product"): "product.not_found", "sales_order.product_ambiguous" {text}.
Result<domain::Product> line_product_of(store::Tx& tx, std::optional<Id<domain::Product>> product,
                                        const std::string& typed);

// The unit price of `product` for `quantity` (volume tiers apply) in
// `list`. Errors: "sales_order.line_price_missing" {code} on "product".
Result<std::int64_t> list_unit_price(store::Tx& tx, Id<domain::PriceList> list,
                                     const domain::Product& product, std::int64_t quantity);

// A new line's product and unit price: the product typed (line_product_of),
// orderable on `day`, priced in `list` for `quantity` (list_unit_price).
// Errors, all on "product" and into `errors_out` as well: line_product_of's,
// "sales_order.line_product_not_orderable" {code}, list_unit_price's.
struct PricedLine {
  domain::Product product;
  std::int64_t unit_price = 0;
};
Result<PricedLine> priced_line(store::Tx& tx, Id<domain::PriceList> list,
                               std::optional<Id<domain::Product>> product, const std::string& typed,
                               std::int64_t quantity, CivilDate day, FieldErrors* errors_out);

// The line just added or changed: `faults` are its validation at "line"
// (domain::validate_line or validate_quote_line), named as the line form
// names its fields (quantity, discount: no line index); then the totals of
// its order or quote (`totals_ok`), "money.too_large" on quantity when they
// overflow. Errors into `errors_out` as well.
Status check_priced_line(FieldErrors faults, bool totals_ok, FieldErrors* errors_out);

}  // namespace rapport::app
