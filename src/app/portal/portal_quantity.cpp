#include "app/portal/portal_quantity.h"

#include "app/catalog/typed_quantity.h"

namespace rapport::app {

Result<std::optional<std::int64_t>> portal_quantity(std::string_view typed, EmptyQuantity empty,
                                                    Language lang) {
  if (typed.find_first_not_of(" \t") == std::string_view::npos) {
    if (empty == EmptyQuantity::keep) return std::optional<std::int64_t>{};
    return Error::invalid("field.required", "quantity");
  }
  auto q = typed_quantity(std::string(typed), lang);
  if (!q) return Error::invalid("field.quantity_invalid", "quantity");
  return std::optional<std::int64_t>{*q};
}

}  // namespace rapport::app
