// app/catalog/typed_price.h: a price as a person types it — the unit price
// in the list's currency ("12.50", "1 234,5") and tiers of a quantity and a
// unit price — read into minor units and thousandths, for the price form
// and the catalog import alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/language.h"
#include "domain/catalog/price_list.h"

namespace rapport::app {

struct TypedTier {
  std::string min_quantity;
  std::string unit_price;
};

// Amounts are read as `lang` writes them: "1,234.50" in English,
// "1 234,50" in French; a dot or a comma alone is the decimal separator.
// Errors (into `errors`, nothing else changed): "field.required" on
// unit_price when empty; "field.amount_invalid" on unit_price or
// "tiers.N.unit_price", "field.quantity_invalid" on "tiers.N.min_quantity"
// when not a number. Tiers with both cells empty are left out. The rules on
// the values (limits, ascending tiers) are validate_price's.
domain::ProductPrice read_typed_price(Id<domain::Product> product, const std::string& unit_price,
                                      const std::vector<TypedTier>& tiers,
                                      const std::string& currency, Language lang,
                                      FieldErrors& errors);

// A number as typed, without the separators `lang` groups digits with:
// no-break and narrow no-break spaces (parse_money and parse_quantity skip
// plain ones) and, in English, commas when a dot follows ("1,234.50" is
// "1234.50") or when they group the digits by three ("1,000" is "1000",
// "12,345,678" is "12345678"); a comma that does neither stays the decimal
// separator ("1,5").
std::string typed_number_plain(const std::string& text, Language lang);

// An amount typed as `lang` writes it, in minor units of `currency`
// ("1 234,50" EUR → 123450); nullopt when it is not an amount.
std::optional<std::int64_t> typed_amount(const std::string& text, const std::string& currency,
                                         Language lang);

// "12.50" / "12,50" for 1250 EUR: minor units with the currency's
// decimals, as a form field holds it for `lang` (no group separators).
std::string price_text(std::int64_t minor, const std::string& currency, Language lang);

}  // namespace rapport::app
