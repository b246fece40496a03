// domain/catalog/product.h: what can be sold (quotes-orders-assets.md,
// "Catalog"): a product with its names in both languages, whether it is
// goods or a service, its unit, whether it becomes an asset when fulfilled,
// the days it may be ordered, its features and its VAT rate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_codes.h"
#include "core/error.h"
#include "core/id.h"
#include "core/language.h"
#include "core/time.h"

namespace rapport::domain {

enum class ProductType { goods, service };
BOOST_DESCRIBE_ENUM(ProductType, goods, service)

// A name/value pair shown to the CSR and compared on a quote ("Power",
// "9 kVA").
struct ProductFeature {
  std::string name;
  std::string value;
  bool operator==(const ProductFeature&) const = default;
};

// A VAT rate in basis points: 2000 is 20 %, 550 is 5.5 %.
using VatRate = int;
constexpr VatRate kMaxVatRate = 10'000;

struct Product {
  Id<Product> id;
  std::string code;  // unique, 1–20 characters, A–Z 0–9 - _ (upper-cased by the caller)
  std::string name_en;
  std::string name_fr;
  std::string description_en;
  std::string description_fr;
  ProductType type = ProductType::goods;
  std::string unit = "unit";  // "unit", "month", "kWh", "hour": a code with a catalog label
  bool trackable = false;     // a fulfilled line becomes an asset
  CivilDate orderable_from{};
  std::optional<CivilDate> orderable_to;  // last day it may be ordered
  std::vector<ProductFeature> features;
  VatRate vat_rate = 2000;
  bool active = true;
  Version version = 0;
};

constexpr std::size_t kMaxProductCodeLength = 20;
constexpr std::size_t kMaxProductNameLength = 120;
constexpr std::size_t kMaxProductDescriptionLength = 2000;
constexpr std::size_t kMaxFeatures = 30;
constexpr std::size_t kMaxFeatureTextLength = 100;

// The units a product is counted in (catalog labels "product.unit.<code>").
const std::vector<std::string>& product_units();  // unit, month, year, kwh, hour, day, metre

// The name in `language`, else the other one.
const std::string& product_name(const Product& p, Language language);

// True when the product may be ordered for `day` (active, within
// orderable_from … orderable_to).
bool is_orderable(const Product& p, CivilDate day);

// Every field at fault, each naming its form field: code ("record.code_invalid",
// "field.too_long"), at least one name ("product.name_required" on name_en),
// names and descriptions within their lengths and one line for names, a known
// unit ("product.unit_unknown"), orderable_to not before orderable_from
// ("field.date_order"), the VAT rate 0–100 % ("product.vat_rate_invalid"),
// at most 30 features each with a name ("product.feature_name_required" on
// "features.N.name") and no name twice ("product.feature_repeated").
FieldErrors validate_product(const Product& p);
// The features' part of it, on "<at>.N.name" (an asset's features too).
void validate_features(FieldErrors& e, const std::vector<ProductFeature>& features,
                       const std::string& at);

// "20" for 2000, "5.5" for 550, "2.1" for 210: the rate as a percentage
// with the decimals it needs (a dot; pages format it per language).
std::string vat_rate_text(VatRate rate);
// "20", "5,5", "5.5", "20 %": a percentage typed by a user, at most two
// decimals; nullopt otherwise or beyond 100.
std::optional<VatRate> parse_vat_rate(std::string_view text);

}  // namespace rapport::domain
