#include "domain/catalog/price_list.h"

#include "core/money.h"
#include "domain/catalog/catalog_fields.h"
#include "domain/catalog/pricing.h"

namespace rapport::domain {

const std::string& price_list_name(const PriceList& list, Language language) {
  const std::string& wanted = language == Language::fr ? list.name_fr : list.name_en;
  if (!wanted.empty()) return wanted;
  return language == Language::fr ? list.name_en : list.name_fr;
}

bool is_valid_on(const PriceList& list, CivilDate day) {
  return list.valid_from <= day && (!list.valid_to || day <= *list.valid_to);
}

FieldErrors validate_price_list(const PriceList& list) {
  FieldErrors e;
  check_code_and_names(e, list.code, kMaxPriceListCodeLength, list.name_en, list.name_fr,
                       kMaxPriceListNameLength, "price_list.name_required");
  if (!is_known_currency(list.currency))
    e.add(Error::invalid("settings.currency_invalid", "currency"));
  check_period(e, list.valid_from, list.valid_to, "valid_from", "valid_to");
  return e;
}

namespace {

void check_unit_price(FieldErrors& e, std::int64_t price, const std::string& field) {
  if (price < 0) e.add(Error::invalid("price.negative", field));
  if (price > kMaxUnitPrice) e.add(Error::invalid("money.too_large", field));
}

}  // namespace

FieldErrors validate_price(const ProductPrice& price) {
  FieldErrors e;
  check_unit_price(e, price.unit_price, "unit_price");
  if (price.tiers.size() > kMaxPriceTiers)
    e.add(
        Error::invalid("price.too_many_tiers", "tiers", {{"max", std::to_string(kMaxPriceTiers)}}));
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < price.tiers.size(); ++i) {
    const auto& t = price.tiers[i];
    const std::string at = "tiers." + std::to_string(i);
    if (t.min_quantity <= previous || t.min_quantity > kMaxQuantity)
      e.add(Error::invalid("price.tiers_order", at + ".min_quantity"));
    check_unit_price(e, t.unit_price, at + ".unit_price");
    previous = t.min_quantity;
  }
  return e;
}

std::int64_t unit_price_for(const ProductPrice& price, std::int64_t quantity) {
  std::int64_t unit = price.unit_price;
  for (const auto& t : price.tiers)
    if (quantity >= t.min_quantity) unit = t.unit_price;
  return unit;
}

}  // namespace rapport::domain
