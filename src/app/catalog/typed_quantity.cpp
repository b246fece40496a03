#include "app/catalog/typed_quantity.h"

#include "app/catalog/typed_price.h"
#include "domain/catalog/pricing.h"

namespace rapport::app {
namespace {

bool typed_blank(const std::string& text) {
  return typed_number_plain(text, Language::fr).find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

std::string default_quantity_text() { return domain::quantity_text(kDefaultLineQuantity); }

std::optional<std::int64_t> typed_quantity(const std::string& text, Language lang) {
  return domain::parse_quantity(typed_number_plain(text, lang));
}

std::optional<std::int64_t> read_typed_quantity(const std::string& text, Language lang,
                                                const std::string& field, FieldErrors& errors) {
  if (typed_blank(text)) {
    errors.add(Error::invalid("field.required", field));
    return std::nullopt;
  }
  auto q = typed_quantity(text, lang);
  if (!q) errors.add(Error::invalid("field.quantity_invalid", field));
  return q;
}

std::int64_t read_typed_discount(const std::string& text, const std::string& currency,
                                 Language lang, const std::string& field, FieldErrors& errors) {
  if (typed_blank(text)) return 0;
  auto amount = typed_amount(text, currency, lang);
  if (!amount) {
    errors.add(Error::invalid("field.amount_invalid", field));
    return 0;
  }
  return *amount;
}

}  // namespace rapport::app
