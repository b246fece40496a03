// domain/catalog/price_list.h: what a product costs (quotes-orders-assets.md,
// "Price list"): a list in one currency, valid for a period, with a price
// per product and optional volume tiers. A customer or account may have its
// own list; the default list serves everyone else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"
#include "domain/catalog/product.h"

namespace rapport::domain {

// From `min_quantity` (in thousandths of the unit) on, the unit price is
// `unit_price` (minor units of the list's currency).
struct PriceTier {
  std::int64_t min_quantity = 0;
  std::int64_t unit_price = 0;
  bool operator==(const PriceTier&) const = default;
};

struct ProductPrice {
  Id<Product> product;
  std::int64_t unit_price = 0;   // minor units, for quantities below the first tier
  std::vector<PriceTier> tiers;  // ascending min_quantity
  bool operator==(const ProductPrice&) const = default;
};

struct PriceList {
  Id<PriceList> id;
  std::string code;  // unique, like a product code
  std::string name_en;
  std::string name_fr;
  std::string currency;  // ISO 4217
  CivilDate valid_from{};
  std::optional<CivilDate> valid_to;
  bool is_default = false;  // the list of customers without their own
  Version version = 0;
};

constexpr std::size_t kMaxPriceListCodeLength = 20;
constexpr std::size_t kMaxPriceListNameLength = 120;
constexpr std::size_t kMaxPriceTiers = 10;

const std::string& price_list_name(const PriceList& list, Language language);

// True when the list may price an order for `day`.
bool is_valid_on(const PriceList& list, CivilDate day);

// Code, a name, a known currency ("settings.currency_invalid" on currency),
// valid_to not before valid_from.
FieldErrors validate_price_list(const PriceList& list);

// The price's unit price and tiers: non-negative and within kMaxUnitPrice
// ("money.too_large"), tiers ascending with positive quantities
// ("price.tiers_order" on "tiers"), at most kMaxPriceTiers.
FieldErrors validate_price(const ProductPrice& price);

// The unit price for `quantity` (thousandths): the highest tier reached,
// else the base price.
std::int64_t unit_price_for(const ProductPrice& price, std::int64_t quantity);

}  // namespace rapport::domain
