// store/catalog/price_list_repository.h: price lists, the price of each
// product in them, and which list prices a customer's orders.
#pragma once

#include <optional>
#include <vector>

#include "core/result.h"
#include "domain/catalog/price_list.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace rapport::store {

// Which list a customer or one of its accounts has of its own (nullopt:
// the default), at the record's version.
struct PriceListHolder {
  std::int64_t id = 0;   // the customer's or the account's
  std::string number;    // the account's number; empty for the customer
  std::string currency;  // the account's; empty for the customer
  std::optional<Id<domain::PriceList>> list;
  Version version = 0;
};

class PriceListRepository {
 public:
  // Marking a list default unmarks the previous default. Errors: conflict
  // ("price_list.code_taken").
  static Result<domain::PriceList> insert(Tx& tx, domain::PriceList list, const Actor& actor,
                                          Instant now);
  static Result<Version> update(Tx& tx, const domain::PriceList& list, const Actor& actor,
                                Instant now);
  // Errors: not_found ("price_list.not_found").
  static Result<domain::PriceList> find(Tx& tx, Id<domain::PriceList> id);
  static std::vector<domain::PriceList> list(Tx& tx);
  static std::optional<domain::PriceList> default_list(Tx& tx);
  // The list of the account, else of the customer, else the default.
  static std::optional<domain::PriceList> for_customer(Tx& tx, std::int64_t customer,
                                                       std::optional<std::int64_t> account);
  // A change of the list's prices: moves its version on, at `expected` when
  // given (stale_record_error otherwise), so that whoever read the list
  // before is refused. Returns the new version.
  static Result<Version> touch(Tx& tx, Id<domain::PriceList> list, std::optional<Version> expected,
                               const Actor& actor, Instant now);
  // Sets (inserts or replaces) the product's price in the list; audited on
  // the list.
  static void set_price(Tx& tx, Id<domain::PriceList> list, const domain::ProductPrice& price,
                        const Actor& actor, Instant now);
  // Errors: not_found ("price.not_found").
  static Status remove_price(Tx& tx, Id<domain::PriceList> list, Id<domain::Product> product,
                             const Actor& actor, Instant now);
  // The prices of these products in the list (those it has).
  static std::vector<domain::ProductPrice> prices(Tx& tx, Id<domain::PriceList> list,
                                                  const std::vector<std::int64_t>& products);
  // Every price of the list, by product code.
  static std::vector<domain::ProductPrice> all_prices(Tx& tx, Id<domain::PriceList> list);
  // Gives the customer (and, when set, the account) its own list; nullopt
  // goes back to the default.
  static void assign(Tx& tx, std::int64_t customer, std::optional<std::int64_t> account,
                     std::optional<Id<domain::PriceList>> list, const Actor& actor, Instant now);
  // The customer's own list, then each account it bills (by number).
  // Errors: not_found ("customer.not_found").
  static Result<std::vector<PriceListHolder>> holders_of(Tx& tx, std::int64_t customer);
  // Sets (nullopt: clears) the customer's, or the account's, own list if
  // the record is still at `version`; audited as assign(). Errors:
  // conflict (stale_record_error). Returns the new version.
  static Result<Version> assign_at(Tx& tx, std::int64_t customer,
                                   std::optional<std::int64_t> account,
                                   std::optional<Id<domain::PriceList>> list, Version version,
                                   const Actor& actor, Instant now);
};

}  // namespace rapport::store
