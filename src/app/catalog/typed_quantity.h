// app/catalog/typed_quantity.h: a line's quantity and discount as a person
// types them on a form — the quote page, the sales order page, the change
// order page, the eAdvisor's Add — read the same way everywhere, with the
// same default and the same errors; the JSON API reads a quantity given as
// text with the same rules (typed_quantity, in English).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/language.h"

namespace rapport::app {

// The quantity a line form proposes, and what an empty quantity is where a
// form has no quantity field to fill (the eAdvisor's Add): 1.
constexpr std::int64_t kDefaultLineQuantity = 1000;  // thousandths
// kDefaultLineQuantity as the form's field holds it ("1").
std::string default_quantity_text();

// Thousandths: "2", "1,5", "1.5", "1 000" (spaces, no-break and narrow
// no-break spaces, as French groups digits); in English "1,000" and
// "1,000.5" (commas group digits by three, or before a dot:
// typed_number_plain); at most three decimals, within domain::kMaxQuantity.
// nullopt when it is not a quantity.
std::optional<std::int64_t> typed_quantity(const std::string& text, Language lang);

// A line form's quantity: `text` read by typed_quantity. Empty is
// "field.required"; not a quantity, "field.quantity_invalid"; both on
// `field`, into `errors`. nullopt on an error.
std::optional<std::int64_t> read_typed_quantity(const std::string& text, Language lang,
                                                const std::string& field, FieldErrors& errors);

// A line form's discount: minor units of `currency`, typed as `lang`
// writes amounts (typed_amount: "1 234,50", "1,234.50"); empty is no
// discount (0). Not an amount: "field.amount_invalid" on `field`, into
// `errors`, and 0.
std::int64_t read_typed_discount(const std::string& text, const std::string& currency,
                                 Language lang, const std::string& field, FieldErrors& errors);

}  // namespace rapport::app
