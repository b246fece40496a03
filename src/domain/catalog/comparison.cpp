#include "domain/catalog/comparison.h"

#include "core/money.h"
#include "domain/catalog/pricing.h"

namespace rapport::domain {

const std::string& comparison_advantages(const CompetitorComparison& c, Language language) {
  if (language == Language::fr) return c.advantages_fr.empty() ? c.advantages_en : c.advantages_fr;
  return c.advantages_en.empty() ? c.advantages_fr : c.advantages_en;
}

FieldErrors validate_comparison(const CompetitorComparison& c) {
  FieldErrors e;
  auto text = [&](const std::string& value, const char* field, std::size_t max, bool required) {
    if (required && value.find_first_not_of(" \t\r\n") == std::string::npos)
      e.add(Error::invalid("field.required", field));
    else if (value.size() > max)
      e.add(Error::invalid("field.too_long", field, {{"max", std::to_string(max)}}));
  };
  text(c.competitor, "competitor", kMaxCompetitorLength, true);
  text(c.their_product, "their_product", kMaxCompetitorLength, true);
  if (!is_known_currency(c.currency))
    e.add(Error::invalid("settings.currency_invalid", "currency"));
  if (c.their_price && (*c.their_price < 0 || *c.their_price > kMaxAmount))
    e.add(Error::invalid("field.amount_invalid", "their_price"));
  if (c.advantages_en.find_first_not_of(" \t\r\n") == std::string::npos &&
      c.advantages_fr.find_first_not_of(" \t\r\n") == std::string::npos)
    e.add(Error::invalid("field.required", "advantages_en"));
  text(c.advantages_en, "advantages_en", kMaxAdvantagesLength, false);
  text(c.advantages_fr, "advantages_fr", kMaxAdvantagesLength, false);
  return e;
}

}  // namespace rapport::domain
