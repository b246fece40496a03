#include "domain/catalog/product.h"

#include <algorithm>
#include <set>

#include "domain/catalog/catalog_fields.h"
#include "domain/text_length.h"

namespace rapport::domain {

const std::vector<std::string>& product_units() {
  static const std::vector<std::string> units{"unit", "month", "year", "kwh",
                                              "hour", "day",   "metre"};
  return units;
}

const std::string& product_name(const Product& p, Language language) {
  const std::string& wanted = language == Language::fr ? p.name_fr : p.name_en;
  if (!wanted.empty()) return wanted;
  return language == Language::fr ? p.name_en : p.name_fr;
}

bool is_orderable(const Product& p, CivilDate day) {
  return p.active && p.orderable_from <= day && (!p.orderable_to || day <= *p.orderable_to);
}

FieldErrors validate_product(const Product& p) {
  FieldErrors e;
  check_code_and_names(e, p.code, kMaxProductCodeLength, p.name_en, p.name_fr,
                       kMaxProductNameLength, "product.name_required");
  check_length(e, p.description_en, kMaxProductDescriptionLength, "description_en");
  check_length(e, p.description_fr, kMaxProductDescriptionLength, "description_fr");
  const auto& units = product_units();
  if (std::find(units.begin(), units.end(), p.unit) == units.end())
    e.add(Error::invalid("product.unit_unknown", "unit"));
  check_period(e, p.orderable_from, p.orderable_to, "orderable_from", "orderable_to");
  if (p.vat_rate < 0 || p.vat_rate > kMaxVatRate)
    e.add(Error::invalid("product.vat_rate_invalid", "vat_rate"));
  validate_features(e, p.features, "features");
  return e;
}

void validate_features(FieldErrors& e, const std::vector<ProductFeature>& features,
                       const std::string& at) {
  if (features.size() > kMaxFeatures)
    e.add(Error::invalid("product.too_many_features", at, {{"max", std::to_string(kMaxFeatures)}}));
  std::set<std::string> seen;
  for (std::size_t i = 0; i < features.size() && i < kMaxFeatures; ++i) {
    const auto& f = features[i];
    const std::string field = at + "." + std::to_string(i);
    if (f.name.empty())
      e.add(Error::invalid("product.feature_name_required", field + ".name"));
    else if (!seen.insert(f.name).second)
      e.add(Error::invalid("product.feature_repeated", field + ".name", {{"name", f.name}}));
    check_line(e, f.name, kMaxFeatureTextLength, field + ".name");
    check_line(e, f.value, kMaxFeatureTextLength, field + ".value");
  }
}

std::string vat_rate_text(VatRate rate) {
  std::string out = std::to_string(rate / 100);
  int decimals = rate % 100;
  if (decimals == 0) return out;
  out += '.';
  out += static_cast<char>('0' + decimals / 10);
  if (decimals % 10 != 0) out += static_cast<char>('0' + decimals % 10);
  return out;
}

std::optional<VatRate> parse_vat_rate(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '%')) text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  // A narrow no-break space before "%" in French ("5,5 %").
  constexpr std::string_view kNarrowSpace = "\u202f";
  if (text.ends_with(kNarrowSpace)) text.remove_suffix(kNarrowSpace.size());
  if (text.empty()) return std::nullopt;
  int whole = 0;
  int decimals = -1;
  int fraction = 0;
  for (char c : text) {
    if ((c == '.' || c == ',') && decimals < 0) {
      decimals = 0;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (decimals < 0) {
      whole = whole * 10 + (c - '0');
      if (whole > 100) return std::nullopt;
    } else {
      if (++decimals > 2) return std::nullopt;
      fraction = fraction * 10 + (c - '0');
    }
  }
  if (decimals == 1) fraction *= 10;
  VatRate rate = whole * 100 + fraction;
  if (rate > kMaxVatRate) return std::nullopt;
  return rate;
}

}  // namespace rapport::domain
