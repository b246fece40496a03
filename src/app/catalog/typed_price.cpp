#include "app/catalog/typed_price.h"

#include "core/money.h"
#include "domain/catalog/pricing.h"

namespace rapport::app {
namespace {

std::string typed_price_trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Minor units, or an error on `field`. Beyond the limit is validate_price's
// to say: a parsed amount is kept as it is.
std::int64_t typed_price_amount(const std::string& text, const std::string& currency, Language lang,
                                const std::string& field, FieldErrors& errors) {
  auto m = parse_money(typed_number_plain(text, lang), currency);
  if (!m) {
    errors.add(Error::invalid("field.amount_invalid", field));
    return 0;
  }
  return m->minor;
}

// "1,000", "12,345,678": 1–3 digits, then groups of a comma and three
// digits (English thousands separators, without a decimal part).
bool typed_groups_of_three(const std::string& s) {
  const auto first = s.find(',');
  if (first == std::string::npos || first == 0 || first > 3) return false;
  for (std::size_t i = 0; i < first; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  for (std::size_t i = first; i < s.size(); i += 4) {
    if (s[i] != ',' || i + 4 > s.size()) return false;
    for (std::size_t j = i + 1; j < i + 4; ++j)
      if (s[j] < '0' || s[j] > '9') return false;
  }
  return true;
}

}  // namespace

std::string typed_number_plain(const std::string& text, Language lang) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, "\u00a0") == 0) {
      ++i;
      continue;
    }
    if (text.compare(i, 3, "\u202f") == 0) {
      i += 2;
      continue;
    }
    out += text[i];
  }
  if (lang == Language::en &&
      (out.find('.') != std::string::npos || typed_groups_of_three(typed_price_trim(out))))
    std::erase(out, ',');
  return out;
}

std::optional<std::int64_t> typed_amount(const std::string& text, const std::string& currency,
                                         Language lang) {
  auto m = parse_money(typed_number_plain(text, lang), currency);
  if (!m) return std::nullopt;
  return m->minor;
}

domain::ProductPrice read_typed_price(Id<domain::Product> product, const std::string& unit_price,
                                      const std::vector<TypedTier>& tiers,
                                      const std::string& currency, Language lang,
                                      FieldErrors& errors) {
  domain::ProductPrice p;
  p.product = product;
  const std::string unit = typed_price_trim(unit_price);
  if (unit.empty())
    errors.add(Error::invalid("field.required", "unit_price"));
  else
    p.unit_price = typed_price_amount(unit, currency, lang, "unit_price", errors);
  std::size_t i = 0;
  for (const auto& t : tiers) {
    const std::string q = typed_price_trim(t.min_quantity), u = typed_price_trim(t.unit_price);
    if (q.empty() && u.empty()) continue;
    const std::string at = "tiers." + std::to_string(i++);
    domain::PriceTier tier;
    if (auto n = domain::parse_quantity(q))
      tier.min_quantity = *n;
    else
      errors.add(Error::invalid("field.quantity_invalid", at + ".min_quantity"));
    tier.unit_price = typed_price_amount(u, currency, lang, at + ".unit_price", errors);
    p.tiers.push_back(tier);
  }
  return p;
}

std::string price_text(std::int64_t minor, const std::string& currency, Language lang) {
  const int decimals = currency_exponent(currency).value_or(2);
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string out = std::to_string(minor / scale);
  if (decimals > 0) {
    std::string frac = std::to_string(minor % scale);
    frac.insert(0, static_cast<std::size_t>(decimals) - frac.size(), '0');
    out += (lang == Language::fr ? "," : ".") + frac;
  }
  return out;
}

}  // namespace rapport::app
