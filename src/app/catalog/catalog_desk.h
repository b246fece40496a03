// app/catalog/catalog_desk.h: the catalog's use cases (quotes-orders-assets.md,
// "Catalog"): products and price lists, read by every staff role and
// changed by managers, with the price of each product in each list.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/customers/customer.h"
#include "domain/users/user.h"
#include "store/audit_repository.h"
#include "store/catalog/price_list_repository.h"
#include "store/catalog/product_repository.h"
#include "store/database.h"

namespace rapport::app {

// A price list with its prices, for its page and the API.
struct PriceListView {
  domain::PriceList list;
  std::vector<domain::ProductPrice> prices;  // by product code
  std::vector<domain::Product> products;     // those priced, by code
};

// The price lists of a customer and of the accounts it bills, for the
// customer's page and the API.
struct CustomerPriceLists {
  Id<domain::Customer> customer;
  // The customer first, then each account by number; `list` nullopt: the
  // default list prices its orders.
  std::vector<store::PriceListHolder> holders;
  std::vector<domain::PriceList> lists;  // every list, by code: to name and choose from
  std::optional<domain::PriceList> default_list;
};

class CatalogDesk {
 public:
  CatalogDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every staff role. `filter.orderable_only` without a day: orderable
  // today (the installation's calendar).
  Result<std::vector<domain::Product>> search(const domain::User& actor,
                                              store::ProductFilter filter);
  Result<domain::Product> product(const domain::User& actor, Id<domain::Product> id);
  // The product a person names by its code (any case). Errors: forbidden;
  // invalid_input ("field.required", "product.not_found" on "product").
  Result<domain::Product> product_by_code(const domain::User& actor, const std::string& code);
  // Managers and admins. The code is upper-cased; a product (a list) with
  // no first day is orderable (valid) from today, the installation's day. Errors: forbidden;
  // invalid_input (every field in `errors`, validate_product); conflict
  // ("product.code_taken"; stale on update).
  Result<domain::Product> create_product(const domain::User& actor, domain::Product p,
                                         FieldErrors* errors = nullptr);
  Result<domain::Product> update_product(const domain::User& actor, domain::Product p,
                                         FieldErrors* errors = nullptr);

  Result<std::vector<domain::PriceList>> price_lists(const domain::User& actor);
  Result<PriceListView> price_list(const domain::User& actor, Id<domain::PriceList> id);
  Result<domain::PriceList> create_price_list(const domain::User& actor, domain::PriceList list,
                                              FieldErrors* errors = nullptr);
  Result<domain::PriceList> update_price_list(const domain::User& actor, domain::PriceList list,
                                              FieldErrors* errors = nullptr);
  // Sets a product's price in the list; a price is part of its list, so
  // the list's version moves on. `version`: the list's version read (the
  // pages and the API always give it; a stale one is refused). Returns the
  // list's new version. Errors: invalid_input (validate_price), not_found
  // (list, product), conflict (stale).
  Result<Version> set_price(const domain::User& actor, Id<domain::PriceList> list,
                            const domain::ProductPrice& price,
                            std::optional<Version> version = std::nullopt,
                            FieldErrors* errors = nullptr);
  // Errors: not_found ("price.not_found"), conflict (stale).
  Result<Version> remove_price(const domain::User& actor, Id<domain::PriceList> list,
                               Id<domain::Product> product,
                               std::optional<Version> version = std::nullopt);

  // The audit trail of a product, of a price list (its prices included).
  Result<std::vector<store::AuditRow>> product_history(const domain::User& actor,
                                                       Id<domain::Product> id);
  Result<std::vector<store::AuditRow>> price_list_history(const domain::User& actor,
                                                          Id<domain::PriceList> id);

  // Those who read customers and the catalog. Errors: forbidden,
  // not_found ("customer.not_found").
  Result<CustomerPriceLists> customer_price_lists(const domain::User& actor,
                                                  Id<domain::Customer> customer);
  // Managers and admins: gives the customer, or its account numbered
  // `account` (empty: the customer), its own list, or back to the default
  // (nullopt), if the record is still at `version`; audited on the
  // customer or the account. Errors: forbidden; not_found
  // ("customer.not_found", "account.not_found"); invalid_input on
  // "price_list" ("price_list.not_found", "price_list.currency_mismatch":
  // the list is not in the currency of the account, or of one of the
  // customer's accounts priced by the customer's list); conflict
  // ("record.stale").
  Result<CustomerPriceLists> assign_price_list(const domain::User& actor,
                                               Id<domain::Customer> customer,
                                               const std::string& account,
                                               std::optional<Id<domain::PriceList>> list,
                                               Version version);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
