// domain/catalog/comparison.h: a competitor's product set against one of
// ours (quotes-orders-assets.md, "Catalog and eAdvisor"): who, their
// product, their price when known, and our advantages in both languages.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/id.h"
#include "core/language.h"

namespace rapport::domain {

struct Product;

struct CompetitorComparison {
  Id<CompetitorComparison> id;
  Id<Product> product;
  std::string competitor;                   // "EDF", "Engie"
  std::string their_product;                // "Tarif Bleu 9 kVA"
  std::optional<std::int64_t> their_price;  // minor units of `currency`; nullopt: not known
  std::string currency;                     // ISO 4217, like price lists
  std::string advantages_en;
  std::string advantages_fr;
  Version version = 0;
};

constexpr std::size_t kMaxCompetitorLength = 80;
constexpr std::size_t kMaxAdvantagesLength = 1000;
constexpr std::size_t kMaxComparisonsPerProduct = 20;

// The advantages in `language`, else the other ones.
const std::string& comparison_advantages(const CompetitorComparison& c, Language language);

// Every fault, each on its field: competitor and their product required
// ("field.required") within kMaxCompetitorLength ("field.too_long"); a
// known currency ("settings.currency_invalid" on currency); a price 0 …
// kMaxAmount ("field.amount_invalid" on their_price); advantages in at
// least one language ("field.required" on advantages_en) within
// kMaxAdvantagesLength.
FieldErrors validate_comparison(const CompetitorComparison& c);

}  // namespace rapport::domain
