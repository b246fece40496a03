// app/catalog/catalog_desk.h: the catalog's use cases (quotes-orders-assets.md,
// "Catalog"): products and price lists, read by every staff role and
// changed by managers, with the price of each product in each list.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "domain/catalog/product.h"
#include "domain/users/user.h"
#include "store/catalog/product_repository.h"
#include "store/database.h"

namespace rapport::app {

// A price list with its prices, for its page and the API.
struct PriceListView {
  domain::PriceList list;
  std::vector<domain::ProductPrice> prices;  // by product code
  std::vector<domain::Product> products;     // those priced, by code
};

class CatalogDesk {
 public:
  CatalogDesk(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Every staff role. `filter.orderable_only` without a day: orderable
  // today (the installation's calendar).
  Result<std::vector<domain::Product>> search(const domain::User& actor,
                                              store::ProductFilter filter);
  Result<domain::Product> product(const domain::User& actor, Id<domain::Product> id);
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
  // Sets a product's price in the list. Errors: invalid_input
  // (validate_price), not_found (list, product).
  Status set_price(const domain::User& actor, Id<domain::PriceList> list,
                   const domain::ProductPrice& price, FieldErrors* errors = nullptr);
  Status remove_price(const domain::User& actor, Id<domain::PriceList> list,
                      Id<domain::Product> product);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace rapport::app
