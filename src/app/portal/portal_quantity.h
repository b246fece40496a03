// app/portal/portal_quantity.h: a quantity the customer types in the portal
// — the cart's and product page's field, a request's on an asset — read the
// same way on the pages and in the portal API (an API string, or a whole
// number as its digits), with the same default and errors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/language.h"
#include "core/result.h"

namespace rapport::app {

// What an empty quantity means: the cart needs one; a request on an asset
// keeps the asset's.
enum class EmptyQuantity { required, keep };

// `typed` ("2", "1.5", "1 000", "3,25") in thousandths, read as the staff
// forms read it (app::typed_quantity, in the customer's `lang`; the API
// reads English); nullopt when empty and `keep`. Errors: invalid_input on
// "quantity": "field.required" (empty and `required`),
// "field.quantity_invalid" (anything else unreadable).
Result<std::optional<std::int64_t>> portal_quantity(std::string_view typed, EmptyQuantity empty,
                                                    Language lang = Language::en);

}  // namespace rapport::app
